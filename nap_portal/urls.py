from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from monitor.api import api
from operations.views import health
from reporting.views.home import home

urlpatterns = [
    path("", home, name="home"),
    path("kader/", include("indicators.urls")),
    path("rapportage/", include("reporting.urls")),
    path("monitor/", include("monitor.urls")),
    path("api/", api.urls),
    path("account/", include("signatories.urls")),
    path("beheer/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("health/", health, name="health"),
    path(
        "toegankelijkheid/",
        TemplateView.as_view(template_name="accessibility.html"),
        name="accessibility",
    ),
]

# A database in overload is "busy" (503, Retry-After), not an error (nap_portal/overload.py).
handler500 = "nap_portal.overload.server_error"

from django.urls import path

from . import views

app_name = "indicators"
urlpatterns = [
    path("", views.framework, name="framework"),
    path("<str:code>/", views.framework, name="framework_plan"),
    path("<str:code>/toepassing/", views.applicability, name="applicability"),
    path("<str:code>/kopieren/", views.plan_copy, name="plan_copy"),
]

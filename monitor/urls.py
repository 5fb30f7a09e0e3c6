from django.urls import path, register_converter

from . import views


class RoundSlug:
    regex = r"[0-9]{4}(-[0-9]{4})?"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class IndicatorNumber:
    regex = r"[0-9]+(\.[0-9a-z]+)*"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(RoundSlug, "round")
register_converter(IndicatorNumber, "number")

app_name = "monitor"
urlpatterns = [
    path("", views.index, name="index"),
    path("open-data/", views.open_data, name="open_data"),
    path("indicator/<number:number>/", views.indicator_page, name="indicator"),
    path("indicator/<number:number>/grafiek.svg", views.indicator_chart, name="indicator_chart"),
    path("<round:round_slug>/", views.round_page, name="round"),
    path("<round:round_slug>/bijlage.<str:format>", views.download, name="download"),
]

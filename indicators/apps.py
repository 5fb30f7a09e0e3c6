from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = _("Kader: actieplan, thema's, doelen en indicatoren")

    def ready(self):
        from . import permissions  # noqa: F401  (registers the rules)

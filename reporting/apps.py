from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Rapportage")

    def ready(self):
        from . import framework_changes, permissions  # noqa: F401  (rules and receivers)

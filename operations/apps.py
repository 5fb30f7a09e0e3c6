from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """Running the portal safely: security headers, health, backups, structured logs."""

    name = "operations"
    verbose_name = _("Beheer en beveiliging")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignatoriesConfig(AppConfig):
    name = "signatories"
    verbose_name = _("Ondertekenaars en gebruikers")

    def ready(self):
        from . import audit_trail, idle, permissions, twofactor  # noqa: F401  (rules, receivers)

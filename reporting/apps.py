from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Rapportage")

    def ready(self):
        from django.db.backends.signals import connection_created

        from . import framework_changes, permissions  # noqa: F401  (rules and receivers)

        connection_created.connect(add_unaccent_to_sqlite, dispatch_uid="reporting_unaccent")


def add_unaccent_to_sqlite(sender, connection, **kwargs):
    """SQLite gets the `unaccent` function PostgreSQL has as an extension: the search folds
    accents the same way on both (reporting/selectors/search.py)."""
    if connection.vendor == "sqlite":
        from .selectors.search import fold

        connection.connection.create_function("unaccent", 1, fold, deterministic=True)

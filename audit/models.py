"""The audit log: who did what to which object, with what result, from where and when.

Append-only. The model refuses to change or delete a row, and PostgreSQL refuses too
(migration 0002: a trigger), so not even the admin or a bug in the application can rewrite
what happened.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnly(Exception):
    """Audit rows cannot be changed or deleted."""


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly("Het auditlog kan niet worden gewijzigd.")

    def delete(self):
        raise AppendOnly("Het auditlog kan niet worden gewijzigd.")


class AuditEvent(models.Model):
    class Result(models.TextChoices):
        OK = "ok", _("gelukt")
        REFUSED = "refused", _("geweigerd")
        FAILED = "failed", _("mislukt")

    at = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)
    # The actor as text, not a foreign key: the row outlives the account and stays unchanged.
    actor = models.CharField(_("wie"), max_length=254, blank=True)
    action = models.CharField(_("actie"), max_length=40, db_index=True)
    object_type = models.CharField(_("soort object"), max_length=60, blank=True)
    object_id = models.CharField(_("object-id"), max_length=40, blank=True)
    object_label = models.CharField(_("object"), max_length=300, blank=True)
    result = models.CharField(_("resultaat"), max_length=10, choices=Result.choices)
    origin = models.CharField(_("herkomst"), max_length=100, blank=True)
    detail = models.JSONField(_("details"), default=dict, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditlog")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.object_label}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnly("Het auditlog kan niet worden gewijzigd.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("Het auditlog kan niet worden gewijzigd.")

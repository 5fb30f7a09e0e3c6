"""E-mail waiting to go out. Written in the transaction of the change it reports, sent after."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutgoingMail(models.Model):
    to = models.EmailField(_("aan"))
    subject = models.CharField(_("onderwerp"), max_length=300)
    body_text = models.TextField(_("tekst"))
    body_html = models.TextField(_("HTML"))
    # Reminders are keyed per person and day: a second beat run queues nothing new.
    key = models.CharField(_("sleutel"), max_length=200, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    sent_at = models.DateTimeField(_("verzonden op"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    last_error = models.TextField(_("laatste fout"), blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("uitgaande e-mail")
        verbose_name_plural = _("uitgaande e-mails")
        indexes = [
            # The sweep looks for what is unsent.
            models.Index(fields=["sent_at", "created_at"], name="outbox_unsent"),
        ]

    def __str__(self):
        return f"{self.to}: {self.subject}"

"""Queue e-mail with the change that causes it; send it when the worker can.

A state change never waits for the broker: the mail is a row in the same transaction,
a task is asked to send it after commit, and a periodic sweep sends whatever that missed.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import OutgoingMail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 10


def render_mail(template, context):
    """(subject, text, html) from the triplet `<template>_subject.txt`, `.txt` and `.html`."""
    context = {"site_url": settings.SITE_URL.rstrip("/"), **context}
    with translation.override("nl"):
        subject = render_to_string(f"{template}_subject.txt", context)
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    return " ".join(subject.split()), text, html


def queue_mail(*, to, template, context, key=None):
    """Store a mail for each person in `to` (rendered with `person` in its context) and
    send them all with one task after the transaction commits.

    Side effects: OutgoingMail rows; after commit one send task (or nothing if the broker
    is down: the sweep sends them later). With `key`, a mail queued before is not repeated.
    Returns the ids of the mails stored.
    """
    ids = []
    for person in to:
        subject, text, html = render_mail(template, {**context, "person": person})
        mail = _store(to=person.email, subject=subject, text=text, html=html, key=key)
        if mail is not None:
            ids.append(mail.pk)
    if ids:
        transaction.on_commit(lambda: dispatch(ids))
    return ids


def queue_message(*, to, subject, text, html):
    """Store one mail rendered elsewhere (Django's password reset) and send it after commit.

    The request that asks for it never talks to the mail server, so it takes as long for an
    address that has an account as for one that has none.
    """
    mail = _store(to=to, subject=" ".join(subject.split()), text=text, html=html, key=None)
    transaction.on_commit(lambda: dispatch([mail.pk]))
    return mail


def _store(*, to, subject, text, html, key):
    """The stored mail, or None when one was queued before under `key`."""
    mail = OutgoingMail(to=to, subject=subject, body_text=text, body_html=html, key=key)
    try:
        with transaction.atomic():
            mail.save()
    except IntegrityError:
        return None
    return mail


def dispatch(ids):
    """Ask a worker to send these mails. A broker that is down only delays them."""
    from .tasks import send_mails

    try:
        send_mails.apply_async(kwargs={"mail_ids": ids}, retry=False)
    except Exception:  # any broker failure; the sweep will send them
        logger.warning("Broker unavailable; %s mail(s) wait for the sweep", len(ids), exc_info=True)


def send(mail_id):
    """Send one mail unless it was sent already (by another worker or an earlier try).

    Side effects: the mail is sent and `sent_at` set, or `attempts`/`last_error` recorded.
    """
    with transaction.atomic():
        mail = (
            OutgoingMail.objects.select_for_update(skip_locked=True)
            .filter(pk=mail_id, sent_at__isnull=True)
            .first()
        )
        if mail is None:
            return False
        message = EmailMultiAlternatives(mail.subject, mail.body_text, to=[mail.to])
        message.attach_alternative(mail.body_html, "text/html")
        mail.attempts += 1
        try:
            message.send()
        except Exception as error:  # SMTP and connection errors alike: try again later
            mail.last_error = f"{type(error).__name__}: {error}"
            mail.save(update_fields=["attempts", "last_error"])
            logger.warning("Sending mail %s failed: %s", mail.pk, mail.last_error)
            return False
        mail.sent_at = timezone.now()
        mail.save(update_fields=["attempts", "sent_at"])
    return True


def sweep():
    """Send every mail still waiting (after a broker or SMTP outage). Returns how many went."""
    waiting = OutgoingMail.objects.filter(sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS)
    return sum(send(pk) for pk in waiting.values_list("pk", flat=True))

"""E-mail: who hears of what, the reminder digest, and mail surviving a broker outage."""

import time
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from nap_portal.celery import app as celery_app
from outbox import services as outbox
from outbox.models import OutgoingMail
from reporting import reminders, services
from reporting.models import Submission

from .factories import UserFactory, fill_all


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """Run what the services queue after commit, as a real request would."""

    def run(action, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(**kwargs)

    return run


@pytest.fixture
def submitted(submission_minbz, editor_minbz, coordinator, sent):
    fill_all(submission_minbz)
    sent(services.submit_submission, submission=submission_minbz, by=editor_minbz)
    return submission_minbz


def test_a_submission_mails_each_coordinator_with_a_link_to_review_it(
    submitted, coordinator, settings
):
    [message] = mail.outbox
    assert message.to == [coordinator.email]
    assert message.subject == "Ingediend: Ministerie van Buitenlandse Zaken, rapportage 2025"
    assert "Beste Anne Bakker," in message.body
    assert "Sanne de Vries heeft de voortgangsrapportage" in message.body
    link = f"{settings.SITE_URL}/rapportage/inzending/{submitted.pk}/beoordelen/"
    assert link in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="{link}"' in html


def test_returning_mails_the_editors_the_reason_and_the_number_of_comments(
    submitted, coordinator, editor_minbz, sent
):
    mail.outbox.clear()
    services.add_comment(entry=submitted.entries.first(), by=coordinator, text="Bedrag?")
    sent(
        services.return_submission,
        submission=submitted,
        by=coordinator,
        reason="Vul de bedragen <b>aan</b>.",
    )
    [message] = mail.outbox
    assert message.to == [editor_minbz.email]
    assert (
        message.subject == "Teruggestuurd: uw rapportage 2025 (Ministerie van Buitenlandse Zaken)"
    )
    assert "Vul de bedragen <b>aan</b>." in message.body  # plain text: as written
    assert "Er staat 1 opmerking bij uw antwoorden." in message.body
    assert f"/rapportage/inzending/{submitted.pk}/\n" in message.body
    html = message.alternatives[0][0]
    assert "Vul de bedragen &lt;b&gt;aan&lt;/b&gt;." in html  # HTML: escaped


def test_approving_mails_the_editors(submitted, coordinator, editor_minbz, sent):
    mail.outbox.clear()
    sent(services.approve_submission, submission=submitted, by=coordinator)
    assert [m.to for m in mail.outbox] == [[editor_minbz.email]]
    assert mail.outbox[0].subject.startswith("Goedgekeurd: uw rapportage 2025")


# Reminders


@pytest.fixture
def editor_of_both(minbz, pax):
    return UserFactory(email="eva@example.org", full_name="Eva Smit", signatories=[minbz, pax])


def remind(sent, day):
    with_day = {"today": day}
    return sent(reminders.send_reminders, **with_day)


def test_a_person_with_two_late_reports_gets_one_digest_naming_both(
    submission_minbz, submission_pax, editor_of_both, editor_minbz, sent
):
    deadline = timezone.localdate(submission_minbz.round.deadline)
    assert remind(sent, deadline - timedelta(days=14)) == 2  # one for Eva, one for Sanne
    to_eva = [m for m in mail.outbox if m.to == [editor_of_both.email]]
    assert len(to_eva) == 1
    assert to_eva[0].subject == "Herinnering: 2 voortgangsrapportages nog niet ingediend"
    assert "Ministerie van Buitenlandse Zaken, rapportage 2025: 0 van 32" in to_eva[0].body
    assert "PAX, rapportage 2025: 0 van 34 indicatoren ingevuld; nog 14 dagen" in to_eva[0].body
    assert len([m for m in mail.outbox if m.to == [editor_minbz.email]]) == 1


def test_reminders_go_out_on_14_7_and_1_days_before_and_weekly_after_only(
    submission_minbz, editor_minbz, sent
):
    deadline = timezone.localdate(submission_minbz.round.deadline)
    days = {offset: remind(sent, deadline + timedelta(days=offset)) for offset in range(-15, 22)}
    assert sorted(offset for offset, queued in days.items() if queued) == [-14, -7, -1, 7, 14, 21]
    assert "de deadline" in mail.outbox[-1].body and "is verstreken" in mail.outbox[-1].body


def test_a_second_run_on_the_same_day_sends_nothing_new(submission_minbz, editor_minbz, sent):
    day = timezone.localdate(submission_minbz.round.deadline) - timedelta(days=7)
    assert remind(sent, day) == 1
    assert remind(sent, day) == 0
    assert len(mail.outbox) == 1


def test_submitted_reports_are_not_chased(submitted, editor_minbz, sent):
    mail.outbox.clear()
    day = timezone.localdate(submitted.round.deadline) - timedelta(days=1)
    assert remind(sent, day) == 0
    assert mail.outbox == []


# Broker outage


@pytest.fixture
def broker_down():
    """A real broker URL nobody listens on; tasks are no longer run in the web process."""
    conf = celery_app.conf
    saved = conf.task_always_eager, conf.broker_url
    conf.task_always_eager, conf.broker_url = False, "redis://127.0.0.1:1/0"
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    yield
    conf.task_always_eager, conf.broker_url = saved
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


def test_with_the_broker_down_a_decision_succeeds_and_its_mail_waits_for_the_sweep(
    submitted, coordinator, editor_minbz, sent, broker_down
):
    mail.outbox.clear()
    started = time.monotonic()
    sent(services.return_submission, submission=submitted, by=coordinator, reason="Aanvullen.")
    assert time.monotonic() - started < 5  # the request does not hang on the broker
    assert Submission.objects.get(pk=submitted.pk).state == Submission.State.RETURNED
    waiting = OutgoingMail.objects.get(sent_at__isnull=True)
    assert waiting.to == editor_minbz.email
    assert mail.outbox == []

    assert outbox.sweep() == 1  # the broker is back: beat runs the sweep
    assert [m.to for m in mail.outbox] == [[editor_minbz.email]]
    assert outbox.sweep() == 0  # and never twice
    assert len(mail.outbox) == 1


def test_a_failing_mail_server_is_retried_by_the_sweep(
    submitted, coordinator, editor_minbz, sent, settings
):
    mail.outbox.clear()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 1
    sent(services.approve_submission, submission=submitted, by=coordinator)
    waiting = OutgoingMail.objects.get(sent_at__isnull=True)
    assert waiting.attempts == 1 and "Error" in waiting.last_error
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert outbox.sweep() == 1
    assert [m.to for m in mail.outbox] == [[editor_minbz.email]]


def test_one_send_task_carries_the_mails_of_every_recipient(
    submission_minbz, editor_minbz, coordinator, sent, monkeypatch
):
    UserFactory(email="bram@wo-men.example.org", is_coordinator=True)
    dispatched = []
    monkeypatch.setattr(outbox, "dispatch", dispatched.append)
    fill_all(submission_minbz)
    sent(services.submit_submission, submission=submission_minbz, by=editor_minbz)
    assert [len(ids) for ids in dispatched] == [2]  # one broker call per state change

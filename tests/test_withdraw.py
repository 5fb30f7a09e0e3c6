"""An organisation takes its handed-in report back before a coordinator starts on it
(issue 16): with a reason, logged, and only while it can still be changed."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from outbox.models import OutgoingMail
from reporting import services
from reporting.models import ReportingRound, Submission

from .factories import fill_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def handed_in(submission_minbz, editor_minbz):
    fill_all(submission_minbz)
    services.submit_submission(submission=submission_minbz, by=editor_minbz)
    OutgoingMail.objects.all().delete()
    return submission_minbz


def withdraw(client, user, submission, reason="Cijfers bij 2.a ontbreken nog."):
    client.force_login(user)
    return client.post(
        reverse("reporting:submission_withdraw", args=[submission.pk]), {"reason": reason}
    )


def test_the_editor_withdraws_with_a_reason_and_can_edit_again(client, editor_minbz, handed_in):
    client.force_login(editor_minbz)
    page = client.get(reverse("reporting:submission", args=[handed_in.pk])).text
    assert "Terugtrekken…" in page
    assert withdraw(client, editor_minbz, handed_in, reason=" ").status_code == 200
    assert Submission.objects.get(pk=handed_in.pk).state == "submitted"
    response = withdraw(client, editor_minbz, handed_in)
    assert response.status_code == 302
    handed_in.refresh_from_db()
    assert handed_in.state == "draft" and handed_in.is_editable
    event = handed_in.events.last()
    assert (event.action, event.reason, event.by) == (
        "withdrawn",
        "Cijfers bij 2.a ontbreken nog.",
        editor_minbz,
    )
    assert AuditEvent.objects.filter(action="withdrawn", result="ok").count() == 1
    assert not OutgoingMail.objects.exists()
    page = client.get(reverse("reporting:submission", args=[handed_in.pk])).text
    assert "entry-form" in page and "teruggetrokken" in page


def test_not_once_a_coordinator_has_started(client, editor_minbz, coordinator, handed_in):
    entry = handed_in.entries.first()
    services.add_comment(entry=entry, by=coordinator, text="Graag bedragen noemen.")
    response = withdraw(client, editor_minbz, handed_in)
    assert "al begonnen met beoordelen" in response.text
    assert Submission.objects.get(pk=handed_in.pk).state == "submitted"


def test_not_after_the_deadline_nor_after_approval(client, editor_minbz, coordinator, handed_in):
    ReportingRound.objects.filter(pk=handed_in.round_id).update(
        deadline=timezone.now() - timedelta(minutes=1),
        opens_at=timezone.now() - timedelta(days=30),
    )
    assert "deadline is voorbij" in withdraw(client, editor_minbz, handed_in).text
    ReportingRound.objects.filter(pk=handed_in.round_id).update(
        deadline=timezone.now() + timedelta(days=3)
    )
    services.approve_submission(submission=handed_in, by=coordinator)
    assert withdraw(client, editor_minbz, handed_in).status_code == 403
    assert Submission.objects.get(pk=handed_in.pk).state == "approved"


@pytest.mark.parametrize(("role", "status"), [("editor_pax", 404), ("coordinator", 403)])
def test_nobody_else_withdraws(client, request, handed_in, role, status):
    assert withdraw(client, request.getfixturevalue(role), handed_in).status_code == status
    with pytest.raises(services.WorkflowError):
        services.withdraw_submission(
            submission=handed_in, by=request.getfixturevalue(role), reason="x"
        )
    assert Submission.objects.get(pk=handed_in.pk).state == "submitted"

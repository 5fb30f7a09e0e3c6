"""Internal sign-off: editor → "ter accordering" → the organisation's approver → WO=MEN."""

import pytest
from django.core import mail
from django.urls import reverse

from audit.models import AuditEvent
from reporting import signoff
from reporting.models import Submission, SubmissionEvent
from reporting.services import WorkflowError, submit_submission, withdraw_submission
from signatories.models import Membership

from .factories import UserFactory, fill_all


@pytest.fixture
def approver(minbz):
    user = UserFactory(email="directeur@minbz.example.org", full_name="Dirk Directeur")
    Membership.objects.create(user=user, signatory=minbz, is_approver=True)
    return user


@pytest.fixture
def signoff_minbz(minbz, approver, submission_minbz):
    minbz.requires_signoff = True
    minbz.save()
    fill_all(submission_minbz)
    return submission_minbz


@pytest.fixture
def offered(signoff_minbz, editor_minbz, coordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submit_submission(submission=signoff_minbz, by=editor_minbz)
    signoff_minbz.refresh_from_db()
    return signoff_minbz


def signoff_url(submission):
    return reverse("reporting:submission_signoff", args=[submission.pk])


def test_handing_in_goes_to_the_approver_first_and_mails_only_the_approvers(
    client, offered, approver
):
    assert offered.state == Submission.State.SIGNOFF
    [message] = mail.outbox
    assert message.to == [approver.email]
    assert message.subject == (
        "Ter accordering: Ministerie van Buitenlandse Zaken, rapportage 2025"
    )
    assert f"/rapportage/inzending/{offered.pk}/accorderen/" in message.body
    client.force_login(approver)
    page = client.get(reverse("reporting:submission", args=[offered.pk]))
    assert "is ter accordering aangeboden" in page.text
    assert signoff_url(offered) in page.text
    assert "entry-form" not in page.text  # not editable while waiting


def test_the_editors_button_says_what_happens(client, signoff_minbz, editor_minbz):
    client.force_login(editor_minbz)
    page = client.get(reverse("reporting:submission", args=[signoff_minbz.pk]))
    assert "Ter accordering aanbieden" in page.text
    confirm = client.get(reverse("reporting:submission_submit", args=[signoff_minbz.pk]))
    assert "accordeert haar rapportage intern" in confirm.text


def test_the_approver_signs_off_and_the_report_is_handed_in_to_the_coordinators(
    client, offered, approver, coordinator, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    client.force_login(approver)
    seen = offered.events.last().pk
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(signoff_url(offered), {"approve-seen_event": seen, "approve": ""})
    assert response.status_code == 302
    offered.refresh_from_db()
    assert offered.state == Submission.State.SUBMITTED
    assert offered.submitted_by == approver
    assert [e.action for e in offered.events.all()] == ["signoff_requested", "signed_off"]
    [message] = mail.outbox
    assert message.to == [coordinator.email]
    assert "Dirk Directeur heeft de voortgangsrapportage" in message.body
    assert AuditEvent.objects.filter(action="signed_off", actor=approver.email).exists()
    overview = client.get(reverse("reporting:submission", args=[offered.pk]))
    assert "geaccordeerd en ingediend</strong> door Dirk Directeur" in overview.text


def test_sending_back_needs_comments_and_returns_a_draft_with_them_on_top(
    client, offered, approver, editor_minbz, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    client.force_login(approver)
    seen = offered.events.last().pk
    empty = client.post(signoff_url(offered), {"return-seen_event": seen, "return": ""})
    assert "Schrijf wat er anders moet." in empty.text
    offered.refresh_from_db()
    assert offered.state == Submission.State.SIGNOFF
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            signoff_url(offered),
            {"return-seen_event": seen, "return-reason": "Cijfers 5.2.a nakijken.", "return": ""},
        )
    offered.refresh_from_db()
    assert offered.state == Submission.State.DRAFT
    [message] = mail.outbox
    assert message.to == [editor_minbz.email]  # the approver does not mail himself
    assert "niet geaccordeerd en teruggestuurd" in message.body
    assert "Cijfers 5.2.a nakijken." in message.body
    client.force_login(editor_minbz)
    page = client.get(reverse("reporting:submission", args=[offered.pk]))
    assert "Niet geaccordeerd door Dirk Directeur" in page.text
    assert "Cijfers 5.2.a nakijken." in page.text
    assert "entry-form" in page.text  # editable again


def test_an_approver_who_wrote_part_of_it_cannot_sign_it_off(client, offered, approver):
    entry = offered.entries.first()
    entry._history_user = approver
    entry.save()
    client.force_login(approver)
    page = client.get(signoff_url(offered))
    assert "Een andere accordeur van uw organisatie moet haar accorderen" in page.text
    seen = offered.events.last().pk
    refused = client.post(signoff_url(offered), {"approve-seen_event": seen, "approve": ""})
    assert "Alleen een accordeur van deze organisatie die er niet aan meeschreef" in refused.text
    offered.refresh_from_db()
    assert offered.state == Submission.State.SIGNOFF
    assert AuditEvent.objects.filter(action="signed_off", result="refused").exists()


def test_the_editor_who_offered_it_cannot_approve_it_even_as_approver(offered, editor_minbz):
    Membership.objects.filter(user=editor_minbz).update(is_approver=True)
    with pytest.raises(WorkflowError):
        signoff.approve(submission=offered, by=editor_minbz)


@pytest.mark.parametrize(
    "step",
    [{"approve": ""}, {"return": "", "return-reason": "Nee."}],
    ids=["approve", "send-back"],
)
@pytest.mark.parametrize(
    ("who", "status"),
    [("editor_minbz", 403), ("coordinator", 403), ("administrator", 403), ("editor_pax", 404)],
)
def test_nobody_but_the_organisations_approvers_reaches_the_signoff(
    client, offered, who, status, step, request
):
    client.force_login(request.getfixturevalue(who))
    response = client.post(signoff_url(offered), step)
    assert response.status_code == status
    offered.refresh_from_db()
    assert offered.state == Submission.State.SIGNOFF


@pytest.mark.parametrize("who", ["editor_minbz", "coordinator", "editor_pax", "reader"])
def test_the_services_refuse_anyone_but_an_approver(offered, who, request):
    user = request.getfixturevalue(who)
    with pytest.raises(WorkflowError):
        signoff.approve(submission=offered, by=user)
    with pytest.raises(WorkflowError):
        signoff.send_back(submission=offered, by=user, reason="Nee.")
    offered.refresh_from_db()
    assert offered.state == Submission.State.SIGNOFF


@pytest.mark.parametrize("state", ["draft", "submitted", "returned", "approved"])
def test_the_approver_decides_only_while_it_waits_for_sign_off(offered, approver, state):
    Submission.objects.filter(pk=offered.pk).update(state=state)
    with pytest.raises(WorkflowError):
        signoff.approve(submission=offered, by=approver)
    with pytest.raises(WorkflowError):
        signoff.send_back(submission=offered, by=approver, reason="Nee.")
    offered.refresh_from_db()
    assert offered.state == state


def test_two_approvers_at_once_one_decides_the_other_sees_it_is_done(client, offered, approver):
    seen = offered.events.last().pk
    colleague = UserFactory(email="plv@minbz.example.org", full_name="Petra Plaatsvervanger")
    Membership.objects.create(user=colleague, signatory=offered.signatory, is_approver=True)
    signoff.approve(submission=offered, by=colleague, seen_event=seen)
    client.force_login(approver)
    late = client.post(
        signoff_url(offered),
        {"return-seen_event": seen, "return-reason": "Nee.", "return": ""},
    )
    assert "gewijzigd sinds u de pagina opende" in late.text
    offered.refresh_from_db()
    assert offered.state == Submission.State.SUBMITTED


def test_offering_without_any_approver_is_refused_with_a_way_out(
    signoff_minbz, approver, editor_minbz
):
    Membership.objects.filter(user=approver).delete()
    with pytest.raises(WorkflowError, match="heeft nog geen accordeur"):
        submit_submission(submission=signoff_minbz, by=editor_minbz)


def test_the_editor_can_take_it_back_from_the_approver(offered, editor_minbz):
    withdraw_submission(submission=offered, by=editor_minbz, reason="Nog een correctie.")
    offered.refresh_from_db()
    assert offered.state == Submission.State.DRAFT
    assert offered.events.last().action == SubmissionEvent.Action.WITHDRAWN


def test_coordinators_see_the_stage_in_the_overview(client, offered, coordinator):
    client.force_login(coordinator)
    page = client.get(reverse("reporting:round_overview", args=[offered.round.pk]))
    assert "ter accordering" in page.text

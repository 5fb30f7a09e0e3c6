"""The life of a round: create, open, close, extend; refusals in Dutch, nothing half done."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from audit.models import AuditEvent
from indicators.models import ActionPlan
from outbox.models import OutgoingMail
from reporting import publishing, rounds
from reporting.models import ReportingRound, Submission
from reporting.services import WorkflowError
from signatories.models import Signatory

from .factories import EntryFactory, RoundFactory, SubmissionFactory, publish

NOW = timezone.now()


@pytest.fixture
def plan(framework):
    return ActionPlan.objects.get(code="NAP1325-IV")


def new_round(plan, coordinator, first=2026, last=None, opens=NOW, deadline=None):
    return rounds.create_round(
        plan=plan,
        first_year=first,
        last_year=last or first,
        opens_at=opens,
        deadline=deadline or opens + timedelta(days=60),
        by=coordinator,
    )


def test_a_coordinator_creates_a_round_over_two_years_in_preparation(plan, coordinator):
    round = new_round(plan, coordinator, 2024, 2025)
    assert round.state == "preparation"
    assert round.period == "de jaren 2024 en 2025"
    assert not round.submissions.exists()  # nobody is asked anything yet
    assert AuditEvent.objects.filter(action="round_created", object_id=str(round.pk)).exists()


@pytest.mark.parametrize(
    ("first", "last", "deadline_days", "message"),
    [
        (2025, 2026, 60, "Er is al een ronde over (een deel van) deze jaren"),
        (2026, 2026, -1, "De deadline ligt vóór de opening"),
        (2028, 2028, 60, "NAP1325-IV loopt van 2021 tot en met 2027"),
        (2027, 2026, 60, "Het laatste jaar ligt vóór het eerste jaar"),
    ],
)
def test_bad_input_is_refused_in_dutch_and_nothing_is_created(
    plan, coordinator, first, last, deadline_days, message
):
    RoundFactory(first_year=2025)
    count = ReportingRound.objects.count()
    with pytest.raises(WorkflowError, match=re.escape(message)):
        new_round(plan, coordinator, first, last, deadline=NOW + timedelta(days=deadline_days))
    assert ReportingRound.objects.count() == count


def test_opening_asks_every_active_signatory_and_mails_their_editors_once(
    plan, coordinator, editor_minbz, editor_pax
):
    Signatory.objects.filter(code="Cordaid").update(is_active=False)
    round = new_round(plan, coordinator)
    rounds.open_round(round=round, by=coordinator, seen_state="preparation")
    round.refresh_from_db()
    assert round.state == "open"
    assert round.submissions.count() == Signatory.objects.active().count()
    assert not round.submissions.filter(signatory__code="Cordaid").exists()
    mails = OutgoingMail.objects.filter(subject__contains="over 2026 is geopend")
    assert sorted(mails.values_list("to", flat=True)) == sorted(
        [editor_minbz.email, editor_pax.email]
    )
    # Closing and opening again asks nobody twice.
    rounds.close_round(round=round, by=coordinator)
    rounds.open_round(round=round, by=coordinator)
    assert mails.count() == 2


# (action, state before) → state after, or None when refused.
TRANSITIONS = {
    ("open", "preparation"): "open",
    ("open", "open"): None,
    ("open", "closed"): "open",
    ("open", "published"): None,
    ("close", "preparation"): None,
    ("close", "open"): "closed",
    ("close", "closed"): None,
    ("close", "published"): None,
    ("extend", "preparation"): None,
    ("extend", "open"): "open",
    ("extend", "closed"): None,
    ("extend", "published"): None,
    ("publish", "preparation"): None,
    ("publish", "open"): None,
    ("publish", "closed"): "published",
    ("publish", "published"): "published",  # a new version
    ("withdraw", "preparation"): None,
    ("withdraw", "open"): None,
    ("withdraw", "closed"): None,
    ("withdraw", "published"): "closed",
}


ACTIONS = {
    "open": lambda r, by: rounds.open_round(round=r, by=by),
    "close": lambda r, by: rounds.close_round(round=r, by=by),
    "extend": lambda r, by: rounds.extend_deadline(
        round=r, by=by, deadline=r.deadline + timedelta(days=7), reason="Zomervakantie."
    ),
    "publish": lambda r, by: publishing.publish_round(round=r, by=by, note="versie 2: fout"),
    "withdraw": lambda r, by: publishing.withdraw(round=r, by=by, reason="Fout in 1.a."),
}


@pytest.mark.parametrize(("action", "state"), TRANSITIONS)
def test_every_transition_is_allowed_or_refused_and_audited(
    plan, coordinator, action, state, django_capture_on_commit_callbacks
):
    round = RoundFactory(first_year=2026, state=state)
    # One approved answer, so that only the state decides whether publishing may go ahead.
    EntryFactory(submission=SubmissionFactory(round=round, state="approved"))
    if state == "published":
        publish(round)
    if action == "publish":  # the files of the approved content of now
        with django_capture_on_commit_callbacks(execute=True):
            publishing.prepare(round=round, by=coordinator)
    expected = TRANSITIONS[(action, state)]
    if expected is None:
        with pytest.raises(WorkflowError):
            ACTIONS[action](round, coordinator)
    else:
        ACTIONS[action](round, coordinator)
    round.refresh_from_db()
    assert round.state == (expected or state)
    event = AuditEvent.objects.filter(
        object_type="reporting.ReportingRound", object_id=str(round.pk)
    ).get()
    assert event.result == ("ok" if expected else "refused")


def test_a_stale_page_is_refused(plan, coordinator):
    round = RoundFactory(first_year=2026, state="open")
    rounds.close_round(round=round, by=coordinator)  # another coordinator, meanwhile
    with pytest.raises(WorkflowError, match="Deze ronde is intussen gesloten"):
        rounds.open_round(round=round, by=coordinator, seen_state="open")


def test_extending_the_deadline_mails_those_who_have_not_handed_in(
    plan, coordinator, submission_minbz, submission_pax, editor_minbz, editor_pax
):
    round = submission_minbz.round
    Submission.objects.filter(pk=submission_pax.pk).update(state="submitted")
    new = round.deadline + timedelta(days=14)
    rounds.extend_deadline(round=round, by=coordinator, deadline=new, reason="Verkiezingen.")
    round.refresh_from_db()
    assert round.deadline == new
    mail = OutgoingMail.objects.get(subject__startswith="Nieuwe deadline")
    assert mail.to == editor_minbz.email
    assert "Verkiezingen." in mail.body_text
    with pytest.raises(WorkflowError, match="Kies een nieuwe deadline na de huidige"):
        rounds.extend_deadline(round=round, by=coordinator, deadline=new, reason="Nog eens.")
    with pytest.raises(WorkflowError, match="Geef een reden op"):
        rounds.extend_deadline(round=round, by=coordinator, deadline=new + timedelta(1), reason=" ")


def test_who_will_report_lists_every_active_signatory_with_its_indicators(plan, editor_minbz):
    invited = {i.signatory.code: i for i in rounds.who_will_report(plan)}
    assert len(invited) == Signatory.objects.active().count()
    assert invited["MinBZ"].indicators == 32 and invited["MinBZ"].editors == 1
    assert invited["MinDef"].indicators == 0  # answers on goals as such


def test_the_command_runs_the_same_services(plan, coordinator):
    from io import StringIO

    from django.core.management import CommandError, call_command

    def run(*args):
        out = StringIO()
        call_command("round", *args, stdout=out)
        return out.getvalue()

    by = ["--by", coordinator.email.upper()]
    created = run(
        "create",
        "--plan",
        "NAP1325-IV",
        "--years",
        "2026",
        "2027",
        "--opens",
        "2027-01-15",
        "--deadline",
        "2027-03-01",
        *by,
    )
    assert "NAP1325-IV 2026–2027: in voorbereiding, deadline 01-03-2027 23:59" in created
    assert "open, " in run("open", "2026", *by)
    assert "deadline 15-03-2027 23:59" in run(
        "extend", "2026", "--deadline", "2027-03-15", "--reason", "Verkiezingen.", *by
    )
    assert "gesloten" in run("close", "2026", *by)
    with pytest.raises(CommandError, match="Alleen een open ronde kan worden gesloten"):
        run("close", "2026", *by)
    with pytest.raises(CommandError, match="geen enkel goedgekeurd antwoord"):
        run("publish", "2026", *by)
    with pytest.raises(CommandError, match="geen gepubliceerde versie"):
        run("withdraw", "2026", "--reason", "Fout.", *by)
    with pytest.raises(CommandError, match="--by"):
        run("open", "2026")
    assert AuditEvent.objects.filter(actor=coordinator.email, action="round_closed").count() == 2


def test_closing_waits_for_open_editor_invitations_unless_confirmed(plan, coordinator, pax):
    from signatories import invitations

    round = RoundFactory(first_year=2026, state="open")
    invitations.invite(email="nina@pax.example.org", role="editor", signatory=pax, by=coordinator)
    invitations.invite(email="lees@example.org", role="reader", by=coordinator)
    with pytest.raises(WorkflowError, match="1 uitgenodigde redacteur"):
        rounds.close_round(round=round, by=coordinator)
    round.refresh_from_db()
    assert round.state == "open"
    rounds.close_round(round=round, by=coordinator, despite_invitations=True)
    round.refresh_from_db()
    assert round.state == "closed"

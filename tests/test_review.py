"""Coordinators review: approve, return with reasons and comments, reopen, unlock."""

from datetime import timedelta

import pytest
import time_machine
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from reporting import services
from reporting.models import EntryComment, Submission, SubmissionEvent
from signatories.models import Membership

from .factories import UserFactory, fill_all
from .queries import count_queries


@pytest.fixture
def submitted(submission_minbz, editor_minbz):
    fill_all(submission_minbz)
    return services.submit_submission(submission=submission_minbz, by=editor_minbz)


@pytest.fixture
def second_coordinator(framework):
    return UserFactory(email="bram@wo-men.example.org", full_name="Bram Kok", is_coordinator=True)


def put_in_state(submission, state, coordinator):
    """Bring a submitted report into `state` through the services (as users would)."""
    if state == "draft":
        Submission.objects.filter(pk=submission.pk).update(state="draft")
    elif state == "returned":
        services.return_submission(submission=submission, by=coordinator, reason="Aanvullen.")
    elif state == "approved":
        services.approve_submission(submission=submission, by=coordinator)
    submission.refresh_from_db()
    return submission


ACTIONS = {
    "approve": lambda s, by: services.approve_submission(submission=s, by=by),
    "return": lambda s, by: services.return_submission(submission=s, by=by, reason="Graag meer."),
    "reopen": lambda s, by: services.reopen_submission(submission=s, by=by, reason="Fout ontdekt."),
    "unlock": lambda s, by: services.unlock_submission(
        submission=s, by=by, reason="Ziek.", until=timezone.now() + timedelta(days=3)
    ),
}
# (action, state before) → state after, or None when the transition is refused.
TRANSITIONS = {
    ("approve", "draft"): None,
    ("approve", "submitted"): "approved",
    ("approve", "returned"): None,
    ("approve", "approved"): None,
    ("return", "draft"): None,
    ("return", "submitted"): "returned",
    ("return", "returned"): None,
    ("return", "approved"): None,
    ("reopen", "draft"): None,
    ("reopen", "submitted"): None,
    ("reopen", "returned"): None,
    ("reopen", "approved"): "returned",
    # Unlocking changes no state: it only lets the signatory in after the deadline.
    ("unlock", "draft"): "draft",
    ("unlock", "submitted"): "submitted",
    ("unlock", "returned"): "returned",
    ("unlock", "approved"): "approved",
}


@pytest.mark.parametrize(("action", "before"), list(TRANSITIONS))
def test_every_transition_is_allowed_or_refused_and_leaves_the_state_consistent(
    submitted, coordinator, action, before
):
    submission = put_in_state(submitted, before, coordinator)
    events_before = submission.events.count()
    expected = TRANSITIONS[(action, before)]
    if expected is None:
        with pytest.raises(services.WorkflowError):
            ACTIONS[action](submission, coordinator)
        submission.refresh_from_db()
        assert submission.state == before
        assert submission.events.count() == events_before
    else:
        ACTIONS[action](submission, coordinator)
        submission.refresh_from_db()
        assert submission.state == expected
        assert submission.events.count() == events_before + 1


@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("role", ["editor_minbz", "editor_pax", "reader", "administrator"])
def test_only_coordinators_take_review_steps(request, submitted, coordinator, action, role):
    if action == "reopen":
        put_in_state(submitted, "approved", coordinator)
    state = Submission.objects.get(pk=submitted.pk).state
    with pytest.raises(services.WorkflowError, match="Alleen coördinatoren"):
        ACTIONS[action](submitted, request.getfixturevalue(role))
    assert Submission.objects.get(pk=submitted.pk).state == state


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("reporting:submission_approve", {}),
        ("reporting:submission_return", {"reason": "Graag meer."}),
        ("reporting:submission_unlock", {"reason": "Ziek.", "until": "2099-01-01"}),
    ],
)
@pytest.mark.parametrize("role", ["editor_minbz", "reader", "administrator"])
def test_review_pages_refuse_other_roles_and_change_nothing(
    client, request, submitted, role, url, data
):
    client.force_login(request.getfixturevalue(role))
    response = client.post(reverse(url, args=[submitted.pk]), data)
    assert response.status_code in (403, 404)
    submitted.refresh_from_db()
    assert submitted.state == Submission.State.SUBMITTED
    assert submitted.unlocked_until is None


def test_a_coordinator_approves_after_confirming(client, submitted, coordinator):
    client.force_login(coordinator)
    url = reverse("reporting:submission_approve", args=[submitted.pk])
    confirm = client.get(url)
    assert "Definitief goedkeuren" in confirm.text
    response = client.post(url, {"seen_event": submitted.events.last().pk}, follow=True)
    assert "is goedgekeurd" in response.text
    submitted.refresh_from_db()
    assert submitted.state == Submission.State.APPROVED
    event = submitted.events.last()
    assert (event.action, event.by) == ("approved", coordinator)


def test_returning_without_a_reason_is_refused_with_a_message(client, submitted, coordinator):
    client.force_login(coordinator)
    url = reverse("reporting:submission_return", args=[submitted.pk])
    response = client.post(url, {"reason": "   "})
    assert response.status_code == 200
    assert "Er is iets niet goed ingevuld" in response.text
    assert "Geef een reden op." in response.text
    submitted.refresh_from_db()
    assert submitted.state == Submission.State.SUBMITTED
    with pytest.raises(services.WorkflowError, match="Geef een reden op"):
        services.return_submission(submission=submitted, by=coordinator, reason="")


def test_a_coordinator_who_wrote_in_the_report_cannot_approve_it(
    client, submitted, coordinator, minbz
):
    Membership.objects.create(user=coordinator, signatory=minbz)
    client.force_login(coordinator)
    review = client.get(reverse("reporting:submission_review", args=[submitted.pk]))
    assert "Een andere coördinator moet haar beoordelen" in review.text
    response = client.post(reverse("reporting:submission_approve", args=[submitted.pk]), {})
    assert "Een andere coördinator moet haar beoordelen" in response.text
    submitted.refresh_from_db()
    assert submitted.state == Submission.State.SUBMITTED


def test_a_coordinator_who_edited_an_entry_cannot_approve_it(submitted, coordinator):
    entry = submitted.entries.first()
    entry.narrative = "<p>Door de coördinator verbeterd.</p>"
    entry._history_user = coordinator
    entry.save()
    with pytest.raises(services.WorkflowError, match="meegeschreven"):
        services.approve_submission(submission=submitted, by=coordinator)


def test_two_coordinators_at_once_the_second_is_refused_and_told_why(
    client, submitted, coordinator, second_coordinator
):
    seen = submitted.events.last().pk  # both opened the page showing the submission
    services.approve_submission(submission=submitted, by=second_coordinator, seen_event=seen)
    client.force_login(coordinator)
    response = client.post(
        reverse("reporting:submission_return", args=[submitted.pk]),
        {"reason": "Graag meer.", "seen_event": seen},
    )
    assert "gewijzigd sinds u de pagina opende" in response.text
    submitted.refresh_from_db()
    assert submitted.state == Submission.State.APPROVED
    assert list(submitted.events.values_list("action", flat=True)) == ["submitted", "approved"]
    with pytest.raises(services.WorkflowError, match="goedgekeurd door Bram Kok"):
        services.return_submission(submission=submitted, by=coordinator, reason="Graag meer.")


def test_returned_report_shows_the_reason_and_the_comments_at_their_entries(
    client, submitted, coordinator, editor_minbz
):
    entry = submitted.entries.get(indicator__number="2.a")
    client.force_login(coordinator)
    client.post(
        reverse("reporting:entry_comment", args=[submitted.pk, entry.pk]),
        {"text": "Noem ook de bedragen."},
    )
    client.force_login(editor_minbz)
    page = client.get(reverse("reporting:submission", args=[submitted.pk]))
    assert "Noem ook de bedragen." not in page.text  # not shared before a decision

    services.return_submission(
        submission=submitted, by=coordinator, reason="Indicator 2.a is te summier."
    )
    page = client.get(reverse("reporting:submission", args=[submitted.pk]))
    assert "Teruggestuurd door Anne Bakker" in page.text
    assert "Indicator 2.a is te summier." in page.text
    article = page.text.split(f'id="antwoord-{entry.pk}"')[1].split("</article>")[0]
    assert "Noem ook de bedragen." in article
    assert "entry-form" in page.text  # editable again
    # The return's notice links to every answer with a comment (issue 16).
    notice = page.text.split('class="alert alert-warning"')[1].split("</div>")[0]
    assert f'href="#antwoord-{entry.pk}"' in notice and "2.a" in notice
    assert "dagen tot de deadline" in page.text
    services.submit_submission(submission=submitted, by=editor_minbz)
    page = client.get(reverse("reporting:submission", args=[submitted.pk]))
    assert "tot de deadline" not in page.text  # handed in: no countdown any more


def test_a_returned_report_comes_back_with_a_diff_and_keeps_its_history(
    client, submitted, coordinator, editor_minbz
):
    services.return_submission(submission=submitted, by=coordinator, reason="Meer graag.")
    entry = submitted.entries.get(indicator__number="1.a")
    services.save_entry(
        entry=entry,
        by=editor_minbz,
        version=entry.version,
        narrative_html="<p>Ingevuld met twaalf trainingen.</p>",
    )
    services.submit_submission(submission=submitted, by=editor_minbz)
    client.force_login(coordinator)
    page = client.get(reverse("reporting:submission_review", args=[submitted.pk]))
    assert "1 antwoord is sindsdien gewijzigd" in page.text
    assert (
        '<del><span class="visually-hidden">[verwijderd:] </span>Ingevuld.</del> '
        '<ins><span class="visually-hidden">[toegevoegd:] </span>Ingevuld met twaalf '
        "trainingen.</ins>"
    ) in page.text
    assert "Meer graag." in page.text  # the reason stays in the history
    assert list(submitted.events.values_list("action", flat=True)) == [
        "submitted",
        "returned",
        "submitted",
    ]


def test_the_review_shows_last_years_answer_beside_the_entry(client, submitted, coordinator, minbz):
    from .factories import RoundFactory

    last_year = RoundFactory(first_year=2024, state="closed")
    old = services.ensure_submission(round=last_year, signatory=minbz)
    old_entry = old.entries.get(indicator__number="1.a")
    old_entry.narrative = "<p>Vorig jaar zeven trainingen.</p>"
    old_entry.save()
    client.force_login(coordinator)
    page = client.get(reverse("reporting:submission_review", args=[submitted.pk]))
    row = page.text.split(f'id="antwoord-{submitted.entries.get(indicator__number="1.a").pk}"')[1]
    assert "Antwoord over 2024" in row.split("</tr>")[0]
    assert "Vorig jaar zeven trainingen." in row.split("</tr>")[0]


def test_reopening_an_approved_report_needs_a_reason_and_is_logged(client, submitted, coordinator):
    services.approve_submission(submission=submitted, by=coordinator)
    client.force_login(coordinator)
    url = reverse("reporting:submission_reopen", args=[submitted.pk])
    assert "Geef een reden op." in client.post(url, {"reason": ""}).text
    client.post(url, {"reason": "Cijfer 2.a klopt niet."})
    submitted.refresh_from_db()
    assert submitted.state == Submission.State.RETURNED
    event = submitted.events.last()
    assert (event.action, event.reason) == ("reopened", "Cijfer 2.a klopt niet.")


def test_unlocking_after_the_deadline_lets_the_editors_change_it_again(
    client, submission_minbz, coordinator, editor_minbz
):
    entry = submission_minbz.entries.first()
    with time_machine.travel(submission_minbz.round.deadline + timedelta(days=2)):
        assert not submission_minbz.is_editable
        client.force_login(coordinator)
        until = (timezone.localdate() + timedelta(days=5)).isoformat()
        url = reverse("reporting:submission_unlock", args=[submission_minbz.pk])
        assert "Geef een reden op." in client.post(url, {"until": until}).text
        client.post(url, {"until": until, "reason": "Ziekte van de redacteur."})
        submission_minbz.refresh_from_db()
        assert submission_minbz.is_editable
        services.save_entry(
            entry=entry, by=editor_minbz, version=entry.version, narrative_html="<p>Laat.</p>"
        )
        event = submission_minbz.events.get()
        assert (event.action, event.reason) == ("unlocked", "Ziekte van de redacteur.")
        assert timezone.localdate(event.unlocked_until).isoformat() == until
    with time_machine.travel(submission_minbz.round.deadline + timedelta(days=8)):
        submission_minbz.refresh_from_db()
        assert not submission_minbz.is_editable


def test_comments_stay_after_the_report_is_approved(submitted, coordinator):
    entry = submitted.entries.first()
    services.add_comment(entry=entry, by=coordinator, text="Mooi voorbeeld.")
    services.approve_submission(submission=submitted, by=coordinator)
    comment = EntryComment.objects.get()
    assert comment.event.action == SubmissionEvent.Action.APPROVED


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_the_review_trail_cannot_be_changed_or_deleted_in_the_database(submitted):
    event = submitted.events.get()
    for change in (
        lambda: SubmissionEvent.objects.filter(pk=event.pk).update(reason="Iets anders"),
        lambda: SubmissionEvent.objects.filter(pk=event.pk)._raw_delete(connection.alias),
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            change()
    assert SubmissionEvent.objects.get(pk=event.pk).reason == ""


def test_the_review_page_uses_the_same_queries_for_few_or_many_comments(
    client, submitted, coordinator, editor_minbz
):
    entries = list(submitted.entries.all())
    services.add_comment(entry=entries[0], by=coordinator, text="Eén.")
    client.force_login(coordinator)
    url = reverse("reporting:submission_review", args=[submitted.pk])
    few, _ = count_queries(lambda: client.get(url))
    for entry in entries[1:12]:
        services.add_comment(entry=entry, by=coordinator, text="Nog een.")
    services.return_submission(submission=submitted, by=coordinator, reason="Aanvullen.")
    services.submit_submission(submission=submitted, by=editor_minbz)
    many, page = count_queries(lambda: client.get(url))
    # Each at its answer, and once more in the list of open remarks at the top.
    assert page.text.count("Nog een.") == 2 * 11
    # The returned-and-resubmitted page adds one query: the diff's baseline from history.
    assert many == few + 1


def test_returning_after_the_deadline_warns_to_unlock_as_well(client, submitted, coordinator):
    client.force_login(coordinator)
    url = reverse("reporting:submission_return", args=[submitted.pk])
    assert "de deadline is verstreken" not in client.get(url).text
    with time_machine.travel(submitted.round.deadline + timedelta(days=1)):
        client.force_login(coordinator)  # the session of a day ago has expired
        assert "de deadline is verstreken" in client.get(url).text
        unlock = client.get(reverse("reporting:submission_unlock", args=[submitted.pk]))
        assert "de deadline is verstreken" not in unlock.text


def test_unlocking_a_report_of_a_closed_round_is_refused(submission_minbz, coordinator):
    submission_minbz.round.state = "closed"
    submission_minbz.round.save()
    with pytest.raises(services.WorkflowError, match="niet open"):
        ACTIONS["unlock"](submission_minbz, coordinator)
    submission_minbz.refresh_from_db()
    assert submission_minbz.unlocked_until is None
    assert not submission_minbz.events.exists()


def test_a_comment_on_an_answer_without_an_indicator_is_saved_and_confirmed(
    client, submitted, coordinator
):
    """Finding 12: 14 of the 48 answers of 2021 stand on a goal or subgoal as such."""
    from reporting.models import Entry

    first = submitted.entries.select_related("indicator").first()
    goal_answer = Entry.objects.create(
        submission=submitted, goal=first.indicator.goal, narrative="<p>Over het doel.</p>"
    )
    client.force_login(coordinator)
    response = client.post(
        reverse("reporting:entry_comment", args=[submitted.pk, goal_answer.pk]),
        {"text": "Graag concreter."},
        follow=True,
    )
    assert response.status_code == 200
    assert f"Opmerking bij {first.indicator.goal.number} opgeslagen." in response.text
    assert EntryComment.objects.filter(entry=goal_answer).count() == 1


def test_any_answer_can_be_commented_on_and_the_comment_reaches_its_editors(client, coordinator):
    """The factories' answer: no fact of the real framework is needed for this behaviour."""
    from .factories import EntryFactory

    entry = EntryFactory(submission__signatory__code="ORGX")
    client.force_login(coordinator)
    client.post(
        reverse("reporting:entry_comment", args=[entry.submission_id, entry.pk]),
        {"text": "Bron graag."},
    )
    assert EntryComment.objects.get(entry=entry).text == "Bron graag."

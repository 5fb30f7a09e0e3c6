"""Submitting a whole report, and the deadline."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from reporting.models import Submission

from .factories import fill_all


@pytest.fixture
def editor(client, editor_minbz):
    client.force_login(editor_minbz)
    return client


def test_submitting_is_refused_while_indicators_are_empty(editor, submission_minbz):
    url = reverse("reporting:submission_submit", args=[submission_minbz.pk])
    response = editor.post(url)
    assert "Uw rapportage is niet ingediend" in response.text
    assert "Bij 32 indicatoren ontbreekt een toelichting" in response.text
    listed = [response.text.index(f">{n} ") for n in ("1.a", "1.b", "1.1.a", "2.a", "5.4.b")]
    assert listed == sorted(listed)  # in plan order, as the form shows them
    submission_minbz.refresh_from_db()
    assert submission_minbz.state == Submission.State.DRAFT


def test_a_complete_report_is_submitted_and_becomes_read_only(
    editor, submission_minbz, editor_minbz
):
    fill_all(submission_minbz)
    response = editor.post(reverse("reporting:submission_submit", args=[submission_minbz.pk]))
    assert response.status_code == 302
    submission_minbz.refresh_from_db()
    assert submission_minbz.state == Submission.State.SUBMITTED
    assert submission_minbz.submitted_by == editor_minbz
    page = editor.get(reverse("reporting:submission", args=[submission_minbz.pk]))
    assert "is ingediend en wordt beoordeeld" in page.text
    assert "entry-form" not in page.text
    entry = submission_minbz.entries.first()
    save = reverse("reporting:entry_save", args=[submission_minbz.pk, entry.pk])
    refused = editor.post(
        save, {f"e{entry.pk}-version": entry.version, f"e{entry.pk}-narrative": "<p>Later.</p>"}
    )
    assert refused.status_code == 403
    assert "ingediend en kan niet meer worden gewijzigd" in refused.text
    entry.refresh_from_db()
    assert entry.narrative == "<p>Ingevuld.</p>"


def test_not_applicable_with_a_reason_counts_as_filled(editor, submission_minbz):
    fill_all(submission_minbz)
    entry = submission_minbz.entries.first()
    entry.narrative, entry.not_applicable = "", True
    entry.not_applicable_reason = "Geen activiteiten."
    entry.save()
    editor.post(reverse("reporting:submission_submit", args=[submission_minbz.pk]))
    submission_minbz.refresh_from_db()
    assert submission_minbz.state == Submission.State.SUBMITTED


def test_after_the_deadline_the_report_is_locked(editor, submission_minbz, editor_minbz):
    entry = submission_minbz.entries.first()
    deadline = submission_minbz.round.deadline
    with time_machine.travel(deadline + timedelta(minutes=1)):
        editor.force_login(editor_minbz)
        page = editor.get(reverse("reporting:submission", args=[submission_minbz.pk]))
        assert "Gesloten sinds" in page.text
        assert "entry-form" not in page.text
        save = reverse("reporting:entry_save", args=[submission_minbz.pk, entry.pk])
        refused = editor.post(
            save, {f"e{entry.pk}-version": 1, f"e{entry.pk}-narrative": "<p>Te laat.</p>"}
        )
        assert refused.status_code == 403
        assert "gesloten sinds" in refused.text
    entry.refresh_from_db()
    assert entry.narrative == ""


def test_a_coordinator_unlock_reopens_a_report_after_the_deadline(
    editor, submission_minbz, editor_minbz
):
    entry = submission_minbz.entries.first()
    deadline = submission_minbz.round.deadline
    submission_minbz.unlocked_until = deadline + timedelta(days=3)
    submission_minbz.save()
    with time_machine.travel(deadline + timedelta(days=1)):
        editor.force_login(editor_minbz)
        save = reverse("reporting:entry_save", args=[submission_minbz.pk, entry.pk])
        response = editor.post(
            save, {f"e{entry.pk}-version": 1, f"e{entry.pk}-narrative": "<p>Met uitstel.</p>"}
        )
        assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.narrative == "<p>Met uitstel.</p>"


def test_the_page_counts_down_to_the_deadline(editor, submission_minbz, editor_minbz):
    with time_machine.travel(submission_minbz.round.deadline - timedelta(days=3)):
        editor.force_login(editor_minbz)
        page = editor.get(reverse("reporting:submission", args=[submission_minbz.pk]))
    assert "Nog 3 dagen tot de deadline" in page.text


def test_a_second_indienen_after_the_first_is_told_not_refused(editor, submission_minbz):
    """A double click or a second tab: the second POST arrives after the first went through."""
    fill_all(submission_minbz)
    url = reverse("reporting:submission_submit", args=[submission_minbz.pk])
    assert editor.post(url).status_code == 302
    second = editor.post(url, follow=True)
    assert second.status_code == 200
    assert "Deze rapportage is al ingediend." in second.text


def test_indienen_racing_another_indienen_gets_a_message_not_a_500(
    editor, submission_minbz, editor_minbz, monkeypatch
):
    """Finding 6: both requests pass the access check before either takes the row lock;
    the loser's service refuses, and the view must answer that in Dutch."""
    from reporting import services
    from reporting.views import entries

    fill_all(submission_minbz)
    seen_before = Submission.objects.get(pk=submission_minbz.pk)  # as the loser read it
    services.submit_submission(submission=submission_minbz, by=editor_minbz)  # the winner
    monkeypatch.setattr(entries, "get_submission_for_user", lambda *a, **k: seen_before)
    response = editor.post(
        reverse("reporting:submission_submit", args=[submission_minbz.pk]), follow=True
    )
    assert response.status_code == 200
    assert "Deze rapportage is al ingediend." in response.text
    assert submission_minbz.events.count() == 1

"""Coordinators run a round from the portal: create, open, extend, close (issue 12)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from indicators.models import ActionPlan
from outbox.models import OutgoingMail
from reporting.models import ReportingRound
from signatories.models import Membership

from .factories import fill_all


def create(client, **fields):
    data = {
        "plan": ActionPlan.objects.get(code="NAP1325-IV").pk,
        "first_year": "2026",
        "last_year": "",
        "opens_at": "2027-01-15",
        "deadline": "2027-03-01",
        **fields,
    }
    return client.post(reverse("reporting:round_create"), data, follow=True)


def test_a_coordinator_creates_opens_extends_and_closes_a_round(
    client, coordinator, editor_minbz, framework
):
    client.force_login(coordinator)
    form = client.get(reverse("reporting:round_create"))
    assert "Wie rapporteert, en waarover (NAP1325-IV)" in form.text
    assert "geen: antwoordt op doelen" in form.text  # Defensie, the Politie
    assert not ReportingRound.objects.exists()  # nothing before the coordinator says so

    page = create(client)
    round = ReportingRound.objects.get()
    assert (round.state, round.period) == ("preparation", "het jaar 2026")
    assert "De ronde is aangemaakt, in voorbereiding." in page.text

    opening = client.get(reverse("reporting:round_open", args=[round.pk]))
    assert "redacteur krijgt een e-mail dat de ronde open is" in opening.text
    client.post(reverse("reporting:round_open", args=[round.pk]), {"seen_state": "preparation"})
    round.refresh_from_db()
    assert round.state == "open" and round.submissions.exists()
    assert OutgoingMail.objects.filter(to=editor_minbz.email).exists()

    extended = client.post(
        reverse("reporting:round_extend", args=[round.pk]),
        {"seen_state": "open", "deadline": "2027-03-15", "reason": "Verkiezingen."},
        follow=True,
    )
    assert "De deadline is verlengd." in extended.text
    round.refresh_from_db()
    assert timezone.localtime(round.deadline).date().isoformat() == "2027-03-15"

    client.post(reverse("reporting:round_close", args=[round.pk]), {"seen_state": "open"})
    round.refresh_from_db()
    assert round.state == "closed"


def test_overlapping_years_are_refused_with_a_dutch_message_and_nothing_created(
    client, coordinator, round_2025
):
    client.force_login(coordinator)
    page = create(client, first_year="2024", last_year="2025")
    assert "Er is al een ronde over (een deel van) deze jaren: het jaar 2025." in page.text
    assert ReportingRound.objects.count() == 1
    page = create(client, deadline="2027-01-01")
    assert "De deadline ligt vóór de opening." in page.text
    assert ReportingRound.objects.count() == 1


def test_a_step_confirmed_on_a_stale_page_is_refused(client, coordinator, round_2025):
    client.force_login(coordinator)
    ReportingRound.objects.filter(pk=round_2025.pk).update(state="closed")  # another tab
    page = client.post(
        reverse("reporting:round_close", args=[round_2025.pk]), {"seen_state": "open"}
    )
    assert "Deze ronde is intussen gesloten." in page.text


def test_a_double_click_on_closing_gets_a_message_not_a_500(client, coordinator, round_2025):
    client.force_login(coordinator)
    url = reverse("reporting:round_close", args=[round_2025.pk])
    assert client.post(url, {"seen_state": "open"}).status_code == 302
    second = client.post(url, {"seen_state": "open"})
    assert second.status_code == 200
    assert "Deze ronde is intussen gesloten." in second.text


def test_the_deadline_form_refuses_a_date_before_the_current_one(client, coordinator, round_2025):
    client.force_login(coordinator)
    earlier = (timezone.localdate(round_2025.deadline) - timedelta(days=1)).isoformat()
    page = client.post(
        reverse("reporting:round_extend", args=[round_2025.pk]),
        {"seen_state": "open", "deadline": earlier, "reason": "x"},
    )
    assert "Kies een nieuwe deadline na de huidige" in page.text


def test_the_overview_names_contact_persons_and_reminds_from_there(
    client, coordinator, submission_minbz, submission_pax, editor_minbz, editor_pax
):
    Membership.objects.filter(user=editor_pax).update(is_contact=True)
    fill_all(submission_minbz)  # MinBZ is busy, PAX has not started
    client.force_login(coordinator)
    round = submission_minbz.round
    page = client.get(reverse("reporting:round_overview", args=[round.pk])).text
    assert "mailto:pieter@pax.example.org" in page and "Herinnering sturen" in page
    url = reverse("reporting:round_remind", args=[round.pk])
    page = client.get(url).text
    assert "Nog niet begonnen: 1 organisatie: PAX" in page
    client.post(url, {"group": "not_started", "message": "Wij rekenen op u!"})
    mails = OutgoingMail.objects.all()
    assert [m.to for m in mails] == ["pieter@pax.example.org"]
    assert "Wij rekenen op u!" in mails[0].body_text
    # A double click, or a second reminder the same day, mails nobody twice.
    client.post(url, {"group": "not_handed_in"})
    assert sorted(m.to for m in OutgoingMail.objects.all()) == [
        "pieter@pax.example.org",
        "sanne@minbz.example.org",
    ]
    client.post(url, {"group": "not_handed_in"})
    assert OutgoingMail.objects.count() == 2


def test_a_closed_round_sends_no_reminders(client, coordinator, submission_pax, editor_pax):
    round = submission_pax.round
    round.state = "closed"
    round.save()
    client.force_login(coordinator)
    response = client.post(
        reverse("reporting:round_remind", args=[round.pk]), {"group": "not_started"}
    )
    assert "alleen uit in een open ronde" in response.text


STEP_URLS = [
    "reporting:round_open",
    "reporting:round_close",
    "reporting:round_extend",
    "reporting:round_remind",
    "reporting:round_publish",
    "reporting:round_publish_prepare",
    "reporting:publication_withdraw",
]


@pytest.mark.parametrize("role", ["anonymous", "editor_minbz", "reader", "administrator"])
@pytest.mark.parametrize("name", STEP_URLS)
def test_only_coordinators_change_a_round(client, request, submission_minbz, role, name):
    """Every transition × every other role: refused, and nothing changed."""
    round = submission_minbz.round
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    data = {"seen_state": "open", "reason": "x", "group": "not_started", "confirm": "on"}
    response = client.post(reverse(name, args=[round.pk]), data)
    if role == "anonymous":
        assert response.status_code == 302 and "inloggen" in response["Location"]
    else:
        assert response.status_code == 403
    round.refresh_from_db()
    assert round.state == "open"
    assert not OutgoingMail.objects.exists()
    assert not round.editions.exists()
    created = client.post(
        reverse("reporting:round_create"),
        {
            "plan": round.plan_id,
            "first_year": 2026,
            "opens_at": "2027-01-01",
            "deadline": "2027-03-01",
        },
    )
    assert created.status_code in (302, 403) and ReportingRound.objects.count() == 1


def test_the_coordinator_who_opens_a_round_may_approve_its_reports(
    client, coordinator, editor_minbz, minbz
):
    """Found by the year's browser test: the entries created when a coordinator opened the
    round carried that coordinator in their history, which made them an 'author' of every
    report, so they could approve none."""
    from reporting.permissions import can_decide_submission

    round = ReportingRound.objects.create(
        plan=ActionPlan.objects.get(code="NAP1325-IV"),
        first_year=2026,
        last_year=2026,
        opens_at=timezone.now(),
        deadline=timezone.now() + timedelta(days=30),
    )
    client.force_login(coordinator)
    client.post(reverse("reporting:round_open", args=[round.pk]), {"seen_state": "preparation"})
    submission = round.submissions.get(signatory=minbz)
    assert submission.entries.exists()
    assert can_decide_submission.test(coordinator, submission)

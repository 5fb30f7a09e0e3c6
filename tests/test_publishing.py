"""Publishing is one deliberate act: a checklist, versions with notes, withdrawal; readers
see exactly the current version, on every page."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from reporting import publishing, services
from reporting.annex import editions
from reporting.models import Edition, Publication, ReportingRound

from .factories import fill_all, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(submission_minbz, submission_pax, editor_minbz, coordinator):
    """MinBZ approved, PAX still a draft; the round closed."""
    fill_all(submission_minbz, "<p>BZ steunde vrouwenorganisaties.</p>")
    services.submit_submission(submission=submission_minbz, by=editor_minbz)
    services.approve_submission(submission=submission_minbz, by=coordinator)
    round = submission_minbz.round
    round.state = ReportingRound.State.CLOSED
    round.save()
    return round


def prepare(round, coordinator, capture):
    with capture(execute=True):
        publishing.prepare(round=round, by=coordinator)


def status(client, edition):
    response = client.get(reverse("reporting:edition_download", args=[edition.pk]))
    for closer in getattr(response, "_resource_closers", []):
        closer()  # the file only; response.close() would close the test's database too
    return response.status_code


def read(client, user, name, round):
    client.force_login(user)
    return client.get(reverse(name, args=[round.pk]))


def test_the_checklist_says_what_is_missing_and_publishing_waits_for_it(
    approved, coordinator, client, django_capture_on_commit_callbacks
):
    check = publishing.checklist(approved)
    assert check.approved == 1 and [s.signatory.code for s in check.not_approved] == ["PAX"]
    assert check.missing_formats == publishing.FORMATS
    with pytest.raises(services.WorkflowError, match="Niet alle bestanden"):
        publishing.publish_round(round=approved, by=coordinator)
    page = read(client, coordinator, "reporting:round_publish", approved).text
    assert "1 van 2 ondertekenaars goedgekeurd" in page
    assert "PAX" in page and "Bestanden samenstellen" in page and "Versie 1 publiceren" not in page
    prepare(approved, coordinator, django_capture_on_commit_callbacks)
    check = publishing.checklist(approved)
    assert check.problems == []
    page = read(client, coordinator, "reporting:round_publish", approved).text
    assert "Versie 1 publiceren" in page


def test_an_open_round_or_an_empty_one_cannot_be_published(submission_minbz, coordinator, client):
    round = submission_minbz.round
    problems = publishing.checklist(round).problems
    assert any("Sluit de ronde eerst" in p for p in problems)
    assert any("geen enkel goedgekeurd antwoord" in p for p in problems)
    with pytest.raises(services.WorkflowError):
        publishing.publish_round(round=round, by=coordinator)
    assert not Publication.objects.exists()
    refused = AuditEvent.objects.get(action="round_published")
    assert refused.result == "refused"


def test_publish_replace_and_withdraw_as_a_reader_sees_it(
    approved, coordinator, reader, client, django_capture_on_commit_callbacks
):
    assert read(client, reader, "reporting:annex", approved).status_code == 403
    prepare(approved, coordinator, django_capture_on_commit_callbacks)
    client.force_login(coordinator)
    response = client.post(
        reverse("reporting:round_publish", args=[approved.pk]),
        {"seen_version": 1, "note": "", "confirm": "on"},
    )
    assert response.status_code == 302
    approved.refresh_from_db()
    assert approved.state == "published"
    first = Publication.objects.get()
    assert first.published_by == coordinator and first.editions.count() == 4

    # The reader reads the page as published, and downloads its files.
    page = read(client, reader, "reporting:annex", approved).text
    assert "BZ steunde vrouwenorganisaties." in page and "Versie 1, gepubliceerd" in page
    pdf = first.editions.get(format="pdf")
    assert status(client, pdf) == 200
    assert reverse("reporting:annex", args=[approved.pk]) in client.get(reverse("home")).text
    assert pdf.filename in client.get(reverse("reporting:editions")).text

    # A correction: MinBZ's text changes, the page readers see does not until version 2.
    entry = approved.submissions.get(signatory__code="MinBZ").entries.first()
    entry.narrative = "<p>Gecorrigeerde tekst van BZ.</p>"
    entry.save()
    page = read(client, reader, "reporting:annex", approved).text
    assert "Gecorrigeerde tekst" not in page
    with pytest.raises(services.WorkflowError, match="wat er is veranderd"):
        prepare(approved, coordinator, django_capture_on_commit_callbacks)
        publishing.publish_round(round=approved, by=coordinator, seen_version=2)
    second = publishing.publish_round(
        round=approved, by=coordinator, note="versie 2: correctie MinBZ 1.a", seen_version=2
    )
    page = read(client, reader, "reporting:annex", approved).text
    assert "Gecorrigeerde tekst van BZ." in page
    assert "versie 2: correctie MinBZ 1.a" in page and "vervangen" in page
    new_pdf = second.editions.get(format="pdf")
    assert status(client, new_pdf) == 200
    assert status(client, pdf) == 403
    editions_page = client.get(reverse("reporting:editions")).text
    assert "versie 2: correctie MinBZ 1.a" in editions_page

    # A page that showed version 2 to publish cannot publish over version 2.
    with pytest.raises(services.WorkflowError, match="Intussen is versie 2"):
        publishing.publish_round(round=approved, by=coordinator, note="x", seen_version=2)

    # Withdrawn: readers see nothing of this round; the versions stay.
    client.force_login(coordinator)
    client.post(
        reverse("reporting:publication_withdraw", args=[approved.pk]),
        {"reason": "Onjuiste cijfers", "seen_version": 2},
    )
    approved.refresh_from_db()
    assert approved.state == "closed"
    assert Publication.objects.count() == 2
    assert read(client, reader, "reporting:annex", approved).status_code == 403
    assert status(client, new_pdf) == 403
    assert pdf.filename not in client.get(reverse("reporting:editions")).text
    logged = AuditEvent.objects.filter(result="ok").values_list("action", flat=True)
    assert list(
        logged.filter(action__in=["round_published", "publication_withdrawn"]).order_by("pk")
    ) == [
        "round_published",
        "round_published",
        "publication_withdrawn",
    ]


def test_withdrawing_needs_a_reason_and_only_the_current_version(approved, coordinator):
    publish(approved)
    new = publish(approved)
    with pytest.raises(services.WorkflowError, match="reden"):
        publishing.withdraw(round=approved, by=coordinator, reason="  ")
    with pytest.raises(services.WorkflowError, match="huidige versie"):
        publishing.withdraw(round=approved, by=coordinator, reason="fout", seen_version=1)
    assert publishing.current(approved) == new
    publishing.withdraw(round=approved, by=coordinator, reason="fout", seen_version=2)
    with pytest.raises(services.WorkflowError, match="geen gepubliceerde versie"):
        publishing.withdraw(round=approved, by=coordinator, reason="fout")


def test_a_published_edition_is_never_a_concept(
    approved, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for format in publishing.FORMATS:
            editions.request_edition(round=approved, by=coordinator, format=format, concept=True)
    assert publishing.checklist(approved).missing_formats == publishing.FORMATS
    prepare(approved, coordinator, django_capture_on_commit_callbacks)
    publication = publishing.publish_round(round=approved, by=coordinator)
    assert not publication.editions.filter(concept=True).exists()
    assert Edition.objects.filter(concept=True).count() == 4

"""A whole year, in a browser, as its people do it (issue 12): a coordinator creates the next
round and opens it; a new organisation's editor is invited, accepts and reports on a goal as
such; another signatory reports; the deadline is extended; the round is closed and its annex
published after the checklist, then replaced by version 2; a reader sees only version 2."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from outbox.models import OutgoingMail
from reporting.models import Entry, Publication, ReportingRound, Submission
from signatories.models import Signatory, User

from .test_journeys import publish_round

PASSWORD = "Vrede-en-veiligheid-2026"


def approve(page, submission):
    page.goto(reverse("reporting:submission_review", args=[submission.pk]))
    page.get_by_role("link", name="Goedkeuren").click()
    page.get_by_role("button", name="Definitief goedkeuren").click()
    expect(page.locator("main")).to_contain_text("goedgekeurd")


def hand_in(page, submission):
    page.goto(reverse("reporting:submission", args=[submission.pk]))
    page.get_by_role("link", name="Indienen").click()
    page.get_by_role("button", name="Definitief indienen").click()
    expect(page.locator("main")).to_contain_text("ingediend")


def test_a_year_from_a_new_round_to_version_2_for_readers(
    transactional_db, framework, as_user, browser, browser_context_args, live_server,
    coordinator, administrator, editor_minbz, reader,
):  # fmt: skip
    # Rondes → Nieuwe ronde: the coordinator sees who will report before creating anything.
    wo_men = as_user(coordinator)
    wo_men.goto(reverse("reporting:round_create"))
    wo_men.get_by_label("Eerste jaar").fill("2026")
    wo_men.get_by_label("Open vanaf").fill("2027-01-15")
    wo_men.get_by_label("Deadline (tot en met)").fill("2099-03-01")
    expect(wo_men.locator("main")).to_contain_text("Ministerie van Buitenlandse Zaken")
    wo_men.get_by_role("button", name=re.compile("aanmaken", re.I)).click()
    round = ReportingRound.objects.get(first_year=2026)
    assert round.state == "preparation"
    wo_men.get_by_role("link", name="Ronde openen…").click()
    wo_men.get_by_role("button", name="Ja, ronde openen").click()
    expect(wo_men.locator("main")).to_contain_text("De ronde is open")

    # A new organisation, added in Beheer while the round is open, gets its report.
    admin = as_user(administrator)
    admin.goto(reverse("admin:signatories_signatory_add"))
    admin.get_by_label("Naam").fill("Gemeente Den Haag")
    admin.get_by_label("Korte code").fill("DenHaag")
    admin.get_by_label("Soort").select_option(label="Overige overheid")
    admin.get_by_role("button", name="Opslaan", exact=True).click()
    den_haag = Signatory.objects.get(code="DenHaag")
    report = Submission.objects.get(round=round, signatory=den_haag)

    # Uitnodigingen: the coordinator invites its editor; she accepts and chooses a password.
    wo_men.goto(reverse("invitations"))
    wo_men.get_by_label("E-mailadres").fill("nina@denhaag.example.org")
    wo_men.get_by_label("Rol").select_option("editor")
    wo_men.get_by_label("Organisatie").select_option(label="Gemeente Den Haag")
    wo_men.get_by_role("button", name="Uitnodiging versturen").click()
    expect(wo_men.locator("main")).to_contain_text("is uitgenodigd")
    mail = OutgoingMail.objects.get(to="nina@denhaag.example.org").body_text
    link = re.search(r"/account/uitnodiging/\S+/", mail).group(0)
    guest = browser.new_context(**browser_context_args, base_url=live_server.url)
    nina = guest.new_page()
    nina.goto(link)
    nina.get_by_label("Uw naam").fill("Nina de Groot")
    nina.locator("#id_new_password1").fill(PASSWORD)
    nina.get_by_label("Nieuw wachtwoord bevestigen").fill(PASSWORD)
    nina.get_by_role("button", name="Account aanmaken").click()
    expect(nina.locator("main")).to_contain_text("Uw account is klaar")
    assert User.objects.get(email="nina@denhaag.example.org").signatories.get() == den_haag

    # She reports on a goal as such (Den Haag has no indicators) and hands in.
    nina.goto(reverse("reporting:submission", args=[report.pk]))
    nina.get_by_role("combobox", name=re.compile("^Doel of subdoel")).select_option(index=1)
    nina.get_by_label("Eigen indicator (optioneel)").fill("Aantal bijeenkomsten")
    nina.get_by_role("button", name=re.compile("toevoegen", re.I)).click()
    answer = Entry.objects.get(submission=report)
    nina.click(f'form[data-entry="{answer.pk}"] .ProseMirror')
    nina.keyboard.type("Den Haag organiseerde vier vredesdialogen.")
    expect(nina.locator(f"#status-{answer.pk}")).to_contain_text("Opgeslagen om")
    hand_in(nina, report)
    guest.close()

    # MinBZ reports too (its 32 answers written before; the editor hands in).
    minbz = Submission.objects.get(round=round, signatory__code="MinBZ")
    for entry in minbz.entries.all():
        entry.narrative = "<p>BZ financierde vrouwenorganisaties.</p>"
        entry._history_user = editor_minbz  # she wrote them, not whoever the server saw last
        entry.save()
    hand_in(as_user(editor_minbz), minbz)

    # The deadline moves, with a reason; then both are approved and the round is closed.
    wo_men.goto(reverse("reporting:round_overview", args=[round.pk]))
    wo_men.get_by_role("link", name="Deadline verlengen…").click()
    wo_men.get_by_label("Nieuwe deadline (tot en met)").fill("2099-04-01")
    wo_men.get_by_label("Reden").fill("Verkiezingen.")
    wo_men.get_by_role("button", name="Deadline verlengen").click()
    expect(wo_men.locator("main")).to_contain_text("De deadline is verlengd")
    assert Submission.objects.get(pk=report.pk).state == "submitted"
    assert Submission.objects.get(pk=minbz.pk).state == "submitted"
    approve(wo_men, report)
    approve(wo_men, minbz)

    # Publishing: checklist, files, version 1; then a correction as version 2.
    publish_round(wo_men, round.pk)
    assert Publication.objects.get(round=round).version == 1
    corrected = minbz.entries.get(indicator__number="1.a")
    Entry.objects.filter(pk=corrected.pk).update(narrative="<p>Gecorrigeerd: 14 trainingen.</p>")
    publish_round(wo_men, round.pk, note="versie 2: correctie MinBZ 1.a")

    # The reader sees version 2 with its note, the corrected text, and only its files.
    reading = as_user(reader)
    reading.goto(reverse("reporting:annex", args=[round.pk]))
    main = reading.locator("main")
    expect(main).to_contain_text("Versie 2, gepubliceerd op")
    expect(main).to_contain_text("versie 2: correctie MinBZ 1.a")
    expect(main).to_contain_text("Gecorrigeerd: 14 trainingen.")
    expect(main).to_contain_text("Den Haag organiseerde vier vredesdialogen.")
    reading.goto(reverse("reporting:editions"))
    current = Publication.objects.get(round=round, version=2).editions.all()
    old = Publication.objects.get(round=round, version=1).editions.exclude(pk__in=current)
    for edition in current:
        expect(reading.get_by_role("link", name=edition.filename)).to_be_visible()
    for edition in old:
        response = reading.request.get(reverse("reporting:edition_download", args=[edition.pk]))
        assert response.status == 403

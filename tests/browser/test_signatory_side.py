"""The signatory's side in a browser (issue 16): internal sign-off, withdrawing, a comment
thread with reply and resolve and the returned report's jump-links, and Word round-trip."""

import io

import docx
from django.urls import reverse
from playwright.sync_api import expect

from reporting import services
from reporting.models import Submission
from signatories.models import Membership

from ..factories import UserFactory
from ..test_wordform import row_of, write


def submit(page, submission, button="Definitief indienen", link="Indienen"):
    page.goto(reverse("reporting:submission", args=[submission.pk]))
    page.get_by_role("link", name=link).click()
    page.get_by_role("button", name=button).click()


def test_sign_off_from_editor_through_the_approver_to_wo_men(
    world, as_user, editor_minbz, coordinator
):
    submission = world["submission"]
    submission.signatory.requires_signoff = True
    submission.signatory.save()
    approver = UserFactory(email="directeur@minbz.example.org", full_name="Dirk Directeur")
    Membership.objects.create(user=approver, signatory=submission.signatory, is_approver=True)

    editor = as_user(editor_minbz)
    submit(editor, submission, "Ter accordering aanbieden", "Ter accordering aanbieden")
    expect(editor.locator("main")).to_contain_text("is ter accordering aangeboden")

    boss = as_user(approver)
    boss.goto(reverse("reporting:submission", args=[submission.pk]))
    boss.get_by_role("link", name="Accorderen…").click()
    boss.get_by_role("button", name="Terugsturen naar de redacteuren").click()
    expect(boss.locator(".error-summary")).to_contain_text("Schrijf wat er anders moet.")
    boss.get_by_label("Wat moet er anders?").fill("Graag de cijfers bij 5.2.a nakijken.")
    boss.get_by_role("button", name="Terugsturen naar de redacteuren").click()

    editor.goto(reverse("reporting:submission", args=[submission.pk]))
    expect(editor.locator("main")).to_contain_text("Graag de cijfers bij 5.2.a nakijken.")
    submit(editor, submission, "Ter accordering aanbieden", "Ter accordering aanbieden")
    boss.goto(reverse("reporting:submission_signoff", args=[submission.pk]))
    boss.get_by_role("button", name="Accorderen en indienen").click()
    expect(boss.locator("main")).to_contain_text("geaccordeerd en ingediend")

    review = as_user(coordinator)
    review.goto(reverse("reporting:round_overview", args=[submission.round_id]))
    expect(review.locator("main")).to_contain_text("ingediend")
    assert Submission.objects.get(pk=submission.pk).submitted_by == approver


def test_withdrawing_a_handed_in_report(world, as_user, editor_minbz):
    submission = world["submission"]
    editor = as_user(editor_minbz)
    submit(editor, submission)
    editor.get_by_role("link", name="Terugtrekken…").click()
    editor.get_by_label("Reden").fill("Er moet nog een cijfer bij.")
    editor.get_by_role("button", name="Ja, terugtrekken").click()
    expect(editor.locator("main")).to_contain_text("U kunt haar weer bewerken")
    assert Submission.objects.get(pk=submission.pk).state == "draft"


def test_a_thread_with_reply_and_resolve_and_jump_links_on_the_returned_report(
    world, as_user, editor_minbz, coordinator
):
    submission, entry = world["submission"], world["entry"]
    editor = as_user(editor_minbz)
    submit(editor, submission)

    review = as_user(coordinator)
    review.goto(reverse("reporting:submission_review", args=[submission.pk]))
    review.get_by_label(f"Opmerking bij {entry.place}").fill("Hoeveel trainingen waren er?")
    review.get_by_role("button", name="Opmerking plaatsen").first.click()
    review.get_by_role("link", name="Terugsturen").click()
    review.locator("textarea").first.fill("Zie de opmerking bij 1.a.")
    review.get_by_role("button", name="Terugsturen").click()

    editor.goto(reverse("reporting:submission", args=[submission.pk]))
    banner = editor.get_by_role("alert")
    banner.get_by_role("link", name=entry.place).click()
    assert editor.url.endswith(f"#antwoord-{entry.pk}")
    editor.get_by_label("Reageren").fill("Twaalf; ik vul het aan.")
    editor.get_by_role("button", name="Reactie plaatsen").click()
    expect(editor.locator("main")).to_contain_text("Reactie van")

    review.goto(reverse("reporting:submission_review", args=[submission.pk]))
    expect(review.locator("main")).to_contain_text("Twaalf; ik vul het aan.")
    review.get_by_role("button", name="Markeer als afgerond").click()
    expect(review.locator("main")).to_contain_text("afgerond")
    editor.goto(reverse("reporting:submission", args=[submission.pk]))
    expect(editor.locator("#open-opmerkingen")).to_have_count(0)


def test_word_round_trip_with_one_conflict(world, as_user, editor_minbz, editor_pax, tmp_path):
    submission = world["submission"]
    editor = as_user(editor_minbz)
    editor.goto(reverse("reporting:submission", args=[submission.pk]))
    editor.get_by_role("link", name="Werken in Word").click()
    with editor.expect_download() as download:
        editor.get_by_role("link", name="Formulier downloaden").click()
    document = docx.Document(io.BytesIO(download.value.path().read_bytes()))
    write(row_of(document, "1.a").cells[1], "Uit Word: twaalf trainingen.")
    write(row_of(document, "2.a").cells[1], "Uit Word: nieuw beleid.", "• punt een")
    # Meanwhile a colleague changes 1.a in the portal.
    colleague = submission.entries.get(indicator__number="1.a")
    services.save_entry(
        entry=colleague, by=None, version=colleague.version, narrative_html="<p>Collega.</p>"
    )
    path = tmp_path / "formulier.docx"
    document.save(path)

    editor.get_by_label("Ingevuld formulier (.docx)").set_input_files(path)
    editor.get_by_role("button", name="Controleren").click()
    expect(editor.locator("main")).to_contain_text("Het formulier wijzigt 2 antwoorden.")
    expect(editor.locator("main")).to_contain_text("Conflict:")
    editor.get_by_role("button", name="Gekozen wijzigingen opslaan").click()
    expect(editor.locator("main")).to_contain_text("1 antwoord(en) uit Word overgenomen.")
    expect(editor.locator("main")).to_contain_text("Niet overgenomen")
    entries = submission.entries
    assert entries.get(indicator__number="1.a").narrative == "<p>Collega.</p>"
    assert entries.get(indicator__number="2.a").narrative == (
        "<p>Uit Word: nieuw beleid.</p><ul><li><p>punt een</p></li></ul>"
    )

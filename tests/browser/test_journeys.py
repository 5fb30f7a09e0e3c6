"""The whole way through, in a browser: an editor fills in and submits; a coordinator returns
the report with a comment; the editor fixes it and submits again; the coordinator approves,
compiles the PDF and publishes it; a reader downloads it. And the form by keyboard alone."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from reporting.models import Entry, Submission

from ..pdf_helpers import pdf_text


def publish_round(page, round_pk, note=""):
    """Close the round if it is open, compile the files and publish, as a coordinator."""
    page.goto(reverse("reporting:round_overview", args=[round_pk]))
    if page.get_by_role("link", name="Ronde sluiten…").count():
        page.get_by_role("link", name="Ronde sluiten…").click()
        page.get_by_role("button", name="Ja, ronde sluiten").click()
    page.get_by_role("link", name=re.compile("publiceren…")).first.click()
    page.get_by_role("button", name="Bestanden samenstellen").click()
    publish = page.get_by_role("button", name=re.compile(r"Versie \d+ publiceren"))
    expect(publish).to_be_visible(timeout=60_000)
    if note:
        page.get_by_label("Versienotitie").fill(note)
    page.get_by_label("Ik heb de controlelijst gelezen").check()
    publish.click()
    expect(page.locator("main")).to_contain_text("is gepubliceerd")


def editor_of(entry):
    return f'form[data-entry="{entry.pk}"] .ProseMirror'


def test_a_report_from_first_draft_to_the_readers_download(
    world, as_user, editor_minbz, coordinator, reader, tmp_path
):
    submission, entry = world["submission"], world["entry"]
    Entry.objects.filter(pk=entry.pk).update(narrative="")  # the one answer still to write

    # The editor writes the last answer; autosave confirms it; she submits.
    editor = as_user(editor_minbz)
    editor.goto(reverse("reporting:submission", args=[submission.pk]))
    editor.click(editor_of(entry))
    editor.keyboard.type("Nederland steunde vrouwelijke mediators in Jemen.")
    expect(editor.locator(f"#status-{entry.pk}")).to_contain_text("Opgeslagen om")
    editor.get_by_role("link", name="Indienen").click()
    editor.get_by_role("button", name="Definitief indienen").click()
    expect(editor.locator("main")).to_contain_text("ingediend")

    # The coordinator comments on the answer and returns the report with a reason.
    review = as_user(coordinator)
    review.goto(reverse("reporting:submission_review", args=[submission.pk]))
    review.get_by_label(f"Opmerking bij {entry.place}").fill("Noem ook het aantal trainingen.")
    review.get_by_role("button", name="Opmerking plaatsen").first.click()
    review.get_by_role("link", name="Terugsturen").click()
    review.locator("textarea").first.fill("Vul het aantal trainingen aan bij 1.a.")
    review.get_by_role("button", name="Terugsturen").click()
    assert Submission.objects.get(pk=submission.pk).state == "returned"

    # The editor reads why, fixes the answer and submits again.
    editor.goto(reverse("reporting:submission", args=[submission.pk]))
    expect(editor.locator("main")).to_contain_text("Vul het aantal trainingen aan bij 1.a.")
    expect(editor.locator("main")).to_contain_text("Noem ook het aantal trainingen.")
    editor.click(editor_of(entry))
    editor.keyboard.press("End")
    editor.keyboard.type(" Er waren 12 trainingen.")
    expect(editor.locator(f"#status-{entry.pk}")).to_contain_text("Opgeslagen om")
    editor.get_by_role("link", name="Indienen").click()
    editor.get_by_role("button", name="Definitief indienen").click()

    # The coordinator approves, closes the round and publishes the annex.
    review.goto(reverse("reporting:submission_review", args=[submission.pk]))
    review.get_by_role("link", name="Goedkeuren").click()
    review.get_by_role("button", name="Definitief goedkeuren").click()
    assert Submission.objects.get(pk=submission.pk).state == "approved"
    publish_round(review, submission.round_id)

    # The reader finds it under "Edities" and downloads it, with the new text inside.
    reading = as_user(reader)
    reading.goto(reverse("reporting:editions"))
    with reading.expect_download() as download:
        reading.get_by_role("link", name=re.compile(r"\.pdf$")).click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    text = " ".join(pdf_text(path).split())
    assert "Nederland steunde vrouwelijke mediators in Jemen. Er waren 12 trainingen." in text


def test_the_form_works_with_the_keyboard_alone(world, page, live_server, log_in, editor_minbz):
    submission, entry = world["submission"], world["entry"]
    log_in(editor_minbz)
    page.goto(live_server.url + reverse("reporting:submission", args=[submission.pk]))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Naar de inhoud"
    seen = []
    for _ in range(400):  # walk the page; stop at the first answer's editor
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => { const e = document.activeElement, s = getComputedStyle(e);
                 return {tag: e.tagName, text: (e.textContent || '').trim().slice(0, 40),
                         editor: e.classList.contains('ProseMirror'),
                         field: e.tagName === 'TEXTAREA',
                         entry: e.closest('form[data-entry]')?.dataset.entry,
                         ring: s.outlineStyle !== 'none' || s.boxShadow !== 'none'}; }"""
        )
        seen.append(focused)
        assert focused["ring"], f"no visible focus on {focused}"
        if focused["entry"] == str(entry.pk) and (focused["editor"] or focused["field"]):
            break  # the editor, or its plain field while the editor's module still loads
    else:
        raise AssertionError(f"the first answer was not reachable by Tab: {seen[-5:]}")
    # A field reached before its editor came hands the focus to the editor that replaces it.
    expect(page.locator(f'form[data-entry="{entry.pk}"] .ProseMirror')).to_be_focused()
    page.keyboard.press("Control+a")
    page.keyboard.type("Met het toetsenbord geschreven.")
    page.keyboard.press("Tab")  # on to the number, the check box, … the save button
    for _ in range(10):
        if page.evaluate("document.activeElement.textContent.trim()") == "Opslaan":
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # a plain submit: back on the page, at the answer
    expect(page.locator(f"#status-{entry.pk}")).to_contain_text("pgeslagen")
    entry.refresh_from_db()
    assert "Met het toetsenbord geschreven." in entry.narrative

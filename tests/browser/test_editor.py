"""The prose editor speaks the interface language, and text pasted from Word arrives clean
with its lists as lists (issue 16)."""

import re

from playwright.sync_api import expect

from reporting.models import Entry

from .test_autosave import editor_of, open_form

# What Word 365 puts on the clipboard for a paragraph and a bulleted and a numbered item.
WORD_HTML = """<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>
<meta name=ProgId content=Word.Document><style>p.MsoNormal {margin:0}</style></head>
<body lang=NL><!--StartFragment-->
<p class=MsoNormal><b><span style='font-family:"Arial",sans-serif'>Resultaten</span></b>
<span style='font-family:"Arial"'> van 2025</span><o:p></o:p></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'>
<![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>·
<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span></span>
<![endif]>Twaalf trainingen<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'>
<![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>·
<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span></span>
<![endif]>Drie <i>mediators</i><o:p></o:p></p>
<!--EndFragment--></body></html>"""


def test_the_toolbar_is_in_dutch(world, page, live_server, log_in, editor_minbz):
    entry = world["entry"]
    open_form(page, live_server, log_in, editor_minbz, entry)
    toolbar = page.locator(f'form[data-entry="{entry.pk}"] .prose-menubar')
    expect(toolbar.get_by_role("button", name="Vet")).to_have_attribute("title", "Vet")
    expect(toolbar.get_by_role("button", name="Opsomming met bolletjes")).to_be_visible()
    expect(toolbar.get_by_role("button", name="Ongedaan maken")).to_be_attached()


def test_pasting_from_word_keeps_the_list_and_drops_words_formatting(
    world, page, live_server, log_in, editor_minbz
):
    entry = world["entry"]
    Entry.objects.filter(pk=entry.pk).update(narrative="")
    status = open_form(page, live_server, log_in, editor_minbz, entry)
    page.click(editor_of(entry))
    page.evaluate(
        """([selector, html]) => {
            const data = new DataTransfer();
            data.setData("text/html", html);
            data.setData("text/plain", "Resultaten van 2025");
            document.querySelector(selector).dispatchEvent(
                new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true})
            );
        }""",
        [editor_of(entry), WORD_HTML],
    )
    expect(status).to_contain_text("Opgeslagen om")
    saved = Entry.objects.get(pk=entry.pk).narrative
    assert "<ul><li><p>Twaalf trainingen</p></li><li><p>Drie <em>mediators</em></p></li></ul>" in (
        saved
    )
    assert saved.startswith("<p><strong>Resultaten</strong> van 2025</p>")
    assert "·" not in saved and "mso" not in saved and "Arial" not in saved


def test_editors_start_when_their_answer_comes_near_or_gets_the_focus(
    world, page, live_server, log_in, editor_minbz, submission_minbz
):
    """Issue 18: not all 34 editors at load. The answers near the screen have theirs; one far
    down starts when scrolled to; one reached with the keyboard first starts on its focus,
    and the typing goes on in its editor."""
    entries = list(submission_minbz.entries.in_plan_order())
    open_form(page, live_server, log_in, editor_minbz, entries[0])
    expect(page.locator(editor_of(entries[0]))).to_be_visible()
    started = page.locator(".ProseMirror").count()
    assert 0 < started < len(entries) / 2

    waiting = page.locator("textarea[data-prose-editor-lazy]:not([data-prose-started])")
    middle = Entry.objects.get(
        pk=waiting.first.get_attribute("id")[len("id_e") : -len("-narrative")]
    )
    waiting.first.focus()  # as Tab would
    expect(page.locator(editor_of(middle))).to_be_focused()
    page.keyboard.type(" Met het toetsenbord.")
    expect(page.locator(f"#status-{middle.pk}")).to_contain_text("Opgeslagen om")
    assert "Met het toetsenbord." in Entry.objects.get(pk=middle.pk).narrative

    far = entries[-1]
    expect(page.locator(editor_of(far))).to_have_count(0)
    page.locator(f'form[data-entry="{far.pk}"]').scroll_into_view_if_needed()
    expect(page.locator(editor_of(far))).to_be_visible()


def test_a_field_focused_while_its_editor_loads_keeps_the_focus(
    world, page, live_server, log_in, editor_minbz
):
    """With a slow connection the first editor arrives after the person tabbed into its
    field: the editor that takes the field's place takes the focus too (it went to the
    page, and the next Tab started from the top)."""
    entry = world["entry"]

    def slowly(route):
        page.wait_for_timeout(1500)
        route.continue_()

    page.route(re.compile(r"/django_prose_editor/editor[.0-9a-f]*\.js$"), slowly)
    open_form(page, live_server, log_in, editor_minbz, entry)
    field = page.locator(f"#id_e{entry.pk}-narrative")
    field.focus()  # as Tab would, before the editor is there
    expect(page.locator(editor_of(entry))).to_be_focused(timeout=10_000)
    page.keyboard.type(" Ook traag.")
    expect(page.locator(f"#status-{entry.pk}")).to_contain_text("Opgeslagen om")

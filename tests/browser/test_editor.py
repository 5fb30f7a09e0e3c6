"""The prose editor speaks the interface language, and text pasted from Word arrives clean
with its lists as lists (issue 16)."""

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

"""An editor fills in entries: autosave, conflicts, history, sanitising, bad input."""

import pytest
from django.urls import reverse

from reporting.models import Entry

from .queries import count_queries

HTMX = {"HTTP_HX_REQUEST": "true"}


def save_url(entry):
    return reverse("reporting:entry_save", args=[entry.submission_id, entry.pk])


def post_entry(client, entry, version=None, htmx=False, **fields):
    prefix = f"e{entry.pk}-"
    data = {
        prefix + "version": entry.version if version is None else version,
        prefix + "narrative": "",
        prefix + "not_applicable_reason": "",
    }
    data.update({prefix + key: value for key, value in fields.items()})
    return client.post(save_url(entry), data, **(HTMX if htmx else {}))


@pytest.fixture
def editor(client, editor_minbz):
    client.force_login(editor_minbz)
    return client


def test_autosave_stores_the_text_and_says_when(editor, entry_minbz, editor_minbz):
    response = post_entry(editor, entry_minbz, htmx=True, narrative="<p>Twaalf missies.</p>")
    assert response.status_code == 200
    assert "Opgeslagen om" in response.text
    assert f'id="version-{entry_minbz.pk}" data-hx-swap-oob="true"' in response.text
    assert "1 van 32 indicatoren ingevuld" in response.text
    entry_minbz.refresh_from_db()
    assert entry_minbz.narrative == "<p>Twaalf missies.</p>"
    assert entry_minbz.version == 2
    assert entry_minbz.updated_by == editor_minbz


def test_saving_without_javascript_redirects_back_to_the_entry(editor, entry_minbz):
    response = post_entry(editor, entry_minbz, narrative="<p>Zonder JavaScript.</p>", number="3")
    assert response.status_code == 302
    assert response["Location"].endswith(f"#antwoord-{entry_minbz.pk}")
    entry_minbz.refresh_from_db()
    assert (entry_minbz.narrative, entry_minbz.number) == ("<p>Zonder JavaScript.</p>", 3)


def test_a_stale_save_is_refused_with_both_texts(editor, client, entry_minbz, editor_minbz):
    post_entry(editor, entry_minbz, narrative="<p>Tekst van collega.</p>")  # now version 2
    response = post_entry(editor, entry_minbz, version=1, htmx=True, narrative="<p>Mijn tekst.</p>")
    assert "Iemand anders heeft dit antwoord intussen gewijzigd" in response.text
    assert "Tekst van collega." in response.text
    assert "Mijn tekst." in response.text
    entry_minbz.refresh_from_db()
    assert entry_minbz.narrative == "<p>Tekst van collega.</p>"
    assert entry_minbz.version == 2


def test_after_a_conflict_the_editor_can_keep_their_own_text(editor, entry_minbz):
    post_entry(editor, entry_minbz, narrative="<p>Tekst van collega.</p>")
    page = post_entry(editor, entry_minbz, version=1, narrative="<p>Mijn tekst.</p>")
    assert page.status_code == 200
    assert "Mijn tekst bewaren" in page.text
    # The "keep mine" form carries the current version and the editor's own text.
    response = post_entry(editor, entry_minbz, version=2, narrative="<p>Mijn tekst.</p>")
    assert response.status_code == 302
    entry_minbz.refresh_from_db()
    assert (entry_minbz.narrative, entry_minbz.version) == ("<p>Mijn tekst.</p>", 3)


XSS_PAYLOADS = [
    '<script>alert("x")</script><p>tekst</p>',
    '<p onclick="alert(1)">tekst</p>',
    '<img src=x onerror="alert(1)"><p>tekst</p>',
    '<a href="javascript:alert(1)">tekst</a>',
    '<a href="JaVaScRiPt:alert(1)">tekst</a>',
    '<p style="background:url(javascript:alert(1))">tekst</p>',
    '<svg onload="alert(1)"><p>tekst</p></svg>',
    '<iframe src="https://evil.example"></iframe><p>tekst</p>',
    "<p>tekst<style>p{color:red}</style></p>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph>"
    "</table></mtext></math>",
    '<form action="https://evil.example"><input name="x"></form><p>tekst</p>',
    '<p><a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">tekst</a></p>',
]


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_hostile_html_is_stripped_on_save_and_never_reaches_a_page(
    editor, client, entry_minbz, coordinator, payload
):
    post_entry(editor, entry_minbz, narrative=payload)
    entry_minbz.refresh_from_db()
    stored = entry_minbz.narrative.lower()
    for bad in (
        "<script",
        "onerror",
        "onclick",
        "onload",
        "javascript:",
        "style",
        "<iframe",
        "<img",
        "<svg",
        "<form",
        "data:",
    ):
        assert bad not in stored
    client.force_login(coordinator)
    page = client.get(reverse("reporting:submission", args=[entry_minbz.submission_id])).text
    assert 'alert("x")' not in page and "alert(1)" not in page


def test_allowed_formatting_survives(editor, entry_minbz):
    html = (
        "<p><strong>Vet</strong> en <em>cursief</em></p><ul><li>een</li></ul>"
        '<p><a href="https://www.nap1325.nl">link</a></p>'
    )
    post_entry(editor, entry_minbz, narrative=html)
    entry_minbz.refresh_from_db()
    assert entry_minbz.narrative == html


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("twaalf", "Vul een getal in"),
        ("-3", "kan niet negatief zijn"),
        ("2,5", "Een aantal is een heel getal"),
    ],
)
def test_a_bad_number_gives_a_dutch_message_and_saves_the_text_typed_with_it(
    editor, entry_minbz, number, message
):
    """Finding 2: the narrative typed in the same answer is saved; the number is marked."""
    entry_minbz.number = 7
    entry_minbz.save()
    response = post_entry(editor, entry_minbz, narrative="<p>Mijn lange tekst.</p>", number=number)
    assert response.status_code == 200
    assert message in response.text
    assert "De rest van het antwoord is opgeslagen" in response.text
    assert f'value="{number}"' in response.text  # the bad number stays to be corrected
    assert 'aria-invalid="true"' in response.text
    entry_minbz.refresh_from_db()
    assert (entry_minbz.narrative, entry_minbz.number) == ("<p>Mijn lange tekst.</p>", 7)
    assert entry_minbz.version == 2
    # The form on the page carries the new version: correcting the number saves.
    assert f'value="{entry_minbz.version}" id="version-{entry_minbz.pk}"' in response.text


def test_a_bad_number_in_an_autosave_saves_the_rest_and_says_so(editor, entry_minbz):
    response = post_entry(
        editor, entry_minbz, htmx=True, narrative="<p>Getypt.</p>", number="€ twaalf"
    )
    assert "Deels opgeslagen om" in response.text
    assert "Vul een getal in" in response.text
    assert f'value="2" id="version-{entry_minbz.pk}" data-hx-swap-oob="true"' in response.text
    entry_minbz.refresh_from_db()
    assert entry_minbz.narrative == "<p>Getypt.</p>"


@pytest.mark.parametrize(
    ("typed", "stored", "shown"),
    [
        ("1.250.000", "1250000.00", "€ 1.250.000"),
        ("€ 1.250.000", "1250000.00", "€ 1.250.000"),
        ("€ 1.250.000,50", "1250000.50", "€ 1.250.000,50"),
        ("1 250 000,5", "1250000.50", "€ 1.250.000,50"),
        ("1250,50", "1250.50", "€ 1.250,50"),
    ],
)
def test_amounts_are_read_and_shown_as_dutch_people_write_them(
    editor, submission_minbz, typed, stored, shown
):
    entry = submission_minbz.entries.get(indicator__number="5.2.a")  # amount in euro
    response = post_entry(editor, entry, number=typed, narrative="<p>Uitgaven.</p>")
    assert response.status_code == 302
    entry.refresh_from_db()
    assert str(entry.number) == stored
    page = editor.get(reverse("reporting:entry_history", args=[entry.submission_id, entry.pk]))
    assert shown in page.text
    form = editor.get(reverse("reporting:submission", args=[entry.submission_id]))
    assert f'value="{shown.removeprefix("€ ")}"' in form.text  # in the field, ready to edit


def test_counts_and_percentages_are_whole_and_dutch(editor, submission_minbz):
    entry = submission_minbz.entries.get(indicator__number="1.3.a")  # count and percentage
    post_entry(editor, entry, number="1.250", percentage="45%", narrative="<p>Tekst.</p>")
    entry.refresh_from_db()
    assert (str(entry.number), str(entry.percentage)) == ("1250.00", "45.00")
    page = editor.get(reverse("reporting:entry_history", args=[entry.submission_id, entry.pk]))
    assert "1.250 (45 %)" in page.text
    assert "12,00" not in page.text and "1250,00" not in page.text


def test_a_percentage_above_100_is_refused(editor, submission_minbz):
    entry = submission_minbz.entries.get(indicator__number="1.3.a")  # count and percentage
    response = post_entry(editor, entry, htmx=True, number="4", percentage="140")
    assert "Een percentage ligt tussen 0 en 100." in response.text
    entry.refresh_from_db()
    assert entry.percentage is None


def test_numbers_accept_a_dutch_decimal_comma(editor, submission_minbz):
    entry = submission_minbz.entries.get(indicator__number="5.2.a")  # amount in euro
    post_entry(editor, entry, number="1250,50")
    entry.refresh_from_db()
    assert str(entry.number) == "1250.50"


def test_not_applicable_needs_a_reason(editor, entry_minbz):
    response = post_entry(editor, entry_minbz, not_applicable="on")
    assert "Geef aan waarom deze indicator niet van toepassing is." in response.text
    post_entry(
        editor, entry_minbz, not_applicable="on", not_applicable_reason="Geen missies in 2025."
    )
    entry_minbz.refresh_from_db()
    assert entry_minbz.not_applicable and entry_minbz.is_filled


def test_a_narrative_of_50000_words_is_refused(editor, entry_minbz):
    response = post_entry(editor, entry_minbz, narrative="<p>" + "woord " * 50_000 + "</p>")
    assert "het maximum is 10.000" in response.text
    entry_minbz.refresh_from_db()
    assert entry_minbz.narrative == ""


def test_a_10_mb_post_is_refused_with_a_dutch_page_and_nothing_stored(editor, entry_minbz):
    response = post_entry(editor, entry_minbz, narrative="x" * 10_000_000)
    assert response.status_code == 400
    assert "Uw invoer is niet verwerkt" in response.text
    entry_minbz.refresh_from_db()
    assert entry_minbz.narrative == ""


def test_every_change_is_kept_and_can_be_restored(editor, entry_minbz, editor_minbz):
    post_entry(editor, entry_minbz, htmx=True, narrative="<p>Eerste versie.</p>")
    post_entry(editor, entry_minbz, version=2, htmx=True, narrative="<p>Tweede versie.</p>")
    history = list(entry_minbz.history.order_by("history_date"))
    assert [h.narrative for h in history] == ["", "<p>Eerste versie.</p>", "<p>Tweede versie.</p>"]
    assert history[-1].history_user == editor_minbz
    page = editor.get(
        reverse("reporting:entry_history", args=[entry_minbz.submission_id, entry_minbz.pk])
    )
    assert "Eerste versie." in page.text and "Sanne de Vries" in page.text
    restore = reverse(
        "reporting:entry_restore",
        args=[entry_minbz.submission_id, entry_minbz.pk, history[1].history_id],
    )
    editor.post(restore, {"version": 3})
    entry_minbz.refresh_from_db()
    assert (entry_minbz.narrative, entry_minbz.version) == ("<p>Eerste versie.</p>", 4)
    assert entry_minbz.history.count() == 4


def test_last_years_text_can_be_taken_over(editor, entry_minbz, minbz):
    from reporting import services

    from .factories import RoundFactory

    previous = RoundFactory(first_year=2024, state="closed")
    old = services.ensure_submission(round=previous, signatory=minbz).entries.get(
        indicator=entry_minbz.indicator
    )
    old.narrative = "<p>Tekst over 2024.</p>"
    old.save()
    page = editor.get(reverse("reporting:submission", args=[entry_minbz.submission_id]))
    assert "Uw antwoord over 2024" in page.text and "Neem tekst van vorig jaar over" in page.text
    editor.post(
        reverse("reporting:entry_copy_previous", args=[entry_minbz.submission_id, entry_minbz.pk]),
        {"version": 1},
    )
    entry_minbz.refresh_from_db()
    assert entry_minbz.narrative == "<p>Tekst over 2024.</p>"


def test_the_page_shows_progress_in_its_title(editor, submission_minbz):
    page = editor.get(reverse("reporting:submission", args=[submission_minbz.pk]))
    assert "<title>0 van 32 indicatoren ingevuld – MinBZ 2025" in page.text
    assert "Nog 20 dagen tot de deadline" in page.text


def test_the_submission_page_uses_the_same_queries_for_any_number_of_entries(
    editor, submission_minbz
):
    url = reverse("reporting:submission", args=[submission_minbz.pk])
    editor.get(url)  # warm up: content types and the like
    many, _ = count_queries(lambda: editor.get(url))
    Entry.objects.filter(submission=submission_minbz).exclude(indicator__number="1.a").delete()
    # session, user, submission, membership check, entries, previous round, progress
    assert count_queries(lambda: editor.get(url))[0] == many


@pytest.mark.parametrize("view", ["reporting:entry_copy_previous", "reporting:entry_restore"])
def test_a_garbled_version_is_treated_as_stale_not_as_an_error(editor, entry_minbz, minbz, view):
    from reporting import services

    from .factories import RoundFactory

    previous = RoundFactory(first_year=2024, state="closed")
    old = services.ensure_submission(round=previous, signatory=minbz).entries.get(
        indicator=entry_minbz.indicator
    )
    old.narrative = "<p>Tekst over 2024.</p>"
    old.save()
    args = [entry_minbz.submission_id, entry_minbz.pk]
    if view == "reporting:entry_restore":
        args.append(entry_minbz.history.first().history_id)
    response = editor.post(reverse(view, args=args), {"version": "abc"}, follow=True)
    assert response.status_code == 200
    assert "Iemand anders heeft dit antwoord intussen gewijzigd" in response.text
    entry_minbz.refresh_from_db()
    assert (entry_minbz.narrative, entry_minbz.version) == ("", 1)


def test_a_report_locked_while_restoring_gives_a_message_not_an_error(
    editor, entry_minbz, monkeypatch
):
    from reporting import services

    def locked(**kwargs):
        raise services.WorkflowError("Deze rapportage kan niet meer worden gewijzigd.")

    monkeypatch.setattr(services, "save_entry", locked)
    url = reverse(
        "reporting:entry_restore",
        args=[entry_minbz.submission_id, entry_minbz.pk, entry_minbz.history.first().history_id],
    )
    response = editor.post(url, {"version": 1}, follow=True)
    assert response.status_code == 200
    assert "Deze rapportage kan niet meer worden gewijzigd." in response.text


def test_the_frameworks_bullets_are_a_list_on_the_form(client, editor_minbz, submission_minbz):
    """Issue 16: indicator 1.b's bullets were flattened into one line."""
    from reporting.text import bullets

    assert bullets("Aantal, d.w.z.:\n• Een\n• Twee") == ("Aantal, d.w.z.:", ["Een", "Twee"])
    assert bullets("Geen opsomming") == ("Geen opsomming", [])
    client.force_login(editor_minbz)
    page = client.get(reverse("reporting:submission", args=[submission_minbz.pk])).text
    entry = submission_minbz.entries.get(indicator__number="1.b")
    article = page.split(f'id="antwoord-{entry.pk}"')[1].split("</article>")[0]
    assert '<ul class="indicator-bullets' in article
    assert "<li>Vredesoverleg of -onderhandelingen op nationaal niveau (track 1)</li>" in article


def test_an_autosave_recounts_progress_only_when_the_answer_became_filled_or_empty(
    editor, entry_minbz
):
    """Issue 18: most autosaves change a text that was already there; counting the whole
    report again for each of them was a query per save for nothing."""
    Entry.objects.filter(pk=entry_minbz.pk).update(narrative="")
    entry_minbz.refresh_from_db()
    filled = post_entry(editor, entry_minbz, htmx=True, narrative="<p>Eerste zin.</p>")
    assert 'id="progress"' in filled.text and "1 van" in filled.text
    entry_minbz.refresh_from_db()
    queries, more = count_queries(
        lambda: post_entry(editor, entry_minbz, htmx=True, narrative="<p>Eerste zin. En meer.</p>")
    )
    assert more.status_code == 200 and "Opgeslagen om" in more.text
    assert 'id="progress"' not in more.text
    entry_minbz.refresh_from_db()
    emptied = post_entry(editor, entry_minbz, htmx=True, narrative="<p></p>")
    assert 'id="progress"' in emptied.text and "0 van" in emptied.text
    # session, user, the entry with its submission, membership, then the save: lock, update,
    # history (and the transaction's own statements where the database has them)
    assert queries <= 10


def test_an_answer_of_another_organisation_under_ones_own_report_is_not_found(
    editor, submission_minbz, submission_pax
):
    """The autosave fetches the answer and its report in one query (issue 18): mixing one's
    own report's id with another organisation's answer, either way round, finds nothing."""
    theirs = submission_pax.entries.first()
    mine = submission_minbz.entries.first()
    prefix = f"e{theirs.pk}-"
    data = {prefix + "version": theirs.version, prefix + "narrative": "<p>Overschreven.</p>"}
    for report, answer in ((submission_minbz, theirs), (submission_pax, mine)):
        url = reverse("reporting:entry_save", args=[report.pk, answer.pk])
        assert editor.post(url, data, **HTMX).status_code == 404
    theirs.refresh_from_db()
    assert "Overschreven." not in theirs.narrative


def test_versions_stay_plain_digits_where_numbers_are_grouped(editor, entry_minbz, settings):
    """Grouped thousands ("1.234") are for figures people read; the version an autosave sends
    back must stay digits, or the save after the 999th is refused."""
    settings.USE_THOUSAND_SEPARATOR = True
    Entry.objects.filter(pk=entry_minbz.pk).update(version=1234)
    page = editor.get(reverse("reporting:submission", args=[entry_minbz.submission_id]))
    assert 'value="1234" id="version-' in page.text
    response = post_entry(editor, entry_minbz, version=1234, htmx=True, narrative="<p>Tekst.</p>")
    assert 'value="1235" id="version-' in response.text
    response = post_entry(editor, entry_minbz, version=1235, htmx=True, narrative="<p>Meer.</p>")
    assert "Opgeslagen om" in response.text
    conflict = post_entry(editor, entry_minbz, version=7, htmx=True, narrative="<p>Oud.</p>")
    assert 'value="1236"' in conflict.text  # "Mijn tekst bewaren" saves against the newest

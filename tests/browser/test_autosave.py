"""The editor always knows the true state of an answer, and nothing typed is lost
(finding 1): a failing server, a reload, leaving the page, a login in another tab, offline."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from reporting.models import Entry


def editor_of(entry):
    return f'form[data-entry="{entry.pk}"] .ProseMirror'


def open_form(page, live_server, log_in, user, entry):
    log_in(user)
    page.goto(live_server.url + reverse("reporting:submission", args=[entry.submission_id]))
    return page.locator(f"#status-{entry.pk}")


def save_url(entry):
    return re.compile(rf"/inzending/{entry.submission_id}/antwoord/{entry.pk}/$")


def test_a_failing_autosave_says_not_saved_and_the_text_survives_a_reload(
    world, page, live_server, log_in, editor_minbz
):
    entry = world["entry"]
    Entry.objects.filter(pk=entry.pk).update(narrative="")
    status = open_form(page, live_server, log_in, editor_minbz, entry)
    page.route(save_url(entry), lambda route: route.fulfill(status=500, body="kapot"))
    page.click(editor_of(entry))
    page.keyboard.type("Tekst die de server niet aannam.")
    expect(status).to_contain_text("Niet opgeslagen: er ging iets mis op de server")
    expect(page.locator(f"#retry-{entry.pk}")).to_be_visible()
    assert Entry.objects.get(pk=entry.pk).narrative == ""

    # Reloading asks first (unsaved text), and then puts the text back from this device.
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))
    page.reload()
    assert dialogs == ["beforeunload"]
    expect(page.locator(editor_of(entry))).to_contain_text("Tekst die de server niet aannam.")
    expect(status).to_contain_text("Niet opgeslagen")  # the server still fails

    # The server is back: "Opnieuw proberen" saves it.
    page.unroute(save_url(entry))
    page.locator(f"#retry-{entry.pk}").click()
    expect(status).to_contain_text("Opgeslagen om")
    assert "Tekst die de server niet aannam." in Entry.objects.get(pk=entry.pk).narrative
    page.reload()  # saved: nothing to ask, nothing to put back
    assert dialogs == ["beforeunload"]
    expect(status).not_to_contain_text("teruggezet")


def test_leaving_the_page_with_unsaved_text_asks_first(
    world, page, live_server, log_in, editor_minbz
):
    entry = world["entry"]
    status = open_form(page, live_server, log_in, editor_minbz, entry)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.click(editor_of(entry))
    page.keyboard.type(" Snel weg.")
    page.get_by_role("link", name="Indienen").click()  # within the autosave's 1.5 s
    assert dialogs == ["beforeunload"]
    expect(status).to_contain_text("Opgeslagen om")  # stayed, and the save went through
    assert "Snel weg." in Entry.objects.get(pk=entry.pk).narrative


def test_a_login_in_another_tab_does_not_make_saves_fail(
    world, page, context, live_server, log_in, editor_minbz
):
    """Logging out and in rotates the CSRF token; the open form fetches the new one."""
    entry = world["entry"]
    status = open_form(page, live_server, log_in, editor_minbz, entry)
    other = context.new_page()
    other.goto(live_server.url + reverse("home"))
    other.get_by_role("button", name="Uitloggen").click()
    other.goto(live_server.url + reverse("login"))
    other.get_by_label("E-mailadres").fill(editor_minbz.email)
    other.get_by_label("Wachtwoord").fill("een-goed-wachtwoord")
    other.get_by_role("button", name="Inloggen").click()
    expect(other.locator("main")).to_contain_text("Welkom")
    other.close()

    page.click(editor_of(entry))
    page.keyboard.press("End")
    page.keyboard.type(" Na opnieuw inloggen.")
    expect(status).to_contain_text("Opgeslagen om")
    assert "Na opnieuw inloggen." in Entry.objects.get(pk=entry.pk).narrative


def test_offline_the_page_says_so_and_saves_when_the_connection_is_back(
    world, page, context, live_server, log_in, editor_minbz
):
    entry = world["entry"]
    status = open_form(page, live_server, log_in, editor_minbz, entry)
    expect(page.locator(editor_of(entry))).to_be_visible()  # the page has loaded its editor
    context.set_offline(True)
    page.click(editor_of(entry))
    page.keyboard.press("End")
    page.keyboard.type(" In de trein.")
    expect(status).to_contain_text("Geen verbinding")
    context.set_offline(False)
    expect(status).to_contain_text("Opgeslagen om")
    assert "In de trein." in Entry.objects.get(pk=entry.pk).narrative


def test_a_bad_number_is_marked_and_the_narrative_typed_with_it_is_saved(
    world, page, live_server, log_in, editor_minbz, submission_minbz
):
    entry = submission_minbz.entries.get(indicator__number="5.2.a")  # amount in euro
    status = open_form(page, live_server, log_in, editor_minbz, entry)
    # Far down the page: its editor starts when it comes into view.
    page.locator(f'form[data-entry="{entry.pk}"]').scroll_into_view_if_needed()
    page.click(editor_of(entry))
    page.keyboard.press("End")
    page.keyboard.type(" Budget voor vrouwenorganisaties.")
    amount = page.locator(f"#id_e{entry.pk}-number")
    amount.fill("ongeveer een miljoen")
    expect(status).to_contain_text("Deels opgeslagen")
    expect(amount).to_have_attribute("aria-invalid", "true")
    assert "Budget voor vrouwenorganisaties." in Entry.objects.get(pk=entry.pk).narrative
    amount.fill("€ 1.250.000")
    expect(status).to_contain_text("Opgeslagen om")
    expect(amount).not_to_have_attribute("aria-invalid", "true")
    assert str(Entry.objects.get(pk=entry.pk).number) == "1250000.00"


def test_the_word_count_follows_the_typing_before_the_save(
    world, page, live_server, log_in, editor_minbz
):
    """Issue 16: it said 0 until the first save."""
    entry = world["entry"]
    Entry.objects.filter(pk=entry.pk).update(narrative="")
    open_form(page, live_server, log_in, editor_minbz, entry)
    page.route(save_url(entry), lambda route: None)  # the save never answers
    page.click(editor_of(entry))
    page.keyboard.type("Vier vrouwen leidden gesprekken")
    expect(page.locator(f"#words-{entry.pk}")).to_have_text("4 woorden")
    page.keyboard.press("Enter")
    page.keyboard.type("in Jemen.")
    expect(page.locator(f"#words-{entry.pk}")).to_have_text("6 woorden")


def test_the_editor_checks_spelling_in_dutch(world, page, live_server, log_in, editor_minbz):
    entry = world["entry"]
    open_form(page, live_server, log_in, editor_minbz, entry)
    editor = page.locator(editor_of(entry))
    expect(editor).to_have_attribute("lang", "nl")
    expect(editor).to_have_attribute("spellcheck", "true")


def test_a_busy_server_says_not_yet_saved_and_the_page_saves_when_it_may(
    world, page, live_server, log_in, editor_minbz
):
    """A 503 with Retry-After (the portal in overload, issue 18): the page says "nog niet
    opgeslagen", waits as long as the server asks, and saves by itself."""
    entry = world["entry"]
    status = open_form(page, live_server, log_in, editor_minbz, entry)
    refused = []

    def busy_once(route):
        if not refused:
            refused.append(route.request.url)
            route.fulfill(status=503, headers={"Retry-After": "1"}, body="")
        else:
            route.continue_()

    page.route(save_url(entry), busy_once)
    page.click(editor_of(entry))
    page.keyboard.press("End")
    page.keyboard.type(" Op het drukste moment.")
    expect(status).to_contain_text("Nog niet opgeslagen: het is erg druk")
    expect(page.locator(f"#retry-{entry.pk}")).to_be_visible()
    expect(status).to_contain_text("Opgeslagen om", timeout=10_000)  # without a click
    assert refused
    assert "Op het drukste moment." in Entry.objects.get(pk=entry.pk).narrative
    expect(page.locator(f"#retry-{entry.pk}")).to_be_hidden()

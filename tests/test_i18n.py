"""English as the second language: the interface follows the visitor; the plan's own words
(the framework, the annex) stay Dutch."""

import gettext
import re
from pathlib import Path

from django.conf import settings
from django.urls import reverse

CATALOGUE = Path(settings.BASE_DIR) / "locale/en/LC_MESSAGES/django.po"


def test_an_english_speaking_visitor_gets_the_interface_in_english(client, editor_minbz):
    client.force_login(editor_minbz)
    response = client.get(reverse("home"), headers={"Accept-Language": "en"})
    assert '<html lang="en">' in response.text
    assert "Welcome, Sanne de Vries" in response.text
    assert "Skip to content" in response.text
    # The framework is the plan's text, in Dutch whatever the interface language, and
    # marked as Dutch for screen readers (WCAG 3.1.2, language of parts).
    assert re.search(r'<p class="goal-text" lang="nl">Meer vrouwen in leiderschaps', response.text)


def test_the_switch_in_the_header_changes_the_language_and_back(client, editor_minbz):
    client.force_login(editor_minbz)
    home = reverse("home")
    assert "Welkom" in client.get(home).text
    client.post(reverse("set_language"), {"language": "en", "next": home})
    page = client.get(home).text
    assert "Welcome" in page
    assert 'value="nl" lang="nl"' in page  # the way back, labelled in its own language
    client.post(reverse("set_language"), {"language": "nl", "next": home})
    assert "Welkom" in client.get(home).text


def test_every_text_of_the_interface_has_an_english_translation():
    text = CATALOGUE.read_text(encoding="utf-8")
    entries = text.split("\n\n")[1:]  # after the header
    untranslated = [
        entry
        for entry in entries
        if re.search(r'^msgstr(\[\d\])? ""\n?$', entry, re.M)
        and not re.search(r'^"', entry.split("msgstr", 1)[1], re.M)
    ]
    assert untranslated == []
    assert "#, fuzzy" not in text
    # The compiled catalogue Django reads holds every text too (else: compilemessages).
    with CATALOGUE.with_suffix(".mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)._catalog
    singular = {key if isinstance(key, str) else key[0] for key in catalogue}
    assert len(singular - {""}) == len(entries)

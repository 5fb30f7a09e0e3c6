"""What a narrative may contain: paragraphs, bold, italic, lists and links. Nothing else.

The editor offers exactly these extensions and nh3 removes everything else on save and
again when a narrative is rendered into the annex.
"""

import re
from html import unescape

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy
from django_prose_editor.fields import create_sanitizer

EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Paragraph": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "History": True,
}

MAX_WORDS = 10_000

# The prose editor's own (English) texts, in the interface language: its toolbar's titles and
# its link dialog (static/js/editor-setup.js applies them; the editor asks window.gettext).
EDITOR_LABELS = {
    "bold": gettext_lazy("Vet"),
    "italic": gettext_lazy("Cursief"),
    "unordered list": gettext_lazy("Opsomming met bolletjes"),
    "ordered list": gettext_lazy("Genummerde lijst"),
    "List properties": gettext_lazy("Eigenschappen van de lijst"),
    "insert link": gettext_lazy("Link invoegen"),
    "remove link": gettext_lazy("Link verwijderen"),
    "undo": gettext_lazy("Ongedaan maken"),
    "redo": gettext_lazy("Opnieuw"),
    "Edit Link": gettext_lazy("Link bewerken"),
    "URL": gettext_lazy("Webadres (URL)"),
    "Title": gettext_lazy("Titel"),
    "Update": gettext_lazy("Bijwerken"),
    "Insert": gettext_lazy("Invoegen"),
    "Cancel": gettext_lazy("Annuleren"),
    "List type": gettext_lazy("Soort lijst"),
    "Start at": gettext_lazy("Begin bij"),
    "Decimal numbers": gettext_lazy("Cijfers"),
    "Lowercase letters": gettext_lazy("Kleine letters"),
    "Uppercase letters": gettext_lazy("Hoofdletters"),
    "Lowercase Roman numerals": gettext_lazy("Kleine Romeinse cijfers"),
    "Uppercase Roman numerals": gettext_lazy("Grote Romeinse cijfers"),
}

sanitize = create_sanitizer(EXTENSIONS)


def words(html):
    """The narrative's words as plain text (tags removed, entities decoded)."""
    text = strip_tags(re.sub(r"<(/p|br\s*/?|/li)>", " ", html or ""))
    return unescape(text).split()


def word_count(html):
    return len(words(html))


def is_blank(html):
    return word_count(html) == 0

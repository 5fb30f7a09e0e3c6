"""What a narrative may contain: paragraphs, bold, italic, lists and links. Nothing else.

The editor offers exactly these extensions and nh3 removes everything else on save and
again when a narrative is rendered into the annex.
"""

import re
from html import unescape

from django.utils.html import strip_tags
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

sanitize = create_sanitizer(EXTENSIONS)


def words(html):
    """The narrative's words as plain text (tags removed, entities decoded)."""
    text = strip_tags(re.sub(r"<(/p|br\s*/?|/li)>", " ", html or ""))
    return unescape(text).split()


def word_count(html):
    return len(words(html))


def is_blank(html):
    return word_count(html) == 0

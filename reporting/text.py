"""Text as people paste it, made safe to store and to export.

Word, Excel and the HTML of the PDF are XML 1.0, which cannot hold most control characters,
lone surrogates or the noncharacters U+FFFE/U+FFFF: one such character in one answer made
every Word and Excel edition fail. `clean` removes them when text is saved (forms and
services) and again when it is exported (`for_export`), for data that came in another way
(fixtures, the admin, the database directly).
"""

import re
import unicodedata

# Pasted from Word, a vertical tab is a soft line break and a form feed a page break.
_AS_LINE_BREAK = str.maketrans({"\x0b": "\n", "\x0c": "\n"})
# C0 controls but tab, newline and carriage return; DEL and the C1 controls; surrogates
# (only ever alone in a Python str); the two noncharacters XML refuses.
_UNSAFE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

# A spreadsheet treats a cell starting with one of these as a formula (or a DDE call).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def clean(text: str | None) -> str:
    """`text` without characters XML cannot hold, in Unicode's composed form (NFC)."""
    if not text:
        return ""
    return unicodedata.normalize("NFC", _UNSAFE.sub("", text.translate(_AS_LINE_BREAK)))


def for_export(value):
    """A value on its way into a document: strings cleaned, anything else as it is."""
    return clean(value) if isinstance(value, str) else value


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_PREFIXES)


BULLET = re.compile(r"\s*[•·▪‣]\s+")


def bullets(text):
    """(intro, [items]) of a framework text whose items start with "•" (indicator 1.b):
    shown as a list instead of one run-on line (issue 16)."""
    parts = BULLET.split(text or "")
    return parts[0].strip(), [part.strip() for part in parts[1:] if part.strip()]

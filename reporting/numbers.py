"""Numbers as Dutch people type and read them: "€ 1.250.000,50", "12", "45 %".

`parse` reads what an editor types (thousands dots, a decimal comma, €, %, spaces);
`amount`, `count`, `percent` and `figures` write numbers the same way everywhere: the form,
the history, the annex in every format.
"""

import re
from decimal import Decimal, InvalidOperation

from indicators.models import Indicator

# Spaces of every kind people (and Word) put between digit groups or after €.
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']+")
_SYMBOLS = re.compile(r"^(€|eur|euro)|(€|eur|euro|%|procent)$", re.IGNORECASE)
_GROUPED_WITH_DOTS = re.compile(r"^\d{1,3}(\.\d{3})+$")
_GROUPED_WITH_COMMAS = re.compile(r"^\d{1,3}(,\d{3}){2,}$")


def parse(text: str) -> Decimal | None:
    """The number in `text`, or None when empty. Raises ValueError when it is no number.

    "1.250.000" and "1.250.000,50" (Dutch), "12,5" (decimal comma), "12.5" (a decimal point
    where the dots are no thousands groups), "€ 1.250.000", "45%", "1 250 000" all read as
    people mean them.
    """
    value = _SPACES.sub("", text or "")
    for _ in range(2):  # "€ 12" and "12 euro", "45 %" and "45procent"
        value = _SYMBOLS.sub("", value).strip()
    if not value:
        return None
    if value.startswith("+"):
        value = value[1:]
    if "," in value and "." in value:
        # Whichever comes last separates the decimals: 1.250,50 (Dutch) or 1,250.50.
        if value.rindex(",") > value.rindex("."):
            value = value.replace(".", "").replace(",", ".")
        else:
            value = value.replace(",", "")
    elif "," in value:
        value = value.replace(",", "") if _GROUPED_WITH_COMMAS.match(value) else value
        value = value.replace(",", ".")
    elif _GROUPED_WITH_DOTS.match(value.lstrip("-")):
        value = value.replace(".", "")
    if not re.fullmatch(r"-?\d+(\.\d+)?|-?\.\d+", value):
        raise ValueError(text)
    try:
        return Decimal(value)
    except InvalidOperation as error:
        raise ValueError(text) from error


def _dutch(number: Decimal, decimals: int) -> str:
    """`number` with thousands dots and a decimal comma, `decimals` digits after it."""
    text = f"{number:,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def _trimmed(number: Decimal) -> str:
    """Whole numbers without decimals, others with the two the portal stores."""
    whole = number == number.to_integral_value()
    return _dutch(number, 0 if whole else 2)


def amount(number: Decimal | None) -> str:
    return "" if number is None else f"€ {_trimmed(number)}"


def count(number: Decimal | None) -> str:
    return "" if number is None else _trimmed(number)


def percent(number: Decimal | None) -> str:
    if number is None:
        return ""
    whole = number == number.to_integral_value()
    text = _dutch(number, 0) if whole else _dutch(number, 2).rstrip("0")
    return f"{text} %"


def plain(number: Decimal | None) -> str:
    """As a form field shows it for editing: no € or %, grouping dots, decimal comma."""
    return "" if number is None else _trimmed(number)


def of_kind(number: Decimal | None, kind) -> str:
    """A number as an indicator of `kind` shows it: an amount in euro, else a count."""
    return amount(number) if kind == Indicator.Kind.AMOUNT else count(number)


def figures(answer, kind) -> str:
    """An answer's number (and percentage) as one text: "€ 1.250.000,50", "12 (45 %)"."""
    if answer.number is None:
        return ""
    text = of_kind(answer.number, kind)
    if answer.percentage is not None:
        text += f" ({percent(answer.percentage)})"
    return text

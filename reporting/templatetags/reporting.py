from django import template
from django.templatetags.static import static
from django.utils.html import format_html, json_script
from django.utils.safestring import mark_safe

from reporting import narrative as narrative_rules
from reporting import numbers, statuses
from reporting import text as text_rules

register = template.Library()


@register.filter
def narrative(html):
    """A narrative as HTML, sanitised again on the way out (it may have come in elsewhere)."""
    return mark_safe(narrative_rules.sanitize(html or ""))  # noqa: S308  (sanitised by nh3)


@register.filter
def figures(answer, kind):
    """An answer's (or history record's) number and percentage, Dutch: "€ 1.250.000,50"."""
    return numbers.figures(answer, kind)


@register.filter
def figure(number, indicator):
    """A total or value as `indicator` counts it: "€ 1.250.000", "12"."""
    return numbers.of_kind(number, indicator.kind)


@register.filter
def submission_status(submission):
    """The report's status in the one set of words (reporting/statuses.py)."""
    return statuses.label(submission)


@register.filter
def framework_bullets(text):
    """(intro, items): a framework text's "•" lines as list items (reporting.text)."""
    return text_rules.bullets(text)


@register.simple_tag
def editor_setup():
    """The prose editor's labels in the interface language, and the script that applies
    them and cleans what is pasted from Word. Before the editor's own module script."""
    labels = {key: str(label) for key, label in narrative_rules.EDITOR_LABELS.items()}
    return format_html(
        '{}<script src="{}"></script>',
        json_script(labels, "editor-labels"),
        static("js/editor-setup.js"),
    )

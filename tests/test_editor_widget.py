"""The answer's text field (reporting.forms.LazyProseEditor), written without the template
engine: it must be exactly what Django's textarea template writes, escaping included."""

from django.forms.renderers import get_default_renderer

from reporting.forms import LAZY_ATTRIBUTE, LazyProseEditor
from reporting.narrative import EXTENSIONS

HOSTILE = '<p>"Vrede" & <script>alert(1)</script> \u202eטקסט 和平 =SUM(A1)</p>'


def by_template(widget, name, value, attrs):
    context = widget.get_context(name, value, attrs)
    return get_default_renderer().render(widget.template_name, context)


def test_the_field_is_written_as_djangos_template_writes_it():
    widget = LazyProseEditor(config={"extensions": EXTENSIONS})
    for value in (HOSTILE, "", None):
        attrs = {"id": "id_e7-narrative", "aria-describedby": "words-7", "required": True}
        written = widget.render("e7-narrative", value, attrs)
        assert written == by_template(widget, "e7-narrative", value, attrs)
    assert "&lt;script&gt;" in widget.render("e7-narrative", HOSTILE)
    assert f" {LAZY_ATTRIBUTE}=" in written
    assert " required" in written

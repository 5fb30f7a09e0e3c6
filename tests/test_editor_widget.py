"""The editor's page widgets (reporting.widgets), written without the template engine: each
must write exactly what Django's template writes, escaping included."""

from django.forms.renderers import get_default_renderer

from reporting.narrative import EXTENSIONS
from reporting.widgets import LAZY_ATTRIBUTE, LazyProseEditor, PlainSelect

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


def test_the_list_of_places_is_written_as_djangos_template_writes_it():
    choices = [
        ("", "---------"),
        ("g1", f"1. {HOSTILE}"),
        ("s2", "– 1.a \"Vrede\" & 'veiligheid'"),
        ("Groep <b>", [("s3", "binnen een groep"), ("s4", "nog een")]),
    ]
    widget = PlainSelect(choices=choices, attrs={"class": "form-select"})
    for value in ("s2", "s4", "", None, '"><script>'):
        attrs = {"id": "id_place", "required": True, "aria-describedby": "id_place_helptext"}
        written = widget.render("place", value, attrs)
        assert written == by_template(widget, "place", value, attrs)
    assert "&lt;script&gt;" in written
    assert "Groep &lt;b&gt;" in written
    assert '<option value="s2" selected>' in widget.render("place", "s2")


def test_the_goal_answer_form_lists_its_places_with_the_plain_select():
    from reporting.forms import GoalAnswerForm

    assert isinstance(GoalAnswerForm.base_fields["place"].widget, PlainSelect)

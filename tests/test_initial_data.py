"""Loading the framework and the signatories never changes what exists (restart safety)."""

from io import StringIO

from django.core.management import call_command

from indicators.models import Indicator
from signatories.models import Signatory


def load(*fixtures):
    out = StringIO()
    call_command("load_initial_data", *fixtures, stdout=out)
    return out.getvalue()


def test_on_an_empty_database_everything_is_added_and_said(db):
    out = load()
    assert "signatories: 29 toegevoegd, 0 bestonden al" in out
    assert "nap1325_iv: 61 toegevoegd, 0 bestonden al" in out
    assert Signatory.objects.count() == 26
    assert Indicator.objects.count() == 34
    # Who an indicator applies to (many-to-many) comes along, as loaddata would load it.
    links = {
        name: getattr(Indicator, name).through.objects.count()
        for name in ("signatories", "signatory_kinds")
    }
    assert any(links.values())
    call_command("loaddata", "nap1325_iv", verbosity=0)
    assert links == {
        name: getattr(Indicator, name).through.objects.count()
        for name in ("signatories", "signatory_kinds")
    }


def test_loading_twice_after_admin_edits_keeps_every_edit(db):
    load()
    pax = Signatory.objects.get(code="PAX")
    pax.name, pax.is_active = "PAX voor vrede (nieuwe naam)", False
    pax.save()
    indicator = Indicator.objects.get(number="1.a")
    indicator.text = "Gecorrigeerde tekst van de indicator."
    indicator.save()
    Signatory.objects.get(code="CARE").delete()  # removed by mistake: it comes back

    for _ in range(2):  # two restarts of the web service
        out = load()
    assert "signatories: 0 toegevoegd, 29 bestonden al en zijn niet gewijzigd." in out
    pax.refresh_from_db()
    assert (pax.name, pax.is_active) == ("PAX voor vrede (nieuwe naam)", False)
    indicator.refresh_from_db()
    assert indicator.text == "Gecorrigeerde tekst van de indicator."
    assert Signatory.objects.filter(code="CARE").exists()


def test_loaddata_itself_would_have_undone_the_edit(db):
    """Why the command exists: Django's loaddata overwrites by natural key."""
    load()
    Signatory.objects.filter(code="PAX").update(name="Andere naam")
    call_command("loaddata", "signatories", verbosity=0)
    assert Signatory.objects.get(code="PAX").name != "Andere naam"


def test_the_2021_answers_load_the_same_way(db):
    load()
    out = load("report_2021")
    assert "report_2021:" in out and "0 bestonden al" in out
    assert "report_2021: 0 toegevoegd" in load("report_2021")

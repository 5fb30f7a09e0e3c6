"""Coordinators maintain the framework from the portal: who reports on what, and copying a
plan into the next one (issue 12)."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from indicators.models import ActionPlan, Indicator, StrategicGoal, Subgoal, Theme
from reporting import services
from reporting.models import Entry
from signatories.models import Signatory

pytestmark = pytest.mark.django_db


def formset_data(plan, changes):
    """The applicability form as posted: every indicator as it is, with `changes`
    (number → {"signatories": [...], "signatory_kinds": [...]}) applied."""
    indicators = list(Indicator.objects.filter(plan=plan).prefetch_related("signatories"))
    data = {
        "form-TOTAL_FORMS": len(indicators),
        "form-INITIAL_FORMS": len(indicators),
        "form-MIN_NUM_FORMS": 0,
        "form-MAX_NUM_FORMS": 1000,
    }
    for index, indicator in enumerate(indicators):
        values = {
            "signatories": [s.pk for s in indicator.signatories.all()],
            "signatory_kinds": [k.pk for k in indicator.signatory_kinds.all()],
            **changes.get(indicator.number, {}),
        }
        data[f"form-{index}-id"] = indicator.pk
        data[f"form-{index}-signatories"] = values["signatories"]
        data[f"form-{index}-signatory_kinds"] = values["signatory_kinds"]
    return data


def test_a_coordinator_gives_an_indicator_to_a_signatory_mid_round(
    client, coordinator, round_2025, django_capture_on_commit_callbacks
):
    mindef = Signatory.objects.get(code="MinDef")  # no indicators: answers on goals
    submission = services.ensure_submission(round=round_2025, signatory=mindef)
    plan = round_2025.plan
    indicator = Indicator.objects.get(plan=plan, number="1.a")
    assert not submission.entries.filter(indicator=indicator).exists()
    client.force_login(coordinator)
    url = reverse("indicators:applicability", args=[plan.code])
    assert "Wie rapporteert waarover" in client.get(url).text
    current = [s.pk for s in indicator.signatories.all()]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            formset_data(
                plan, {indicator.number: {"signatories": [*current, submission.signatory_id]}}
            ),
        )
    assert response.status_code == 302
    assert submission.entries.filter(indicator=indicator).exists()
    assert AuditEvent.objects.filter(action="applicability_changed").count() == 1
    # Taking it away again keeps the entry (and any answer in it).
    client.post(url, formset_data(plan, {indicator.number: {"signatories": current}}))
    assert Entry.objects.filter(submission=submission, indicator=indicator).exists()


@pytest.mark.parametrize("role", ["editor_minbz", "reader"])
def test_others_cannot_change_the_framework(client, request, framework, role):
    client.force_login(request.getfixturevalue(role))
    for name in ("indicators:applicability", "indicators:plan_copy"):
        assert client.get(reverse(name, args=["NAP1325-IV"])).status_code == 403


def test_copying_a_plan_gives_the_next_plan_the_same_framework(client, coordinator, framework):
    old = ActionPlan.objects.get(code="NAP1325-IV")
    client.force_login(coordinator)
    url = reverse("indicators:plan_copy", args=[old.code])
    data = {"code": "NAP1325-V", "title": "Vijfde NAP", "first_year": 2028, "last_year": 2031}
    response = client.post(url, data)
    assert response["Location"] == reverse("indicators:framework_plan", args=["NAP1325-V"])
    new = ActionPlan.objects.get(code="NAP1325-V")
    for model in (Theme, StrategicGoal, Subgoal, Indicator):
        assert model.objects.filter(plan=new).count() == model.objects.filter(plan=old).count()
    old_1a = Indicator.objects.get(plan=old, number="1.a")
    new_1a = Indicator.objects.get(plan=new, number="1.a")
    assert new_1a.text == old_1a.text and new_1a.goal.plan == new
    assert set(new_1a.signatories.all()) == set(old_1a.signatories.all())
    # Editing the copy leaves the old plan as it was.
    new_1a.text = "Nieuwe tekst"
    new_1a.save()
    assert Indicator.objects.get(pk=old_1a.pk).text == old_1a.text
    again = client.post(url, data)
    assert "Er bestaat al een actieplan met de code NAP1325-V" in again.text
    assert ActionPlan.objects.count() == 2

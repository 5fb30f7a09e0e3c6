"""A signatory or indicator added while a round is open reaches it; nothing is deleted."""

from django.urls import reverse

from indicators.models import Indicator
from reporting.models import Entry, Submission
from signatories.models import Signatory, SignatoryKind

from .factories import IndicatorFactory, SignatoryFactory, UserFactory


def test_a_signatory_added_mid_round_gets_its_report_and_its_editor_sees_it(
    client, round_2025, submission_minbz, django_capture_on_commit_callbacks
):
    ngo = SignatoryKind.objects.get(code="maatschappelijk")
    with django_capture_on_commit_callbacks(execute=True):
        newcomer = SignatoryFactory(code="NIEUW", name="Nieuwe Organisatie", kind=ngo)
    submission = Submission.objects.get(round=round_2025, signatory=newcomer)
    assert submission.entries.count() == Indicator.objects.applicable_to(newcomer).count() > 0
    editor = UserFactory(signatories=[newcomer])
    client.force_login(editor)
    home = client.get(reverse("home"))
    assert reverse("reporting:submission", args=[submission.pk]) in home.text


def test_an_indicator_given_to_a_signatory_mid_round_gets_an_entry_in_its_report(
    round_2025, submission_minbz, minbz, django_capture_on_commit_callbacks
):
    before = submission_minbz.entries.count()
    goal = round_2025.plan.goals.order_by("number")[0]
    with django_capture_on_commit_callbacks(execute=True):
        indicator = IndicatorFactory(goal=goal, plan=round_2025.plan, number="1.z")
        indicator.signatories.add(minbz)
    assert submission_minbz.entries.count() == before + 1
    assert submission_minbz.entries.filter(indicator=indicator).exists()


def test_an_indicator_given_to_a_kind_reaches_every_report_of_that_kind(
    round_2025, submission_minbz, submission_pax, django_capture_on_commit_callbacks
):
    goal = round_2025.plan.goals.order_by("number")[0]
    ngo = SignatoryKind.objects.get(code="maatschappelijk")
    with django_capture_on_commit_callbacks(execute=True):
        indicator = IndicatorFactory(goal=goal, plan=round_2025.plan, number="1.y")
        ngo.indicators.add(indicator)  # from the kind's side, as its admin page would
    assert submission_pax.entries.filter(indicator=indicator).exists()
    assert not submission_minbz.entries.filter(indicator=indicator).exists()  # a ministry


def test_deactivating_a_signatory_or_taking_an_indicator_away_deletes_no_answer(
    round_2025, submission_minbz, minbz, django_capture_on_commit_callbacks
):
    entry = submission_minbz.entries.in_plan_order().first()
    entry.narrative = "<p>Geschreven.</p>"
    entry.save()
    count = Entry.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        minbz.is_active = False
        minbz.save()
        entry.indicator.signatories.remove(minbz)
        entry.indicator.signatory_kinds.clear()
    assert Entry.objects.count() == count
    assert Signatory.objects.get(pk=minbz.pk).submissions.get().entries.filter(pk=entry.pk).exists()


def test_an_indicator_added_mid_round_is_marked_new_for_its_editors(
    client, editor_minbz, submission_minbz, django_capture_on_commit_callbacks
):
    plan = submission_minbz.round.plan
    existing = Indicator.objects.get(plan=plan, number="1.a")
    with django_capture_on_commit_callbacks(execute=True):
        late = IndicatorFactory(
            plan=plan, goal=existing.goal, number="1.z", text="Aantal nieuwe dingen", position=99
        )
        late.signatories.add(submission_minbz.signatory)
    entry = submission_minbz.entries.get(indicator=late)
    assert entry.added_late
    assert not submission_minbz.entries.get(indicator=existing).added_late
    client.force_login(editor_minbz)
    page = client.get(reverse("reporting:submission", args=[submission_minbz.pk])).text
    assert "Sinds de ronde openging is 1 indicator aan uw rapportage toegevoegd" in page
    assert f'href="#antwoord-{entry.pk}"' in page and "nieuw" in page

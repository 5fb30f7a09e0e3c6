"""'Antwoord op doel of subdoel': every signatory can report, also without indicators."""

from django.urls import reverse

from indicators.models import StrategicGoal, Subgoal
from reporting import services
from reporting.annex import content
from reporting.models import Entry, Submission
from signatories.models import Signatory

from .factories import ActionPlanFactory, StrategicGoalFactory, UserFactory


def add(client, submission, place, text=""):
    return client.post(
        reverse("reporting:goal_answer_add", args=[submission.pk]),
        {"place": place, "indicator_text": text},
        follow=True,
    )


def test_defensie_without_indicators_reports_on_a_subgoal_from_start_to_annex(
    client, round_2025, coordinator
):
    defensie = Signatory.objects.get(code="MinDef")
    submission = services.ensure_submission(round=round_2025, signatory=defensie)
    assert submission.entries.count() == 0
    editor = UserFactory(signatories=[defensie])
    client.force_login(editor)
    page = client.get(reverse("reporting:submission", args=[submission.pk]))
    assert "Antwoord op doel of subdoel" in page.text
    assert "U rapporteert op de strategische doelen en subdoelen" in page.text

    subgoal = Subgoal.objects.get(plan=round_2025.plan, number="5.1")
    page = add(client, submission, f"s{subgoal.pk}", "Aantal uitgezonden genderadviseurs")
    assert "Het antwoord op 5.1 is toegevoegd." in page.text
    entry = submission.entries.get()
    assert (entry.goal_id, entry.subgoal_id, entry.indicator) == (subgoal.goal_id, subgoal.pk, None)
    assert 'class="entry-form"' in page.text  # ready to write, like any answer
    assert "0 van 1 indicatoren ingevuld" in page.text

    client.post(
        reverse("reporting:entry_save", args=[submission.pk, entry.pk]),
        {f"e{entry.pk}-version": entry.version, f"e{entry.pk}-narrative": "<p>Drie adviseurs.</p>"},
    )
    client.post(reverse("reporting:submission_submit", args=[submission.pk]))
    submission.refresh_from_db()
    assert submission.state == "submitted"
    services.approve_submission(submission=submission, by=coordinator)
    annex = content.build(round_2025)
    (section,) = [s for s in annex.sections if s.signatory == defensie]
    assert [e.question for e in section.themes[0].entries] == ["Aantal uitgezonden genderadviseurs"]


def test_several_answers_on_one_goal_keep_their_order(client, submission_minbz, editor_minbz):
    client.force_login(editor_minbz)
    goal = StrategicGoal.objects.get(plan=submission_minbz.round.plan, number="1")
    for text in ("eerste", "tweede"):
        add(client, submission_minbz, f"g{goal.pk}", text)
    answers = submission_minbz.entries.filter(indicator=None).in_plan_order()
    assert [(e.indicator_text, e.position) for e in answers] == [("eerste", 0), ("tweede", 1)]
    # On the form they stand before the goal's own indicators, as in the annex.
    page = client.get(reverse("reporting:submission", args=[submission_minbz.pk])).text
    assert page.index("eerste") < page.index("tweede") < page.index(">1.a<")


def test_a_goal_of_another_plan_is_refused(submission_minbz, editor_minbz, framework):
    other = StrategicGoalFactory(theme__plan=ActionPlanFactory())
    try:
        services.add_goal_answer(submission=submission_minbz, by=editor_minbz, goal=other)
    except services.WorkflowError as error:
        assert "Kies een doel of subdoel uit het actieplan van deze ronde." in str(error)
    else:
        raise AssertionError("refused")
    assert not Entry.objects.filter(goal=other).exists()


def test_a_handed_in_report_gets_no_new_answers(client, submission_minbz, editor_minbz):
    Submission.objects.filter(pk=submission_minbz.pk).update(state="submitted")
    client.force_login(editor_minbz)
    goal = StrategicGoal.objects.get(plan=submission_minbz.round.plan, number="1")
    response = client.post(
        reverse("reporting:goal_answer_add", args=[submission_minbz.pk]), {"place": f"g{goal.pk}"}
    )
    assert response.status_code == 403

"""Bad framework input is refused by validation (Dutch message) and by the database."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from indicators.models import Indicator, StrategicGoal, Subgoal

from .factories import IndicatorFactory, StrategicGoalFactory, SubgoalFactory

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="composite foreign keys exist on PostgreSQL"
)


def test_a_duplicate_indicator_number_is_refused_with_a_dutch_message(db):
    first = IndicatorFactory(number="1.a")
    duplicate = Indicator(
        plan=first.plan, goal=first.goal, number="1.a", position=2, text="Nog een", kind="count"
    )
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "al een indicator met dit nummer" in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_an_indicator_without_text_is_refused(db):
    goal = StrategicGoalFactory()
    empty = Indicator(plan=goal.plan, goal=goal, number="1.z", position=1, text="", kind="count")
    with pytest.raises(ValidationError) as error:
        empty.full_clean()
    assert "text" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        empty.save()


def test_a_subgoal_under_a_goal_of_another_plan_is_refused_by_validation(db):
    goal = StrategicGoalFactory()
    other_goal = StrategicGoalFactory()
    subgoal = Subgoal(plan=goal.plan, goal=other_goal, number="9.1", position=1, text="Tekst")
    with pytest.raises(ValidationError) as error:
        subgoal.full_clean()
    assert "hoort bij een ander actieplan" in str(error.value)


@postgresql_only
def test_a_subgoal_under_a_goal_of_another_plan_is_refused_by_the_database(db):
    goal = StrategicGoalFactory()
    other_goal = StrategicGoalFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Subgoal.objects.create(
            plan=goal.plan, goal=other_goal, number="9.1", position=1, text="Tekst"
        )


@postgresql_only
def test_an_indicator_under_a_subgoal_of_another_goal_is_refused_by_the_database(db):
    subgoal = SubgoalFactory()
    other_goal = StrategicGoalFactory(
        theme__plan=subgoal.plan, theme__position=subgoal.goal.theme.position + 1
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Indicator.objects.create(
            plan=subgoal.plan,
            goal=other_goal,
            subgoal=subgoal,
            number="x.1",
            position=1,
            text="Tekst",
            kind="count",
        )


def test_an_indicator_under_a_subgoal_of_another_goal_is_refused_by_validation(db):
    subgoal = SubgoalFactory()
    other_goal = StrategicGoalFactory(
        theme__plan=subgoal.plan, theme__position=subgoal.goal.theme.position + 1
    )
    indicator = Indicator(
        plan=subgoal.plan,
        goal=other_goal,
        subgoal=subgoal,
        number="x.1",
        position=1,
        text="Tekst",
        kind="count",
    )
    with pytest.raises(ValidationError) as error:
        indicator.full_clean()
    assert "valt niet onder het gekozen strategisch doel" in str(error.value)


def test_the_admin_shows_a_dutch_message_for_a_duplicate_number(client, administrator):
    first = IndicatorFactory(number="1.a")
    client.force_login(administrator)
    response = client.post(
        "/beheer/indicators/indicator/add/",
        {
            "plan": first.plan.pk,
            "goal": first.goal.pk,
            "number": "1.a",
            "position": 2,
            "text": "Dubbel",
            "kind": "count",
        },
    )
    assert response.status_code == 200
    assert "Er bestaat in dit actieplan al een indicator met dit nummer." in response.text
    assert Indicator.objects.filter(plan=first.plan, number="1.a").count() == 1


def test_a_second_plan_fits_beside_the_first(framework):
    goal = StrategicGoalFactory(theme__plan__code="NAP1325-V", theme__position=1, number="1")
    IndicatorFactory(goal=goal, number="1.a")
    assert StrategicGoal.objects.filter(number="1").count() == 2
    assert Indicator.objects.filter(number="1.a").count() == 2

"""Copying a plan's framework into a new plan (NAP-V starts from NAP1325-IV).

Rounds belong to one plan, so the old plan's rounds, answers and editions keep pointing at
the old framework and never change; the copy is edited on its own.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from audit.log import record

from .models import ActionPlan, Indicator, StrategicGoal, Subgoal, Theme


class CopyError(Exception):
    """Why a plan cannot be copied, in words for the coordinator."""


@transaction.atomic
def copy_plan(
    *, plan: ActionPlan, code: str, title: str, first_year: int, last_year: int, by
) -> ActionPlan:
    """A new plan with the same themes, goals, subgoals and indicators (and to whom each
    indicator applies). Refused: an existing code, or years in the wrong order."""
    code = code.strip()
    if ActionPlan.objects.filter(code__iexact=code).exists():
        raise CopyError(_("Er bestaat al een actieplan met de code %(code)s.") % {"code": code})
    if last_year < first_year:
        raise CopyError(_("Het laatste jaar ligt vóór het eerste jaar."))
    new = ActionPlan.objects.create(
        code=code, title=title.strip(), first_year=first_year, last_year=last_year
    )
    themes, goals, subgoals = {}, {}, {}
    for theme in Theme.objects.filter(plan=plan):
        themes[theme.pk] = Theme.objects.create(plan=new, position=theme.position, name=theme.name)
    for goal in StrategicGoal.objects.filter(plan=plan):
        goals[goal.pk] = StrategicGoal.objects.create(
            plan=new, theme=themes[goal.theme_id], number=goal.number, text=goal.text
        )
    for subgoal in Subgoal.objects.filter(plan=plan):
        subgoals[subgoal.pk] = Subgoal.objects.create(
            plan=new,
            goal=goals[subgoal.goal_id],
            number=subgoal.number,
            position=subgoal.position,
            text=subgoal.text,
        )
    indicators = Indicator.objects.filter(plan=plan).prefetch_related(
        "signatories", "signatory_kinds"
    )
    for indicator in indicators:
        copy = Indicator.objects.create(
            plan=new,
            goal=goals[indicator.goal_id],
            subgoal=subgoals.get(indicator.subgoal_id),
            number=indicator.number,
            position=indicator.position,
            text=indicator.text,
            kind=indicator.kind,
        )
        copy.signatories.set(indicator.signatories.all())
        copy.signatory_kinds.set(indicator.signatory_kinds.all())
    record("plan_copied", actor=by, obj=new, source=plan.code)
    return new

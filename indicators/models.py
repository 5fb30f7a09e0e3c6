"""The framework of an action plan: themes, strategic goals, subgoals and indicators.

Every node carries its plan. On PostgreSQL composite foreign keys (migration 0003) make
a node under a parent of another plan impossible; ``clean()`` says so in Dutch first.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Prefetch, Q
from django.utils.translation import gettext_lazy as _

from signatories.models import Signatory, SignatoryKind


class ActionPlanManager(models.Manager):
    def get_by_natural_key(self, code):
        return self.get(code=code)


class ActionPlan(models.Model):
    code = models.CharField(_("code"), max_length=40, unique=True, help_text="NAP1325-IV")
    title = models.CharField(_("titel"), max_length=300)
    first_year = models.PositiveSmallIntegerField(_("eerste rapportagejaar"))
    last_year = models.PositiveSmallIntegerField(_("laatste rapportagejaar"))

    objects = ActionPlanManager()

    class Meta:
        ordering = ["-first_year", "code"]
        verbose_name = _("actieplan")
        verbose_name_plural = _("actieplannen")
        constraints = [
            models.CheckConstraint(
                condition=Q(last_year__gte=F("first_year")),
                name="actionplan_years_in_order",
                violation_error_message=_("Het laatste jaar ligt vóór het eerste jaar."),
            )
        ]

    def __str__(self):
        return self.code

    def natural_key(self):
        return (self.code,)

    @property
    def years(self):
        return range(self.first_year, self.last_year + 1)


class PlanNodeManager(models.Manager):
    """Nodes are found by (plan code, number): stable across databases and fixture loads."""

    number_field = "number"

    def get_by_natural_key(self, plan_code, number):
        return self.get(plan__code=plan_code, **{self.number_field: number})


class ThemeQuerySet(models.QuerySet):
    def framework_tree(self, plan):
        """The plan's themes with their goal, subgoals and indicators, in plan order, in five
        queries: `goal.own_indicators`, `goal.ordered_subgoals[i].ordered_indicators`."""
        indicators = Indicator.objects.in_plan_order().prefetch_related(
            "signatories", "signatory_kinds"
        )
        return (
            self.filter(plan=plan)
            .select_related("goal")
            .prefetch_related(
                Prefetch(
                    "goal__indicators",
                    queryset=indicators.filter(subgoal__isnull=True),
                    to_attr="own_indicators",
                ),
                Prefetch(
                    "goal__subgoals",
                    queryset=Subgoal.objects.order_by("position").prefetch_related(
                        Prefetch("indicators", queryset=indicators, to_attr="ordered_indicators")
                    ),
                    to_attr="ordered_subgoals",
                ),
            )
            .order_by("position")
        )


class ThemeManager(PlanNodeManager.from_queryset(ThemeQuerySet)):
    number_field = "position"


def _same_plan(node, parent, label):
    if parent is not None and node.plan_id and parent.plan_id != node.plan_id:
        raise ValidationError(
            {
                label: _("Dit onderdeel hoort bij een ander actieplan dan %(plan)s.")
                % {"plan": node.plan}
            }
        )


def _not_blank(field):
    return models.CheckConstraint(
        condition=~Q(**{field: ""}),
        name="%(class)s_" + f"{field}_not_blank",
        violation_error_message=_("De tekst mag niet leeg zijn."),
    )


def _unique_with_plan():
    # Target of the composite foreign keys of the nodes below (see migration 0002).
    return models.UniqueConstraint(fields=["id", "plan"], name="%(class)s_unique_id_plan")


class Theme(models.Model):
    plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, related_name="themes", verbose_name=_("actieplan")
    )
    position = models.PositiveSmallIntegerField(_("volgorde"))
    name = models.CharField(_("naam"), max_length=100, help_text="PARTICIPATIE")

    objects = ThemeManager()

    class Meta:
        ordering = ["plan", "position"]
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "position"],
                name="theme_unique_position_in_plan",
                violation_error_message=_("Dit actieplan heeft al een thema op deze plaats."),
            ),
            models.UniqueConstraint(
                fields=["plan", "name"],
                name="theme_unique_name_in_plan",
                violation_error_message=_("Dit actieplan heeft al een thema met deze naam."),
            ),
            _not_blank("name"),
            _unique_with_plan(),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.plan.code, self.position)

    natural_key.dependencies = ["indicators.actionplan"]


class StrategicGoal(models.Model):
    plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, related_name="goals", verbose_name=_("actieplan")
    )
    theme = models.OneToOneField(
        Theme, on_delete=models.CASCADE, related_name="goal", verbose_name=_("thema")
    )
    number = models.CharField(_("nummer"), max_length=10, help_text="1")
    text = models.TextField(_("tekst"))

    objects = PlanNodeManager()

    class Meta:
        ordering = ["plan", "theme__position"]
        verbose_name = _("strategisch doel")
        verbose_name_plural = _("strategische doelen")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"],
                name="strategicgoal_unique_number_in_plan",
                violation_error_message=_("Dit actieplan heeft al een doel met dit nummer."),
            ),
            _not_blank("text"),
            _unique_with_plan(),
        ]

    def __str__(self):
        return f"{self.label}: {self.text[:80]}"

    @property
    def label(self):
        return _("Strategisch doel %(number)s") % {"number": self.number}

    def natural_key(self):
        return (self.plan.code, self.number)

    natural_key.dependencies = ["indicators.theme"]

    def clean(self):
        _same_plan(self, getattr(self, "theme", None), "theme")


class Subgoal(models.Model):
    plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, related_name="subgoals", verbose_name=_("actieplan")
    )
    goal = models.ForeignKey(
        StrategicGoal,
        on_delete=models.CASCADE,
        related_name="subgoals",
        verbose_name=_("strategisch doel"),
    )
    number = models.CharField(_("nummer"), max_length=10, help_text="1.1")
    position = models.PositiveSmallIntegerField(_("volgorde binnen het doel"))
    text = models.TextField(_("tekst"))

    objects = PlanNodeManager()

    class Meta:
        ordering = ["plan", "goal__theme__position", "position"]
        verbose_name = _("subdoel")
        verbose_name_plural = _("subdoelen")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"],
                name="subgoal_unique_number_in_plan",
                violation_error_message=_("Dit actieplan heeft al een subdoel met dit nummer."),
            ),
            models.UniqueConstraint(
                fields=["goal", "position"],
                name="subgoal_unique_position_in_goal",
                violation_error_message=_("Dit doel heeft al een subdoel op deze plaats."),
            ),
            _not_blank("text"),
            _unique_with_plan(),
            # Target of the indicator's (subgoal, goal) composite foreign key.
            models.UniqueConstraint(fields=["id", "goal"], name="subgoal_unique_id_goal"),
        ]

    def __str__(self):
        return f"{self.label}: {self.text[:80]}"

    @property
    def label(self):
        return _("Subdoel %(number)s") % {"number": self.number}

    def natural_key(self):
        return (self.plan.code, self.number)

    natural_key.dependencies = ["indicators.strategicgoal"]

    def clean(self):
        _same_plan(self, getattr(self, "goal", None), "goal")


def plan_order(prefix=""):
    """Indicators in plan order: by theme, the goal's own indicators first, then each
    subgoal's, each by position. `prefix` orders rows that point to an indicator."""
    return [
        f"{prefix}goal__theme__position",
        F(f"{prefix}subgoal__position").asc(nulls_first=True),
        f"{prefix}position",
    ]


class IndicatorQuerySet(models.QuerySet):
    def in_plan_order(self):
        return self.order_by(*plan_order())

    def applicable_to(self, signatory):
        """Indicators named for this signatory or for its kind of signatory."""
        return self.filter(
            Q(
                pk__in=Indicator.signatories.through.objects.filter(signatory=signatory).values(
                    "indicator_id"
                )
            )
            | Q(
                pk__in=Indicator.signatory_kinds.through.objects.filter(
                    signatorykind_id=signatory.kind_id
                ).values("indicator_id")
            )
        )


class IndicatorManager(PlanNodeManager.from_queryset(IndicatorQuerySet)):
    pass


class Indicator(models.Model):
    class Kind(models.TextChoices):
        COUNT = "count", _("aantal")
        COUNT_PERCENTAGE = "count_percentage", _("aantal en percentage")
        AMOUNT = "amount", _("bedrag in euro")
        NARRATIVE = "narrative", _("voorbeelden / verhaal")

    plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("actieplan")
    )
    goal = models.ForeignKey(
        StrategicGoal,
        on_delete=models.CASCADE,
        related_name="indicators",
        verbose_name=_("strategisch doel"),
    )
    subgoal = models.ForeignKey(
        Subgoal,
        on_delete=models.CASCADE,
        related_name="indicators",
        null=True,
        blank=True,
        verbose_name=_("subdoel"),
        help_text=_("Leeg als de indicator direct onder het strategisch doel valt."),
    )
    number = models.CharField(_("nummer"), max_length=16, help_text="1.1.a")
    position = models.PositiveSmallIntegerField(_("volgorde"))
    text = models.TextField(_("tekst"))
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    signatories = models.ManyToManyField(
        Signatory,
        blank=True,
        related_name="indicators",
        verbose_name=_("van toepassing op ondertekenaars"),
    )
    signatory_kinds = models.ManyToManyField(
        SignatoryKind,
        blank=True,
        related_name="indicators",
        verbose_name=_("van toepassing op soorten ondertekenaars"),
    )

    objects = IndicatorManager()

    class Meta:
        ordering = ["plan", *plan_order()]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicatoren")
        constraints = [
            # Numbers are unique within the plan, so also within every goal.
            models.UniqueConstraint(
                fields=["plan", "number"],
                name="indicator_unique_number_in_plan",
                violation_error_message=_(
                    "Er bestaat in dit actieplan al een indicator met dit nummer."
                ),
            ),
            _not_blank("text"),
            _not_blank("number"),
        ]

    def __str__(self):
        return f"{self.number} {self.text[:80]}"

    def natural_key(self):
        return (self.plan.code, self.number)

    natural_key.dependencies = [
        "indicators.subgoal",
        "signatories.signatory",
        "signatories.signatorykind",
    ]

    @property
    def parent(self):
        return self.subgoal or self.goal

    @property
    def takes_number(self):
        return self.kind != self.Kind.NARRATIVE

    def clean(self):
        goal = getattr(self, "goal", None)
        _same_plan(self, goal, "goal")
        if self.subgoal_id and goal is not None and self.subgoal.goal_id != goal.pk:
            raise ValidationError(
                {"subgoal": _("Dit subdoel valt niet onder het gekozen strategisch doel.")}
            )

"""Reporting rounds, one submission per signatory per round, one entry per indicator."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from indicators.models import ActionPlan, Indicator, StrategicGoal, Subgoal
from signatories.models import Signatory
from signatories.permissions import is_coordinator

from . import narrative


class ReportingRoundManager(models.Manager):
    def get_by_natural_key(self, plan_code, first_year):
        return self.get(plan__code=plan_code, first_year=first_year)


class ReportingRound(models.Model):
    class State(models.TextChoices):
        PREPARATION = "preparation", _("in voorbereiding")
        OPEN = "open", _("open")
        CLOSED = "closed", _("gesloten")
        PUBLISHED = "published", _("gepubliceerd")

    plan = models.ForeignKey(
        ActionPlan, on_delete=models.PROTECT, related_name="rounds", verbose_name=_("actieplan")
    )
    first_year = models.PositiveSmallIntegerField(_("eerste jaar"))
    last_year = models.PositiveSmallIntegerField(
        _("laatste jaar"),
        help_text=_("Gelijk aan het eerste jaar, tenzij jaren gecombineerd zijn."),
    )
    opens_at = models.DateTimeField(_("open vanaf"))
    deadline = models.DateTimeField(
        _("deadline"), help_text=_("Na dit moment kunnen ondertekenaars niets meer wijzigen.")
    )
    state = models.CharField(
        _("status"), max_length=20, choices=State.choices, default=State.PREPARATION
    )
    front_matter = models.BooleanField(
        _("voorwerk in de bijlage"),
        default=True,
        help_text=_(
            "Een voorblad, de inleiding en wie wel en niet rapporteerde, vóór de inhoudsopgave."
        ),
    )
    annex_charts = models.BooleanField(
        _("grafieken in de bijlage"),
        default=False,
        help_text=_("In het voorwerk: hoeveel antwoorden de bijlage per strategisch doel bevat."),
    )

    objects = ReportingRoundManager()

    class Meta:
        ordering = ["-first_year"]
        verbose_name = _("rapportageronde")
        verbose_name_plural = _("rapportagerondes")
        constraints = [
            models.CheckConstraint(
                condition=Q(last_year__gte=F("first_year")),
                name="round_years_in_order",
                violation_error_message=_("Het laatste jaar ligt vóór het eerste jaar."),
            ),
            models.CheckConstraint(
                condition=Q(deadline__gt=F("opens_at")),
                name="round_deadline_after_opening",
                violation_error_message=_("De deadline ligt vóór de opening."),
            ),
            models.UniqueConstraint(
                fields=["plan", "first_year"],
                name="round_unique_first_year_in_plan",
                violation_error_message=_("Er is al een ronde die in dit jaar begint."),
            ),
        ]

    def __str__(self):
        return _("Voortgangsrapportage over %(period)s") % {"period": self.period}

    def natural_key(self):
        return (*self.plan.natural_key(), self.first_year)

    natural_key.dependencies = ["indicators.actionplan"]

    @property
    def period(self):
        """'het jaar 2021' or 'de jaren 2022 en 2023'."""
        if self.first_year == self.last_year:
            return _("het jaar %(year)s") % {"year": self.first_year}
        years = [str(y) for y in range(self.first_year, self.last_year + 1)]
        return _("de jaren %(years)s en %(last)s") % {
            "years": ", ".join(years[:-1]),
            "last": years[-1],
        }

    @property
    def label(self):
        if self.first_year == self.last_year:
            return str(self.first_year)
        return f"{self.first_year}–{self.last_year}"

    @property
    def is_past_deadline(self):
        return timezone.now() >= self.deadline

    @property
    def days_left(self):
        return max((timezone.localdate(self.deadline) - timezone.localdate()).days, 0)

    def previous(self):
        """The round of the same plan that came last before this one."""
        return (
            ReportingRound.objects.filter(plan=self.plan, last_year__lt=self.first_year)
            .order_by("-last_year")
            .first()
        )


def filled(prefix=""):
    """An entry counts as filled: a narrative, or 'niet van toepassing' with a reason.

    The same rule as Entry.is_filled, as a filter on entries reached through `prefix`.
    """
    return (
        Q(**{f"{prefix}not_applicable": True}) & ~Q(**{f"{prefix}not_applicable_reason": ""})
    ) | (Q(**{f"{prefix}not_applicable": False}) & ~Q(**{f"{prefix}narrative": ""}))


class SubmissionQuerySet(models.QuerySet):
    def get_by_natural_key(self, plan_code, first_year, signatory_code):
        return self.get(
            round__plan__code=plan_code,
            round__first_year=first_year,
            signatory__code=signatory_code,
        )

    def with_progress(self):
        """Annotate `total` and `filled` entries (narrative given, or n.v.t. with a reason)."""
        return self.annotate(
            total=models.Count("entries", distinct=True),
            filled=models.Count("entries", filter=filled("entries__"), distinct=True),
        )

    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        if is_coordinator.test(user):
            return self
        return self.filter(signatory__memberships__user=user)


class Submission(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("concept")
        # Waiting for the organisation's own approver (reporting.signoff), before WO=MEN.
        SIGNOFF = "signoff", _("ter accordering")
        SUBMITTED = "submitted", _("ingediend")
        RETURNED = "returned", _("teruggestuurd")
        APPROVED = "approved", _("goedgekeurd")

    EDITABLE_STATES = (State.DRAFT, State.RETURNED)
    # The organisation may take these back (services.withdraw_submission).
    WITHDRAWABLE_STATES = (State.SIGNOFF, State.SUBMITTED)

    round = models.ForeignKey(
        ReportingRound,
        on_delete=models.PROTECT,
        related_name="submissions",
        verbose_name=_("ronde"),
    )
    signatory = models.ForeignKey(
        Signatory,
        on_delete=models.PROTECT,
        related_name="submissions",
        verbose_name=_("ondertekenaar"),
    )
    state = models.CharField(_("status"), max_length=20, choices=State.choices, default=State.DRAFT)
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingediend door"),
    )
    unlocked_until = models.DateTimeField(
        _("ontgrendeld tot"),
        null=True,
        blank=True,
        help_text=_("Na de deadline door een coördinator heropend tot dit moment."),
    )

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["round", "signatory__kind__position", "signatory__name"]
        verbose_name = _("inzending")
        verbose_name_plural = _("inzendingen")
        constraints = [
            # One report per signatory per round: the annex and the overview rely on it.
            models.UniqueConstraint(
                fields=["round", "signatory"], name="submission_unique_signatory_in_round"
            )
        ]

    def __str__(self):
        return f"{self.signatory} – {self.round.label}"

    def natural_key(self):
        return (*self.round.natural_key(), self.signatory.code)

    natural_key.dependencies = ["reporting.reportinground", "signatories.signatory"]

    @property
    def is_locked(self):
        """Closed for the signatory by the deadline, unless a coordinator unlocked it."""
        if self.round.state != ReportingRound.State.OPEN:
            return True
        if self.unlocked_until and timezone.now() < self.unlocked_until:
            return False
        return self.round.is_past_deadline

    @property
    def is_editable(self):
        return self.state in self.EDITABLE_STATES and not self.is_locked


def entry_order(prefix=""):
    """Entries as the plan orders them: by theme and goal, the goal's own answers first, then
    each subgoal's; within a place, an answer without an indicator before the indicators'."""
    return [
        f"{prefix}goal__theme__position",
        F(f"{prefix}subgoal__position").asc(nulls_first=True),
        F(f"{prefix}indicator__position").asc(nulls_first=True),
        f"{prefix}position",
    ]


class EntryQuerySet(models.QuerySet):
    def in_plan_order(self):
        return self.order_by(*entry_order())

    def get_by_natural_key(self, plan_code, first_year, signatory_code, place, position):
        """`place` is the number of the indicator, or of the subgoal or goal answered without
        one; the three kinds of number never coincide ('1.a', '1.1', '1')."""
        at_place = (
            Q(indicator__number=place)
            | Q(indicator=None, subgoal__number=place)
            | Q(indicator=None, subgoal=None, goal__number=place)
        )
        return self.get(
            at_place,
            submission=Submission.objects.get_by_natural_key(plan_code, first_year, signatory_code),
            position=position,
        )


class Entry(models.Model):
    submission = models.ForeignKey(
        Submission,
        on_delete=models.CASCADE,
        related_name="entries",
        verbose_name=_("inzending"),
    )
    # Where in the framework the answer stands. Usually an indicator (and its goal and
    # subgoal, copied from it); a signatory may also answer a goal or subgoal as such, as
    # ministries did in the 2021 annex, and then `indicator` is empty.
    goal = models.ForeignKey(
        StrategicGoal,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("strategisch doel"),
    )
    subgoal = models.ForeignKey(
        Subgoal,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("subdoel"),
    )
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
        verbose_name=_("indicator"),
    )
    indicator_text = models.TextField(
        _("eigen indicator"),
        blank=True,
        help_text=_(
            "Wat de ondertekenaar in de indicatorkolom schreef, waar het plan geen indicator heeft."
        ),
    )
    # Orders several answers on the same goal or subgoal without an indicator.
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    # Answered together, as the annex prints it in one cell (the 2021 annex did both): the
    # strategic goal above this answer's subgoal, and further indicators of the plan whose
    # texts stand with this one's, all with this one narrative.
    with_goal = models.BooleanField(
        _("samen met het strategisch doel"),
        default=False,
        help_text=_("Het antwoord geldt voor het strategisch doel en dit subdoel samen."),
    )
    also_answers = models.ManyToManyField(
        Indicator,
        blank=True,
        related_name="+",
        verbose_name=_("beantwoordt ook"),
        help_text=_("Indicatoren die dit antwoord ook beantwoordt; ze staan in dezelfde cel."),
    )
    narrative = models.TextField(_("toelichting"), blank=True)
    number = models.DecimalField(
        _("aantal of bedrag"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    percentage = models.DecimalField(
        _("percentage"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    # Given to this signatory while the round was open (reporting.framework_changes): the
    # form marks it "nieuw" so its editors see what was added.
    added_late = models.BooleanField(_("later toegevoegd"), default=False)
    not_applicable = models.BooleanField(_("niet van toepassing"), default=False)
    not_applicable_reason = models.TextField(_("reden"), blank=True)
    # Optimistic lock: a save names the version it started from (see services.save_entry).
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gewijzigd door"),
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = EntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "indicator"],
                condition=Q(indicator__isnull=False),
                name="entry_unique_indicator_in_submission",
            ),
            models.CheckConstraint(
                condition=Q(number__isnull=True) | Q(number__gte=0),
                name="entry_number_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(percentage__isnull=True) | Q(percentage__gte=0, percentage__lte=100),
                name="entry_percentage_0_to_100",
            ),
        ]

    def __str__(self):
        return f"{self.submission} – {self.place}"

    def save(self, *args, **kwargs):
        if self.indicator_id is not None and self.goal_id is None:
            self.goal_id = self.indicator.goal_id
            self.subgoal_id = self.indicator.subgoal_id
        super().save(*args, **kwargs)

    def natural_key(self):
        return (*self.submission.natural_key(), self.place, self.position)

    natural_key.dependencies = ["reporting.submission", "indicators.indicator"]

    @property
    def place(self):
        """The number of what is answered: '1.a', or '3.4' for a subgoal answered as such."""
        if self.indicator_id is not None:
            return self.indicator.number
        return (self.subgoal or self.goal).number

    @property
    def signatory(self):
        return self.submission.signatory

    @property
    def question(self):
        """The text of the indicator column: the plan's indicator, or the signatory's own."""
        return self.indicator.text if self.indicator_id is not None else self.indicator_text

    @property
    def answered_indicators(self):
        """This answer's indicator and those it answers too, in plan order (the annex
        prefetches `also_answers`)."""
        own = [self.indicator] if self.indicator_id is not None else []
        others = list(self.also_answers.all())
        if not others:
            return own
        return sorted(
            own + others, key=lambda i: (i.subgoal.position if i.subgoal_id else -1, i.position)
        )

    @property
    def question_texts(self):
        """The annex's indicator column, a text each: the question of every indicator this
        answer answers, or the signatory's own text where the plan has none."""
        texts = [self.indicator_text] if self.indicator_id is None and self.indicator_text else []
        return texts + [i.text for i in self.answered_indicators]

    @property
    def questions(self):
        """The same as one text, the questions a blank line apart."""
        return "\n\n".join(self.question_texts)

    @property
    def kind(self):
        """Which fields the answer has; an answer without an indicator is a narrative."""
        return self.indicator.kind if self.indicator_id is not None else Indicator.Kind.NARRATIVE

    @property
    def is_filled(self):
        if self.not_applicable:
            return bool(self.not_applicable_reason.strip())
        return not narrative.is_blank(self.narrative)

    @property
    def word_count(self):
        return narrative.word_count(self.narrative)


class SubmissionEvent(models.Model):
    """A transition of a submission, with who and why. Append-only: the review's audit trail.

    On PostgreSQL a trigger (migration 0002) refuses UPDATE and DELETE of these rows.
    """

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("ingediend")
        RETURNED = "returned", _("teruggestuurd")
        APPROVED = "approved", _("goedgekeurd")
        REOPENED = "reopened", _("heropend")
        UNLOCKED = "unlocked", _("ontgrendeld")
        WITHDRAWN = "withdrawn", _("teruggetrokken")
        SIGNOFF_REQUESTED = "signoff_requested", _("ter accordering aangeboden")
        SIGNED_OFF = "signed_off", _("geaccordeerd en ingediend")
        SIGNOFF_RETURNED = "signoff_returned", _("niet geaccordeerd")

    # Steps that hand a report back to its editors, with a reason to read.
    SENT_BACK = (Action.RETURNED, Action.REOPENED, Action.SIGNOFF_RETURNED)

    submission = models.ForeignKey(
        Submission, on_delete=models.PROTECT, related_name="events", verbose_name=_("inzending")
    )
    action = models.CharField(_("actie"), max_length=20, choices=Action.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("door"),
    )
    at = models.DateTimeField(_("op"), default=timezone.now)
    reason = models.TextField(_("reden"), blank=True)
    unlocked_until = models.DateTimeField(_("ontgrendeld tot"), null=True, blank=True)

    class Meta:
        # In the order they happened: `submission.events.last()` is the latest step.
        ordering = ["at", "pk"]
        verbose_name = _("beoordelingsstap")
        verbose_name_plural = _("beoordelingsstappen")
        constraints = [
            # A return, a reopening and an unlock must say why (the editors read it).
            models.CheckConstraint(
                condition=~Q(action__in=["returned", "reopened", "unlocked"]) | ~Q(reason=""),
                name="event_reason_required",
                violation_error_message=_("Geef een reden op."),
            ),
        ]

    def __str__(self):
        return f"{self.submission} – {self.get_action_display()}"


class EntryCommentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Coordinators see every comment; editors those a decision has shared."""
        qs = self.select_related("author", "event")
        if is_coordinator.test(user):
            return qs
        return qs.filter(event__isnull=False)


class EntryComment(models.Model):
    """A coordinator's remark on one entry. Editors see it once a decision shares it; from
    then on editors and coordinators reply to it, until a coordinator marks it resolved."""

    entry = models.ForeignKey(
        Entry, on_delete=models.PROTECT, related_name="comments", verbose_name=_("antwoord")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("auteur"),
    )
    text = models.TextField(_("opmerking"))
    created_at = models.DateTimeField(_("geplaatst op"), default=timezone.now)
    event = models.ForeignKey(
        SubmissionEvent,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("gedeeld bij"),
        help_text=_("De beoordeling (terugsturen of goedkeuren) die de opmerking deelde."),
    )
    # A conversation: replies (by the editors or coordinators) to a shared remark, which a
    # coordinator marks resolved (reporting.conversation).
    reply_to = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("reactie op"),
    )
    resolved_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afgerond door"),
    )

    objects = EntryCommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("opmerking")
        verbose_name_plural = _("opmerkingen")

    def __str__(self):
        return f"{self.entry} – {self.author}"


def edition_path(edition, filename):
    return f"edities/{edition.round.first_year}/{edition.content_hash[:16]}/{filename}"


class Edition(models.Model):
    """A compiled annex: one file in one format, for a round and a choice of filters.

    Compiling is a Celery task (reporting.tasks.compile_edition). The same content in the
    same format is compiled once: a second request finds the first edition (see
    reporting.annex.editions). Readers download only the editions of a round's current
    publication (Publication); a published edition is never changed or deleted.
    """

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word"
        XLSX = "xlsx", "Excel"
        HTML = "html", "HTML"

    class State(models.TextChoices):
        QUEUED = "queued", _("in de wachtrij")
        RUNNING = "running", _("wordt samengesteld")
        DONE = "done", _("klaar")
        FAILED = "failed", _("mislukt")

    round = models.ForeignKey(
        ReportingRound, on_delete=models.PROTECT, related_name="editions", verbose_name=_("ronde")
    )
    format = models.CharField(_("formaat"), max_length=8, choices=Format.choices)
    concept = models.BooleanField(
        _("concept"), default=False, help_text=_("Met antwoorden die nog niet zijn goedgekeurd.")
    )
    signatory = models.ForeignKey(
        Signatory,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("alleen ondertekenaar"),
    )
    theme = models.ForeignKey(
        "indicators.Theme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("alleen thema"),
    )
    kinds = models.ManyToManyField(
        "signatories.SignatoryKind", blank=True, related_name="+", verbose_name=_("soorten")
    )
    # A plan period's annex in one document: every round of the plan that had opened, from
    # the one starting in this year up to and including `round`. Empty: `round` alone.
    period_from = models.PositiveSmallIntegerField(
        _("planperiode vanaf"),
        null=True,
        blank=True,
        help_text=_("Met de rondes ervoor: alle rondes van het actieplan vanaf dit jaar."),
    )
    content_hash = models.CharField(_("inhoud (hash)"), max_length=64)
    state = models.CharField(
        _("status"), max_length=10, choices=State.choices, default=State.QUEUED
    )
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    error = models.TextField(_("foutmelding"), blank=True)
    file = models.FileField(_("bestand"), upload_to=edition_path, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("aangevraagd door"),
    )
    requested_at = models.DateTimeField(_("aangevraagd op"), default=timezone.now)
    # Set when a worker claims the compilation and at every part it finishes: a running
    # edition whose heartbeat stops has lost its worker (reporting.annex.editions.sweep).
    heartbeat_at = models.DateTimeField(_("laatste teken van leven"), null=True, blank=True)
    # When the content changed between request and compile, the edition for the new content.
    superseded_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vervangen door"),
    )
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("editie")
        verbose_name_plural = _("edities")
        constraints = [
            # One compilation per content and format: a second request finds the first.
            models.UniqueConstraint(
                fields=["round", "format", "concept", "content_hash"],
                condition=~Q(state="failed"),
                name="edition_once_per_content",
            ),
        ]

    def __str__(self):
        return f"{self.label} {self.get_format_display()} ({self.requested_at:%d-%m-%Y})"

    @property
    def label(self):
        """The years it covers: its round's ("2021"), or a plan period's ("2021–2025")."""
        if self.period_from is None:
            return self.round.label
        return f"{self.period_from}–{self.round.last_year}"

    @property
    def is_finished(self):
        return self.state in (self.State.DONE, self.State.FAILED)

    @property
    def percent(self):
        if not self.progress_total:
            return 0
        return round(100 * self.progress_done / self.progress_total)

    @property
    def code(self):
        """The edition's name on its cover and its page: the start of its content's hash, so
        two files with the same code hold the same content."""
        return self.content_hash[:8].upper()

    @property
    def filename(self):
        prefix = "CONCEPT-" if self.concept else ""
        return f"{prefix}Bijlage-1-{self.round.plan.code}-{self.label}.{self.format}"


class PublicationQuerySet(models.QuerySet):
    def current(self):
        """What readers see: per round the latest version, unless it was withdrawn (then
        nothing, until a coordinator publishes a new version)."""
        later = Publication.objects.filter(round=OuterRef("round"), version__gt=OuterRef("version"))
        return self.filter(withdrawn_at=None).exclude(Exists(later))


class Publication(models.Model):
    """One version of a round's published annex: the page readers read (a snapshot taken
    when it was published) and its files in every format. The one meaning of "published":
    a round is published while its latest version is not withdrawn (reporting.publishing).
    """

    round = models.ForeignKey(
        ReportingRound,
        on_delete=models.PROTECT,
        related_name="publications",
        verbose_name=_("ronde"),
    )
    version = models.PositiveSmallIntegerField(_("versie"))
    note = models.TextField(_("versienotitie"), blank=True)
    editions = models.ManyToManyField(
        Edition, related_name="publications", blank=True, verbose_name=_("edities")
    )
    html = models.TextField(_("pagina zoals gepubliceerd"), blank=True)
    published_at = models.DateTimeField(_("gepubliceerd op"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gepubliceerd door"),
    )
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingetrokken door"),
    )
    withdrawn_reason = models.TextField(_("reden van intrekken"), blank=True)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = ["round", "-version"]
        verbose_name = _("publicatie")
        verbose_name_plural = _("publicaties")
        constraints = [
            models.UniqueConstraint(fields=["round", "version"], name="publication_unique_version"),
        ]

    def __str__(self):
        return _("%(round)s, versie %(version)s") % {
            "round": self.round.label,
            "version": self.version,
        }

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None


class PublishedAnswer(models.Model):
    """One answer as a publication version published it: the rows the public monitor and
    the open data read (reporting.publishing snapshots them with the page). Live answers
    change after publishing; these never do, so nothing unpublished is ever shown."""

    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="answers", verbose_name=_("publicatie")
    )
    signatory = models.ForeignKey(
        Signatory, on_delete=models.PROTECT, related_name="+", verbose_name=_("ondertekenaar")
    )
    goal = models.ForeignKey(
        StrategicGoal, on_delete=models.PROTECT, related_name="+", verbose_name=_("doel")
    )
    subgoal = models.ForeignKey(
        Subgoal, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("subdoel")
    )
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.PROTECT,
        null=True,
        related_name="published_answers",
        verbose_name=_("indicator"),
    )
    place = models.CharField(_("plaats"), max_length=16)
    question = models.TextField(_("indicator"), blank=True)
    position = models.PositiveIntegerField(_("volgorde"))
    narrative = models.TextField(_("toelichting"), blank=True)
    number = models.DecimalField(max_digits=16, decimal_places=2, null=True)
    percentage = models.DecimalField(max_digits=5, decimal_places=2, null=True)
    not_applicable = models.BooleanField(default=False)
    not_applicable_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["publication", "position"]
        verbose_name = _("gepubliceerd antwoord")
        verbose_name_plural = _("gepubliceerde antwoorden")

    def __str__(self):
        return f"{self.publication} – {self.signatory_id} {self.place}"


class Synthesis(models.Model):
    """The coordinators' narrative on one strategic goal for a round: what the answers add up
    to, citing them as [MinBZ 1.a] (reporting.synthesis). Written with the answers' editor,
    saved on a version, with history; a second coordinator approves it, and only approved
    text goes into the compiled "Voortgangsrapportage" (the annex's front matter)."""

    round = models.ForeignKey(
        ReportingRound, on_delete=models.CASCADE, related_name="syntheses", verbose_name=_("ronde")
    )
    # Without a goal: the round's introduction, written, saved, approved and compiled the
    # same way (issue 14: "reviewed like entries"), before the contents.
    goal = models.ForeignKey(
        StrategicGoal,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("doel"),
    )
    text = models.TextField(_("synthese"), blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gewijzigd door"),
    )
    approved_version = models.PositiveIntegerField(_("goedgekeurde versie"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("goedgekeurd door"),
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["round", "goal__theme__position"]
        verbose_name = _("synthese")
        verbose_name_plural = _("syntheses")
        constraints = [
            models.UniqueConstraint(fields=["round", "goal"], name="synthesis_unique_goal"),
            models.UniqueConstraint(
                fields=["round"], condition=Q(goal=None), name="synthesis_one_introduction"
            ),
        ]

    def __str__(self):
        return f"{self.round.label} – {self.goal.number if self.goal_id else _('inleiding')}"

    @property
    def is_introduction(self):
        return self.goal_id is None

    @property
    def is_approved(self):
        return self.approved_version == self.version

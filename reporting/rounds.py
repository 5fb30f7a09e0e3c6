"""The life of a reporting round: create, open, close, extend the deadline.

Writers with the house's rules: keyword arguments and the acting user `by`, a row lock, a
check that the state is still the one the coordinator's page showed (`seen_state`), an
audit event, and mail through the outbox. The screens (views/rounds.py) and the command
(`python manage.py round`) call these same functions.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from audit.log import audited, record
from indicators.models import ActionPlan, Indicator
from outbox.services import queue_mail
from signatories.models import Invitation, Signatory, User

from .models import ReportingRound, Submission
from .notifications import editors_of
from .services import WorkflowError, ensure_submission

State = ReportingRound.State


@dataclass
class Invited:
    """Who a new round will ask to report, and on how many indicators."""

    signatory: Signatory
    indicators: int
    editors: int


def who_will_report(plan: ActionPlan) -> list[Invited]:
    """Every active signatory, with the number of the plan's indicators it answers and its
    editors (who get the opening mail). Signatories without indicators answer on goals.

    Three queries, whatever the number of signatories: the indicators named for each
    signatory and for each kind (the rule of IndicatorQuerySet.applicable_to), and the
    signatories with their active editors counted."""
    named, for_kind = defaultdict(set), defaultdict(set)
    links = Indicator.signatories.through.objects.filter(indicator__plan=plan)
    for signatory_id, indicator_id in links.values_list("signatory_id", "indicator_id"):
        named[signatory_id].add(indicator_id)
    links = Indicator.signatory_kinds.through.objects.filter(indicator__plan=plan)
    for kind_id, indicator_id in links.values_list("signatorykind_id", "indicator_id"):
        for_kind[kind_id].add(indicator_id)
    signatories = (
        Signatory.objects.active()
        .in_annex_order()
        .select_related("kind")
        .annotate(
            editors=Count(
                "memberships__user",
                filter=Q(memberships__user__is_active=True),
                distinct=True,
            )
        )
    )
    return [
        Invited(
            signatory=signatory,
            indicators=len(named[signatory.pk] | for_kind[signatory.kind_id]),
            editors=signatory.editors,
        )
        for signatory in signatories
    ]


def pending_editor_invitations():
    """Invitations into an organisation whose link still works: people who may still
    want to write in this round."""
    return Invitation.objects.pending().filter(role__in=Invitation.EDITOR_ROLES)


def _refuse_stale(round: ReportingRound, seen_state: str | None) -> None:
    if seen_state is not None and round.state != seen_state:
        raise WorkflowError(
            _("Deze ronde is intussen %(state)s. Bekijk de nieuwe stand en probeer het opnieuw.")
            % {"state": round.get_state_display()}
        )


def _check_dates(*, plan, first_year, last_year, opens_at, deadline):
    if last_year < first_year:
        raise WorkflowError(_("Het laatste jaar ligt vóór het eerste jaar."))
    if first_year < plan.first_year or last_year > plan.last_year:
        raise WorkflowError(
            _("%(plan)s loopt van %(first)s tot en met %(last)s; kies jaren daarbinnen.")
            % {"plan": plan.code, "first": plan.first_year, "last": plan.last_year}
        )
    if deadline <= opens_at:
        raise WorkflowError(_("De deadline ligt vóór de opening. Kies een latere deadline."))
    overlapping = ReportingRound.objects.filter(
        plan=plan, first_year__lte=last_year, last_year__gte=first_year
    ).first()
    if overlapping is not None:
        raise WorkflowError(
            _("Er is al een ronde over (een deel van) deze jaren: %(round)s.")
            % {"round": overlapping.period}
        )


@transaction.atomic
def create_round(
    *,
    plan: ActionPlan,
    first_year: int,
    last_year: int,
    opens_at: datetime,
    deadline: datetime,
    by: User,
) -> ReportingRound:
    """A new round in preparation: nobody is asked anything until it is opened.

    Refused (WorkflowError, in Dutch) for years outside the plan, years that overlap another
    round of the plan, or a deadline before the opening. Side effects: the round; an audit
    event."""
    # Lock the plan: two coordinators creating the same year wait for each other.
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    _check_dates(
        plan=plan, first_year=first_year, last_year=last_year, opens_at=opens_at, deadline=deadline
    )
    round = ReportingRound.objects.create(
        plan=plan,
        first_year=first_year,
        last_year=last_year,
        opens_at=opens_at,
        deadline=deadline,
        state=State.PREPARATION,
    )
    record("round_created", actor=by, obj=round)
    return round


def _lock(round: ReportingRound, seen_state: str | None) -> ReportingRound:
    round = ReportingRound.objects.select_for_update().select_related("plan").get(pk=round.pk)
    _refuse_stale(round, seen_state)
    return round


@audited("round_opened", subject="round", refused=(WorkflowError,))
@transaction.atomic
def open_round(*, round: ReportingRound, by: User, seen_state: str | None = None) -> ReportingRound:
    """Open a round (from preparation, or again after closing it): every active signatory
    gets its submission and entries; their editors get a mail the first time.

    Side effects: state → open; submissions and entries; mails through the outbox."""
    round = _lock(round, seen_state)
    if round.state not in (State.PREPARATION, State.CLOSED):
        raise WorkflowError(_("Deze ronde is al open of gepubliceerd."))
    first_time = round.state == State.PREPARATION
    for signatory in Signatory.objects.active():
        submission = ensure_submission(round=round, signatory=signatory)
        if first_time:
            queue_mail(
                to=list(editors_of(signatory)),
                template="reporting/email/round_opened",
                context={
                    "round": round,
                    "signatory": signatory,
                    "path": reverse("reporting:submission", args=[submission.pk]),
                },
                key=f"round-opened-{round.pk}-{signatory.pk}",
            )
    round.state = State.OPEN
    round.save(update_fields=["state"])
    return round


@audited("round_closed", subject="round", refused=(WorkflowError,))
@transaction.atomic
def close_round(
    *,
    round: ReportingRound,
    by: User,
    seen_state: str | None = None,
    despite_invitations: bool = False,
) -> ReportingRound:
    """Close an open round: no signatory can change anything any more (also before the
    deadline); reports already handed in can still be reviewed. Nobody gets mail.

    Refused while editors invited into an organisation have not accepted yet (they could
    never write), unless the coordinator closes `despite_invitations`."""
    round = _lock(round, seen_state)
    if round.state != State.OPEN:
        raise WorkflowError(_("Alleen een open ronde kan worden gesloten."))
    waiting = pending_editor_invitations().count()
    if waiting and not despite_invitations:
        raise WorkflowError(
            ngettext(
                "%(count)s uitgenodigde redacteur heeft de uitnodiging nog niet aangenomen. "
                "Trek die in, of bevestig dat u toch sluit.",
                "%(count)s uitgenodigde redacteuren hebben hun uitnodiging nog niet "
                "aangenomen. Trek die in, of bevestig dat u toch sluit.",
                waiting,
            )
            % {"count": waiting}
        )
    round.state = State.CLOSED
    round.save(update_fields=["state"])
    return round


@audited("deadline_extended", subject="round", refused=(WorkflowError,))
@transaction.atomic
def extend_deadline(
    *,
    round: ReportingRound,
    by: User,
    deadline: datetime,
    reason: str,
    seen_state: str | None = None,
) -> ReportingRound:
    """Move an open round's deadline later, for everyone. The editors of the reports not yet
    handed in get a mail with the new date and the reason. (For one signatory: unlock its
    report, services.unlock_submission.)"""
    if not (reason or "").strip():
        raise WorkflowError(_("Geef een reden op."))
    round = _lock(round, seen_state)
    if round.state != State.OPEN:
        raise WorkflowError(_("Alleen de deadline van een open ronde kan worden verlengd."))
    if deadline <= max(round.deadline, timezone.now()):
        raise WorkflowError(
            _("Kies een nieuwe deadline na de huidige (%(date)s).")
            % {"date": timezone.localtime(round.deadline).strftime("%d-%m-%Y %H:%M")}
        )
    previous = round.deadline
    round.deadline = deadline
    round.save(update_fields=["deadline"])
    waiting = round.submissions.exclude(
        state__in=[Submission.State.SUBMITTED, Submission.State.APPROVED]
    ).select_related("signatory")
    for submission in waiting:
        queue_mail(
            to=list(editors_of(submission.signatory)),
            template="reporting/email/deadline_extended",
            context={
                "round": round,
                "previous": previous,
                "reason": reason.strip(),
                "path": reverse("reporting:submission", args=[submission.pk]),
            },
        )
    return round


@audited("round_front_matter_changed", subject="round", refused=(WorkflowError,))
@transaction.atomic
def set_front_matter(
    *,
    round: ReportingRound,
    by: User,
    front_matter: bool,
    annex_charts: bool = False,
) -> ReportingRound:
    """Whether the annex has its voorwerk (the introduction is written and approved like a
    synthesis: reporting.synthesis) and its charts. A published version keeps the page it
    had (publishing.py); the next version shows the change."""
    round = ReportingRound.objects.select_for_update().get(pk=round.pk)
    round.front_matter = front_matter
    round.annex_charts = annex_charts
    round.save(update_fields=["front_matter", "annex_charts"])
    return round

"""The coordinators' synthesis: per round, per strategic goal, what the answers add up to
(issue 15).

A synthesis cites the answers it draws on as [MinBZ 1.a]: the signatory's code and the
place of the answer. On the portal's pages a citation is a link to that answer's review
page; in the compiled document it reads "(zie MinBZ 1.a)". Saving works like an answer's:
on the version the coordinator started from (a conflict is refused, never overwritten),
with history. A second coordinator approves it (never one who wrote it); a change after
that needs a new approval. Only approved text is compiled into the published annex.
"""

import re
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from audit.log import audited
from indicators.models import StrategicGoal
from signatories.permissions import is_coordinator

from . import narrative
from . import text as text_rules
from .models import Entry, ReportingRound, Synthesis, filled
from .services import EntryConflict, WorkflowError

CITATION = re.compile(r"\[([A-Za-z0-9=_\-]+) ([0-9]+(?:\.[0-9a-z]+)*)\]")


def for_round(round: ReportingRound) -> list[Synthesis]:
    """One synthesis per strategic goal of the round's plan (made when first asked for)."""
    goals = StrategicGoal.objects.filter(plan=round.plan).select_related("theme")
    existing = {s.goal_id: s for s in round.syntheses.select_related("updated_by", "approved_by")}
    missing = [Synthesis(round=round, goal=goal) for goal in goals if goal.pk not in existing]
    if missing:
        Synthesis.objects.bulk_create(missing, ignore_conflicts=True)
        existing = {s.goal_id: s for s in round.syntheses.select_related("updated_by")}
    result = []
    for goal in goals:
        synthesis = existing[goal.pk]
        synthesis.goal = goal
        result.append(synthesis)
    return result


def introduction_of(round: ReportingRound) -> Synthesis:
    """The round's introduction: the synthesis without a goal (made when first asked for)."""
    found, _created = Synthesis.objects.get_or_create(round=round, goal=None)
    return found


def answers_for(synthesis: Synthesis) -> dict[tuple[str, str], Entry]:
    """The round's filled answers on the synthesis's goal (the introduction: all of them),
    by (signatory code, place)."""
    entries = Entry.objects.filter(submission__round=synthesis.round_id).filter(filled())
    if not synthesis.is_introduction:
        entries = entries.filter(goal=synthesis.goal_id)
    entries = entries.select_related("submission__signatory", "indicator", "subgoal", "goal")
    return {(entry.signatory.code, entry.place): entry for entry in entries}


@dataclass
class Citation:
    code: str
    place: str
    entry: Entry | None

    @property
    def label(self):
        return f"{self.code} {self.place}"


def citations(text: str, answers) -> list[Citation]:
    found = []
    for code, place in CITATION.findall(text or ""):
        found.append(Citation(code, place, answers.get((code, place))))
    return found


def linked(text: str, answers) -> SafeString:
    """The synthesis for the portal's pages: each citation a link to the cited answer."""

    def link(match):
        entry = answers.get((match[1], match[2]))
        label = escape(f"{match[1]} {match[2]}")
        if entry is None:
            return f'<span class="citation-unknown">[{label}?]</span>'
        url = reverse("reporting:submission_review", args=[entry.submission_id])
        return f'<a href="{url}#antwoord-{entry.pk}">{label}</a>'

    return mark_safe(CITATION.sub(link, narrative.sanitize(text or "")))  # noqa: S308


def for_print(text: str) -> str:
    """The synthesis for the compiled document: "(zie MinBZ 1.a)" for each citation."""
    return CITATION.sub(
        lambda match: _("(zie %(answer)s)") % {"answer": f"{match[1]} {match[2]}"},
        narrative.sanitize(text or ""),
    )


def save(*, synthesis: Synthesis, by, version: int, text: str) -> Synthesis:
    """Save a coordinator's text if nobody saved since `version` (else EntryConflict)."""
    if not is_coordinator.test(by):
        raise WorkflowError(_("Alleen coördinatoren schrijven de synthese en de inleiding."))
    with transaction.atomic():
        current = Synthesis.objects.select_for_update().get(pk=synthesis.pk)
        if current.version != version:
            raise EntryConflict(current)
        clean = narrative.sanitize(text_rules.clean(text))
        current.text = "" if narrative.is_blank(clean) else clean
        current.version += 1
        current.updated_by = by
        current._history_user = by
        current.save()
    return current


@audited("synthesis_approved", subject="synthesis", refused=(WorkflowError,))
@transaction.atomic
def approve(*, synthesis: Synthesis, by, version: int) -> Synthesis:
    """Approve the version the coordinator read. Never by one who wrote any of it."""
    current = Synthesis.objects.select_for_update().get(pk=synthesis.pk)
    if not is_coordinator.test(by):
        raise WorkflowError(_("Alleen coördinatoren keuren de synthese goed."))
    if current.version != version:
        raise WorkflowError(
            _(
                "De synthese is gewijzigd sinds u haar las. "
                "Lees de nieuwe tekst en probeer het opnieuw."
            )
        )
    if not current.text:
        raise WorkflowError(_("Er is nog geen tekst om goed te keuren."))
    if wrote(current, by):
        raise WorkflowError(
            _("U hebt aan deze synthese meegeschreven. Een andere coördinator keurt haar goed.")
        )
    current.approved_version = current.version
    current.approved_by = by
    # Not a version of the text: no history record, which would make the approver one of
    # its writers (and unable to approve the next version).
    Synthesis.objects.filter(pk=current.pk).update(approved_version=current.version, approved_by=by)
    return current


def wrote(synthesis: Synthesis, user) -> bool:
    """Whether `user` saved any version of it: then another coordinator approves it.
    Opening the page first (which makes the empty text) is no writing."""
    return synthesis.history.filter(history_user=user).exclude(history_type="+").exists()


def history(synthesis: Synthesis):
    """Its saved versions, newest first (not the empty one made when the page was opened)."""
    return (
        synthesis.history.exclude(history_type="+", text="")
        .select_related("history_user")
        .order_by("-history_date")
    )


def may_approve(synthesis: Synthesis, user) -> bool:
    """Whether the page offers "Deze tekst goedkeuren" (approve() decides, and says why not)."""
    return bool(synthesis.text) and not synthesis.is_approved and not wrote(synthesis, user)


def compiled(round: ReportingRound, *, concept: bool) -> tuple[str, list]:
    """For print, in one query: the introduction, and (goal, text) per goal with text.
    Approved text only, unless a concept."""
    introduction, rows = "", []
    syntheses = round.syntheses.select_related("goal__theme").order_by(
        F("goal__theme__position").asc(nulls_first=True)
    )
    for synthesis in syntheses:
        text = _printed(synthesis, concept)
        if synthesis.is_introduction:
            introduction = text
        elif text:
            rows.append((synthesis.goal, text))
    return introduction, rows


def _printed(synthesis, concept):
    text = synthesis.text if concept or synthesis.is_approved else approved_text(synthesis)
    return for_print(text) if text else ""


def approved_text(synthesis: Synthesis) -> str:
    """The text as it was approved (changed since: the approved version from history)."""
    if synthesis.approved_version is None:
        return ""
    record = synthesis.history.filter(version=synthesis.approved_version).first()
    return record.text if record else ""

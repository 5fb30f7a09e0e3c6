"""Publishing a round's annex: one deliberate act, with versions.

The one meaning of "published": a round is published while the latest version of its
publication is not withdrawn. That version is what readers see: the annex page as it was
when it was published (a snapshot) and its editions in every format. Publishing asks for a
closed round and for editions of exactly the approved content there is now; a newer version
replaces the previous one (with a version note), and withdrawing takes the round off the
shelf until a coordinator publishes again. Nothing published is ever changed or deleted.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from audit.log import audited
from signatories.models import annex_order

from . import narrative as narrative_rules
from .annex import content, editions
from .models import Edition, Publication, PublishedAnswer, ReportingRound, Submission
from .services import WorkflowError

State = ReportingRound.State

# Every format ministry staff and readers download: the publication holds one of each.
FORMATS = [Edition.Format.PDF, Edition.Format.DOCX, Edition.Format.HTML, Edition.Format.XLSX]


def current(round: ReportingRound) -> Publication | None:
    return Publication.objects.current().filter(round=round).first()


@dataclass
class Checklist:
    """What a coordinator checks before publishing, and what readers will then see."""

    round: ReportingRound
    annex: content.Annex  # the approved content of now, which publishing snapshots
    submissions: list
    approved: int
    content_hash: str
    editions: dict = field(default_factory=dict)  # format → Edition or None
    current: Publication | None = None
    next_version: int = 1

    @property
    def entry_count(self):
        return self.annex.entry_count

    @property
    def not_approved(self):
        return [s for s in self.submissions if s.state != Submission.State.APPROVED]

    @property
    def missing_formats(self):
        return [f for f, e in self.editions.items() if e is None or e.state != "done"]

    @property
    def compiling(self):
        return any(e is not None and not e.is_finished for e in self.editions.values())

    @property
    def round_ready(self):
        return self.round.state in (State.CLOSED, State.PUBLISHED)

    @property
    def problems(self):
        """Why publishing is refused now (empty: it may go ahead)."""
        found = []
        if not self.round_ready:
            found.append(
                _("De ronde is %(state)s. Sluit de ronde eerst.")
                % {"state": self.round.get_state_display()}
            )
        if not self.entry_count:
            found.append(_("Er is nog geen enkel goedgekeurd antwoord om te publiceren."))
        if self.missing_formats:
            found.append(
                _("Niet alle bestanden zijn samengesteld met de inhoud van nu: %(formats)s.")
                % {"formats": ", ".join(Edition.Format(f).label for f in self.missing_formats)}
            )
        return found


def checklist(round: ReportingRound) -> Checklist:
    annex = content.build(round, concept=False)
    key = editions.content_hash(annex)
    submissions = list(
        round.submissions.select_related("signatory__kind").order_by(*annex_order("signatory__"))
    )
    whole = Edition.objects.filter(
        round=round, concept=False, content_hash=key, signatory=None, theme=None, kinds=None
    ).exclude(state=Edition.State.FAILED)
    found = {format: whole.filter(format=format).first() for format in FORMATS}
    last = round.publications.aggregate(last=Max("version"))["last"] or 0
    return Checklist(
        round=round,
        annex=annex,
        submissions=submissions,
        approved=sum(s.state == Submission.State.APPROVED for s in submissions),
        content_hash=key,
        editions=found,
        current=current(round),
        next_version=last + 1,
    )


def prepare(*, round: ReportingRound, by) -> list[Edition]:
    """Compile the approved content of now in every format (what exists is reused)."""
    return [editions.request_edition(round=round, by=by, format=format)[0] for format in FORMATS]


def snapshot(annex) -> str:
    """The annex page's document as readers will read it, rendered once, in Dutch."""
    with translation.override("nl"):
        return render_to_string("reporting/annex/_document.html", {"annex": annex})


@audited("round_published", subject="round", refused=(WorkflowError,))
@transaction.atomic
def publish_round(
    *, round: ReportingRound, by, note: str = "", seen_version: int | None = None
) -> Publication:
    """Publish the round's approved content as the next version.

    Refused when the round is not closed, nothing is approved, a file of the content of now
    is missing, a newer version was published since the coordinator's page
    (`seen_version`: the version it offered), or a second version has no note.
    Side effects: a Publication; the round's state → published; an audit event."""
    round = ReportingRound.objects.select_for_update().select_related("plan").get(pk=round.pk)
    check = checklist(round)
    if seen_version is not None and seen_version != check.next_version:
        raise WorkflowError(
            _("Intussen is versie %(version)s gepubliceerd. Bekijk de nieuwe stand.")
            % {"version": check.next_version - 1}
        )
    if check.problems:
        raise WorkflowError(" ".join(check.problems))
    note = (note or "").strip()
    if check.next_version > 1 and not note:
        raise WorkflowError(_("Schrijf bij een nieuwe versie wat er is veranderd."))
    publication = Publication.objects.create(
        round=round,
        version=check.next_version,
        note=note,
        html=snapshot(check.annex),  # the content the files were checked against
        published_by=by,
    )
    publication.editions.set(check.editions.values())
    keep_answers(publication, check.annex)
    round.state = State.PUBLISHED
    round.save(update_fields=["state"])
    return publication


@audited("publication_withdrawn", subject="round", refused=(WorkflowError,))
@transaction.atomic
def withdraw(
    *, round: ReportingRound, by, reason: str, seen_version: int | None = None
) -> Publication:
    """Take the round's current version off the shelf: readers see nothing of this round
    until a new version is published. The version stays, with who withdrew it and why.
    `seen_version`: the version the coordinator's page showed.
    Side effects: the round's state → closed; an audit event."""
    if not (reason or "").strip():
        raise WorkflowError(_("Geef een reden op."))
    round = ReportingRound.objects.select_for_update().get(pk=round.pk)
    publication = current(round)
    if publication is None:
        raise WorkflowError(_("Deze ronde heeft geen gepubliceerde versie om in te trekken."))
    if seen_version is not None and publication.version != seen_version:
        raise WorkflowError(_("Alleen de huidige versie kan worden ingetrokken."))
    publication.withdrawn_at = timezone.now()
    publication.withdrawn_by = by
    publication.withdrawn_reason = reason.strip()
    publication.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_reason"])
    round.state = State.CLOSED
    round.save(update_fields=["state"])
    return publication


def page_html(publication: Publication) -> str:
    """The snapshot readers read. A version published before snapshots existed (migrated)
    gets it the first time it is read, and keeps it."""
    if not publication.html:
        publication.html = snapshot(content.build(publication.round, concept=False))
        Publication.objects.filter(pk=publication.pk, html="").update(html=publication.html)
    return publication.html


def keep_answers(publication: Publication, annex) -> int:
    """The published answers as rows of their own, in the annex's order (the monitor and
    the open data read these, never the live answers)."""
    rows = [
        PublishedAnswer(
            publication=publication,
            signatory=section.signatory,
            goal_id=entry.goal_id,
            subgoal_id=entry.subgoal_id,
            indicator_id=entry.indicator_id,
            place=entry.place,
            question=entry.question,
            position=position,
            narrative=narrative_rules.sanitize(entry.narrative),
            number=entry.number,
            percentage=entry.percentage,
            not_applicable=entry.not_applicable,
            not_applicable_reason=entry.not_applicable_reason,
        )
        for position, (section, entry) in enumerate(
            (section, entry)
            for section in annex.sections
            for block in section.themes
            for entry in block.entries
        )
    ]
    PublishedAnswer.objects.bulk_create(rows)
    return len(rows)


def adopt_published_rounds() -> int:
    """Rounds loaded as published (the 2021 annex, from its fixture) get their version 1,
    with its answers kept as published."""
    adopted = 0
    for round in ReportingRound.objects.filter(state=State.PUBLISHED, publications=None):
        publication = Publication.objects.create(
            round=round, version=1, note=_("Overgenomen uit het archief.")
        )
        keep_answers(publication, content.build(round, concept=False))
        adopted += 1
    return adopted

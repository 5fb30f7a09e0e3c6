"""A round's progress as figures for charts (issue 15): how complete the answers are per
strategic goal and per kind of signatory, and how many reports were handed in by each day.
One aggregate query each."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Entry, filled
from ..statuses import HANDED_IN


@dataclass
class Share:
    label: str
    filled: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.filled / self.total) if self.total else 0


def _shares(round, *group):
    rows = (
        Entry.objects.filter(submission__round=round, submission__signatory__is_active=True)
        .values(*group)
        .annotate(total=Count("pk"), filled=Count("pk", filter=filled()))
        .order_by(group[0])
    )
    return rows


def per_goal(round) -> list[Share]:
    rows = _shares(round, "goal__theme__position", "goal__number")
    return [
        Share(_("Doel %(number)s") % {"number": row["goal__number"]}, row["filled"], row["total"])
        for row in rows
    ]


def per_kind(round) -> list[Share]:
    kind = "submission__signatory__kind__"
    rows = _shares(round, f"{kind}position", f"{kind}name")
    return [Share(row[f"{kind}name"], row["filled"], row["total"]) for row in rows]


@dataclass
class HandIns:
    days: list  # dates on which reports were handed in, in order
    counts: list  # how many were handed in by the end of each of those days
    total: int  # reports expected
    start: date  # the round's opening
    deadline: date

    @property
    def rows(self):
        return list(zip(self.days, self.counts, strict=True))


def hand_ins(round) -> HandIns:
    """Handed-in reports (submitted or approved now) by the day they were handed in."""
    submissions = round.submissions.filter(signatory__is_active=True)
    dates = sorted(
        timezone.localdate(moment)
        for moment in submissions.filter(state__in=HANDED_IN)
        .exclude(submitted_at=None)
        .values_list("submitted_at", flat=True)
    )
    days, counts = [], []
    for index, day in enumerate(dates, start=1):
        if days and days[-1] == day:
            counts[-1] = index
        else:
            days.append(day)
            counts.append(index)
    return HandIns(
        days=days,
        counts=counts,
        total=submissions.count(),
        start=min([timezone.localdate(round.opens_at), *days]),
        deadline=timezone.localdate(round.deadline),
    )

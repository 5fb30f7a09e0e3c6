"""The only door for views: one access helper per model, and the questions pages ask.

Another organisation's object: 404. Wrong role: 403.

Every answer comes from the predicates in `permissions.py`, tested directly (`.test`),
never through `user.has_perm`, which lets a superuser through everything. Superusers:
an administrator maintains the portal in the admin and may read every submission to help
its editors; in the workflow (writing, reviewing, compiling, publishing) he has exactly the
roles he holds as a person (memberships, coordinator, reader), like anyone else.
tests/test_access_path.py fails when a view asks `has_perm` or reads a role flag itself.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import formats
from django.utils.translation import gettext as _

from signatories.permissions import is_approver_of, is_coordinator, is_member_of, is_reader

from .models import Edition, Entry, ReportingRound, Submission
from .permissions import (
    can_edit_submission,
    can_review_submission,
    can_sign_off,
    can_view_annex,
    can_view_edition,
    can_view_submission,
)


def may_edit(user, submission):
    """Whether the page offers the edit form: a member, and the report is editable."""
    return can_edit_submission.test(user, submission)


def may_withdraw(user, submission):
    """Whether the page offers "Terugtrekken": a member, and the report is handed in
    (or waiting for the organisation's approver)."""
    return submission.state in Submission.WITHDRAWABLE_STATES and is_member_of(
        user, submission.signatory
    )


def may_sign_off(user, submission):
    """Whether the page offers "Accorderen": the report waits for sign-off, and the user is
    one of the organisation's approvers who did not write it."""
    return submission.state == Submission.State.SIGNOFF and can_sign_off.test(user, submission)


def get_submission_for_signoff(user, pk):
    submission = get_submission_for_user(user, pk)
    if not is_approver_of(user, submission.signatory):
        raise PermissionDenied(_("Alleen accordeurs van deze organisatie accorderen."))
    return submission


def is_coordinator_user(user):
    """Whether pages show the coordinators' tools (compiling, all editions)."""
    return is_coordinator.test(user)


def may_list_editions(user):
    return is_coordinator.test(user) or is_reader.test(user)


def locked_reason(submission):
    if submission.state not in Submission.EDITABLE_STATES:
        return _("Deze rapportage is %(state)s en kan niet meer worden gewijzigd.") % {
            "state": submission.get_state_display()
        }
    return _("Deze rapportage is gesloten sinds %(date)s.") % {
        "date": formats.date_format(submission.round.deadline, "j F Y")
    }


def get_submission_for_user(user, pk, *, write=False, review=False):
    submission = get_object_or_404(
        Submission.objects.select_related("round__plan", "signatory__kind"), pk=pk
    )
    return _checked(user, submission, write=write, review=review)


def _checked(user, submission, *, write, review):
    if not can_view_submission.test(user, submission):
        raise Http404
    if review and not can_review_submission.test(user, submission):
        raise PermissionDenied(_("Alleen coördinatoren beoordelen rapportages."))
    if write:
        if not is_member_of(user, submission.signatory):
            raise PermissionDenied(
                _("Alleen redacteuren van deze organisatie kunnen dit wijzigen.")
            )
        if not submission.is_editable:
            raise PermissionDenied(locked_reason(submission))
    return submission


def get_entry_for_user(user, submission_pk, pk, *, write=False, review=False):
    """The entry with its submission, round and signatory in one query (the autosave asks
    this every few seconds per editor); the same answers as get_submission_for_user, then
    404. Few joins on purpose: with the framework's tables too PostgreSQL spent 3 ms on
    planning alone, more than two small queries cost (measured for issue 18)."""
    entry = (
        Entry.objects.select_related("indicator", "submission__round", "submission__signatory")
        .filter(pk=pk, submission_id=submission_pk)
        .order_by()
        .first()
    )
    if entry is None:
        get_submission_for_user(user, submission_pk, write=write, review=review)
        raise Http404
    _checked(user, entry.submission, write=write, review=review)
    return entry


def require_coordinator(user, message):
    """403 with `message` for anyone but a coordinator."""
    if not is_coordinator.test(user):
        raise PermissionDenied(message)


def get_round_for_coordinator(user, pk):
    require_coordinator(user, _("Alleen coördinatoren volgen de rondes."))
    return get_object_or_404(ReportingRound.objects.select_related("plan"), pk=pk)


def get_round_for_annex(user, pk, *, concept=False):
    round = get_object_or_404(ReportingRound.objects.select_related("plan"), pk=pk)
    if not can_view_annex.test(user, round):
        raise PermissionDenied(_("De bijlage van deze ronde is (nog) niet gepubliceerd."))
    if concept:
        require_coordinator(user, _("Alleen coördinatoren zien het concept."))
    return round


def get_edition_for_user(user, pk):
    edition = get_object_or_404(Edition.objects.select_related("round__plan"), pk=pk)
    if not can_view_edition.test(user, edition):
        raise PermissionDenied(_("Deze editie is niet (meer) voor u beschikbaar."))
    return edition


def get_edition_for_coordinator(user, pk):
    """An edition to act on (retry, publish): one the user may see, and a coordinator."""
    edition = get_edition_for_user(user, pk)
    require_coordinator(user, _("Alleen coördinatoren kunnen dit doen."))
    return edition

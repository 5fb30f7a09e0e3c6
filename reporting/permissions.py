"""Who may see, change and review which submission. Combined from the roles in signatories."""

import rules

from signatories.permissions import (
    is_administrator,
    is_approver_of,
    is_coordinator,
    is_member_of,
    is_reader,
)

from .models import Entry, Publication, SubmissionEvent


@rules.predicate
def is_member_of_submissions_signatory(user, submission):
    return submission is not None and is_member_of(user, submission.signatory)


@rules.predicate
def submission_is_editable(user, submission):
    return submission is not None and submission.is_editable


def wrote_an_answer(user, submission):
    """Whether `user` is in the history of any of the submission's answers."""
    return Entry.history.filter(submission_id=submission.pk, history_user=user).exists()


@rules.predicate
def is_author_of_submission(user, submission):
    """Wrote or handed in any of it: a member, the submitter, or anyone in its entries' history."""
    if submission is None or not user.is_authenticated:
        return False
    if submission.submitted_by_id == user.pk or is_member_of(user, submission.signatory):
        return True
    return wrote_an_answer(user, submission)


@rules.predicate
def wrote_or_offered_submission(user, submission):
    """Wrote any of its answers, or offered it for sign-off: not its approver."""
    if submission is None or not user.is_authenticated:
        return False
    offered = submission.events.filter(
        action=SubmissionEvent.Action.SIGNOFF_REQUESTED, by=user
    ).exists()
    return offered or wrote_an_answer(user, submission)


@rules.predicate
def is_approver_of_submissions_signatory(user, submission):
    return submission is not None and is_approver_of(user, submission.signatory)


@rules.predicate
def round_is_published(user, round):
    return round is not None and round.state == "published"


# An administrator (superuser) may read every submission, to help its editors; in the
# workflow he has only the roles he holds. See reporting/access.py.
can_view_submission = is_member_of_submissions_signatory | is_coordinator | is_administrator
can_edit_submission = is_member_of_submissions_signatory & submission_is_editable
can_review_submission = is_coordinator
# An approver is never the author of what they approve (nor of what they send back).
can_decide_submission = is_coordinator & ~is_author_of_submission
# The organisation's own approver, likewise never its author (reporting.signoff).
can_sign_off = is_approver_of_submissions_signatory & ~wrote_or_offered_submission

# Readers see the annex of published rounds; coordinators every round, also as concept.
can_view_annex = is_coordinator | (is_reader & round_is_published)


@rules.predicate
def edition_is_published(user, edition):
    """Part of its round's current publication (reporting.publishing)."""
    return Publication.objects.current().filter(editions=edition).exists()


# Coordinators compile editions and see them all; readers download the current version's.
can_view_edition = is_coordinator | (is_reader & edition_is_published)

# No rules.add_perm here: views ask reporting.access, which tests these predicates directly.
# has_perm would let every superuser through every rule, which is not our policy.

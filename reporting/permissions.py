"""Who may see and change which submission. Combined from the roles in signatories."""

import rules

from signatories.permissions import is_coordinator, is_member_of


@rules.predicate
def is_member_of_submissions_signatory(user, submission):
    return submission is not None and is_member_of(user, submission.signatory)


@rules.predicate
def submission_is_editable(user, submission):
    return submission is not None and submission.is_editable


can_view_submission = is_member_of_submissions_signatory | is_coordinator
can_edit_submission = is_member_of_submissions_signatory & submission_is_editable

rules.add_perm("reporting.view_submission", can_view_submission)
rules.add_perm("reporting.edit_submission", can_edit_submission)

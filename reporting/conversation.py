"""A conversation per answer: editors and coordinators reply to a coordinator's shared
remark, and a coordinator marks it resolved. Open remarks are listed on both sides.

Writers with the house's rules: keyword arguments, the acting user `by`, a row lock on the
remark, an audit event; refusals are WorkflowError in Dutch.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import audited
from signatories.permissions import is_coordinator, is_member_of

from . import text as text_rules
from .models import EntryComment
from .services import WorkflowError


def _thread(comment):
    """The remark a reply belongs to (replies are never replied to themselves)."""
    return comment.reply_to if comment.reply_to_id else comment


def may_take_part(user, comment):
    """Coordinators, and the editors of the answer's organisation once it is shared."""
    if is_coordinator.test(user):
        return True
    return comment.event_id is not None and is_member_of(user, comment.entry.submission.signatory)


@audited("comment_replied", subject="comment", refused=(WorkflowError,))
@transaction.atomic
def reply(*, comment: EntryComment, by, text: str) -> EntryComment:
    """A reply in the remark's thread, seen at once by both sides (it is shared as the
    remark is)."""
    root = (
        EntryComment.objects.select_for_update()
        .select_related("entry__submission__signatory")
        .get(pk=_thread(comment).pk)
    )
    if not may_take_part(by, root) or root.event_id is None:
        raise WorkflowError(_("U kunt (nog) niet op deze opmerking reageren."))
    if root.resolved_at:
        raise WorkflowError(_("Deze opmerking is afgerond."))
    body = text_rules.clean(text).strip()
    if not body:
        raise WorkflowError(_("Schrijf een reactie."))
    return EntryComment.objects.create(
        entry=root.entry, author=by, text=body, reply_to=root, event=root.event
    )


@audited("comment_resolved", subject="comment", refused=(WorkflowError,))
@transaction.atomic
def resolve(*, comment: EntryComment, by) -> EntryComment:
    root = EntryComment.objects.select_for_update().get(pk=_thread(comment).pk)
    if not is_coordinator.test(by):
        raise WorkflowError(_("Alleen coördinatoren ronden een opmerking af."))
    if not root.resolved_at:
        root.resolved_at = timezone.now()
        root.resolved_by = by
        root.save(update_fields=["resolved_at", "resolved_by"])
    return root


def open_remarks(submission, user):
    """The remarks in `submission` still open that `user` sees, in the answers' order."""
    return (
        EntryComment.objects.filter(entry__submission=submission, reply_to=None, resolved_at=None)
        .visible_to(user)
        .select_related("entry__indicator", "entry__goal", "entry__subgoal")
        .order_by("entry_id", "created_at")
    )

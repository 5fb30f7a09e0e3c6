"""Coordinators read a submission in the annex's layout, comment, and decide on it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import conversation, services
from ..access import get_entry_for_user, get_submission_for_user, is_coordinator_user
from ..forms import CommentForm, ReasonForm, ReviewForm, UnlockForm
from ..models import EntryComment, Submission
from ..permissions import can_decide_submission
from ..selectors.compare import entries_as_of, last_sent_back, word_diff
from ..selectors.layout import group_by_framework, page_entries
from ..services import WorkflowError


def _latest_event_id(submission):
    return submission.events.values_list("pk", flat=True).last()


@login_required
def submission_review(request, pk):
    submission = get_submission_for_user(request.user, pk, review=True)
    entries = page_entries(submission, request.user)
    events = list(submission.events.select_related("by"))
    # Back after a return or reopening: show what changed since it was sent back.
    came_back = submission.state in (Submission.State.SUBMITTED, Submission.State.APPROVED)
    sent_back = last_sent_back(events) if came_back else None
    baseline = entries_as_of(submission, sent_back.at) if sent_back else {}
    for entry in entries:
        before = baseline.get(entry.pk)
        if before is not None and before.narrative != entry.narrative:
            entry.diff = word_diff(before.narrative, entry.narrative)
    return render(
        request,
        "reporting/submission_review.html",
        {
            "open_remarks": conversation.open_remarks(submission, request.user),
            "submission": submission,
            "themes": group_by_framework(entries),
            "events": events,
            "sent_back": sent_back,
            "changed": sum(hasattr(e, "diff") for e in entries),
            "may_decide": can_decide_submission.test(request.user, submission),
            "comment_form": CommentForm(),
        },
    )


def _decide(request, pk, *, form_class, template, service, done, **extra):
    """GET: the confirmation or reason form. POST: the service; a refusal shows on the form."""
    submission = get_submission_for_user(request.user, pk, review=True)
    data = request.POST if request.method == "POST" else None
    form = form_class(data, initial={"seen_event": _latest_event_id(submission)})
    if request.method == "POST" and form.is_valid():
        try:
            service(submission=submission, by=request.user, **form.cleaned_data)
        except services.WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, done % {"name": submission.signatory.name})
            return redirect("reporting:submission_review", pk=submission.pk)
    return render(request, template, {"submission": submission, "form": form, **extra})


@login_required
def submission_approve(request, pk):
    return _decide(
        request,
        pk,
        form_class=ReviewForm,
        template="reporting/review_approve.html",
        service=services.approve_submission,
        done=_("De rapportage van %(name)s is goedgekeurd. De redacteuren krijgen bericht."),
    )


@login_required
def submission_return(request, pk):
    return _decide(
        request,
        pk,
        form_class=ReasonForm,
        template="reporting/review_reason.html",
        service=services.return_submission,
        done=_("De rapportage van %(name)s is teruggestuurd. De redacteuren krijgen bericht."),
        action=_("Terugsturen"),
        lead=_(
            "De redacteuren krijgen de rapportage terug om te wijzigen, met uw reden en "
            "uw opmerkingen bij de antwoorden."
        ),
    )


@login_required
def submission_reopen(request, pk):
    return _decide(
        request,
        pk,
        form_class=ReasonForm,
        template="reporting/review_reason.html",
        service=services.reopen_submission,
        done=_("De rapportage van %(name)s is heropend. De redacteuren krijgen bericht."),
        action=_("Heropenen"),
        lead=_(
            "De goedgekeurde rapportage gaat terug naar de redacteuren om te wijzigen. "
            "De reden wordt vastgelegd en aan hen gemaild."
        ),
    )


@login_required
def submission_unlock(request, pk):
    return _decide(
        request,
        pk,
        form_class=UnlockForm,
        template="reporting/review_reason.html",
        service=services.unlock_submission,
        done=_("De rapportage van %(name)s is ontgrendeld. De redacteuren krijgen bericht."),
        action=_("Ontgrendelen"),
        unlocking=True,
        lead=_(
            "Na de deadline kan de organisatie niets meer wijzigen. Ontgrendel de rapportage "
            "tot een datum; de reden wordt vastgelegd en aan de redacteuren gemaild."
        ),
    )


@login_required
@require_POST
def entry_comment(request, pk, entry_pk):
    entry = get_entry_for_user(request.user, pk, entry_pk, review=True)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.add_comment(entry=entry, by=request.user, text=form.cleaned_data["text"])
        except services.WorkflowError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _(
                    "Opmerking bij %(number)s opgeslagen. De redacteuren zien haar zodra "
                    "u de rapportage terugstuurt of goedkeurt."
                )
                # `place`: an answer on a goal or subgoal as such has no indicator.
                % {"number": entry.place},
            )
    else:
        messages.error(request, _("Schrijf een opmerking voordat u haar plaatst."))
    url = reverse("reporting:submission_review", args=[entry.submission_id])
    return redirect(f"{url}#antwoord-{entry.pk}")


def _remark(request, pk, comment_pk):
    submission = get_submission_for_user(request.user, pk)
    comment = get_object_or_404(
        EntryComment.objects.visible_to(request.user).select_related("entry"),
        pk=comment_pk,
        entry__submission=submission,
    )
    comment.entry.submission = submission
    return submission, comment


def _back_to(request, submission, comment):
    coordinating = is_coordinator_user(request.user)
    name = "reporting:submission_review" if coordinating else "reporting:submission"
    return redirect(f"{reverse(name, args=[submission.pk])}#antwoord-{comment.entry_id}")


@login_required
@require_POST
def comment_reply(request, pk, comment_pk):
    """An editor's or a coordinator's reply in a remark's thread."""
    submission, comment = _remark(request, pk, comment_pk)
    if not conversation.may_take_part(request.user, comment):
        raise PermissionDenied(_("U kunt (nog) niet op deze opmerking reageren."))
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Schrijf een reactie voordat u haar plaatst."))
        return _back_to(request, submission, comment)
    try:
        conversation.reply(comment=comment, by=request.user, text=form.cleaned_data["text"])
    except WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Uw reactie is geplaatst."))
    return _back_to(request, submission, comment)


@login_required
@require_POST
def comment_resolve(request, pk, comment_pk):
    submission, comment = _remark(request, pk, comment_pk)
    try:
        conversation.resolve(comment=comment, by=request.user)
    except WorkflowError as error:
        raise PermissionDenied(str(error)) from error
    messages.success(request, _("De opmerking is afgerond."))
    return _back_to(request, submission, comment)

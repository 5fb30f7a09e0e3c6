"""The organisation's approver signs its report off, or sends it back (reporting.signoff)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import signoff
from ..access import get_submission_for_signoff, may_sign_off
from ..forms import ReviewForm, SignoffReturnForm
from ..models import Submission
from ..services import WorkflowError


@login_required
def submission_signoff(request, pk):
    """GET: what signing off does, with both choices. POST: the chosen one; a refusal (stale
    page, another approver was first, own text) shows on the page and changes nothing."""
    submission = get_submission_for_signoff(request.user, pk)
    seen = {"seen_event": submission.events.values_list("pk", flat=True).last()}
    approve_form = ReviewForm(prefix="approve", initial=seen)
    return_form = SignoffReturnForm(prefix="return", initial=seen)
    if request.method == "POST":
        if "return" in request.POST:
            return_form = SignoffReturnForm(request.POST, prefix="return")
            form, step = return_form, signoff.send_back
            done = _("De rapportage is teruggestuurd. Uw collega's krijgen bericht.")
        else:
            approve_form = ReviewForm(request.POST, prefix="approve")
            form, step = approve_form, signoff.approve
            done = _("De rapportage is geaccordeerd en ingediend bij de coördinatoren.")
        if form.is_valid():
            try:
                step(submission=submission, by=request.user, **form.cleaned_data)
            except WorkflowError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, done)
                return redirect("reporting:submission", pk=submission.pk)
    return render(
        request,
        "reporting/submission_signoff.html",
        {
            "submission": Submission.objects.with_progress().get(pk=submission.pk),
            "waiting": submission.state == Submission.State.SIGNOFF,
            "may_sign_off": may_sign_off(request.user, submission),
            "approve_form": approve_form,
            "return_form": return_form,
            "offered": submission.events.filter(action="signoff_requested")
            .select_related("by")
            .last(),
        },
    )

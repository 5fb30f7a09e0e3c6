"""Coordinators run a round from the portal: create it, open it, close it, extend it.
Every step has a page that says what will happen and who gets mail, then asks to confirm."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from indicators.models import ActionPlan

from .. import reminders, rounds, synthesis
from ..access import get_round_for_coordinator, require_coordinator
from ..forms import (
    CloseForm,
    ExtendForm,
    FrontMatterForm,
    ReminderForm,
    RoundForm,
    RoundStepForm,
)
from ..services import WorkflowError

ONLY_COORDINATORS = gettext_lazy("Alleen coördinatoren beheren de rondes.")


@login_required
def round_create(request):
    """The form, and below it who will be asked to report and on what (nothing is created
    before the coordinator says so)."""
    require_coordinator(request.user, ONLY_COORDINATORS)
    plan = ActionPlan.objects.filter(code=request.GET.get("plan")).first()
    plan = plan or ActionPlan.objects.order_by("-first_year").first()
    form = RoundForm(request.POST or None, initial={"plan": plan})
    if request.method == "POST" and form.is_valid():
        try:
            round = rounds.create_round(by=request.user, **form.round_fields())
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("De ronde is aangemaakt, in voorbereiding. Open haar als alles klopt."),
            )
            return redirect("reporting:round_overview", pk=round.pk)
        plan = form.cleaned_data["plan"]
    invited = rounds.who_will_report(plan) if plan else []
    return render(
        request,
        "reporting/round_create.html",
        {
            "form": form,
            "plan": plan,
            "invited": invited,
            "editors": sum(i.editors for i in invited),
            "without_indicators": [i for i in invited if not i.indicators],
        },
    )


STEPS = {
    "open": rounds.open_round,
    "close": rounds.close_round,
}


@login_required
def round_step(request, pk, step):
    """GET: what opening or closing does, and who gets mail. POST: do it."""
    round = get_round_for_coordinator(request.user, pk)
    form_class = CloseForm if step == "close" else RoundStepForm
    form = form_class(request.POST or None, initial={"seen_state": round.state})
    if request.method == "POST" and form.is_valid():
        try:
            STEPS[step](round=round, by=request.user, **form.cleaned_data)
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            done = {
                "open": _("De ronde is open. De redacteuren krijgen bericht."),
                "close": _("De ronde is gesloten. Niemand kan nog iets wijzigen."),
            }
            messages.success(request, done[step])
            return redirect("reporting:round_overview", pk=round.pk)
    invited = rounds.who_will_report(round.plan) if step == "open" else []
    return render(
        request,
        "reporting/round_step.html",
        {
            "round": round,
            "step": step,
            "form": form,
            "first_time": round.state == round.State.PREPARATION,
            "editors": sum(i.editors for i in invited),
            "signatories": len(invited),
            "invitations": rounds.pending_editor_invitations().select_related("signatory")
            if step == "close"
            else [],
        },
    )


@login_required
def round_extend(request, pk):
    round = get_round_for_coordinator(request.user, pk)
    form = ExtendForm(request.POST or None, initial={"seen_state": round.state})
    if request.method == "POST" and form.is_valid():
        try:
            rounds.extend_deadline(round=round, by=request.user, **form.cleaned_data)
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("De deadline is verlengd. Wie nog niet heeft ingediend, krijgt bericht."),
            )
            return redirect("reporting:round_overview", pk=round.pk)
    waiting = round.submissions.exclude(state__in=["submitted", "approved"]).count()
    return render(
        request, "reporting/round_extend.html", {"round": round, "form": form, "waiting": waiting}
    )


@login_required
def round_remind(request, pk):
    """GET: to whom (not started, or not handed in), how many people, a message. POST: send."""
    round = get_round_for_coordinator(request.user, pk)
    form = ReminderForm(request.POST or None, initial={"group": "not_handed_in"})
    if request.method == "POST" and form.is_valid():
        try:
            queued = reminders.remind_now(round=round, by=request.user, **form.cleaned_data)
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s herinnering verstuurd.",
                    "%(count)s herinneringen verstuurd.",
                    queued,
                )
                % {"count": queued}
                if queued
                else _(
                    "Niemand kreeg een herinnering: vandaag al verstuurd, of niemand te herinneren."
                ),
            )
            return redirect("reporting:round_overview", pk=round.pk)
    groups = reminders.to_remind(round)
    return render(
        request,
        "reporting/round_remind.html",
        {"round": round, "form": form, "groups": groups},
    )


@login_required
def round_front(request, pk):
    """The annex's voorwerk for this round: on or off, charts, and where the introduction
    is written."""
    round = get_round_for_coordinator(request.user, pk)
    form = FrontMatterForm(
        # Both boxes unticked post nothing at all: still a POST to save.
        request.POST if request.method == "POST" else None,
        initial={"front_matter": round.front_matter, "annex_charts": round.annex_charts},
    )
    if request.method == "POST" and form.is_valid():
        rounds.set_front_matter(round=round, by=request.user, **form.cleaned_data)
        messages.success(request, _("Het voorwerk van de bijlage is opgeslagen."))
        return redirect("reporting:annex", pk=round.pk)
    return render(
        request,
        "reporting/round_front.html",
        {"round": round, "form": form, "introduction": synthesis.introduction_of(round)},
    )

"""Coordinators write the synthesis per strategic goal, citing answers, and approve it."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from indicators.models import StrategicGoal

from .. import narrative, synthesis
from ..access import get_round_for_coordinator
from ..forms import NarrativeField
from ..models import Synthesis
from ..services import EntryConflict, WorkflowError


class SynthesisForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    text = NarrativeField(
        label=gettext_lazy("Synthese"),
        required=False,
        config={"extensions": narrative.EXTENSIONS},
        sanitize=narrative.sanitize,
        help_text=gettext_lazy(
            "Citeer een antwoord als [MinBZ 1.a]: de code van de ondertekenaar en de plaats. "
            "In het portaal wordt dat een link, in de bijlage “(zie MinBZ 1.a)”."
        ),
    )


def _synthesis(request, pk, goal_pk):
    round = get_round_for_coordinator(request.user, pk)
    goal = get_object_or_404(
        StrategicGoal.objects.select_related("theme"), pk=goal_pk, plan=round.plan
    )
    found, _created = Synthesis.objects.get_or_create(round=round, goal=goal)
    return round, found


@login_required
def synthesis_list(request, pk):
    round = get_round_for_coordinator(request.user, pk)
    rows = []
    for item in synthesis.for_round(round):
        answers = synthesis.answers_for(item)
        rows.append((item, synthesis.linked(item.text, answers)))
    return render(request, "reporting/synthesis_list.html", {"round": round, "rows": rows})


@login_required
def synthesis_edit(request, pk, goal_pk):
    round, item = _synthesis(request, pk, goal_pk)
    form = SynthesisForm(request.POST or None, initial={"version": item.version, "text": item.text})
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            saved = synthesis.save(
                synthesis=item,
                by=request.user,
                version=form.cleaned_data["version"],
                text=form.cleaned_data["text"],
            )
        except EntryConflict as error:
            conflict = error.current
            if request.htmx:  # autosave: say so, keep the text on the device
                return _saved(request, conflict, conflict=True)
            form = SynthesisForm(
                initial={"version": conflict.version, "text": form.cleaned_data["text"]}
            )
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            if request.htmx:
                return _saved(request, saved)
            messages.success(
                request, _("De synthese bij %(goal)s is opgeslagen.") % {"goal": item.goal.label}
            )
            return redirect("reporting:synthesis_edit", pk=round.pk, goal_pk=item.goal_id)
    answers = synthesis.answers_for(item)
    return render(
        request,
        "reporting/synthesis_edit.html",
        {
            "round": round,
            "synthesis": item,
            "form": form,
            "conflict": conflict,
            "linked": synthesis.linked(item.text, answers),
            "citations": synthesis.citations(item.text, answers),
            "answers": sorted(answers.items()),
            "history": item.history.select_related("history_user")[:10],
            "may_approve": synthesis.may_approve(item, request.user),
        },
    )


def _saved(request, item, conflict=False):
    """The autosave's answer: the new version and "Opgeslagen om …", or the conflict."""
    return render(
        request,
        "reporting/_synthesis_saved.html",
        {"synthesis": item, "conflict": conflict, "saved_at": timezone.localtime()},
    )


@login_required
@require_POST
def synthesis_approve(request, pk, goal_pk):
    round, item = _synthesis(request, pk, goal_pk)
    try:
        synthesis.approve(
            synthesis=item, by=request.user, version=int(request.POST.get("version", 0))
        )
    except (WorkflowError, ValueError) as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("De synthese bij %(goal)s is goedgekeurd.") % {"goal": item.goal.label}
        )
    return redirect("reporting:synthesis_edit", pk=round.pk, goal_pk=item.goal_id)

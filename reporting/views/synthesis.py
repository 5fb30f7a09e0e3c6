"""Coordinators write the synthesis per strategic goal and the round's introduction, citing
answers, and a second coordinator approves them."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
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


def _introduction(request, pk):
    round = get_round_for_coordinator(request.user, pk)
    return round, synthesis.introduction_of(round)


def _urls(round, item):
    """Where the page saves and approves: the goal's synthesis, or the introduction."""
    if item.is_introduction:
        return {
            "save": reverse("reporting:introduction_edit", args=[round.pk]),
            "approve": reverse("reporting:introduction_approve", args=[round.pk]),
        }
    args = [round.pk, item.goal_id]
    return {
        "save": reverse("reporting:synthesis_edit", args=args),
        "approve": reverse("reporting:synthesis_approve", args=args),
    }


def _name(item):
    if item.is_introduction:
        return _("De inleiding")
    return _("De synthese bij %(goal)s") % {"goal": item.goal.label}


@login_required
def synthesis_list(request, pk):
    round = get_round_for_coordinator(request.user, pk)
    rows = []
    for item in synthesis.for_round(round):
        answers = synthesis.answers_for(item)
        rows.append((item, synthesis.linked(item.text, answers)))
    introduction = synthesis.introduction_of(round)
    return render(
        request,
        "reporting/synthesis_list.html",
        {"round": round, "rows": rows, "introduction": introduction},
    )


@login_required
def synthesis_edit(request, pk, goal_pk):
    round, item = _synthesis(request, pk, goal_pk)
    return _edit(request, round, item)


@login_required
def introduction_edit(request, pk):
    """The round's introduction: written, saved and approved as a synthesis is."""
    round, item = _introduction(request, pk)
    return _edit(request, round, item)


def _form(item, data=None, *, version, text):
    form = SynthesisForm(data, initial={"version": version, "text": text})
    if item.is_introduction:
        form.fields["text"].label = _("Inleiding")
    return form


def _edit(request, round, item):
    form = _form(item, request.POST or None, version=item.version, text=item.text)
    conflict = None
    urls = _urls(round, item)
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
            form = _form(item, version=conflict.version, text=form.cleaned_data["text"])
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            if request.htmx:
                return _saved(request, saved)
            messages.success(request, _("%(name)s is opgeslagen.") % {"name": _name(item)})
            return redirect(urls["save"])
    answers = synthesis.answers_for(item)
    return render(
        request,
        "reporting/synthesis_edit.html",
        {
            "round": round,
            "synthesis": item,
            "form": form,
            "conflict": conflict,
            "urls": urls,
            "linked": synthesis.linked(item.text, answers),
            "citations": synthesis.citations(item.text, answers),
            # The introduction may cite any answer; the list beside it would be the round.
            "answers": [] if item.is_introduction else sorted(answers.items()),
            "history": synthesis.history(item)[:10],
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
    return _approve(request, round, item)


@login_required
@require_POST
def introduction_approve(request, pk):
    round, item = _introduction(request, pk)
    return _approve(request, round, item)


def _approve(request, round, item):
    try:
        synthesis.approve(
            synthesis=item, by=request.user, version=int(request.POST.get("version", 0))
        )
    except (WorkflowError, ValueError) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(name)s is goedgekeurd.") % {"name": _name(item)})
    return redirect(_urls(round, item)["save"])

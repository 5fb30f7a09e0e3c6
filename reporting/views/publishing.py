"""Publishing a round's annex: the checklist, publishing a version, withdrawing it, and
the published annex as readers read it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import publishing
from ..access import get_round_for_annex, get_round_for_coordinator
from ..forms import PublishForm, WithdrawForm
from ..services import WorkflowError


@login_required
def round_publish(request, pk):
    """GET: the checklist (who approved, who did not report, the round's state, the files,
    what readers will see). POST: publish the next version."""
    round = get_round_for_coordinator(request.user, pk)
    check = publishing.checklist(round)
    form = PublishForm(request.POST or None, initial={"seen_version": check.next_version})
    if request.method == "POST" and form.is_valid():
        try:
            publication = publishing.publish_round(
                round=round,
                by=request.user,
                note=form.cleaned_data["note"],
                seen_version=form.cleaned_data["seen_version"],
            )
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Versie %(version)s is gepubliceerd. Lezers zien nu deze versie.")
                % {"version": publication.version},
            )
            return redirect("reporting:published", pk=round.pk)
    context = {"round": round, "check": check, "form": form}
    if request.htmx:
        if not check.compiling:  # done: the whole page changes (the form appears)
            return HttpResponse(headers={"HX-Refresh": "true"})
        return render(request, "reporting/_publish_files.html", context)
    return render(request, "reporting/round_publish.html", context)


@login_required
@require_POST
def round_publish_prepare(request, pk):
    """Compile the files of the approved content of now, in every format."""
    round = get_round_for_coordinator(request.user, pk)
    publishing.prepare(round=round, by=request.user)
    messages.info(request, _("De bestanden worden samengesteld. Deze pagina volgt de voortgang."))
    return redirect("reporting:round_publish", pk=round.pk)


@login_required
def publication_withdraw(request, pk):
    round = get_round_for_coordinator(request.user, pk)
    publication = publishing.current(round)
    if publication is None:
        messages.info(request, _("Deze ronde heeft geen gepubliceerde versie."))
        return redirect("reporting:annex", pk=round.pk)
    form = WithdrawForm(request.POST or None, initial={"seen_version": publication.version})
    if request.method == "POST" and form.is_valid():
        try:
            publishing.withdraw(round=round, by=request.user, **form.cleaned_data)
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Versie %(version)s is ingetrokken. Lezers zien deze ronde niet meer.")
                % {"version": publication.version},
            )
            return redirect("reporting:annex", pk=round.pk)
    return render(
        request,
        "reporting/publication_withdraw.html",
        {"round": round, "publication": publication, "form": form},
    )


@login_required
def published_page(request, pk):
    """The current version as readers read it: its note, its files, the versions before."""
    return render_published(request, get_round_for_annex(request.user, pk))


def render_published(request, round):
    """The published page of a round the user may read (access checked by the caller)."""
    publication = publishing.current(round)
    if publication is None:
        return render(request, "reporting/annex/not_published.html", {"round": round}, status=404)
    return render(
        request,
        "reporting/annex/published.html",
        {
            "round": round,
            "publication": publication,
            "html": publishing.page_html(publication),
            "files": publication.editions.order_by("format"),
            "versions": round.publications.select_related("withdrawn_by"),
        },
    )

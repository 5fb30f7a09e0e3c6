"""Compiled editions of the annex: request, follow, download, retry. Publishing is per
round (views/publishing.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..access import (
    get_edition_for_coordinator,
    get_edition_for_user,
    get_round_for_coordinator,
    may_list_editions,
)
from ..annex import editions
from ..forms import EditionForm
from ..models import Edition, Publication
from ..services import WorkflowError


@login_required
@require_POST
def edition_create(request, pk):
    round = get_round_for_coordinator(request.user, pk)
    form = EditionForm(request.POST, round=round)
    if not form.is_valid():
        messages.error(request, _("Kies een formaat en geldige filters."))
        return redirect("reporting:annex", round.pk)
    edition, created = editions.request_edition(round=round, by=request.user, **form.cleaned_data)
    if not created:
        messages.info(
            request,
            _("Deze inhoud is al eens samengesteld in dit formaat; u krijgt die editie."),
        )
    return redirect("reporting:edition", edition.pk)


@login_required
def edition_detail(request, pk):
    edition = get_edition_for_user(request.user, pk)
    if not edition.is_finished and editions.give_up_lost(Edition.objects.filter(pk=pk)):
        edition.refresh_from_db()  # its worker was lost: say so, and offer a retry
    template = (
        "reporting/annex/_edition_status.html" if request.htmx else "reporting/annex/edition.html"
    )
    return render(request, template, {"edition": edition})


@login_required
def edition_download(request, pk):
    edition = get_edition_for_user(request.user, pk)
    if edition.state != Edition.State.DONE or not edition.file:
        raise Http404(_("Deze editie is (nog) niet klaar."))
    return FileResponse(edition.file.open("rb"), as_attachment=True, filename=edition.filename)


@login_required
@require_POST
def edition_retry(request, pk):
    edition = get_edition_for_coordinator(request.user, pk)
    try:
        edition = editions.retry_edition(edition=edition, by=request.user)
    except WorkflowError as error:
        messages.error(request, str(error))
    return redirect("reporting:edition", edition.pk)


@login_required
def edition_list(request):
    """The current version of every published round, newest round first, with its files:
    for readers and coordinators."""
    if not may_list_editions(request.user):
        raise PermissionDenied(_("Alleen lezers en coördinatoren zien de edities."))
    publications = (
        Publication.objects.current()
        .select_related("round__plan")
        .prefetch_related(Prefetch("editions", queryset=Edition.objects.order_by("format")))
        .order_by("-round__first_year")
    )
    return render(request, "reporting/annex/edition_list.html", {"publications": publications})

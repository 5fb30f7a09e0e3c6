"""Working in Word: download the report as a form, upload it, check per answer, save.

The proposals of an upload wait in the session between checking and saving; saving goes
through services.save_entry with the version each answer had at download, so an answer
changed in the portal meanwhile is a conflict and stays as it is.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from .. import services, wordform
from ..access import get_submission_for_user
from ..selectors.compare import word_diff


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Ingevuld formulier (.docx)"),
        error_messages={"required": gettext_lazy("Kies het ingevulde Word-bestand.")},
        widget=forms.ClearableFileInput(attrs={"accept": wordform.CONTENT_TYPE + ",.docx"}),
    )


def _key(submission):
    return f"wordform-{submission.pk}"


@login_required
def form_download(request, pk):
    submission = get_submission_for_user(request.user, pk, write=True)
    response = HttpResponse(wordform.build(submission), content_type=wordform.CONTENT_TYPE)
    name = wordform.file_name(submission)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def form_upload(request, pk):
    """GET: how it works, the download and the upload. POST: read the file and show, per
    answer, what would change; nothing is saved yet."""
    submission = get_submission_for_user(request.user, pk, write=True)
    form = UploadForm(request.POST or None, request.FILES or None)
    proposals = None
    if request.method == "POST" and form.is_valid():
        try:
            proposals = wordform.read(submission, form.cleaned_data["file"])
        except wordform.FormError as error:
            form.add_error("file", str(error))
        else:
            request.session[_key(submission)] = [
                {
                    "entry": p.entry.pk,
                    "version": p.version,
                    "narrative": p.narrative,
                    "not_applicable": p.not_applicable,
                    "reason": p.reason,
                }
                for p in proposals
                if p.changed
            ]
            for proposal in proposals:
                if proposal.changed:
                    proposal.diff = word_diff(proposal.entry.narrative, proposal.narrative)
    return render(
        request,
        "reporting/wordform.html",
        {
            "submission": submission,
            "form": form,
            "changed": [p for p in proposals or () if p.changed],
            "unchanged": sum(not p.changed for p in proposals or ()),
            "checked": proposals is not None,
        },
    )


@login_required
@require_POST
def form_apply(request, pk):
    """Save the accepted answers, each on the version it was downloaded at."""
    submission = get_submission_for_user(request.user, pk, write=True)
    pending = request.session.pop(_key(submission), None)
    if pending is None:
        messages.error(request, _("Er is niets om op te slaan. Upload het formulier opnieuw."))
        return redirect("reporting:wordform", pk=submission.pk)
    accepted = set(request.POST.getlist("accept"))
    entries = submission.entries.in_bulk([row["entry"] for row in pending])
    saved, conflicts = 0, []
    for row in pending:
        entry = entries.get(row["entry"])
        if entry is not None and entry.version != row["version"]:
            conflicts.append(entry)  # shown as a conflict when checked, and never saved
            continue
        if entry is None or str(row["entry"]) not in accepted:
            continue
        try:
            services.save_entry(
                entry=entry,
                by=request.user,
                version=row["version"],
                narrative_html=row["narrative"],
                number=entry.number,
                percentage=entry.percentage,
                not_applicable=row["not_applicable"],
                not_applicable_reason=row["reason"],
            )
        except services.EntryConflict:
            conflicts.append(entry)
        else:
            saved += 1
    if saved:
        messages.success(
            request, _("%(count)s antwoord(en) uit Word overgenomen.") % {"count": saved}
        )
    if conflicts:
        messages.warning(
            request,
            _(
                "Niet overgenomen, omdat ze in het portaal zijn gewijzigd nadat u het formulier "
                "downloadde: %(places)s. Neem die wijzigingen met de hand over."
            )
            % {"places": ", ".join(entry.place for entry in conflicts)},
        )
    if not saved and not conflicts:
        messages.info(request, _("Er is niets overgenomen."))
    return redirect("reporting:submission", pk=submission.pk)

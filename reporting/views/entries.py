from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import conversation, services
from ..access import (
    get_entry_for_user,
    get_submission_for_user,
    may_edit,
    may_sign_off,
    may_withdraw,
)
from ..forms import EntryForm, GoalAnswerForm, SubmissionWithdrawForm
from ..models import Submission, SubmissionEvent
from ..selectors.compare import last_sent_back, previous_entries
from ..selectors.layout import group_by_framework, page_entries


def _entry_url(entry):
    url = reverse("reporting:submission", args=[entry.submission_id])
    return f"{url}#antwoord-{entry.pk}"


def _progress(submission):
    return Submission.objects.with_progress().get(pk=submission.pk)


@login_required
def submission_detail(request, pk):
    submission = get_submission_for_user(request.user, pk)
    entries = page_entries(submission, request.user)
    editable = may_edit(request.user, submission)
    for entry in entries:
        entry.form = EntryForm(entry=entry) if editable else None
    progress = _progress(submission)
    events = list(submission.events.select_related("by"))
    # Sent back by a coordinator, or by the organisation's approver (then a draft again).
    returned = submission.state == Submission.State.RETURNED or (
        events and events[-1].action == SubmissionEvent.Action.SIGNOFF_RETURNED
    )
    sent_back = last_sent_back(events) if returned else None
    return render(
        request,
        "reporting/submission_detail.html",
        {
            "submission": submission,
            "themes": group_by_framework(entries),
            "editable": editable,
            "progress": progress,
            "events": events,
            "sent_back": sent_back,
            "to_fix": [
                entry
                for entry in entries
                if sent_back and any(c.event_id == sent_back.pk for c in entry.comment_list)
            ],
            "media": entries[0].form.media if editable and entries else "",
            "goal_form": GoalAnswerForm(plan=submission.round.plan) if editable else None,
            "added_late": [entry for entry in entries if entry.added_late],
            "may_withdraw": may_withdraw(request.user, submission),
            "may_sign_off": may_sign_off(request.user, submission),
            "open_remarks": conversation.open_remarks(submission, request.user),
        },
    )


def _save_response(request, entry, form, template, status=200, **context):
    context = {"entry": entry, "form": form, "submission": entry.submission, **context}
    return render(request, template, context, status=status)


@login_required
@require_POST
def entry_save(request, pk, entry_pk):
    """Save an answer. With a bad field, the valid ones are saved and the bad one marked."""
    entry = get_entry_for_user(request.user, pk, entry_pk, write=True)
    was_filled = entry.is_filled
    form = EntryForm(request.POST, entry=entry)
    valid = form.is_valid()
    fields = form.savable()
    if fields is None:
        template = "reporting/_entry_errors.html" if request.htmx else "reporting/entry_edit.html"
        return _save_response(request, entry, form, template)
    try:
        saved = services.save_entry(entry=entry, by=request.user, **fields)
    except services.EntryConflict as conflict:
        template = "reporting/_conflict.html" if request.htmx else "reporting/conflict.html"
        return _save_response(request, entry, form, template, current=conflict.current)
    except services.WorkflowError as error:
        messages.error(request, str(error))
        return redirect("reporting:submission", pk=entry.submission_id)
    saved.submission = entry.submission
    if not valid:
        form = _form_at_version(request, form, saved)
    if request.htmx:
        return _save_response(
            request,
            saved,
            form,
            "reporting/_entry_saved.html",
            # Counted again only when this answer became (un)filled: most autosaves of
            # a text being written leave the count as it was.
            progress=_progress(entry.submission) if saved.is_filled != was_filled else None,
            saved_at=timezone.localtime(),
        )
    if not valid:
        messages.warning(
            request, _("De rest van het antwoord is opgeslagen; verbeter het gemarkeerde veld.")
        )
        return _save_response(request, saved, form, "reporting/entry_edit.html")
    messages.success(
        request,
        _("Antwoord op indicator %(number)s opgeslagen.") % {"number": entry.place},
    )
    return redirect(_entry_url(entry))


def _form_at_version(request, form, saved):
    """The posted `form` again, now against the version just saved, with its errors."""
    data = request.POST.copy()
    data[form.add_prefix("version")] = saved.version
    form = EntryForm(data, entry=saved)
    form.is_valid()
    return form


def _save_posted_version(request, entry, conflict_message, **fields):
    """Save `fields` at the version the page was showing; report a refusal as a message.

    A version that is missing or not a number is treated as stale: it never matches.
    """
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    try:
        services.save_entry(entry=entry, by=request.user, version=version, **fields)
    except services.EntryConflict:
        messages.error(request, conflict_message)
        return False
    except services.WorkflowError as error:
        messages.error(request, str(error))
        return False
    return True


@login_required
@require_POST
def entry_copy_previous(request, pk, entry_pk):
    entry = get_entry_for_user(request.user, pk, entry_pk, write=True)
    previous = previous_entries(entry.submission).get(entry.indicator_id)
    if previous is None:
        messages.error(request, _("Er is geen antwoord van vorig jaar om over te nemen."))
        return redirect(_entry_url(entry))
    saved = _save_posted_version(
        request,
        entry,
        _(
            "Iemand anders heeft dit antwoord intussen gewijzigd. "
            "Bekijk de nieuwe tekst voordat u iets overneemt."
        ),
        narrative_html=previous.narrative,
        number=entry.number,
        percentage=entry.percentage,
    )
    if saved:
        messages.success(
            request, _("De tekst van vorig jaar is overgenomen. Werk hem bij voor dit jaar.")
        )
    return redirect(_entry_url(entry))


@login_required
def entry_history(request, pk, entry_pk):
    entry = get_entry_for_user(request.user, pk, entry_pk)
    records = entry.history.select_related("history_user").order_by("-history_date")
    return render(
        request,
        "reporting/entry_history.html",
        {
            "entry": entry,
            "submission": entry.submission,
            "records": records,
            "editable": may_edit(request.user, entry.submission),
        },
    )


@login_required
@require_POST
def entry_restore(request, pk, entry_pk, history_pk):
    entry = get_entry_for_user(request.user, pk, entry_pk, write=True)
    record = get_object_or_404(entry.history, history_id=history_pk)
    saved = _save_posted_version(
        request,
        entry,
        _("Iemand anders heeft dit antwoord intussen gewijzigd; er is niets teruggezet."),
        narrative_html=record.narrative,
        number=record.number,
        percentage=record.percentage,
        not_applicable=record.not_applicable,
        not_applicable_reason=record.not_applicable_reason,
    )
    if not saved:
        return redirect("reporting:entry_history", pk=pk, entry_pk=entry_pk)
    messages.success(
        request,
        _("De tekst van %(date)s is teruggezet.")
        % {"date": timezone.localtime(record.history_date).strftime("%d-%m-%Y %H:%M")},
    )
    return redirect(_entry_url(entry))


def _already_submitted(request, submission):
    """A second "Indienen" (double click, second tab) after the first went through."""
    if submission.state == Submission.State.SIGNOFF:
        messages.info(request, _("Deze rapportage is al ter accordering aangeboden."))
    else:
        messages.info(request, _("Deze rapportage is al ingediend."))
    return redirect("reporting:submission", pk=submission.pk)


@login_required
def submission_submit(request, pk):
    submission = get_submission_for_user(request.user, pk)
    if request.method == "POST" and submission.state in Submission.WITHDRAWABLE_STATES:
        return _already_submitted(request, submission)
    submission = get_submission_for_user(request.user, pk, write=True)
    missing = services.missing_entries(submission)
    if request.method == "POST":
        try:
            services.submit_submission(submission=submission, by=request.user)
        except services.SubmissionIncomplete as incomplete:
            missing = incomplete.missing
        except services.WorkflowError as error:
            # Another request changed the report between our check and the row lock.
            submission.refresh_from_db()
            if submission.state in Submission.WITHDRAWABLE_STATES:
                return _already_submitted(request, submission)
            messages.error(request, str(error))
            return redirect("reporting:submission", pk=submission.pk)
        else:
            if submission.signatory.requires_signoff:
                done = _(
                    "Uw rapportage is ter accordering aangeboden. De accordeurs krijgen bericht."
                )
            else:
                done = _("Uw rapportage is ingediend. De coördinatoren krijgen bericht.")
            messages.success(request, done)
            return redirect("reporting:submission", pk=submission.pk)
    return render(
        request,
        "reporting/submission_submit.html",
        {
            "submission": submission,
            "missing": missing,
            "tried": request.method == "POST",
        },
    )


@login_required
@require_POST
def goal_answer_add(request, pk):
    """'Antwoord op doel of subdoel': a new answer, then straight to it on the form."""
    submission = get_submission_for_user(request.user, pk, write=True)
    form = GoalAnswerForm(request.POST, plan=submission.round.plan)
    if not form.is_valid():
        messages.error(request, _("Kies het doel of subdoel waarop u wilt antwoorden."))
        return redirect("reporting:submission", pk=submission.pk)
    try:
        entry = services.add_goal_answer(
            submission=submission, by=request.user, **form.answer_fields()
        )
    except services.WorkflowError as error:
        messages.error(request, str(error))
        return redirect("reporting:submission", pk=submission.pk)
    messages.success(
        request,
        _("Het antwoord op %(place)s is toegevoegd. Schrijf het hieronder.")
        % {"place": entry.place},
    )
    return redirect(_entry_url(entry))


@login_required
def submission_withdraw(request, pk):
    """GET: what withdrawing does, and a reason. POST: take the handed-in report back."""
    submission = get_submission_for_user(request.user, pk)
    if not may_withdraw(request.user, submission):
        raise PermissionDenied(
            _("Alleen redacteuren van deze organisatie trekken een ingediende rapportage terug.")
        )
    form = SubmissionWithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw_submission(
                submission=submission, by=request.user, reason=form.cleaned_data["reason"]
            )
        except services.WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("De rapportage is teruggetrokken. U kunt haar weer bewerken.")
            )
            return redirect("reporting:submission", pk=submission.pk)
    return render(
        request, "reporting/submission_withdraw.html", {"submission": submission, "form": form}
    )

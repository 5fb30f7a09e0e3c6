from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import invitations
from .forms import AcceptInvitationForm, InvitationForm
from .models import Invitation, User, email_key
from .permissions import invites_people


def locked_out(request, credentials, *args, **kwargs):
    """django-axes' answer to a blocked login (AXES_LOCKOUT_CALLABLE), in Dutch."""
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": settings.LOGIN_COOLOFF_MINUTES,
    }
    return render(
        request, "registration/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE
    )


def login_name(request, credentials):
    """The e-mail address a login attempt is counted under (AXES_USERNAME_CALLABLE): the
    normal form the login matches exactly, so "Sanne@…" or "ſanne@…" get no five more tries."""
    given = (credentials or {}).get("username") or request.POST.get("username") or ""
    return email_key(given)


@login_required
def invitation_list(request):
    """Invite someone, and follow the invitations: open, accepted, expired, revoked."""
    if not invites_people.test(request.user):
        raise PermissionDenied(_("Alleen coördinatoren en hoofdredacteuren nodigen mensen uit."))
    signatories = invitations.signatories_for(request.user)
    lead_only = not invitations.may_invite(request.user, None, Invitation.Role.READER)
    form = InvitationForm(request.POST or None, signatories=signatories, lead_only=lead_only)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = invitations.invite(by=request.user, **form.cleaned_data)
        except invitations.InvitationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("%(email)s is uitgenodigd. De link werkt %(days)s dagen.")
                % {"email": invitation.email, "days": settings.INVITATION_DAYS},
            )
            return redirect("invitations")
    return render(
        request,
        "signatories/invitation_list.html",
        {"form": form, "invitations": invitations.visible_to(request.user)[:200]},
    )


def _invitation_for(user, pk):
    if not invites_people.test(user):
        raise PermissionDenied(_("Alleen coördinatoren en hoofdredacteuren nodigen mensen uit."))
    return get_object_or_404(invitations.visible_to(user), pk=pk)


@login_required
@require_POST
def invitation_resend(request, pk):
    invitation = _invitation_for(request.user, pk)
    try:
        invitations.resend(invitation=invitation, by=request.user)
    except invitations.InvitationError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("De uitnodiging aan %(email)s is opnieuw verstuurd; de oude link werkt niet meer.")
            % {"email": invitation.email},
        )
    return redirect("invitations")


@login_required
def invitation_revoke(request, pk):
    """GET asks for confirmation; POST revokes: the link stops working."""
    invitation = _invitation_for(request.user, pk)
    if request.method == "POST":
        try:
            invitations.revoke(invitation=invitation, by=request.user)
        except invitations.InvitationError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("De uitnodiging aan %(email)s is ingetrokken.") % {"email": invitation.email},
            )
        return redirect("invitations")
    return render(request, "signatories/invitation_revoke.html", {"invitation": invitation})


def invitation_accept(request, token):
    """The link in the mail: choose a password, then log in (and set up the second factor
    where the role asks for it)."""
    try:
        invitation = invitations.find(token)
    except invitations.InvitationError as error:
        return render(request, "signatories/invitation_invalid.html", {"error": error}, status=410)
    person = User(email=invitation.email, full_name=invitation.full_name)
    form = AcceptInvitationForm(
        person, request.POST or None, initial={"full_name": invitation.full_name}
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = invitations.accept(
                token=token,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["new_password1"],
            )
        except invitations.InvitationError as error:
            return render(
                request, "signatories/invitation_invalid.html", {"error": error}, status=410
            )
        auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welkom! Uw account is klaar."))
        return redirect("home")
    return render(
        request, "signatories/invitation_accept.html", {"form": form, "invitation": invitation}
    )

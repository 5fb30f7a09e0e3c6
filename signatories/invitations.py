"""Invitations: a coordinator, an administrator or an organisation's lead editor invites a
person by e-mail; the link expires, works once, and lets them choose a password.

Writers with the house's rules: keyword arguments, the acting user `by`, a row lock where
two requests could race, an audit event, mail through the outbox. Refusals raise
InvitationError with a Dutch message, and then nothing has changed.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import audited, record
from outbox.services import queue_mail

from .models import Invitation, Membership, Signatory, User, email_key
from .permissions import is_administrator, is_coordinator, is_lead_editor_of

Role = Invitation.Role


class InvitationError(Exception):
    """Why an invitation cannot be made, sent or used, in words for the person."""


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def may_invite(user, signatory, role) -> bool:
    if is_coordinator.test(user) or is_administrator.test(user):
        return True
    return role in Invitation.EDITOR_ROLES and is_lead_editor_of.test(user, signatory)


def signatories_for(user):
    """The organisations `user` may invite people into."""
    if is_coordinator.test(user) or is_administrator.test(user):
        return Signatory.objects.active().in_annex_order()
    return Signatory.objects.filter(memberships__user=user, memberships__is_lead=True)


def visible_to(user):
    """The invitations `user` follows: all for coordinators, their organisation's for leads."""
    invitations = Invitation.objects.select_related("signatory", "created_by")
    if is_coordinator.test(user) or is_administrator.test(user):
        return invitations
    return invitations.filter(signatory__in=signatories_for(user))


def _send(invitation: Invitation, by) -> None:
    """A new token (the old link stops working), a new expiry, and the mail."""
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    invitation.token_hash = _hash(token)
    invitation.sent_at = now
    invitation.expires_at = now + timedelta(days=settings.INVITATION_DAYS)
    invitation.save()
    queue_mail(
        to=[invitation],
        template="signatories/email/invitation",
        context={
            "invitation": invitation,
            "by": by,
            "path": reverse("invitation_accept", args=[token]),
            "days": settings.INVITATION_DAYS,
        },
    )


@transaction.atomic
def invite(*, email: str, role: str, by, signatory=None, full_name: str = "") -> Invitation:
    """Invite `email` with `role` (into `signatory` for the editor roles).

    Refused: a role or organisation `by` may not invite into, an address that already has
    an account, an invitation for the same address still open."""
    email = email_key(email)
    if role in Invitation.EDITOR_ROLES and signatory is None:
        raise InvitationError(_("Kies de organisatie waarvoor deze persoon gaat schrijven."))
    if role not in Invitation.EDITOR_ROLES:
        signatory = None
    if not may_invite(by, signatory, role):
        raise InvitationError(_("U kunt alleen collega's van uw eigen organisatie uitnodigen."))
    if User.objects.filter(email=email).exists():
        raise InvitationError(
            _(
                "Er is al een account met %(email)s. Een beheerder kan die persoon aan de "
                "organisatie toevoegen; een uitnodiging is niet nodig."
            )
            % {"email": email}
        )
    # Lock the address's invitations: a double click does not send two.
    if Invitation.objects.select_for_update().filter(email=email).pending():
        raise InvitationError(
            _("Er staat al een uitnodiging open voor %(email)s. Stuur die zo nodig opnieuw.")
            % {"email": email}
        )
    invitation = Invitation(
        email=email,
        full_name=full_name.strip(),
        role=role,
        signatory=signatory,
        created_by=by,
        expires_at=timezone.now(),
    )
    _send(invitation, by)
    record("invitation_sent", actor=by, obj=invitation, role=role)
    return invitation


def _lock_pending(invitation, by):
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not may_invite(by, invitation.signatory, invitation.role):
        raise InvitationError(_("U kunt alleen collega's van uw eigen organisatie uitnodigen."))
    if invitation.accepted_at or invitation.revoked_at:
        raise InvitationError(
            _("Deze uitnodiging is al %(status)s.") % {"status": invitation.status}
        )
    return invitation


@audited("invitation_resent", subject="invitation", refused=(InvitationError,))
@transaction.atomic
def resend(*, invitation: Invitation, by) -> Invitation:
    """Send again with a new link (also after it expired); the old link stops working."""
    invitation = _lock_pending(invitation, by)
    _send(invitation, by)
    return invitation


@audited("invitation_revoked", subject="invitation", refused=(InvitationError,))
@transaction.atomic
def revoke(*, invitation: Invitation, by) -> Invitation:
    invitation = _lock_pending(invitation, by)
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    return invitation


def find(token: str, *, lock: bool = False) -> Invitation:
    """The invitation behind a link, if it can still be used; `lock`: its row locked."""
    invitations = Invitation.objects.select_related("signatory")
    if lock:
        invitations = invitations.select_for_update(of=("self",))
    invitation = invitations.filter(token_hash=_hash(token or "")).first()
    if invitation is None:
        raise InvitationError(
            _("Deze link is niet (meer) geldig. Misschien is de uitnodiging opnieuw verstuurd.")
        )
    if invitation.accepted_at:
        raise InvitationError(
            _("Deze uitnodiging is al gebruikt. Log in met het wachtwoord dat u toen koos.")
        )
    if invitation.revoked_at:
        raise InvitationError(_("Deze uitnodiging is ingetrokken."))
    if invitation.expires_at <= timezone.now():
        raise InvitationError(
            _("Deze uitnodiging is verlopen. Vraag wie u uitnodigde om haar opnieuw te sturen.")
        )
    return invitation


@transaction.atomic
def accept(*, token: str, full_name: str, password: str) -> User:
    """Create the account with the invitation's role; the link is used up.

    Two tabs or a double click: the second finds the invitation accepted (row lock)."""
    invitation = find(token, lock=True)
    if User.objects.filter(email=invitation.email).exists():
        raise InvitationError(_("Er is al een account met dit adres. Log in."))
    user = User.objects.create_user(
        invitation.email,
        password,
        full_name=full_name.strip() or invitation.full_name,
        is_coordinator=invitation.role == Role.COORDINATOR,
        is_reader=invitation.role == Role.READER,
    )
    if invitation.signatory is not None:
        Membership.objects.create(
            user=user,
            signatory=invitation.signatory,
            is_lead=invitation.role == Role.LEAD_EDITOR,
            is_contact=invitation.role == Role.CONTACT,
            is_approver=invitation.role == Role.APPROVER,
        )
    invitation.accepted_at = timezone.now()
    invitation.user = user
    invitation.save(update_fields=["accepted_at", "user"])
    record("invitation_accepted", actor=user, obj=invitation)
    return user

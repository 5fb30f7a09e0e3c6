"""Invitations: who may invite whom, a link that expires and works once, resend, revoke."""

import re
from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from outbox.models import OutgoingMail
from signatories import invitations
from signatories.models import Invitation, Membership, User

from .factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Vrede-en-veiligheid-2026"


def link(email):
    """The path in the last invitation mailed to `email`."""
    mail = OutgoingMail.objects.filter(to=email).order_by("-pk").first()
    return re.search(r"/account/uitnodiging/[^/\s]+/", mail.body_text).group(0)


def invite(client, by, **data):
    client.force_login(by)
    return client.post(reverse("invitations"), data)


def accept(client, path, name="Nina Peters", password=PASSWORD):
    client.logout()
    return client.post(
        path, {"full_name": name, "new_password1": password, "new_password2": password}
    )


@pytest.fixture
def lead_pax(pax):
    lead = UserFactory(email="lead@pax.example.org", signatories=[pax])
    Membership.objects.filter(user=lead).update(is_lead=True)
    return lead


def test_a_coordinator_invites_an_editor_who_chooses_a_password_once(client, coordinator, pax):
    response = invite(
        client, coordinator, email=" Nina@PAX.example.org ", role="editor", signatory=pax.pk
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.email == "nina@pax.example.org" and invitation.is_pending
    path = link("nina@pax.example.org")
    assert invitation.token_hash not in path  # only the hash is stored
    page = client.get(path)
    assert page.status_code == 200 and "redacteur voor PAX" in page.text
    response = accept(client, path)
    assert response.status_code == 302
    user = User.objects.get(email="nina@pax.example.org")
    assert user.full_name == "Nina Peters" and user.check_password(PASSWORD)
    assert list(user.signatories.all()) == [pax] and not user.is_coordinator
    assert client.get(reverse("home")).wsgi_request.user == user
    # Used once: the same link again, also from another tab, is refused.
    again = accept(client, path)
    assert again.status_code == 410 and "al gebruikt" in again.text
    assert User.objects.filter(email="nina@pax.example.org").count() == 1
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"invitation_sent", "invitation_accepted"} <= actions


def test_a_weak_password_is_refused_and_the_link_still_works(client, coordinator, pax):
    invite(client, coordinator, email="nina@pax.example.org", role="editor", signatory=pax.pk)
    path = link("nina@pax.example.org")
    response = accept(client, path, password="nina")
    assert response.status_code == 200 and "Er is iets niet goed ingevuld" in response.text
    assert not User.objects.filter(email="nina@pax.example.org").exists()
    assert accept(client, path).status_code == 302


def test_an_expired_a_revoked_and_a_replaced_link_do_not_work(client, coordinator, pax):
    invite(client, coordinator, email="nina@pax.example.org", role="editor", signatory=pax.pk)
    invitation = Invitation.objects.get()
    first = link(invitation.email)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    response = client.get(first)
    assert response.status_code == 410 and "verlopen" in response.text
    # Sent again: a new link that works; the old one does not.
    client.force_login(coordinator)
    client.post(reverse("invitation_resend", args=[invitation.pk]))
    second = link(invitation.email)
    assert second != first
    assert client.get(first).status_code == 410
    assert client.get(second).status_code == 200
    client.force_login(coordinator)
    client.post(reverse("invitation_revoke", args=[invitation.pk]))
    response = client.get(second)
    assert response.status_code == 410 and "ingetrokken" in response.text
    assert accept(client, second).status_code == 410
    assert not User.objects.filter(email=invitation.email).exists()
    with pytest.raises(invitations.InvitationError):
        invitations.resend(invitation=invitation, by=coordinator)


def test_an_address_with_an_account_or_an_open_invitation_is_refused(
    client, coordinator, editor_pax, pax
):
    response = invite(
        client, coordinator, email="PIETER@pax.example.org", role="editor", signatory=pax.pk
    )
    assert response.status_code == 200 and "Er is al een account" in response.text
    invite(client, coordinator, email="nina@pax.example.org", role="editor", signatory=pax.pk)
    response = invite(
        client, coordinator, email="nina@pax.example.org", role="reader", signatory=""
    )
    assert "Er staat al een uitnodiging open" in response.text
    assert Invitation.objects.count() == 1 and OutgoingMail.objects.count() == 1


def test_an_editor_role_needs_an_organisation(client, coordinator):
    response = invite(client, coordinator, email="nina@pax.example.org", role="editor")
    assert "Kies de organisatie" in response.text
    assert not Invitation.objects.exists()


def test_a_lead_editor_invites_into_the_own_organisation_only(
    client, lead_pax, pax, minbz, coordinator
):
    client.force_login(lead_pax)
    page = client.get(reverse("invitations")).text
    assert "PAX" in page and "Ministerie van Buitenlandse Zaken" not in page
    assert 'value="coordinator"' not in page
    response = invite(client, lead_pax, email="nina@example.org", role="editor", signatory=minbz.pk)
    assert response.status_code == 200 and not Invitation.objects.exists()
    with pytest.raises(invitations.InvitationError, match="eigen organisatie"):
        invitations.invite(email="x@example.org", role="editor", signatory=minbz, by=lead_pax)
    with pytest.raises(invitations.InvitationError, match="eigen organisatie"):
        invitations.invite(email="x@example.org", role="coordinator", by=lead_pax)
    invite(client, lead_pax, email="nina@example.org", role="editor", signatory=pax.pk)
    assert Invitation.objects.get().signatory == pax
    # A coordinator's invitation is not the lead's to revoke.
    other = invitations.invite(email="y@example.org", role="reader", by=coordinator)
    client.force_login(lead_pax)
    assert client.post(reverse("invitation_revoke", args=[other.pk])).status_code == 404
    assert "y@example.org" not in client.get(reverse("invitations")).text


@pytest.mark.parametrize("role", ["editor_minbz", "reader", "anonymous"])
def test_others_cannot_invite(client, request, role):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    response = client.get(reverse("invitations"))
    assert response.status_code == (302 if role == "anonymous" else 403)


@override_settings(TWO_FACTOR_REQUIRED=True)
def test_an_invited_coordinator_sets_up_two_factor_next(client, coordinator):
    invitations.invite(email="kees@wo-men.example.org", role="coordinator", by=coordinator)
    response = accept(client, link("kees@wo-men.example.org"))
    assert User.objects.get(email="kees@wo-men.example.org").is_coordinator
    home = client.get(response["Location"])
    assert home.status_code == 302 and home["Location"].startswith(reverse("two_factor_verify"))
    assert client.get(home["Location"])["Location"].startswith(reverse("two_factor_setup"))


def test_a_lead_and_a_contact_get_their_flags(client, coordinator, pax):
    invitations.invite(email="a@pax.example.org", role="lead_editor", signatory=pax, by=coordinator)
    invitations.invite(email="b@pax.example.org", role="contact", signatory=pax, by=coordinator)
    accept(client, link("a@pax.example.org"))
    accept(client, link("b@pax.example.org"))
    flags = Membership.objects.filter(signatory=pax).values_list(
        "user__email", "is_lead", "is_contact"
    )
    assert set(flags) == {("a@pax.example.org", True, False), ("b@pax.example.org", False, True)}

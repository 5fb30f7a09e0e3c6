"""Security measures a user or an attacker would notice: the CSP, lockout, two factors."""

import re
from datetime import timedelta

import time_machine
from django.urls import reverse
from django.utils import timezone

from .factories import UserFactory


def test_the_prose_editors_inline_import_map_carries_the_policys_nonce(
    client, editor_minbz, submission_minbz
):
    client.force_login(editor_minbz)
    response = client.get(reverse("reporting:submission", args=[submission_minbz.pk]))
    nonce = re.search(r'<script type="importmap" nonce="([^"]+)"', response.text)[1]
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
    # Every other script is a file of our own, allowed by 'self'.
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", response.text)
    assert all(f'nonce="{nonce}"' in attributes for attributes in inline), inline


# Brute-force protection


def attempt(client, email, password, ip):
    return client.post(reverse("login"), {"username": email, "password": password}, REMOTE_ADDR=ip)


def test_five_wrong_passwords_lock_that_address_from_that_connection_only(client, editor_minbz):
    email = editor_minbz.email
    for _ in range(4):
        assert attempt(client, email, "fout-wachtwoord", "10.0.0.1").status_code == 200
    # Another spelling of the address counts as the same one.
    assert attempt(client, email.upper(), "fout-wachtwoord", "10.0.0.1").status_code == 429
    locked = attempt(client, email, "een-goed-wachtwoord", "10.0.0.1")  # even the right one
    assert locked.status_code == 429
    assert "Inloggen tijdelijk geblokkeerd" in locked.text
    assert "over 15 minuten opnieuw" in locked.text
    # The same person from another connection, and a colleague behind the same proxy, can.
    assert attempt(client, email, "een-goed-wachtwoord", "10.0.0.2").status_code == 302
    client.logout()
    colleague = UserFactory()
    assert attempt(client, colleague.email, "een-goed-wachtwoord", "10.0.0.1").status_code == 302


def test_the_lock_lifts_after_the_cool_off(client, editor_minbz):
    for _ in range(5):
        attempt(client, editor_minbz.email, "fout-wachtwoord", "10.0.0.1")
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        response = attempt(client, editor_minbz.email, "een-goed-wachtwoord", "10.0.0.1")
    assert response.status_code == 302

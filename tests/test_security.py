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
    # Every other script is a file of our own, allowed by 'self'; JSON data blocks (the
    # editor's labels) are not run, and CSP does not apply to them.
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", response.text)
    code = [attributes for attributes in inline if 'type="application/json"' not in attributes]
    assert all(f'nonce="{nonce}"' in attributes for attributes in code), code
    assert len(code) < len(inline)  # the labels are there, as data


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


def test_a_look_alike_address_gets_no_fresh_count_and_no_login(client, reader):
    """Finding 5: PostgreSQL's upper() maps "ı" to I (and "ſ" to S) while axes counted
    under Python's lower(): the look-alike logged in with a fresh count."""
    email = reader.email  # karin@minbz.example.org
    for _ in range(5):
        attempt(client, email, "fout-wachtwoord", "10.0.0.1")
    dotless = email.replace("minbz", "m\u0131nbz")
    response = attempt(client, dotless, "een-goed-wachtwoord", "10.0.0.1")
    assert response.status_code != 302
    assert "_auth_user_id" not in client.session
    cyrillic_e = email.replace("example", "exampl\u0435")  # another address altogether
    assert attempt(client, cyrillic_e, "een-goed-wachtwoord", "10.0.0.1").status_code != 302


def test_addresses_are_stored_and_matched_in_one_normal_form(client, db):
    from signatories.models import User, email_key

    assert email_key(" \uff33anne@MinBZ.Example.org ") == "sanne@minbz.example.org"
    assert email_key("\u017fanne@minbz.example.org") == "sanne@minbz.example.org"
    assert email_key("STRASSE@x.org") == email_key("stra\u00dfe@x.org")
    user = UserFactory(email="Sanne@MinBZ.example.org")
    assert User.objects.get(pk=user.pk).email == "sanne@minbz.example.org"
    for _ in range(5):
        attempt(client, "\u017fanne@minbz.example.org", "fout-wachtwoord", "10.0.0.1")
    assert (
        attempt(client, "sanne@minbz.example.org", "een-goed-wachtwoord", "10.0.0.1").status_code
        == 429
    )
    assert (
        attempt(client, "SANNE@minbz.example.org", "een-goed-wachtwoord", "10.0.0.2").status_code
        == 302
    )


def test_a_refused_form_token_gets_a_dutch_page_and_a_header_the_autosave_reads(
    editor_minbz, entry_minbz
):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(editor_minbz)
    save = reverse("reporting:entry_save", args=[entry_minbz.submission_id, entry_minbz.pk])
    response = client.post(save, {}, headers={"HX-Request": "true"})
    assert response.status_code == 403
    assert response["X-CSRF-Failed"] == "true"
    assert "Formulier verlopen" in response.text


def test_pages_are_compressed_and_downloads_are_not(client, editor_minbz, submission_minbz):
    client.force_login(editor_minbz)
    url = reverse("reporting:submission", args=[submission_minbz.pk])
    page = client.get(url, HTTP_ACCEPT_ENCODING="gzip, br")
    assert page["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in page["Vary"]
    plain = client.get(url)
    assert len(page.content) < len(plain.content) / 3
    word = client.get(
        reverse("reporting:wordform_download", args=[submission_minbz.pk]),
        HTTP_ACCEPT_ENCODING="gzip",
    )
    assert not word.has_header("Content-Encoding")

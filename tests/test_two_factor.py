"""Two factors: required for coordinators and administrators, optional for editors."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AuditEvent


@pytest.fixture(autouse=True)
def required(settings):
    settings.TWO_FACTOR_REQUIRED = True


def code(device):
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):0{device.digits}d}"


def after_the_throttle():
    """django-otp makes one wait a second after a wrong code (longer after more)."""
    return time_machine.travel(timezone.now() + timedelta(seconds=2))


def test_a_coordinator_sets_up_an_app_before_seeing_any_page(client, coordinator):
    client.force_login(coordinator)
    rounds = reverse("reporting:rounds")
    response = client.get(rounds)
    assert response.status_code == 302
    setup = client.get(response["Location"], follow=True)
    assert setup.request["PATH_INFO"] == reverse("two_factor_setup")
    assert "<svg" in setup.text  # the QR code
    assert re.search(r"<code[^>]*>([A-Z2-7]{4} )+", setup.text)  # the key to type over
    device = TOTPDevice.objects.get(user=coordinator, confirmed=False)
    wrong = client.post(reverse("two_factor_setup"), {"code": "000000", "next": rounds})
    assert "Deze code klopt niet" in wrong.text
    with after_the_throttle():
        device.refresh_from_db()
        done = client.post(reverse("two_factor_setup"), {"code": code(device), "next": rounds})
    assert done["Location"] == rounds
    assert client.get(rounds).status_code == 200
    assert AuditEvent.objects.filter(action="two_factor_setup", actor=coordinator.email).exists()


def test_next_time_the_coordinator_gives_a_code_after_the_password(client, coordinator):
    device = TOTPDevice.objects.create(user=coordinator, name="app", confirmed=True)
    client.post(
        reverse("login"), {"username": coordinator.email, "password": "een-goed-wachtwoord"}
    )
    response = client.get(reverse("reporting:rounds"))
    assert response["Location"].startswith(reverse("two_factor_verify"))
    assert client.get(reverse("admin:index"))["Location"].startswith(reverse("two_factor_verify"))
    client.post(reverse("two_factor_verify"), {"code": "123456"})
    assert client.get(reverse("reporting:rounds")).status_code == 302
    with after_the_throttle():
        client.post(reverse("two_factor_verify"), {"code": code(device)})
        assert client.get(reverse("reporting:rounds")).status_code == 200
    results = AuditEvent.objects.filter(action="two_factor").values_list("result", flat=True)
    assert sorted(results) == ["failed", "ok"]


def test_an_administrator_must_too(client, administrator):
    client.force_login(administrator)
    assert client.get(reverse("admin:index"))["Location"].startswith(reverse("two_factor_verify"))


def test_an_editor_without_an_app_goes_on_but_one_with_an_app_must_use_it(
    client, editor_minbz, editor_pax
):
    client.force_login(editor_minbz)
    assert client.get(reverse("home")).status_code == 200
    TOTPDevice.objects.create(user=editor_pax, name="app", confirmed=True)
    client.force_login(editor_pax)
    assert client.get(reverse("home"))["Location"].startswith(reverse("two_factor_verify"))


def test_an_editor_made_coordinator_during_a_session_is_asked_at_once(client, editor_minbz):
    client.force_login(editor_minbz)
    assert client.get(reverse("home")).status_code == 200
    editor_minbz.is_coordinator = True
    editor_minbz.save()
    assert client.get(reverse("home"))["Location"].startswith(reverse("two_factor_verify"))


def test_the_second_step_never_sends_someone_to_another_site(client, coordinator):
    device = TOTPDevice.objects.create(user=coordinator, name="app", confirmed=True)
    client.force_login(coordinator)
    response = client.post(
        reverse("two_factor_verify"), {"code": code(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("home")

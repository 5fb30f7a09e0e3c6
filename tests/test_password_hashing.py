"""Passwords: PBKDF2 at Django's full cost unless the owner chooses Argon2id
(PASSWORD_HASHER, nap_portal/hashers.py); switching either way keeps every password working."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.urls import reverse

from nap_portal.settings import HASHERS

from .factories import UserFactory
from .test_settings import start_with

PASSWORD = "een-goed-wachtwoord"
PRINT_HASHERS = (
    "-c",
    "import django; django.setup(); from django.conf import settings; "
    "from django.contrib.auth.hashers import get_hasher; "
    "print(settings.PASSWORD_HASHERS[0], get_hasher().iterations "
    "if hasattr(get_hasher(), 'iterations') else get_hasher().memory_cost)",
)
DEVELOPMENT = {"DEBUG": "true"}


def test_pbkdf2_at_djangos_full_cost_is_the_default():
    result = start_with(DEVELOPMENT, PRINT_HASHERS)
    assert result.stdout.split() == [HASHERS["pbkdf2"], "1000000"], result.stderr


def test_the_owner_can_choose_argon2id_at_owasps_minimum():
    result = start_with({**DEVELOPMENT, "PASSWORD_HASHER": "argon2id"}, PRINT_HASHERS)
    assert result.stdout.split() == [HASHERS["argon2id"], str(19 * 1024)], result.stderr


def test_an_unknown_choice_refuses_to_start():
    result = start_with({**DEVELOPMENT, "PASSWORD_HASHER": "md5"}, PRINT_HASHERS)
    assert result.returncode != 0
    assert "PASSWORD_HASHER: one of pbkdf2, argon2id" in result.stderr


def log_in(client, user):
    return client.post(
        reverse("login"), {"username": user.email, "password": PASSWORD}, follow=False
    )


@pytest.mark.parametrize(("before", "after"), [("pbkdf2", "argon2id"), ("argon2id", "pbkdf2")])
def test_a_password_hashed_before_the_switch_still_logs_in_and_is_hashed_anew(
    client, db, settings, before, after
):
    settings.PASSWORD_HASHERS = [HASHERS[before], HASHERS[after]]
    user = UserFactory()
    user.password = make_password(PASSWORD)  # with the hasher of before the switch
    user.save()
    settings.PASSWORD_HASHERS = [HASHERS[after], HASHERS[before]]

    response = log_in(client, user)

    assert response.status_code == 302 and response.url == reverse("home")
    stored = get_user_model().objects.get(pk=user.pk).password
    expected = "argon2$argon2id$v=19$m=19456,t=2,p=1$" if after == "argon2id" else "pbkdf2_sha256$"
    assert stored.startswith(expected)

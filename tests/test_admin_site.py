"""The admin in Dutch: what each maintains, technical tables only for a superuser (issue 12)."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def sections(client, user):
    client.force_login(user)
    page = client.get(reverse("admin:index")).text
    return re.findall(r"<caption>\s*<a[^>]*>([^<]*)</a>", page)


def test_a_coordinator_sees_the_framework_and_the_organisations(client, coordinator):
    assert sections(client, coordinator) == [
        "Kader: actieplan, thema&#x27;s, doelen en indicatoren",
        "Ondertekenaars en gebruikers",
    ]


def test_a_superuser_finds_the_technical_tables_last_and_named_in_dutch(client, administrator):
    found = sections(client, administrator)
    technical = [name for name in found if name.startswith("Technisch:")]
    assert technical == found[-len(technical) :]
    assert "Technisch: inlogpogingen en blokkades" in technical
    assert "Technisch: wachtrij uitgaande e-mail" in technical
    assert not any("Axes" in name or "Otp" in name or "autorisatie" in name for name in found)


def test_a_technical_administrator_without_superuser_sees_no_technical_tables(client):
    from .factories import UserFactory

    staff = UserFactory(is_staff=True)
    assert not any(name.startswith("Technisch") for name in sections(client, staff))

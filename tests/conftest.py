"""Shared test data: the real NAP1325-IV framework and a few named people."""

import pytest
from django.core.management import call_command

from reporting import services
from signatories.models import Signatory

from .factories import RoundFactory, UserFactory


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache: the monitor's fragments and the API's rate
    limit live there, and ids repeat between tests."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def default_language():
    """Every test starts in the portal's language: a request in English (the language
    cookie) leaves English active in the thread, and a later test's messages with it."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def framework(db):
    """The fixtures `make run` loads: signatories and the NAP1325-IV framework."""
    call_command("loaddata", "signatories", "nap1325_iv", verbosity=0)


@pytest.fixture
def minbz(framework):
    return Signatory.objects.get(code="MinBZ")


@pytest.fixture
def pax(framework):
    return Signatory.objects.get(code="PAX")


@pytest.fixture
def editor_minbz(minbz):
    return UserFactory(
        email="sanne@minbz.example.org", full_name="Sanne de Vries", signatories=[minbz]
    )


@pytest.fixture
def editor_pax(pax):
    return UserFactory(email="pieter@pax.example.org", full_name="Pieter Jansen", signatories=[pax])


@pytest.fixture
def coordinator(framework):
    return UserFactory(
        email="anne@wo-men.example.org", full_name="Anne Bakker", is_coordinator=True
    )


@pytest.fixture
def reader(framework):
    return UserFactory(email="karin@minbz.example.org", full_name="Karin Visser", is_reader=True)


@pytest.fixture
def administrator(framework):
    return UserFactory(
        email="tom@nap1325.example.org", full_name="Tom Smit", is_staff=True, is_superuser=True
    )


@pytest.fixture
def round_2025(framework):
    return RoundFactory(first_year=2025)


@pytest.fixture
def submission_minbz(round_2025, minbz):
    return services.ensure_submission(round=round_2025, signatory=minbz)


@pytest.fixture
def submission_pax(round_2025, pax):
    return services.ensure_submission(round=round_2025, signatory=pax)


@pytest.fixture
def entry_minbz(submission_minbz):
    """MinBZ's first answer in plan order (an indicator with a count)."""
    return submission_minbz.entries.in_plan_order().select_related("indicator").first()

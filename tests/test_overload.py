"""Overload degrades into a Dutch "busy" answer (503 with Retry-After) that the autosave
retries, never into a traceback page (issue 18): a full login queue, a database that
refuses for a moment. A defect stays a 500."""

import runpy
import sys
import threading
from pathlib import Path

import psycopg
import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import OperationalError
from django.urls import reverse

from reporting import services
from reporting.models import Entry
from signatories import login_queue

from .test_entries import post_entry


def database_error(state, message="busy"):
    """Django's wrapped error with psycopg's cause, as the database would raise it."""
    cause = psycopg.errors.lookup(state)(message) if state else psycopg.OperationalError(message)
    error = OperationalError(message)
    error.__cause__ = cause
    return error


@pytest.fixture
def login_queue_full(settings, monkeypatch):
    """Every turn to check a password is taken, and the queue gives up at once."""
    settings.LOGIN_QUEUE_SECONDS = 0.05
    monkeypatch.setattr(login_queue, "_slots", None)
    slots = login_queue._semaphore()
    for _ in range(settings.LOGIN_CONCURRENCY):
        slots.acquire()
    yield slots
    monkeypatch.setattr(login_queue, "_slots", None)


def test_a_login_waits_its_turn_and_then_logs_in(client, editor_minbz, settings, monkeypatch):
    monkeypatch.setattr(login_queue, "_slots", None)
    slots = login_queue._semaphore()
    slots.acquire()
    threading.Timer(0.2, slots.release).start()  # the login before it ends
    response = client.post(
        reverse("login"), {"username": editor_minbz.email, "password": "een-goed-wachtwoord"}
    )
    assert response.status_code == 302
    assert client.session.get("_auth_user_id") == str(editor_minbz.pk)


def test_a_login_in_a_full_queue_gets_a_dutch_busy_page(client, editor_minbz, login_queue_full):
    response = client.post(
        reverse("login"), {"username": editor_minbz.email, "password": "een-goed-wachtwoord"}
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    page = response.content.decode()
    assert "Het is erg druk" in page
    assert "Probeer het over 10 seconden opnieuw" in page
    assert "_auth_user_id" not in client.session  # nothing half done
    # Its turn comes: the same login works.
    login_queue_full.release()
    response = client.post(
        reverse("login"), {"username": editor_minbz.email, "password": "een-goed-wachtwoord"}
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    "state",
    [
        "53300",  # too many connections
        "40P01",  # deadlock
        "55P03",  # lock not available
        None,  # could not connect at all
    ],
)
def test_an_autosave_the_database_refuses_for_a_moment_is_busy_and_stores_nothing(
    client, editor_minbz, entry_minbz, monkeypatch, state
):
    client.force_login(editor_minbz)

    def refuse(**kwargs):
        raise database_error(state)

    monkeypatch.setattr(services, "save_entry", refuse)
    response = post_entry(client, entry_minbz, htmx=True, narrative="<p>Nog niet.</p>")
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert response["Cache-Control"] == "no-store"
    assert response.content == b""  # htmx swaps nothing; the page says "nog niet opgeslagen"
    assert "Nog niet." not in Entry.objects.get(pk=entry_minbz.pk).narrative


def test_a_database_error_that_is_a_defect_stays_an_error(
    client, editor_minbz, entry_minbz, monkeypatch
):
    client.force_login(editor_minbz)
    client.raise_request_exception = False

    def broken(**kwargs):
        raise database_error("42703", 'column "narrative" does not exist')

    monkeypatch.setattr(services, "save_entry", broken)
    response = post_entry(client, entry_minbz, htmx=True, narrative="<p>x</p>")
    assert response.status_code == 500
    assert "Retry-After" not in response


def test_a_database_in_overload_before_the_view_gives_the_busy_page(
    client, editor_minbz, submission_minbz, monkeypatch
):
    """The session is read in a middleware, before the view: handler500 answers "busy"."""
    client.force_login(editor_minbz)
    client.raise_request_exception = False

    def refuse(self, *args, **kwargs):
        raise database_error("53300", "sorry, too many clients already")

    monkeypatch.setattr(SessionStore, "load", refuse)
    response = client.get(reverse("reporting:submission", args=[submission_minbz.pk]))
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "Het is erg druk" in response.content.decode()


def test_the_autosave_page_carries_the_busy_text(client, editor_minbz, submission_minbz):
    client.force_login(editor_minbz)
    page = client.get(reverse("reporting:submission", args=[submission_minbz.pk]))
    assert "Nog niet opgeslagen: het is erg druk." in page.content.decode()


CONFIG = str(Path(__file__).resolve().parents[1] / "gunicorn.conf.py")


def test_web_processes_hand_the_gil_over_every_millisecond(monkeypatch):
    """gunicorn.conf.py: a thread back from the database waits at most 1 ms for the GIL,
    not Python's 5 ms, while another thread renders a page (WEB_SWITCH_INTERVAL)."""
    before = sys.getswitchinterval()
    try:
        runpy.run_path(CONFIG)["post_fork"](None, None)
        assert sys.getswitchinterval() == pytest.approx(0.001)
        monkeypatch.setenv("WEB_SWITCH_INTERVAL", "0.002")
        runpy.run_path(CONFIG)["post_fork"](None, None)
        assert sys.getswitchinterval() == pytest.approx(0.002)
    finally:
        sys.setswitchinterval(before)

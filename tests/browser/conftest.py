"""Browser tests: Debian's Chromium, driven by pytest-playwright, against the live server.

Skipped when no Chromium is installed (CI installs it: .ci/run). Playwright's sync API runs
an event loop in this thread, so Django's ORM is told the test body is synchronous code.
"""

import os
import shutil

import pytest
from django.conf import settings as django_settings
from django.test import Client

from ..factories import EditionFactory, fill_all

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

if not CHROMIUM and os.environ.get("REQUIRE_BROWSER"):
    raise RuntimeError("REQUIRE_BROWSER is set but chromium is not installed")


def pytest_collection_modifyitems(config, items):
    if not CHROMIUM:
        skip = pytest.mark.skip(reason="needs Debian's chromium (apt-get install chromium)")
        for item in items:
            if "tests/browser/" in str(item.fspath):
                item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """A Dutch browser: the portal follows Accept-Language, and Chromium's is English."""
    return {**browser_context_args, "locale": "nl-NL"}


@pytest.fixture
def world(
    transactional_db,
    submission_minbz,
    submission_pax,
    editor_minbz,
    editor_pax,
    coordinator,
    reader,
    administrator,
):
    """The permission matrix's objects: MinBZ's draft (filled in), PAX's, an edition."""
    fill_all(submission_minbz, "<p>Tekst van het ministerie.</p>")
    return {
        "submission": submission_minbz,
        "entry": submission_minbz.entries.get(indicator__number="1.a"),
        "edition": EditionFactory(round=submission_minbz.round),
    }


def session_cookie(user, url):
    """A logged-in session for `user` as a browser cookie (the login form has its own test)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    return {"name": cookie.key, "value": cookie.value, "url": url}


@pytest.fixture
def log_in(live_server, context):
    """Log the test's own page in as `user`."""

    def log_in(user):
        context.add_cookies([session_cookie(user, live_server.url)])

    return log_in


@pytest.fixture
def as_user(browser, browser_context_args, live_server):
    """A page in a browser context of its own, logged in as `user`: several people at once."""

    contexts = []

    def as_user(user):
        context = browser.new_context(
            **browser_context_args, base_url=live_server.url, accept_downloads=True
        )
        contexts.append(context)
        context.add_cookies([session_cookie(user, live_server.url)])
        return context.new_page()

    yield as_user
    for context in contexts:
        context.close()

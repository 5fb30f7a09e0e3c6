"""The public monitor: no login, published content only (issue 15).

A crawl from /monitor/ follows every link on every page, with a round that has a draft, a
handed-in report, an approved-but-unpublished report and a changed answer after
publication, and a withdrawn round: none of their words may appear anywhere."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from reporting import publishing
from reporting.models import Entry, Submission
from reporting.services import ensure_submission
from signatories.models import Signatory

from .factories import RoundFactory, fill_all, publish

SECRETS = ["CONCEPTGEHEIM", "INGEDIENDGEHEIM", "GOEDGEKEURDGEHEIM", "NAPUBLICATIE", "INGETROKKEN"]


def report(round, code, text, state):
    submission = ensure_submission(round=round, signatory=Signatory.objects.get(code=code))
    fill_all(submission, f"<p>{text} tekst.</p>")
    Submission.objects.filter(pk=submission.pk).update(state=state)
    return submission


@pytest.fixture
def world(framework):
    published = RoundFactory(first_year=2023, state="closed")
    minbz = report(published, "MinBZ", "GEPUBLICEERD", "approved")
    publish(published)
    # After publishing: the answer is changed and approved again, and PAX is approved, but
    # nobody published a new version.
    Entry.objects.filter(submission=minbz).update(narrative="<p>NAPUBLICATIE</p>")
    report(published, "PAX", "GOEDGEKEURDGEHEIM", "approved")
    open_round = RoundFactory(first_year=2025)
    report(open_round, "MinBZ", "CONCEPTGEHEIM", "draft")
    report(open_round, "Cordaid", "INGEDIENDGEHEIM", "submitted")
    withdrawn = RoundFactory(first_year=2024, state="closed")
    report(withdrawn, "MinBZ", "INGETROKKEN", "approved")
    publish(withdrawn)
    publishing.withdraw(round=withdrawn, by=None, reason="Fout.")
    return published


def crawl(client, start="/monitor/"):
    seen, todo, pages = set(), [start], {}
    while todo and len(seen) < 400:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        pages[url] = body
        if "html" in response["Content-Type"]:
            for link in re.findall(r'(?:href|src)="([^"#?]+)', body.decode()):
                if link.startswith(("/monitor/", "/api/")):
                    todo.append(link)
    return pages


@pytest.mark.parametrize("language", ["nl", "en"])
def test_an_anonymous_visitor_never_sees_anything_unpublished(client, world, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    pages = crawl(client)
    assert len(pages) > 30  # index, the round, every indicator and its chart
    everything = b"\n".join(pages.values()).decode(errors="replace")
    assert "GEPUBLICEERD tekst." in everything
    for secret in SECRETS:
        assert secret not in everything, secret


def test_the_published_round_and_an_indicator_have_readable_urls(client, world):
    assert client.get("/monitor/2023/").status_code == 200
    page = client.get("/monitor/indicator/1.a/").text
    assert "GEPUBLICEERD tekst." in page
    assert '<a href="/monitor/2023/">' in page


@pytest.mark.parametrize("url", ["/monitor/2024/", "/monitor/2025/", "/monitor/1999/"])
def test_withdrawn_open_and_unknown_rounds_are_not_found(client, world, url):
    assert client.get(url).status_code == 404


def test_a_new_version_shows_at_once_despite_the_cache(client, world):
    assert "GOEDGEKEURDGEHEIM" not in client.get("/monitor/indicator/1.a/").text
    publish(world, note="versie 2")
    page = client.get("/monitor/indicator/1.a/").text
    assert "GOEDGEKEURDGEHEIM tekst." in page and "NAPUBLICATIE" in page


def test_the_monitor_is_in_english_too(client, world):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("monitor:index")).text
    assert "Published reports" in page

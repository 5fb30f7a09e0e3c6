"""Insight in a browser (issue 15): a coordinator reads every answer to 5.2.a over two
rounds with the total and the charts with their tables; an anonymous visitor browses the
monitor and the open data and never meets an unpublished word. axe on every new page, in
Dutch and English."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from ..test_indicator_page import spending  # noqa: F401
from ..test_monitor import SECRETS
from ..test_monitor import world as monitor_world  # noqa: F401
from .test_accessibility import check


@pytest.fixture(params=["nl", "en"])
def language(request, context, live_server):
    cookie = {"name": settings.LANGUAGE_COOKIE_NAME, "value": request.param}
    context.add_cookies([cookie | {"url": live_server.url}])
    return request.param


@pytest.fixture
def page(page):
    page.blocked, page.broken = [], []
    page.on("console", lambda m: page.blocked.append(m.text) if m.text.startswith("CSP:") else None)
    page.on("response", lambda r: page.broken.append(r.url) if r.status >= 400 else None)
    return page


def test_a_coordinator_reads_5_2_a_over_two_rounds_with_the_total_and_the_charts(
    language,
    spending,  # noqa: F811
    page,
    live_server,
    log_in,
    coordinator,
    round_2025,
):
    indicator, _ = spending
    log_in(coordinator)
    problems = []
    page.goto(live_server.url + reverse("reporting:round_indicators", args=[round_2025.pk]))
    page.get_by_role(
        "link", name=re.compile(r"^Totale uitgaven Nederland voor de WPS-agenda")
    ).click()
    expect(page.locator("main")).to_contain_text("€ 1.600.000,50")
    expect(page.locator("main")).to_contain_text("€ 1.250.000")
    chart = page.locator("main figure img")
    expect(chart).to_have_attribute("alt", re.compile("2024: € 1.250.000; 2025: € 1.600.000,50"))
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=chart.element_handle()
    )
    expect(page.locator("main table caption")).to_contain_text("5.2.a")
    check(page, None, problems)
    page.goto(live_server.url + reverse("reporting:round_charts", args=[round_2025.pk]))
    assert page.locator("main figure img").count() == 3
    assert page.locator("main table").count() == 3
    check(page, None, problems)
    assert not problems, "\n\n".join(problems)


def test_an_anonymous_visitor_browses_the_monitor_and_the_api(
    language,
    monitor_world,  # noqa: F811
    page,
    live_server,
):
    problems = []
    page.goto(live_server.url + reverse("monitor:index"))
    check(page, None, problems)
    page.locator("a[href='/monitor/indicator/1.a/']").click()
    expect(page.locator("main")).to_contain_text("GEPUBLICEERD tekst.")
    check(page, None, problems)
    page.locator("main a[href='/monitor/2023/']").first.click()
    expect(page.locator("main")).to_contain_text("GEPUBLICEERD tekst.")
    check(page, None, problems)
    page.goto(live_server.url + reverse("monitor:open_data"))
    check(page, None, problems)
    seen = [page.content()]
    for url in ["/api/rounds", "/api/answers", "/api/framework", "/api/openapi.json"]:
        response = page.request.get(live_server.url + url)
        assert response.ok, url
        seen.append(response.text())
    everything = "\n".join(seen)
    for secret in SECRETS:
        assert secret not in everything
    assert not problems, "\n\n".join(problems)


def test_the_synthesis_cites_two_answers_and_compiles_with_zie_references(
    spending,  # noqa: F811
    as_user,
    coordinator,
    round_2025,
):
    from ..factories import UserFactory

    indicator, _ = spending
    writer = as_user(coordinator)
    writer.goto(reverse("reporting:synthesis", args=[round_2025.pk]))
    writer.get_by_role("link", name=f"Schrijven {indicator.goal.label}").click()
    writer.click(".ProseMirror")
    writer.keyboard.type("De uitgaven stegen [MinBZ 5.2.a], ook bij organisaties [PAX 5.2.a].")
    # Autosaved while typing, as answers are.
    expect(writer.locator("[id^=status-synthese-]")).to_contain_text("Opgeslagen om")
    writer.reload()
    expect(writer.get_by_role("link", name="MinBZ 5.2.a").first).to_be_visible()
    expect(writer.get_by_role("button", name="Deze tekst goedkeuren")).to_have_count(0)

    second = UserFactory(email="tweede@wo-men.example.org", is_coordinator=True)
    reviewer = as_user(second)
    reviewer.goto(writer.url)
    reviewer.get_by_role("button", name="Deze tekst goedkeuren").click()
    expect(reviewer.locator("main")).to_contain_text("is goedgekeurd")

    reviewer.goto(reverse("reporting:annex", args=[round_2025.pk]) + "?concept=1")
    main = reviewer.locator("main")
    expect(main).to_contain_text("Voortgangsrapportage")
    expect(main).to_contain_text(
        "De uitgaven stegen (zie MinBZ 5.2.a), ook bij organisaties (zie PAX 5.2.a)."
    )

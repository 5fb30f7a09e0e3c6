"""Open data: the JSON API of published content, its OpenAPI document, CSV and XLSX."""

import csv
import io

from openapi_spec_validator import validate
from openpyxl import load_workbook

from .test_monitor import SECRETS, world  # noqa: F401


def test_the_openapi_document_validates_and_every_path_answers(client, world):  # noqa: F811
    spec = client.get("/api/openapi.json").json()
    validate(spec)
    paths = list(spec["paths"])
    assert {"/api/rounds", "/api/framework", "/api/signatories", "/api/answers"} <= set(paths)
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        body = response.content.decode(errors="replace")
        for secret in SECRETS:
            assert secret not in body, (path, secret)


def test_answers_are_the_published_ones_paginated_and_filtered(client, world):  # noqa: F811
    page = client.get("/api/answers").json()
    assert page["count"] == 32 and len(page["items"]) == 32  # MinBZ's 32 answers in 2023
    answer = page["items"][0]
    assert answer["round"] == "2023" and answer["signatory"] == "MinBZ"
    assert answer["narrative_html"] == "<p>GEPUBLICEERD tekst.</p>"
    one = client.get("/api/answers", {"indicator": "1.a", "signatory": "MinBZ"}).json()
    assert [a["place"] for a in one["items"]] == ["1.a"]
    assert client.get("/api/answers", {"round": "2025"}).json()["count"] == 0
    assert client.get("/api/answers", {"round": "x"}).json()["count"] == 0


def test_rounds_list_the_current_version_with_its_files(client, world):  # noqa: F811
    rounds = client.get("/api/rounds").json()
    assert [(r["slug"], r["version"]) for r in rounds] == [("2023", 1)]
    assert rounds[0]["url"].endswith("/monitor/2023/")


def test_csv_and_xlsx_hold_the_same_answers_with_formulas_defused(client, world):  # noqa: F811
    from reporting.models import PublishedAnswer

    PublishedAnswer.objects.filter(place="1.a").update(not_applicable_reason="=HYPERLINK(1)")
    rows = list(csv.reader(io.StringIO(client.get("/api/answers.csv").content.decode())))
    assert rows[0][:3] == ["round", "signatory", "signatory_name"] and len(rows) == 33
    assert "'=HYPERLINK(1)" in rows[1]
    book = load_workbook(io.BytesIO(client.get("/api/answers.xlsx").content))
    sheet = book.active
    assert sheet.max_row == 33
    cell = sheet.cell(row=2, column=11)
    assert cell.value == "=HYPERLINK(1)" and cell.data_type == "s"


def test_anonymous_callers_are_rate_limited(client, world):  # noqa: F811
    from monitor.api import api

    throttle = api.throttle[0]
    rate = throttle.rate
    throttle.rate = "3/m"
    throttle.num_requests, throttle.duration = throttle.parse_rate("3/m")
    try:
        codes = [client.get("/api/rounds").status_code for _ in range(5)]
    finally:
        throttle.rate = rate
        throttle.num_requests, throttle.duration = throttle.parse_rate(rate)
    assert codes == [200, 200, 200, 429, 429]


def test_lists_and_the_monitor_page_run_a_constant_number_of_queries(client, world):  # noqa: F811
    from reporting.annex import content
    from reporting.models import Publication
    from reporting.publishing import keep_answers

    from .queries import count_queries

    urls = ["/api/answers", "/api/rounds", "/api/signatories", "/monitor/indicator/1.a/"]
    few = [count_queries(lambda url=url: client.get(url))[0] for url in urls]
    # Twice the answers: the 2023 version's answers once more, as another version.
    publication = Publication.objects.get(round=world, version=1)
    keep_answers(publication, content.build(world, concept=False))
    from django.core.cache import cache

    cache.clear()
    many = [count_queries(lambda url=url: client.get(url))[0] for url in urls]
    assert many == few

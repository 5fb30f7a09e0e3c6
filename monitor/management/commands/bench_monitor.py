"""`make bench`: how long the public monitor's page for one indicator takes to render with
five published years of 64 signatories each (a benchmark, not a test; issue 15).

Prints `monitor_indicator_ms` (the page rendered from the database, its cache empty: the
median of 15) and `monitor_indicator_cached_ms` (the same page with its fragment cached).
"""

import random
import statistics
import time
from decimal import Decimal

from django.core.cache import cache
from django.core.management.base import BaseCommand
from django.test import Client

from indicators.models import ActionPlan, Indicator
from reporting.models import Publication, PublishedAnswer, ReportingRound
from signatories.models import Signatory, SignatoryKind

YEARS = range(2040, 2045)
SIGNATORIES = 64
NUMBER = "5.2.a"


class Command(BaseCommand):
    help = "Benchmarks the public monitor's page for one indicator over five years."

    def handle(self, *args, **options):
        generate()
        client = Client(HTTP_HOST="127.0.0.1")
        url = f"/monitor/indicator/{NUMBER}/"
        cold, warm = [], []
        for _ in range(15):
            cache.clear()
            cold.append(timed(client, url))
            warm.append(timed(client, url))
        shown = client.get(url).content.decode().count('<article class="card mb-2">')
        self.stdout.write(f"monitor_indicator_answers: {shown}")
        self.stdout.write(f"monitor_indicator_ms: {statistics.median(cold):.1f}")
        self.stdout.write(f"monitor_indicator_cached_ms: {statistics.median(warm):.1f}")


def timed(client, url):
    start = time.perf_counter()
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="nl")
    elapsed = (time.perf_counter() - start) * 1000
    assert response.status_code == 200, response.status_code
    return elapsed


def generate():
    """Five published rounds, each with an answer (a number and 60–200 words) from 64
    signatories to 5.2.a. Made once per database."""
    plan = ActionPlan.objects.get(code="NAP1325-IV")
    indicator = Indicator.objects.get(plan=plan, number=NUMBER)
    kind = SignatoryKind.objects.get(code="maatschappelijk")
    existing = Signatory.objects.count()
    Signatory.objects.bulk_create(
        Signatory(name=f"Monitororganisatie {n:02d}", code=f"Mon{n:02d}", kind=kind)
        for n in range(max(SIGNATORIES - existing, 0))
    )
    signatories = list(Signatory.objects.all()[:SIGNATORIES])
    rng = random.Random(1325)  # noqa: S311 - test data
    for year in YEARS:
        round, created = ReportingRound.objects.get_or_create(
            plan=plan,
            first_year=year,
            defaults={
                "last_year": year,
                "opens_at": f"{year + 1}-01-01T00:00:00Z",
                "deadline": f"{year + 1}-04-01T00:00:00Z",
                "state": "published",
            },
        )
        if not created:
            continue
        publication = Publication.objects.create(round=round, version=1, html="<p>bench</p>")
        PublishedAnswer.objects.bulk_create(
            PublishedAnswer(
                publication=publication,
                signatory=signatory,
                goal_id=indicator.goal_id,
                subgoal_id=indicator.subgoal_id,
                indicator=indicator,
                place=NUMBER,
                question=indicator.text,
                position=position,
                narrative="<p>"
                + " ".join(
                    rng.choice(["vrouwen", "vrede", "steun"]) for _ in range(rng.randint(60, 200))
                )
                + "</p>",
                number=Decimal(rng.randint(1000, 2_000_000)),
            )
            for position, signatory in enumerate(signatories)
        )

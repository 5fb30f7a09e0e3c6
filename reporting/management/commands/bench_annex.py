"""`make bench`: what compiling a full round's annex costs (a benchmark, not a test).

Generates a synthetic round (64 signatories × 30 entries of 50 to 600 words), then measures
each step in a fresh process, so one step's memory does not show in the next:
the HTML and its queries, WeasyPrint alone on the whole annex as one HTML string, the
portal's full compile (sections in worker processes), and the recompile after one entry
changed. Prints `name: value unit` lines and the ratios against WeasyPrint alone. Then the
whole plan period: five such rounds in one document (`--no-five-years` skips it), against
five times one year.
"""

import json
import random
import resource
import subprocess
import sys
import tempfile
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from indicators.models import ActionPlan, Indicator
from reporting.annex import content, pdf, render
from reporting.models import Entry, ReportingRound, Submission
from signatories.models import Signatory, SignatoryKind

YEAR = 2030
# The five-year run: the whole plan period in one document (issue 18), rounds YEAR onwards.
PERIOD = 5
SIGNATORIES = 64
ENTRIES = 30
WORDS = [
    "vrouwen",
    "vrede",
    "veiligheid",
    "participatie",
    "bescherming",
    "preventie",
    "mediation",
    "programma",
    "steun",
]


class Command(BaseCommand):
    help = "Benchmarks compiling the annex of a synthetic full round."

    def add_arguments(self, parser):
        parser.add_argument(
            "--phase", choices=["html", "alone", "full", "incremental", "five_years"]
        )
        parser.add_argument(
            "--no-five-years", action="store_true", help="skip the five-year run (minutes)"
        )
        parser.add_argument("--cache", help="section cache for the full and incremental phases")

    def handle(self, *args, **options):
        if options["phase"]:
            result = getattr(self, f"phase_{options['phase']}")(options)
            result["peak_mb"] = peak_mb()
            self.stdout.write(json.dumps(result))
            return
        round = generate()
        if not options["no_five_years"]:
            for year in range(YEAR + 1, YEAR + PERIOD):
                generate(year)
        entries = Entry.objects.filter(submission__round=round).count()
        self.stdout.write(f"entries: {entries} entries")
        self.stdout.write("tagged: yes")
        with tempfile.TemporaryDirectory() as cache:
            html = self.run_phase("html")
            alone = self.run_phase("alone")
            full = self.run_phase("full", cache)
            incremental = self.run_phase("incremental", cache)
        five = None
        if not options["no_five_years"]:
            with tempfile.TemporaryDirectory() as cache:
                five = self.run_phase("five_years", cache)
        lines = [
            ("html_render", html["seconds"], "s"),
            ("html_queries", html["queries"], "queries"),
            ("html_queries_one_signatory", html["queries_small"], "queries"),
            ("weasyprint_alone", alone["seconds"], "s"),
            ("weasyprint_alone_peak", alone["peak_mb"], "MB"),
            ("weasyprint_alone_pages", alone["pages"], "pages"),
            ("portal_full", full["seconds"], "s"),
            ("portal_full_peak", full["peak_mb"], "MB"),
            ("portal_full_pages", full["pages"], "pages"),
            ("portal_incremental", incremental["seconds"], "s"),
            ("ratio_full", full["seconds"] / alone["seconds"], ""),
            ("ratio_incremental", incremental["seconds"] / alone["seconds"], ""),
            ("ratio_memory", full["peak_mb"] / alone["peak_mb"], ""),
        ]
        if five:
            lines += [
                ("portal_5y_full", five["seconds"], "s"),
                ("portal_5y_full_peak", five["peak_mb"], "MB"),
                ("portal_5y_full_pages", five["pages"], "pages"),
                ("scale_5y_time_ratio", five["seconds"] / (PERIOD * full["seconds"]), ""),
                ("scale_5y_memory_ratio", five["peak_mb"] / full["peak_mb"], ""),
            ]
        for name, value, unit in lines:
            shown = f"{value:.3f}" if isinstance(value, float) else str(value)
            self.stdout.write(f"{name}: {shown} {unit}".rstrip())

    def run_phase(self, phase, cache=None):
        command = [sys.executable, "manage.py", "bench_annex", "--phase", phase]
        if cache:
            command += ["--cache", cache]
        done = subprocess.run(  # noqa: S603 - ourselves
            command, capture_output=True, text=True, check=False, cwd=settings.BASE_DIR
        )
        if done.returncode:
            raise CommandError(f"bench phase {phase} failed:\n{done.stderr[-3000:]}")
        return json.loads(done.stdout.strip().splitlines()[-1])

    def phase_html(self, options):
        round = bench_round()
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            render.render_html(content.build(round))
        seconds = time.perf_counter() - start
        one = Signatory.objects.filter(submissions__round=round).first()
        with CaptureQueriesContext(connection) as small:
            render.render_html(content.build(round, signatory=one))
        return {"seconds": seconds, "queries": len(queries), "queries_small": len(small)}

    def phase_alone(self, options):
        from weasyprint import HTML

        annex = content.build(bench_round())
        start = time.perf_counter()
        # The same document and print stylesheet as the portal's PDF, in one piece, tagged
        # as the portal's is.
        html = render_to_string(
            "reporting/annex/standalone.html", {"annex": annex, "stylesheet": pdf.stylesheet()}
        )
        document = HTML(string=html, base_url=pdf.base_url()).render()
        document.write_pdf(pdf_tags=True)
        return {"seconds": time.perf_counter() - start, "pages": len(document.pages)}

    def phase_full(self, options):
        return compile_pdf(content.build(bench_round()), options["cache"])

    def phase_five_years(self, options):
        """The portal's full compile of five rounds in one document, from a cold cache: the
        five annexes' sections one after the other, through the same pipeline."""
        whole = content.build_period(bench_round(year) for year in range(YEAR, YEAR + PERIOD))
        return compile_pdf(whole, options["cache"])

    def phase_incremental(self, options):
        round = bench_round()
        entry = Entry.objects.filter(submission__round=round).order_by("pk")[100]
        entry.narrative += "<p>Gewijzigd voor de meting.</p>"
        entry.save()
        start = time.perf_counter()
        pdf.render_pdf(content.build(round), cache_dir=options["cache"])
        return {"seconds": time.perf_counter() - start}


def compile_pdf(annex, cache):
    """The portal's PDF compile of `annex`, timed, written to a scratch file."""
    with tempfile.TemporaryFile() as file:
        start = time.perf_counter()
        pages = pdf.write_pdf(annex, file, cache_dir=cache)
        return {"seconds": time.perf_counter() - start, "pages": pages}


def bench_round(year=YEAR):
    return ReportingRound.objects.get(plan__code="NAP1325-IV", first_year=year)


def peak_mb():
    """The largest resident set of this process or any worker it waited for."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, children) / 1024, 1)


def generate(year=YEAR):
    """A synthetic round, made once per database: every signatory approved, 30 entries."""
    plan = ActionPlan.objects.get(code="NAP1325-IV")
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
        return round
    kind = SignatoryKind.objects.get(code="maatschappelijk")
    existing = Signatory.objects.count()
    Signatory.objects.bulk_create(
        Signatory(name=f"Organisatie {n:02d}", code=f"Org{n:02d}", kind=kind)
        for n in range(SIGNATORIES - existing)
    )
    indicators = list(Indicator.objects.filter(plan=plan).in_plan_order()[:ENTRIES])
    rng = random.Random(1325 + year - YEAR)  # noqa: S311 - test data
    for signatory in Signatory.objects.all()[:SIGNATORIES]:
        submission = Submission.objects.create(round=round, signatory=signatory, state="approved")
        Entry.objects.bulk_create(
            Entry(
                submission=submission,
                indicator=i,
                goal_id=i.goal_id,
                subgoal_id=i.subgoal_id,
                narrative=narrative(rng),
            )
            for i in indicators
        )
    return round


def narrative(rng):
    words = [rng.choice(WORDS) for _ in range(rng.randint(50, 600))]
    paragraphs = [" ".join(words[i : i + 80]) for i in range(0, len(words), 80)]
    return "".join(f"<p>{p}.</p>" for p in paragraphs)

"""Issue 14: a PDF edition's parts as Celery tasks (a chord: sections, then the assembly).
Here Celery runs eagerly; tests/test_fanout_workers.py runs it on two real workers."""

import pytest

from reporting import services
from reporting.annex import editions, fanout, pdf_worker
from reporting.models import Edition

from .factories import RoundFactory, fill_all
from .pdf_helpers import pdf_text


@pytest.fixture
def spread(settings, tmp_path):
    """Fan-out on, with a cache of this test's own."""
    settings.ANNEX_FANOUT = True
    settings.STORAGES = {
        **settings.STORAGES,
        "annex_cache": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "cache", "allow_overwrite": True},
        },
    }
    return tmp_path / "cache"


@pytest.fixture
def filled(submission_minbz, submission_pax):
    fill_all(submission_minbz, "<p>Vrouwen bemiddelen in Irak.</p>")
    fill_all(submission_pax, "<p>PAX steunt vredesactivisten.</p>")
    return submission_minbz.round


def request(round, by, capture):
    with capture(execute=True):
        edition, _created = editions.request_edition(round=round, by=by, format="pdf", concept=True)
    edition.refresh_from_db()
    return edition


def test_the_parts_go_out_as_tasks_and_the_chord_assembles_the_edition(
    filled, coordinator, spread, monkeypatch, django_capture_on_commit_callbacks
):
    sent = []
    real = fanout.render_section
    monkeypatch.setattr(fanout, "render_section", lambda *a: (sent.append(a[1]), real(*a)))
    edition = request(filled, coordinator, django_capture_on_commit_callbacks)

    assert edition.state == Edition.State.DONE, edition.error
    # Front matter and one section per signatory, each a task of its own.
    assert len(sent) == 3 and sent[0].startswith("front-")
    assert sorted(p.stem for p in spread.glob("*.pdf")) == sorted(sent)
    assert (edition.progress_done, edition.progress_total) == (3, 3)
    text = pdf_text_of(edition, spread.parent)
    assert "Vrouwen bemiddelen in Irak." in text and "PAX steunt vredesactivisten." in text


def pdf_text_of(edition, tmp_path):
    """The edition's text, read from its file in storage."""
    path = tmp_path / "edition.pdf"
    with edition.file.open("rb") as file:
        path.write_bytes(file.read())
    return " ".join(pdf_text(path).split())


def test_a_part_that_fails_fails_the_edition_with_its_reason_and_nothing_is_assembled(
    filled, coordinator, spread, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(html_path, base_url, out):
        raise ValueError("kapotte afbeelding")

    monkeypatch.setattr(pdf_worker, "render", broken)
    edition = request(filled, coordinator, django_capture_on_commit_callbacks)
    assert edition.state == Edition.State.FAILED
    assert "Een deel van de bijlage kon niet worden gemaakt" in edition.error
    assert "kapotte afbeelding" in edition.error
    assert not edition.file


def test_with_the_broker_gone_the_edition_compiles_here(
    filled, coordinator, spread, monkeypatch, django_capture_on_commit_callbacks
):
    def refused(*args, **kwargs):
        raise ConnectionError("broker weg")

    monkeypatch.setattr(fanout.chord, "apply_async", refused)
    edition = request(filled, coordinator, django_capture_on_commit_callbacks)
    assert edition.state == Edition.State.DONE, edition.error
    assert "PAX steunt vredesactivisten." in pdf_text_of(edition, spread.parent)


def test_an_answer_changed_while_the_parts_render_is_never_assembled_under_the_old_hash(
    filled, coordinator, spread, submission_pax, monkeypatch, django_capture_on_commit_callbacks
):
    """The race the one-way data path closes, now across tasks: the assembly finds the
    content changed and gives way to an edition of the new content."""
    real = fanout.render_section
    changed = []

    def and_meanwhile(pk, key):
        real(pk, key)
        if not changed:
            entry = submission_pax.entries.first()
            entry.narrative = "<p>Later geschreven.</p>"
            entry.save()
            changed.append(entry)

    monkeypatch.setattr(fanout, "render_section", and_meanwhile)
    with django_capture_on_commit_callbacks(execute=True):
        first, _created = editions.request_edition(
            round=filled, by=coordinator, format="pdf", concept=True
        )
    first.refresh_from_db()
    assert first.state == Edition.State.FAILED and not first.file
    newer = first.superseded_by
    assert newer is not None and newer.content_hash != first.content_hash


def test_nothing_goes_out_when_every_part_is_cached(
    filled, coordinator, spread, monkeypatch, django_capture_on_commit_callbacks
):
    request(filled, coordinator, django_capture_on_commit_callbacks)  # fills the cache
    Edition.objects.all().delete()
    monkeypatch.setattr(fanout, "chord", None)  # any use would fail
    edition = request(filled, coordinator, django_capture_on_commit_callbacks)
    assert edition.state == Edition.State.DONE, edition.error


def test_storage_that_refuses_the_parts_fails_the_edition_at_once(
    filled, coordinator, spread, monkeypatch, django_capture_on_commit_callbacks
):
    def refused(self, key, html):
        raise OSError("opslag onbereikbaar")

    monkeypatch.setattr(fanout.SectionCache, "put_source", refused)
    edition = request(filled, coordinator, django_capture_on_commit_callbacks)
    assert edition.state == Edition.State.FAILED
    assert "OSError" in edition.error and "Het samenstellen is mislukt" in edition.error


def test_a_plan_period_goes_out_as_tasks_too(
    filled, submission_pax, coordinator, spread, monkeypatch, django_capture_on_commit_callbacks
):
    """The plan period's PDF through the chord: a contents part per round, a section per
    signatory per round, each section saying its year."""
    later = RoundFactory(first_year=2026)
    fill_all(
        services.ensure_submission(round=later, signatory=submission_pax.signatory),
        "<p>PAX in het tweede jaar.</p>",
    )
    sent = []
    real = fanout.render_section
    monkeypatch.setattr(fanout, "render_section", lambda *a: (sent.append(a[1]), real(*a)))
    with django_capture_on_commit_callbacks(execute=True):
        edition, _created = editions.request_edition(
            round=later, by=coordinator, format="pdf", concept=True, period_from=2025
        )
    edition.refresh_from_db()

    assert edition.state == Edition.State.DONE, edition.error
    assert [key.startswith("front-") for key in sent] == [True, True, False, False, False]
    text = pdf_text_of(edition, spread.parent)
    assert "over de jaren 2025 tot en met 2026" in text
    assert "Inhoudsopgave over het jaar 2026" in text
    assert f"{submission_pax.signatory.name} (2026)" in text
    assert text.index("Vrouwen bemiddelen in Irak.") < text.index("PAX in het tweede jaar.")

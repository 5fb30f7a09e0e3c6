"""Compilations survive lost workers and a broker that was down (finding 7)."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from reporting import tasks
from reporting.annex import editions, formats
from reporting.models import Edition

from .factories import fill_all


class WorkerKilled(BaseException):
    """What a worker killed mid-compile looks like from the database: nothing more happens
    (a BaseException passes compile_edition's `except Exception`, as SIGKILL would)."""


@pytest.fixture
def filled(submission_minbz):
    fill_all(submission_minbz, "<p>Vrouwen bemiddelen in Irak.</p>")
    return submission_minbz


def request(round, by):
    return editions.request_edition(round=round, by=by, format="docx", concept=True)


def test_a_compile_whose_worker_dies_is_marked_failed_and_retry_succeeds(
    filled, coordinator, client, monkeypatch, settings, django_capture_on_commit_callbacks
):
    settings.EDITION_STALE_SECONDS = 120
    real_write = formats.write_as

    def dies(annex, format, file, *, progress=None):
        progress(1, 3)
        raise WorkerKilled

    monkeypatch.setattr(formats, "write_as", dies)
    with pytest.raises(WorkerKilled), django_capture_on_commit_callbacks(execute=True):
        edition, _ = request(filled.round, coordinator)
    edition = Edition.objects.get()
    assert edition.state == Edition.State.RUNNING

    client.force_login(coordinator)
    url = reverse("reporting:edition", args=[edition.pk])
    with time_machine.travel(timezone.now() + timedelta(seconds=60)):
        assert "Wordt samengesteld" in client.get(url).text  # still within the time
    with time_machine.travel(timezone.now() + timedelta(seconds=121)):
        page = client.get(url).text
    assert "Het samenstellen is onderbroken" in page
    assert "Opnieuw samenstellen" in page

    # The same request no longer returns the stuck edition, and retry compiles it.
    monkeypatch.setattr(formats, "write_as", real_write)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reporting:edition_retry", args=[edition.pk]))
    edition.refresh_from_db()
    assert edition.state == Edition.State.DONE
    assert edition.file


def test_the_sweep_marks_a_silent_compilation_failed_within_the_configured_time(
    filled, coordinator, settings
):
    settings.EDITION_STALE_SECONDS = 300
    edition, _ = request(filled.round, coordinator)  # on_commit not run: nobody compiles
    Edition.objects.filter(pk=edition.pk).update(
        state=Edition.State.RUNNING, heartbeat_at=timezone.now()
    )
    with time_machine.travel(timezone.now() + timedelta(seconds=299)):
        tasks.sweep_editions()
    assert Edition.objects.get(pk=edition.pk).state == Edition.State.RUNNING
    with time_machine.travel(timezone.now() + timedelta(seconds=301)):
        tasks.sweep_editions()
    assert Edition.objects.get(pk=edition.pk).state == Edition.State.FAILED


def test_an_edition_queued_while_the_broker_was_down_is_compiled_by_the_sweep(
    filled, coordinator, monkeypatch, django_capture_on_commit_callbacks
):
    def broker_down(*args, **kwargs):
        raise ConnectionRefusedError("redis")

    monkeypatch.setattr(tasks.compile_edition, "apply_async", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        edition, _ = request(filled.round, coordinator)
    assert Edition.objects.get(pk=edition.pk).state == Edition.State.QUEUED
    monkeypatch.undo()  # the broker is back
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        assert tasks.sweep_editions() == 1
    assert Edition.objects.get(pk=edition.pk).state == Edition.State.DONE


def test_a_retry_of_a_running_compilation_that_still_reports_is_refused(filled, coordinator):
    edition, _ = request(filled.round, coordinator)
    Edition.objects.filter(pk=edition.pk).update(
        state=Edition.State.RUNNING, heartbeat_at=timezone.now()
    )
    with pytest.raises(editions.WorkflowError):
        editions.retry_edition(edition=edition, by=coordinator)

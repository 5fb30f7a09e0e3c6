"""Issue 14: a PDF edition compiled by two Celery worker processes on Redis, its section cache
and file in S3 (moto's server: the real S3 API over HTTP). The workers are separate
processes on the test database, so this needs PostgreSQL; CI sets REQUIRE_FANOUT."""

import os
import socket
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection

from nap_portal.object_storage import s3_storages
from reporting import services
from reporting.annex import editions
from reporting.models import Edition

from .factories import SignatoryFactory, fill_all
from .pdf_helpers import pdf_text

REDIS = "redis://127.0.0.1:6379/14"  # a database of its own: nothing else's tasks
BUCKET = "nap-fanout-test"
S3_KEYS = {"access_key": "test", "secret_key": "test", "region": "us-east-1"}


def missing():
    try:
        import moto.server  # noqa: F401
        import redis
    except ImportError:
        return "moto[server] is not installed"
    if connection.vendor != "postgresql":
        return "the workers share the test database: PostgreSQL only"
    try:
        redis.Redis.from_url(REDIS, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        return "no Redis on 127.0.0.1:6379"
    return None


@pytest.fixture
def fanout_ready():
    reason = missing()
    if reason and os.environ.get("REQUIRE_FANOUT"):
        pytest.fail(f"REQUIRE_FANOUT is set but {reason}")
    if reason:
        pytest.skip(reason)
    import redis

    redis.Redis.from_url(REDIS).flushdb()


@pytest.fixture
def s3(fanout_ready, settings):
    """moto's S3 server on a free port, one bucket; this process's storages point at it."""
    import boto3
    from moto.server import ThreadedMotoServer

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=S3_KEYS["region"],
        aws_access_key_id=S3_KEYS["access_key"],
        aws_secret_access_key=S3_KEYS["secret_key"],
    )
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {
        **settings.STORAGES,
        **s3_storages(bucket=BUCKET, endpoint_url=endpoint, **S3_KEYS),
    }
    yield endpoint, client
    server.stop()


@pytest.fixture
def workers(s3, tmp_path):
    """Two worker processes, one task at a time each, on the test database."""
    endpoint, _client = s3
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "nap_portal.settings_test",
        "DATABASE_URL": (
            f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}"
        ),
        "CELERY_BROKER_URL": REDIS,
        "ANNEX_FANOUT": "true",
        "S3_BUCKET": BUCKET,
        "S3_ENDPOINT_URL": endpoint,
        "S3_REGION": S3_KEYS["region"],
        "S3_ACCESS_KEY_ID": S3_KEYS["access_key"],
        "S3_SECRET_ACCESS_KEY": S3_KEYS["secret_key"],
    }
    started = []
    for name in ("een", "twee"):
        log = tmp_path / f"worker-{name}.log"
        command = [sys.executable, "-m", "celery", "-A", "nap_portal", "worker", "-P", "solo"]
        command += ["-n", f"{name}@fanout", "--loglevel", "INFO", "--without-gossip"]
        command += ["--without-mingle", "--without-heartbeat"]
        with log.open("w") as output:  # the worker has its own copy of the descriptor
            process = subprocess.Popen(  # noqa: S603 - our own worker
                command, env=env, cwd=settings.BASE_DIR, stdout=output, stderr=subprocess.STDOUT
            )
        started.append((process, log))
    try:
        with sender() as app:
            deadline = time.monotonic() + 60
            while len(app.control.ping(timeout=0.5)) < 2:
                assert time.monotonic() < deadline, tail(started)
                assert all(p.poll() is None for p, _ in started), tail(started)
        yield started
    finally:
        for process, _log in started:
            process.terminate()
        for process, _log in started:
            process.wait(timeout=30)


def sender():
    from celery import Celery

    return Celery("fanout-test", broker=REDIS, backend=REDIS)


def received(log, task):
    """How many of `task` the worker writing `log` took."""
    return sum(f"{task}[" in line and "received" in line for line in log.read_text().splitlines())


def tail(started):
    return "\n".join(log.read_text()[-3000:] for _p, log in started)


@pytest.mark.django_db(transaction=True)
def test_two_workers_share_the_sections_and_the_files_land_in_s3(
    s3, workers, submission_minbz, submission_pax, round_2025, coordinator, monkeypatch, tmp_path
):
    _endpoint, client = s3
    fill_all(submission_minbz, "<p>Vrouwen bemiddelen in Irak.</p>")
    fill_all(submission_pax, "<p>PAX steunt vredesactivisten.</p>")
    for number in range(4):  # more parts than workers
        signatory = SignatoryFactory(name=f"Organisatie {number}")
        fill_all(services.ensure_submission(round=round_2025, signatory=signatory))

    # The request goes to the broker, as the web process's would; the workers do the rest.
    def enqueue(pk):
        with sender() as app:
            app.send_task("reporting.compile_edition", (pk,))

    monkeypatch.setattr(editions, "_enqueue", enqueue)
    edition, _created = editions.request_edition(
        round=round_2025, by=coordinator, format="pdf", concept=True
    )

    deadline = time.monotonic() + 180
    while edition.state in (Edition.State.QUEUED, Edition.State.RUNNING):
        assert time.monotonic() < deadline, tail(workers)
        time.sleep(0.5)
        edition.refresh_from_db()
    assert edition.state == Edition.State.DONE, f"{edition.error}\n{tail(workers)}"
    assert (edition.progress_done, edition.progress_total) == (7, 7)

    # Each worker rendered some of the seven parts; one of them assembled.
    parts = [received(log, "reporting.render_section") for _p, log in workers]
    assert sum(parts) == 7 and min(parts) >= 1, parts
    assert sum(received(log, "reporting.assemble_edition") for _p, log in workers) == 1

    # In the bucket: the edition's file and the seven parts, and no HTML left waiting.
    keys = {item["Key"] for item in client.list_objects_v2(Bucket=BUCKET)["Contents"]}
    assert edition.file.name in keys
    cached = {key for key in keys if key.startswith("annex-cache/")}
    assert len([key for key in cached if key.endswith(".pdf")]) == 7
    assert not [key for key in cached if key.endswith(".html")]
    path = tmp_path / "edition.pdf"
    with edition.file.open("rb") as file:  # read back through the portal's storage
        path.write_bytes(file.read())
    text = " ".join(pdf_text(path).split())
    assert "Vrouwen bemiddelen in Irak." in text and "PAX steunt vredesactivisten." in text

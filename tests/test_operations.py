"""Operating the portal: the health endpoint and structured logs."""

import json
from io import StringIO

import psycopg
import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.urls import reverse

from nap_portal.celery import app

from .factories import UserFactory
from .test_settings import start_with


def test_health_reports_each_part(client, db):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "broker": "eager"},
    }
    assert "no-cache" in response["Cache-Control"]


def test_health_says_503_and_which_part_when_the_broker_is_down(client, db, settings, monkeypatch):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    monkeypatch.setattr(app.conf, "broker_url", "redis://127.0.0.1:1/0")  # nothing listens
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "cache": "ok", "broker": "fout"}
    assert "Connection refused" not in response.text  # details go to the log only


def test_production_logs_one_json_object_per_line():
    code = (
        "import django; django.setup(); import logging; logging.getLogger('nap').warning('hallo')"
    )
    env = {"DEBUG": "false", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "nap1325.nl"}
    result = start_with(env, ["-c", code])
    line = json.loads(result.stderr.strip().splitlines()[-1])
    assert (line["level"], line["logger"], line["message"]) == ("WARNING", "nap", "hallo")


ON_POSTGRESQL = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="pg_dump and pg_restore need PostgreSQL",
)


@ON_POSTGRESQL
@pytest.mark.django_db(transaction=True)  # pg_dump must see committed rows
def test_a_backup_restores_into_a_scratch_database_with_the_data(tmp_path):
    UserFactory(email="herstel@example.org", full_name="Hersteltest")
    out = StringIO()
    call_command("backup", folder=str(tmp_path), stdout=out)
    (path,) = tmp_path.glob("nap-*.dump")
    assert "Back-up geschreven" in out.getvalue()
    scratch = f"{connection.settings_dict['NAME']}_herstel"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
        cursor.execute(f'CREATE DATABASE "{scratch}"')
    try:
        call_command("restore", str(path), into=scratch, noinput=True, stdout=StringIO())
        params = connection.get_connection_params() | {"dbname": scratch}
        with psycopg.connect(**params) as restored:
            row = restored.execute(
                "SELECT full_name FROM signatories_user WHERE email = %s", ["herstel@example.org"]
            ).fetchone()
            migrations = restored.execute("SELECT count(*) FROM django_migrations").fetchone()
        assert row == ("Hersteltest",)
        assert migrations[0] > 10
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{scratch}"')


def test_restore_refuses_without_confirmation(tmp_path, monkeypatch):
    backup = tmp_path / "nap.dump"
    backup.write_bytes(b"")
    monkeypatch.setattr("builtins.input", lambda prompt: "nee")
    with pytest.raises(CommandError, match="Niets hersteld"):
        call_command("restore", str(backup))

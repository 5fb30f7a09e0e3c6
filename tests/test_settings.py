"""Production mode refuses to start without its secrets; the schema matches the models."""

import os
import subprocess
import sys
from io import StringIO

from django.core.management import call_command

START = "import django; django.setup()"


def start_with(env, command=("-c", START)):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DEBUG",
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",  # set for the browser tests only
        }
        and not k.startswith("SECURE_")  # set by settings_test for the test client
    }
    return subprocess.run(
        [sys.executable, *command],
        env={**clean, "DJANGO_SETTINGS_MODULE": "nap_portal.settings", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = start_with({"DEBUG": "false", "ALLOWED_HOSTS": "nap1325.nl"})
    assert result.returncode != 0
    assert "set SECRET_KEY and ALLOWED_HOSTS" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = start_with({"DEBUG": "false", "SECRET_KEY": "x" * 50})
    assert result.returncode != 0
    assert "set SECRET_KEY and ALLOWED_HOSTS" in result.stderr


def test_production_starts_with_both():
    result = start_with({"DEBUG": "false", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "nap1325.nl"})
    assert result.returncode == 0, result.stderr


def test_production_settings_pass_the_deployment_checks():
    env = {"DEBUG": "false", "SECRET_KEY": "k" * 60 + "-Zq9", "ALLOWED_HOSTS": "nap1325.nl"}
    result = start_with(env, ["manage.py", "check", "--deploy", "--fail-level", "WARNING"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_development_starts_on_embedded_defaults():
    assert start_with({"DEBUG": "true"}).returncode == 0


def test_every_model_change_has_a_migration(db):
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()

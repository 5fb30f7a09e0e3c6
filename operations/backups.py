"""Backups of the PostgreSQL database with pg_dump's custom format, and restoring them."""

import os
import subprocess
from datetime import datetime
from pathlib import Path

from django.db import connection


class BackupError(Exception):
    pass


def _libpq_env(settings_dict):
    """Connection settings as libpq's environment variables: no password on a command line."""
    if settings_dict["ENGINE"] != "django.db.backends.postgresql":
        raise BackupError("Back-ups werken alleen met PostgreSQL (DATABASE_URL=postgres://…).")
    env = {
        "PGHOST": settings_dict.get("HOST") or "",
        "PGPORT": str(settings_dict.get("PORT") or ""),
        "PGUSER": settings_dict.get("USER") or "",
        "PGPASSWORD": settings_dict.get("PASSWORD") or "",
    }
    return {**os.environ, **{k: v for k, v in env.items() if v}}


def _run(command, settings_dict):
    done = subprocess.run(  # noqa: S603 - fixed programs, arguments from our settings
        command, env=_libpq_env(settings_dict), capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise BackupError(done.stderr.strip() or f"{command[0]} stopte met {done.returncode}")


def backup(folder, *, settings_dict=None):
    """Write the whole database to folder/nap-<time>.dump; returns the path."""
    settings_dict = settings_dict or connection.settings_dict
    Path(folder).mkdir(parents=True, exist_ok=True)
    path = Path(folder) / f"nap-{datetime.now():%Y%m%d-%H%M%S}.dump"
    _run(
        ["pg_dump", "--format=custom", "--no-owner", f"--file={path}", settings_dict["NAME"]],
        settings_dict,
    )
    return path


def restore(path, *, into=None, settings_dict=None):
    """Replace the contents of database `into` (default: ours) with the backup at `path`."""
    settings_dict = settings_dict or connection.settings_dict
    if not Path(path).is_file():
        raise BackupError(f"Geen back-up gevonden op {path}.")
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--exit-on-error",
            f"--dbname={into or settings_dict['NAME']}",
            str(path),
        ],
        settings_dict,
    )

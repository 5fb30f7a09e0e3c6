#!/usr/bin/env bash
# `make loadtest`: the portal under gunicorn on PostgreSQL (localhost), 50 editors autosaving
# and 5 coordinators browsing for DURATION; then the figures, and a check that every save
# the server acknowledged is in the database. Not part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."

export DATABASE_URL=${LOADTEST_DATABASE_URL:-postgres://nap:nap@127.0.0.1:5432/nap_loadtest}
export DEBUG=false SECRET_KEY=loadtest-only-secret ALLOWED_HOSTS=127.0.0.1
export SECURE_SSL_REDIRECT=false SECURE_COOKIES=false TWO_FACTOR_REQUIRED=false
export LOG_LEVEL=WARNING CONN_MAX_AGE=60
PY=.venv/bin/python
PORT=${PORT:-8100}

$PY - <<'PYTHON'
# Create the load-test database if it is not there (the role needs CREATEDB).
import os
from urllib.parse import urlparse

import psycopg

url = urlparse(os.environ["DATABASE_URL"])
name = url.path.lstrip("/")
with psycopg.connect(url._replace(path="/postgres").geturl(), autocommit=True) as db:
    if not db.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
        db.execute(f'CREATE DATABASE "{name}"')
PYTHON
$PY manage.py migrate --noinput -v0
$PY manage.py loaddata -v0 signatories nap1325_iv
$PY manage.py collectstatic --noinput -v0
$PY manage.py loadtest_setup

.venv/bin/gunicorn nap_portal.wsgi --bind "127.0.0.1:$PORT" --workers "${WORKERS:-4}" \
  --threads 2 --access-logfile /dev/null --log-level warning &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 30); do
  curl -fsS -H "Host: 127.0.0.1" "http://127.0.0.1:$PORT/health/" >/dev/null 2>&1 && break
  sleep 1
done

.venv/bin/locust -f loadtest/locustfile.py --headless --users 55 --spawn-rate 10 \
  --run-time "${DURATION:-60s}" --host "http://127.0.0.1:$PORT" --csv loadtest/result \
  --only-summary --loglevel WARNING

$PY - <<'PYTHON'
import csv

rows = {row["Name"]: row for row in csv.DictReader(open("loadtest/result_stats.csv"))}
total = rows["Aggregated"]
print(f"requests: {total['Request Count']}, failures: {total['Failure Count']}")
print(f"requests per second: {float(total['Requests/s']):.1f}")
for name in ("autosave", "round overview", "review", "Aggregated"):
    if name in rows:
        row = rows[name]
        print(f"{name}: median {row['50%']} ms, p95 {row['95%']} ms, max {float(row['Max Response Time']):.0f} ms")
PYTHON
$PY manage.py loadtest_verify

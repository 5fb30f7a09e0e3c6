#!/usr/bin/env bash
# `make lighthouse`: Lighthouse (mobile preset, performance) on the editor's page of the demo
# report, served as in production (gunicorn, DEBUG off, compressed static files), three runs
# and their median. Needs Chromium and npm; not part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."

LIGHTHOUSE_VERSION=12.8.2
DB=${LIGHTHOUSE_DB:-/tmp/nap-lighthouse.sqlite3}
PORT=${PORT:-8200}
PY=.venv/bin/python
# Its own folder: npm would remove the HTML checker (vnu-jar) from .venv/npm as extraneous.
LH=.venv/lighthouse/node_modules/.bin/lighthouse
[ -x "$LH" ] || npm install --silent --no-save --no-audit --no-fund --prefix .venv/lighthouse \
  "lighthouse@$LIGHTHOUSE_VERSION"

export DEBUG=false DATABASE_URL="sqlite:///$DB" SECRET_KEY=lighthouse-only ALLOWED_HOSTS=127.0.0.1
export SECURE_SSL_REDIRECT=false SECURE_COOKIES=false TWO_FACTOR_REQUIRED=false LOG_LEVEL=WARNING
rm -f "$DB"
# The demo data is made as `make run` makes it (with DEBUG on), then served with it off.
DEBUG=true $PY manage.py migrate --noinput -v0
DEBUG=true $PY manage.py load_initial_data signatories nap1325_iv report_2021 >/dev/null
DEBUG=true $PY manage.py create_demo_users >/dev/null
DEBUG=true $PY manage.py create_demo_round >/dev/null
$PY manage.py collectstatic --noinput -v0

WEB_BIND="127.0.0.1:$PORT" WEB_ACCESS_LOG="" WEB_WORKERS=2 .venv/bin/gunicorn nap_portal.wsgi \
  --log-level warning &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT

# A logged-in session for the demo's MinBZ editor, and the page of its open report.
read -r session page < <($PY manage.py shell -v0 -c "
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from reporting.models import Submission
from signatories.models import User
user = User.objects.get(email='redacteur@minbz.example.org')
store = SessionStore()
store[SESSION_KEY] = str(user.pk)
store[BACKEND_SESSION_KEY] = 'django.contrib.auth.backends.ModelBackend'
store[HASH_SESSION_KEY] = user.get_session_auth_hash()
store.create()
report = Submission.objects.filter(signatory__code='MinBZ').order_by('-round__last_year').first()
print(store.session_key, f'/rapportage/inzending/{report.pk}/')
")
for _ in $(seq 1 30); do
  curl -fsS -H "Host: 127.0.0.1" "http://127.0.0.1:$PORT/health/" >/dev/null 2>&1 && break
  sleep 1
done

out=$(mktemp -d)
for run in 1 2 3; do
  CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium} "$LH" "http://127.0.0.1:$PORT$page" --quiet \
    --only-categories=performance --chrome-flags="--headless=new --no-sandbox --disable-gpu" \
    --extra-headers="{\"Cookie\": \"sessionid=$session\"}" \
    --output=json --output-path="$out/run$run.json" >/dev/null 2>&1 || true
done
$PY - "$out" <<'PYTHON'
import json
import pathlib
import statistics
import sys

runs = []
for path in sorted(pathlib.Path(sys.argv[1]).glob("run*.json")):
    report = json.loads(path.read_text())
    if report["categories"]["performance"]["score"] is not None:
        runs.append(report)  # Lighthouse sometimes loses its trace (NO_NAVSTART): skipped
if not runs:
    sys.exit("lighthouse: no run completed")
runs.sort(key=lambda report: report["categories"]["performance"]["score"])
median = runs[len(runs) // 2]
audits = median["audits"]
scores = [round(100 * report["categories"]["performance"]["score"]) for report in runs]
print(f"lighthouse_performance: {statistics.median(scores):.0f} (runs: {scores})")
for key in ("largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift",
            "dom-size", "total-byte-weight", "unused-javascript"):
    print(f"{key}: {audits[key].get('displayValue')}")
PYTHON

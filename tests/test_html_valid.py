"""Every page the permission matrix opens, as each role that may open it, is valid HTML by
the Nu Html Checker (the npm package vnu-jar, which `make install` puts in .venv/npm; needs
Java). Issue 16: the checker found htmx's hx-* attributes and a <time datetime> with
microseconds that the axe tests could not see.

One run of the checker over all pages: Java starts once. Skipped without Java or the checker,
except in CI (REQUIRE_BROWSER), which has both.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from .factories import EditionFactory
from .test_permission_matrix import MATRIX, PUBLIC, ROLES

JAVA = shutil.which("java")
VNU = Path(settings.BASE_DIR) / ".venv/npm/node_modules/vnu-jar/build/dist/vnu.jar"

if not (JAVA and VNU.exists()) and os.environ.get("REQUIRE_BROWSER"):
    raise RuntimeError("REQUIRE_BROWSER is set but Java or vnu.jar (make install) is missing")

pytestmark = pytest.mark.skipif(
    not (JAVA and VNU.exists()), reason="needs Java (default-jre-headless) and npm's vnu-jar"
)

# Pages that are not HTML documents of ours.
NOT_PAGES = {"health"}


def check(files):
    """The checker's errors for `files`, as 'file:line: message'."""
    result = subprocess.run(  # noqa: S603 - a fixed tool on our own test files
        [JAVA, "-Xss1m", "-jar", str(VNU), "--format", "json", "--exit-zero-always", *files],
        capture_output=True,
        text=True,
        check=True,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error"
    ]


def test_every_page_is_valid_html(client, request, submission_minbz, tmp_path):
    objects = {
        "submission": submission_minbz,
        "entry": submission_minbz.entries.get(indicator__number="1.a"),
        "edition": EditionFactory(round=submission_minbz.round),
    }
    files = []
    for name in PUBLIC:
        if name in NOT_PAGES:
            continue
        response = client.get(reverse(name))
        path = tmp_path / f"{name}-anonymous.html"
        path.write_bytes(response.content)
        files.append(str(path))
    for index, row in enumerate(MATRIX):
        if len(row) > 3 and row[3] != "get":
            continue
        name, kwargs, expected = row[:3]
        url = reverse(name, kwargs=kwargs(objects) if callable(kwargs) else kwargs)
        for role in ROLES:
            if expected[role] != 200:
                continue
            client.logout()
            client.force_login(request.getfixturevalue(role))
            response = client.get(url)
            if response.streaming:  # a download: read it to the end, which closes its file
                b"".join(response.streaming_content)
                continue
            if "text/html" not in response.get("Content-Type", ""):
                continue
            path = tmp_path / f"{index:03}-{name.replace(':', '-')}-{role}.html"
            path.write_bytes(response.content)
            files.append(str(path))
    assert len(files) >= 80
    assert check(files) == []

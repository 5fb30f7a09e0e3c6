"""`make loadtest`: USERS − 5 editors autosaving their answers and 5 coordinators browsing.

Every save the server acknowledges (200 with "Opgeslagen om") is written to
loadtest/acknowledged.json with its marker and new version; `loadtest_verify` then checks
the database holds each of them. Response times are split in two phases: the ramp-up (until
every user has started: logins and first page loads) and the steady state after it, written
to loadtest/phases.json.
"""

import itertools
import json
import random
import re
import threading
import time

from locust import HttpUser, between, events, task

PASSWORD = "loadtest-wachtwoord"  # noqa: S105
PEOPLE = json.load(open("loadtest/users.json", encoding="utf-8"))  # noqa: SIM115
EDITORS = itertools.cycle(PEOPLE["editors"])
COORDINATORS = itertools.cycle(PEOPLE["coordinators"])
ACKNOWLEDGED = []
LOCK = threading.Lock()
STEADY_FROM = []  # when every user had logged in and loaded its first page
STARTED = itertools.count(1)
TIMES = {"ramp_up": {}, "steady": {}}  # phase → request name → [ms]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def log_in(user, email):
    page = user.client.get("/account/inloggen/", name="login page")
    token = CSRF.search(page.text)[1]
    response = user.client.post(
        "/account/inloggen/",
        {"username": email, "password": PASSWORD, "csrfmiddlewaretoken": token},
        name="log in",
    )
    if "/account/inloggen/" in response.url:
        raise RuntimeError(f"login failed for {email}")
    return token


class Editor(HttpUser):
    """Types in one answer after another; the page autosaves every few seconds."""

    wait_time = between(2, 5)  # htmx waits for 1.5 s without typing

    def on_start(self):
        me = next(EDITORS)
        self.email, self.submission, self.entries = me["email"], me["submission"], me["entries"]
        log_in(self, self.email)
        page = self.client.get(f"/rapportage/inzending/{self.submission}/", name="submission")
        self.csrf = self.client.cookies.get("csrftoken")
        found = re.findall(r'value="(\d+)" id="version-(\d+)"', page.text)
        self.versions = {int(pk): int(version) for version, pk in found}
        self.saves = itertools.count(1)
        started(self)

    @task(1)
    def reload(self):
        """Now and then the editor opens the report again (another tab, a reload)."""
        self.client.get(f"/rapportage/inzending/{self.submission}/", name="submission")

    @task(12)
    def autosave(self):
        entry = random.choice(self.entries)  # noqa: S311
        marker = f"[{self.email}#{next(self.saves)}]"
        text = f"<p>Voortgang {marker} " + "woord " * random.randint(50, 400) + "</p>"  # noqa: S311
        prefix = f"e{entry}"
        response = self.client.post(
            f"/rapportage/inzending/{self.submission}/antwoord/{entry}/",
            {
                f"{prefix}-version": self.versions[entry],
                f"{prefix}-narrative": text,
                f"{prefix}-not_applicable_reason": "",
            },
            headers={"HX-Request": "true", "X-CSRFToken": self.csrf},
            name="autosave",
        )
        found = re.search(rf'value="(\d+)" id="version-{entry}"', response.text)
        if response.status_code == 200 and "Opgeslagen om" in response.text and found:
            self.versions[entry] = int(found[1])
            with LOCK:
                ACKNOWLEDGED.append([entry, marker, int(found[1])])


class Coordinator(HttpUser):
    """Follows the round: overview, per indicator, a report to review, search."""

    fixed_count = 5  # always five; every other user is an editor
    wait_time = between(1, 3)

    def on_start(self):
        log_in(self, next(COORDINATORS)["email"])
        self.round = PEOPLE["round"]
        started(self)

    @task(3)
    def overview(self):
        self.client.get(f"/rapportage/ronde/{self.round}/", name="round overview")

    @task(1)
    def per_indicator(self):
        self.client.get(f"/rapportage/ronde/{self.round}/indicatoren/", name="per indicator")

    @task(3)
    def review(self):
        submission = random.choice(PEOPLE["submissions"])  # noqa: S311
        self.client.get(f"/rapportage/inzending/{submission}/beoordelen/", name="review")

    @task(1)
    def search(self):
        self.client.get("/rapportage/zoeken/?q=voortgang", name="search")


def started(user):
    """The ramp-up ends when the last user has logged in and loaded its first page."""
    with LOCK:
        if next(STARTED) == user.environment.runner.target_user_count and not STEADY_FROM:
            STEADY_FROM.append(time.time())


@events.request.add_listener
def note_time(name, response_time, start_time=None, **kwargs):
    steady = STEADY_FROM and (start_time or time.time()) >= STEADY_FROM[0]
    with LOCK:
        TIMES["steady" if steady else "ramp_up"].setdefault(name, []).append(response_time)


@events.test_stop.add_listener
def write_results(**kwargs):
    with open("loadtest/acknowledged.json", "w", encoding="utf-8") as out:
        json.dump(ACKNOWLEDGED, out)
    with open("loadtest/phases.json", "w", encoding="utf-8") as out:
        json.dump(TIMES, out)

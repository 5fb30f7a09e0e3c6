"""Logged out after 30 minutes without activity; a warning lets one stay."""

from datetime import timedelta

import time_machine
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent


def later(minutes):
    return time_machine.travel(timezone.now() + timedelta(minutes=minutes), tick=False)


def test_after_half_an_hour_idle_the_next_page_asks_to_log_in_again(client, editor_minbz):
    client.force_login(editor_minbz)
    assert client.get(reverse("home")).status_code == 200
    with later(31):
        response = client.get(reverse("home"), follow=True)
    assert response.request["PATH_INFO"] == reverse("login")
    assert "U bent uitgelogd omdat u een tijd niets hebt gedaan." in response.text
    assert AuditEvent.objects.filter(action="session_expired", actor=editor_minbz.email).exists()


def test_activity_keeps_the_session_and_polling_does_not(client, editor_minbz):
    client.force_login(editor_minbz)
    client.get(reverse("home"))
    with later(20):
        assert client.get(reverse("home")).status_code == 200  # activity: the clock restarts
    with later(40):
        assert client.get(reverse("home"), headers={"X-Poll": "true"}).status_code == 200
        assert client.get(reverse("session_status")).json()["remaining"] == 10 * 60
    with later(51):
        assert client.get(reverse("home")).status_code == 302  # 31 minutes after the activity


def test_the_warnings_button_keeps_one_logged_in(client, editor_minbz):
    client.force_login(editor_minbz)
    page = client.get(reverse("home"))
    assert 'id="session-warning"' in page.text and 'data-session-timeout="1800"' in page.text
    with later(29):
        assert client.post(reverse("session_status")).json()["remaining"] == 30 * 60
    with later(50):
        assert client.get(reverse("home")).status_code == 200


def test_an_autosave_after_the_timeout_sends_the_page_to_the_login(client, editor_minbz):
    client.force_login(editor_minbz)
    client.get(reverse("home"))
    with later(31):
        response = client.get(reverse("home"), headers={"HX-Request": "true"})
    assert response.status_code == 401
    assert response["HX-Redirect"].startswith(reverse("login"))

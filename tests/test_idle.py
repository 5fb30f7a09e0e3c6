"""Logged out after 30 minutes without activity; a warning lets one stay."""

from datetime import timedelta
from urllib.parse import quote

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


def test_after_the_timeout_an_autosave_brings_one_back_to_the_page_not_the_save_url(
    client, entry_minbz, editor_minbz
):
    """The page's unsaved text is kept on the device and put back after logging in, so
    the login must return to the page the autosave came from."""
    client.force_login(editor_minbz)
    page = reverse("reporting:submission", args=[entry_minbz.submission_id])
    save = reverse("reporting:entry_save", args=[entry_minbz.submission_id, entry_minbz.pk])
    client.get(page)
    with later(31):
        response = client.post(
            save,
            {},
            headers={"HX-Request": "true", "HX-Current-URL": f"http://testserver{page}"},
        )
    assert response.status_code == 401
    assert response["HX-Redirect"] == f"{reverse('login')}?next={quote(page)}"


def test_another_sites_url_is_never_where_the_login_returns(client, editor_minbz):
    client.force_login(editor_minbz)
    client.get(reverse("home"))
    with later(31):
        response = client.get(
            reverse("home"),
            headers={"HX-Request": "true", "HX-Current-URL": "https://evil.example/x"},
        )
    assert "evil.example" not in response["HX-Redirect"]


def test_the_session_status_gives_the_current_csrf_token(client, editor_minbz):
    """An open form whose token was rotated by a login in another tab asks for the new one."""
    client.force_login(editor_minbz)
    token = client.get(reverse("session_status")).json()["csrf"]
    assert len(token) == 64

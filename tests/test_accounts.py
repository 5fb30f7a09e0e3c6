"""Logging in by e-mail, password reset and the first screen."""

from django.core import mail
from django.test import override_settings
from django.urls import reverse

from indicators.models import Indicator
from outbox.models import OutgoingMail
from signatories.models import Signatory

from .queries import count_queries


def test_it_logs_in_with_email_and_password(client, editor_minbz):
    response = client.post(
        "/account/inloggen/",
        {"username": "Sanne@MinBZ.example.org", "password": "een-goed-wachtwoord"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/").context["user"] == editor_minbz


def test_a_wrong_password_shows_a_dutch_error_and_keeps_the_email(client, editor_minbz):
    response = client.post(
        "/account/inloggen/", {"username": "sanne@minbz.example.org", "password": "fout"}
    )
    assert response.status_code == 200
    assert "Het e-mailadres of het wachtwoord klopt niet." in response.text
    assert 'value="sanne@minbz.example.org"' in response.text
    assert "error-summary" in response.text


def test_the_login_page_is_dutch(client, db):
    response = client.get("/account/inloggen/")
    assert '<html lang="nl">' in response.text
    assert "E-mailadres" in response.text
    assert "Wachtwoord vergeten?" in response.text


def test_anonymous_visitors_are_sent_to_login(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/account/inloggen/?next=/"


def test_password_reset_sends_a_dutch_mail_with_a_working_link(
    client, editor_minbz, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as after_commit:
        client.post("/account/wachtwoord-vergeten/", {"email": "Sanne@MinBZ.example.org"})
    # Finding 9: the request only queues the mail (no mail server in the request, so a known
    # address answers as fast as an unknown one); the worker sends it after commit.
    assert mail.outbox == []
    assert OutgoingMail.objects.get().to == "sanne@minbz.example.org"
    for callback in after_commit:
        callback()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Nieuw wachtwoord voor het NAP1325-portaal"
    assert message.to == ["sanne@minbz.example.org"]
    assert message.alternatives[0][1] == "text/html"
    link = next(line for line in message.body.splitlines() if "/wachtwoord-herstellen/" in line)
    path = link.split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "nieuw-lang-wachtwoord-7", "new_password2": "nieuw-lang-wachtwoord-7"},
    )
    assert response.status_code == 302
    editor_minbz.refresh_from_db()
    assert editor_minbz.check_password("nieuw-lang-wachtwoord-7")


def test_password_reset_for_an_unknown_address_reveals_nothing(client, db):
    response = client.post("/account/wachtwoord-vergeten/", {"email": "niemand@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []
    assert not OutgoingMail.objects.exists()


def test_password_reset_answers_known_and_unknown_addresses_alike(client, editor_minbz):
    known = client.post("/account/wachtwoord-vergeten/", {"email": editor_minbz.email})
    unknown = client.post("/account/wachtwoord-vergeten/", {"email": "niemand@example.org"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])


def test_home_shows_who_you_are_and_for_whom_you_report(client, editor_minbz):
    client.force_login(editor_minbz)
    response = client.get("/")
    assert "Welkom, Sanne de Vries" in response.text
    assert "sanne@minbz.example.org" in response.text
    assert "Ministerie van Buitenlandse Zaken (MinBZ, ministerie)" in response.text
    assert "redacteur" in response.text


def test_home_shows_the_framework_in_plan_order(client, editor_minbz):
    client.force_login(editor_minbz)
    text = client.get("/").text
    headings = [
        "PARTICIPATIE",
        "Subdoel 1.3",
        "PREVENTIE",
        "BESCHERMING",
        "Subdoel 3.4",
        "NOODHULP, WEDEROPBOUW EN HERSTEL",
        "MAINSTREAMING",
        "Subdoel 5.4",
    ]
    positions = [text.index(h) for h in headings]
    assert positions == sorted(positions)
    first = Indicator.objects.get(number="1.a").text
    last = Indicator.objects.get(number="5.4.b").text
    assert text.index(first) < text.index(last)


def test_the_framework_page_lists_every_indicator(client, reader):
    client.force_login(reader)
    response = client.get("/kader/NAP1325-IV/")
    assert response.status_code == 200
    for indicator in Indicator.objects.all():
        assert indicator.number in response.text


def test_the_framework_page_uses_the_same_queries_for_any_size(client, reader):
    client.force_login(reader)
    # session, user, plans, plan, themes+goals, goals' indicators (+ their signatories and
    # kinds), subgoals, subgoals' indicators (+ signatories and kinds); whether the reader
    # leads an organisation's editors (the menu's "Uitnodigingen")
    assert count_queries(lambda: client.get("/kader/NAP1325-IV/"))[0] == 13


@override_settings(LANGUAGE_CODE="nl")
def test_an_unknown_plan_gives_a_404(client, reader):
    client.force_login(reader)
    assert client.get("/kader/NAP-XX/").status_code == 404


def test_an_editor_finds_the_organisations_earlier_reports(client, editor_minbz, minbz):
    """Issue 16: earlier years' reports were not reachable from the portal."""
    from reporting import services

    from .factories import RoundFactory

    earlier = RoundFactory(first_year=2023, state="published")
    old = services.ensure_submission(round=earlier, signatory=minbz)
    other = services.ensure_submission(round=earlier, signatory=Signatory.objects.get(code="PAX"))
    client.force_login(editor_minbz)
    page = client.get(reverse("home")).text
    assert "Eerdere rapportages van uw organisatie" in page
    assert reverse("reporting:submission", args=[old.pk]) in page
    assert reverse("reporting:submission", args=[other.pk]) not in page
    report = client.get(reverse("reporting:submission", args=[old.pk]))
    assert report.status_code == 200 and "entry-form" not in report.text

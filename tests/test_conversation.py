"""A conversation per answer (issue 16): editors reply to a shared remark, coordinators
reply and mark it resolved; open remarks are listed on both sides."""

import pytest
from django.urls import reverse

from reporting import conversation, services
from reporting.models import EntryComment

from .factories import fill_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def remark(submission_minbz, editor_minbz, coordinator):
    """A remark on MinBZ's 2.a, shared by returning the report."""
    fill_all(submission_minbz)
    services.submit_submission(submission=submission_minbz, by=editor_minbz)
    entry = submission_minbz.entries.get(indicator__number="2.a")
    comment = services.add_comment(entry=entry, by=coordinator, text="Noem de bedragen.")
    services.return_submission(submission=submission_minbz, by=coordinator, reason="Zie 2.a.")
    comment.refresh_from_db()
    return comment


def post(client, user, name, remark, **data):
    client.force_login(user)
    url = reverse(name, args=[remark.entry.submission_id, remark.pk])
    return client.post(url, data)


def test_the_editor_replies_the_coordinator_answers_and_resolves(
    client, remark, editor_minbz, coordinator
):
    report = reverse("reporting:submission", args=[remark.entry.submission_id])
    client.force_login(editor_minbz)
    page = client.get(report).text
    assert "1 opmerking staat nog open" in page and f'href="#opmerking-{remark.pk}"' in page
    response = post(
        client, editor_minbz, "reporting:comment_reply", remark, text="Bedragen staan bij 2.b."
    )
    assert response["Location"].endswith(f"#antwoord-{remark.entry_id}")
    post(client, coordinator, "reporting:comment_reply", remark, text="Graag ook bij 2.a.")
    review = reverse("reporting:submission_review", args=[remark.entry.submission_id])
    page = client.get(review).text
    assert "Reactie van Sanne de Vries" in page and "Bedragen staan bij 2.b." in page
    client.force_login(editor_minbz)
    assert "Graag ook bij 2.a." in client.get(report).text
    post(client, coordinator, "reporting:comment_resolve", remark)
    remark.refresh_from_db()
    assert remark.resolved_by == coordinator
    client.force_login(editor_minbz)
    page = client.get(report).text
    assert "opmerking staat nog open" not in page and "afgerond" in page
    with pytest.raises(services.WorkflowError, match="afgerond"):
        conversation.reply(comment=remark, by=editor_minbz, text="Nog iets")


def test_nobody_replies_to_a_remark_not_yet_shared_or_of_another_organisation(
    client, submission_minbz, editor_minbz, editor_pax, coordinator
):
    entry = submission_minbz.entries.first()
    private = services.add_comment(entry=entry, by=coordinator, text="Nog niet gedeeld.")
    response = post(client, editor_minbz, "reporting:comment_reply", private, text="Hallo")
    assert response.status_code == 404  # editors do not see it yet
    response = post(client, editor_pax, "reporting:comment_reply", private, text="Hallo")
    assert response.status_code == 404
    assert not EntryComment.objects.filter(reply_to=private).exists()


@pytest.mark.parametrize("role", ["editor_minbz", "editor_pax", "reader"])
def test_only_coordinators_resolve(client, request, remark, role):
    response = post(client, request.getfixturevalue(role), "reporting:comment_resolve", remark)
    assert response.status_code in (403, 404)
    remark.refresh_from_db()
    assert remark.resolved_at is None

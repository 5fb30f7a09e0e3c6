"""The coordinators' synthesis per strategic goal, citing answers (issue 15)."""

import io

import docx
import pytest
from django.urls import reverse

from reporting import services, synthesis
from reporting.annex import content, editions, render, word
from reporting.models import Synthesis

from .factories import UserFactory, fill_all

pytestmark = pytest.mark.django_db

TEXT = (
    "<p>Ministeries en organisaties werkten samen aan bemiddeling [MinBZ 1.a], "
    "ook lokaal [PAX 1.a].</p>"
)


@pytest.fixture
def approved(submission_minbz, submission_pax, editor_minbz, editor_pax, coordinator):
    for submission, editor in ((submission_minbz, editor_minbz), (submission_pax, editor_pax)):
        fill_all(submission, f"<p>{submission.signatory.code} steunde vrouwenorganisaties.</p>")
        services.submit_submission(submission=submission, by=editor)
        services.approve_submission(submission=submission, by=coordinator)
    return submission_minbz.round


@pytest.fixture
def second_coordinator(framework):
    return UserFactory(
        email="tweede@wo-men.example.org", full_name="Bo Tweede", is_coordinator=True
    )


def edit_url(round, goal_number="1"):
    goal = round.plan.goals.get(number=goal_number)
    return reverse("reporting:synthesis_edit", args=[round.pk, goal.pk])


def write(client, round, text=TEXT, version=1):
    return client.post(edit_url(round), {"version": version, "text": text})


def test_a_coordinator_writes_a_synthesis_whose_citations_are_links(client, coordinator, approved):
    client.force_login(coordinator)
    assert write(client, approved).status_code == 302
    page = client.get(edit_url(approved)).text
    minbz = approved.submissions.get(signatory__code="MinBZ")
    entry = minbz.entries.get(indicator__number="1.a")
    review = reverse("reporting:submission_review", args=[minbz.pk])
    assert f'<a href="{review}#antwoord-{entry.pk}">MinBZ 1.a</a>' in page
    assert "PAX 1.a</a>" in page
    assert "[PAX 1.a]" in page  # the aside lists what can be cited
    overview = client.get(reverse("reporting:synthesis", args=[approved.pk])).text
    assert "concept, nog niet goedgekeurd" in overview


def test_an_unknown_citation_is_pointed_out(client, coordinator, approved):
    client.force_login(coordinator)
    write(client, approved, "<p>Zie [Cordaid 1.a].</p>")
    page = client.get(edit_url(approved)).text
    assert "geen antwoord met deze code en plaats bij dit doel" in page


def test_a_stale_save_is_a_conflict_and_keeps_both_texts(client, coordinator, approved):
    client.force_login(coordinator)
    write(client, approved, "<p>Eerste.</p>")
    response = write(client, approved, "<p>Mijn tweede tekst.</p>", version=1)
    assert response.status_code == 200
    assert "heeft de synthese intussen opgeslagen" in response.text
    assert "Mijn tweede tekst." in response.text  # the user's text, not lost
    assert Synthesis.objects.get(round=approved, goal__number="1").text == "<p>Eerste.</p>"


def test_approval_by_another_coordinator_and_only_approved_text_is_compiled(
    client, coordinator, second_coordinator, approved
):
    client.force_login(coordinator)
    write(client, approved)
    item = Synthesis.objects.get(round=approved, goal__number="1")
    with pytest.raises(services.WorkflowError, match="meegeschreven"):
        synthesis.approve(synthesis=item, by=coordinator, version=item.version)
    before = editions.content_hash(content.build(approved))
    assert content.build(approved).front.synthesis == []  # not approved: not published
    synthesis.approve(synthesis=item, by=second_coordinator, version=item.version)
    annex = content.build(approved)
    assert editions.content_hash(annex) != before
    html = render.render_html(annex)
    assert "Voortgangsrapportage" in html
    assert "bemiddeling (zie MinBZ 1.a), ook lokaal (zie PAX 1.a)." in html
    document = docx.Document(io.BytesIO(word.render_docx(annex)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Strategisch doel 1" in text and "(zie MinBZ 1.a)" in text
    # Changed afterwards: the published annex keeps the approved text until approved again.
    write(client, approved, "<p>Nieuwe, nog niet goedgekeurde tekst.</p>", version=item.version)
    annex = content.build(approved)
    assert "(zie PAX 1.a)" in annex.front.synthesis[0][1]
    concept = content.build(approved, concept=True)
    assert "Nieuwe, nog niet goedgekeurde tekst." in concept.front.synthesis[0][1]


@pytest.mark.parametrize("who", ["editor_minbz", "reader"])
def test_only_coordinators(client, approved, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("reporting:synthesis", args=[approved.pk])).status_code == 403
    assert write(client, approved).status_code == 403


def test_autosave_answers_with_the_new_version_or_the_conflict(client, coordinator, approved):
    client.force_login(coordinator)
    url = edit_url(approved)
    client.get(url)  # makes the syntheses
    saved = client.post(url, {"version": 1, "text": "<p>Een.</p>"}, HTTP_HX_REQUEST="true")
    assert saved.status_code == 200
    assert 'data-save-state="saved"' in saved.text and 'value="2"' in saved.text
    stale = client.post(url, {"version": 1, "text": "<p>Twee.</p>"}, HTTP_HX_REQUEST="true")
    assert 'data-save-state="conflict"' in stale.text
    assert "version" not in stale.text.split("data-save-state")[0]  # no new version: no overwrite
    assert Synthesis.objects.get(round=approved, goal__number="1").text == "<p>Een.</p>"


def test_opening_the_page_first_is_no_writing(client, coordinator, second_coordinator, approved):
    """The coordinator who happened to open a synthesis first (which makes its empty text)
    may still approve what another wrote; the history lists only saved versions."""
    client.force_login(coordinator)
    client.get(edit_url(approved))  # made here, by this coordinator's visit
    client.force_login(second_coordinator)
    write(client, approved)
    item = Synthesis.objects.get(round=approved, goal__number="1")
    assert synthesis.may_approve(item, coordinator)
    synthesis.approve(synthesis=item, by=coordinator, version=item.version)
    assert [r.history_user for r in synthesis.history(item)] == [second_coordinator]


def test_the_approver_may_approve_the_next_version_too(
    client, coordinator, second_coordinator, approved
):
    """Approving is no writing: through the page it left a history record in the
    approver's name, who could then not approve the next version."""
    goal = approved.plan.goals.get(number="1")
    approve_url = reverse("reporting:synthesis_approve", args=[approved.pk, goal.pk])
    client.force_login(coordinator)
    write(client, approved)
    client.force_login(second_coordinator)
    client.post(approve_url, {"version": 2})
    client.force_login(coordinator)
    write(client, approved, "<p>Tweede versie.</p>", version=2)
    client.force_login(second_coordinator)
    client.post(approve_url, {"version": 3})
    item = Synthesis.objects.get(round=approved, goal__number="1")
    assert item.is_approved and item.text == "<p>Tweede versie.</p>"
    assert item.approved_by == second_coordinator

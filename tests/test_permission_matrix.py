"""Every URL × every role. A URL added without a row here fails test_every_url_is_in_the_matrix.

Expected: anonymous → login redirect, wrong role → 403, another organisation's object → 404,
right role → 200 (or 302 after a POST).
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .factories import EditionFactory, UserFactory, publish

ROLES = ["anonymous", "editor_minbz", "editor_pax", "coordinator", "reader", "administrator"]
LOGIN = "login"
ALL_LOGGED_IN = {role: 200 for role in ROLES if role != "anonymous"} | {"anonymous": LOGIN}

# On MinBZ's submission: its editor may change it, PAX's editor and a reader get 404,
# coordinators and administrators (superusers) may read it but get 403 on changes.
OWN_ONLY = {
    "anonymous": LOGIN,
    "editor_minbz": 200,
    "editor_pax": 404,
    "coordinator": 403,
    "reader": 404,
    "administrator": 403,
}
OWN_OR_COORDINATOR = {**OWN_ONLY, "coordinator": 200, "administrator": 200}
POSTED = {**OWN_ONLY, "editor_minbz": 302}
# Review pages: only coordinators; the signatory's own editor (and a superuser) get 403.
REVIEW = {**OWN_ONLY, "editor_minbz": 403, "coordinator": 200}
# Pages about a whole round: coordinators only, nothing to hide behind a 404.
COORDINATORS = dict.fromkeys(ROLES, 403) | {"anonymous": LOGIN, "coordinator": 200}
COORDINATORS_POSTED = {**COORDINATORS, "coordinator": 302}
# Published editions: readers and coordinators.
READERS = {**COORDINATORS, "reader": 200}


def submission(objects):
    return {"pk": objects["submission"].pk}


def entry(objects):
    return {"pk": objects["submission"].pk, "entry_pk": objects["entry"].pk}


def indicator_of(objects):
    return {"pk": objects["entry"].indicator_id}


def goal_of(objects):
    return {"pk": objects["submission"].round_id, "goal_pk": objects["entry"].goal_id}


def round_of(objects):
    return {"pk": objects["submission"].round_id}


def edition(objects):
    return {"pk": objects["edition"].pk}


def handed_in(objects):
    objects["submission"].state = "submitted"
    objects["submission"].save(update_fields=["state"])
    return submission(objects)


def published_edition(objects):
    publish(objects["edition"].round, objects["edition"])
    return edition(objects)


def published_round(objects):
    publish(objects["submission"].round)
    return round_of(objects)


def invitation(objects):
    from signatories import invitations

    sent = invitations.invite(
        email="nieuw@pax.example.org",
        role="editor",
        signatory=objects["submission"].signatory,
        by=UserFactory(is_coordinator=True),
    )
    return {"pk": sent.pk}


def shared_remark(objects):
    """A coordinator's remark on MinBZ's entry, shared by a return."""
    from reporting.models import EntryComment, SubmissionEvent

    coordinator = UserFactory(is_coordinator=True)
    event = SubmissionEvent.objects.create(
        submission=objects["submission"], action="returned", by=coordinator, reason="x"
    )
    remark = EntryComment.objects.create(
        entry=objects["entry"], author=coordinator, text="Graag aanvullen.", event=event
    )
    return {"pk": objects["submission"].pk, "comment_pk": remark.pk}


def history(objects):
    record = objects["entry"].history.last()
    return {**entry(objects), "history_pk": record.history_id}


# (url name, kwargs, {role: expected status or LOGIN}[, method])
MATRIX = [
    ("reporting:submission", submission, OWN_OR_COORDINATOR),
    ("reporting:submission_submit", submission, OWN_ONLY),
    ("reporting:submission_submit", submission, {**OWN_ONLY, "editor_minbz": 200}, "post"),
    ("reporting:entry_save", entry, {**OWN_ONLY, "editor_minbz": 200}, "post"),
    ("reporting:submission_withdraw", handed_in, OWN_ONLY),
    # Only the organisation's approvers (tests/test_signoff.py); its other editors 403.
    ("reporting:submission_signoff", submission, {**OWN_ONLY, "editor_minbz": 403}),
    ("reporting:submission_pdf", submission, OWN_OR_COORDINATOR),
    ("reporting:indicator", indicator_of, COORDINATORS),
    ("reporting:indicator_chart", indicator_of, COORDINATORS),
    ("reporting:round_charts", round_of, COORDINATORS),
    ("reporting:synthesis", round_of, COORDINATORS),
    ("reporting:synthesis_edit", goal_of, COORDINATORS),
    ("reporting:synthesis_approve", goal_of, COORDINATORS_POSTED, "post"),
    ("reporting:introduction_edit", round_of, COORDINATORS),
    ("reporting:introduction_approve", round_of, COORDINATORS_POSTED, "post"),
    ("reporting:round_chart", lambda o: {**round_of(o), "chart": "doelen"}, COORDINATORS),
    ("reporting:wordform", submission, OWN_ONLY),
    ("reporting:wordform_download", submission, OWN_ONLY),
    ("reporting:wordform_apply", submission, POSTED, "post"),
    ("reporting:submission_docx", submission, OWN_OR_COORDINATOR),
    ("reporting:goal_answer_add", submission, POSTED, "post"),
    ("reporting:entry_copy_previous", entry, POSTED, "post"),
    ("reporting:entry_history", entry, OWN_OR_COORDINATOR),
    ("reporting:entry_restore", history, POSTED, "post"),
    ("reporting:submission_review", submission, REVIEW),
    ("reporting:submission_approve", submission, REVIEW),
    ("reporting:submission_return", submission, REVIEW),
    ("reporting:submission_reopen", submission, REVIEW),
    ("reporting:submission_unlock", submission, REVIEW),
    ("reporting:entry_comment", entry, {**REVIEW, "coordinator": 302}, "post"),
    # The conversation: the organisation's editors and coordinators reply; coordinators
    # resolve.
    (
        "reporting:comment_reply",
        shared_remark,
        {**POSTED, "coordinator": 302, "administrator": 403},
        "post",
    ),
    (
        "reporting:comment_resolve",
        shared_remark,
        {**REVIEW, "coordinator": 302, "administrator": 403},
        "post",
    ),
    ("reporting:rounds", {}, COORDINATORS),
    ("reporting:round_create", {}, COORDINATORS),
    ("reporting:round_open", round_of, COORDINATORS),
    ("reporting:round_close", round_of, COORDINATORS),
    ("reporting:round_extend", round_of, COORDINATORS),
    ("reporting:round_remind", round_of, COORDINATORS),
    ("reporting:round_front", round_of, COORDINATORS),
    ("reporting:round_overview", round_of, COORDINATORS),
    ("reporting:round_indicators", round_of, COORDINATORS),
    ("reporting:round_export", round_of, COORDINATORS),
    ("reporting:search", {}, COORDINATORS),
    # The round is open, not published: readers wait for publication.
    ("reporting:annex", round_of, COORDINATORS),
    ("reporting:edition_create", round_of, COORDINATORS_POSTED, "post"),
    ("reporting:editions", {}, READERS),
    # An edition not published: coordinators only.
    ("reporting:edition", edition, COORDINATORS),
    ("reporting:edition_download", edition, COORDINATORS),
    ("reporting:edition_retry", edition, COORDINATORS_POSTED, "post"),
    ("reporting:edition_download", published_edition, READERS),
    # Publishing: the checklist, compiling its files, withdrawing; the published page.
    ("reporting:round_publish", round_of, COORDINATORS),
    ("reporting:round_publish_prepare", round_of, COORDINATORS_POSTED, "post"),
    ("reporting:publication_withdraw", published_round, COORDINATORS),
    ("reporting:published", published_round, READERS),
    ("reporting:annex", published_round, READERS),
    # Invitations: coordinators and administrators (and an organisation's lead editor,
    # tests/test_invitations.py); the invitation is into MinBZ.
    ("invitations", {}, {**COORDINATORS, "administrator": 200}),
    ("invitation_resend", invitation, {**COORDINATORS_POSTED, "administrator": 302}, "post"),
    ("invitation_revoke", invitation, {**COORDINATORS, "administrator": 200}),
    ("home", {}, ALL_LOGGED_IN),
    ("session_status", {}, ALL_LOGGED_IN),
    ("indicators:framework", {}, ALL_LOGGED_IN),
    ("indicators:framework_plan", {"code": "NAP1325-IV"}, ALL_LOGGED_IN),
    # Maintaining the framework: coordinators and administrators.
    ("indicators:applicability", {"code": "NAP1325-IV"}, {**COORDINATORS, "administrator": 200}),
    ("indicators:plan_copy", {"code": "NAP1325-IV"}, {**COORDINATORS, "administrator": 200}),
    ("password_change", {}, ALL_LOGGED_IN),
    ("password_change_done", {}, ALL_LOGGED_IN),
    (
        "admin:index",
        {},
        {
            "anonymous": LOGIN,
            "editor_minbz": LOGIN,
            "editor_pax": LOGIN,
            "reader": LOGIN,
            "coordinator": 200,
            "administrator": 200,
        },
    ),
    (
        "admin:signatories_user_changelist",
        {},
        {
            "anonymous": LOGIN,
            "editor_minbz": LOGIN,
            "editor_pax": LOGIN,
            "reader": LOGIN,
            "coordinator": 200,
            "administrator": 200,
        },
    ),
    (
        "admin:signatories_user_add",
        {},
        {
            "anonymous": LOGIN,
            "editor_minbz": LOGIN,
            "editor_pax": LOGIN,
            "reader": LOGIN,
            "coordinator": 403,
            "administrator": 200,
        },
    ),
    (
        "admin:indicators_indicator_changelist",
        {},
        {
            "anonymous": LOGIN,
            "editor_minbz": LOGIN,
            "editor_pax": LOGIN,
            "reader": LOGIN,
            "coordinator": 200,
            "administrator": 200,
        },
    ),
]

# Open to everyone, logged in or not.
PUBLIC = [
    "monitor:index",
    "monitor:open_data",
    "login",
    "password_reset",
    "password_reset_done",
    "password_reset_complete",
    "health",
    "accessibility",
]
# Open data for anyone, not pages (tests/test_open_data.py walks them too).
PUBLIC_DATA = [
    "api:rounds",
    "api:framework",
    "api:signatories",
    "api:answers",
    "api:answers_csv",
    "api:answers_xlsx",
    "api:openapi-json",
]
# Reached only with arguments a test cannot guess (tokens) or by POST; tested elsewhere.
ELSEWHERE = [
    "api:api-root",  # django-ninja's index of the docs, which are off: 404
    "monitor:round",  # tests/test_monitor.py, with a published round
    "monitor:download",
    "monitor:indicator",
    "monitor:indicator_chart",
    "logout",
    "password_reset_confirm",
    "set_language",
    "two_factor_verify",  # tests/test_two_factor.py
    "two_factor_setup",
    "invitation_accept",  # tests/test_invitations.py
]


def url_names(patterns=None, namespace=None):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace])) or None
            if pattern.namespace == "admin":
                continue  # Django's own; the matrix samples it above
            yield from url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_url_is_in_the_matrix():
    covered = {row[0] for row in MATRIX} | set(PUBLIC) | set(PUBLIC_DATA) | set(ELSEWHERE)
    assert sorted(set(url_names()) - covered) == []


@pytest.fixture
def login_as(client, request):
    def login(role):
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        return client

    return login


@pytest.mark.parametrize(
    ("name", "kwargs", "role", "expected", "method"),
    [
        (row[0], row[1], role, row[2][role], row[3] if len(row) > 3 else "get")
        for row in MATRIX
        for role in ROLES
    ],
)
def test_url_answers_each_role_as_expected(
    login_as, submission_minbz, name, kwargs, role, expected, method
):
    objects = {
        "submission": submission_minbz,
        "entry": submission_minbz.entries.get(indicator__number="1.a"),
        "edition": EditionFactory(round=submission_minbz.round),
    }
    url = reverse(name, kwargs=kwargs(objects) if callable(kwargs) else kwargs)
    response = getattr(login_as(role), method)(url)
    if response.streaming:  # read a download to the end: the client then closes its file
        b"".join(response.streaming_content)
    policy = response["Content-Security-Policy"]  # on every answer, whoever asks
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    if expected == LOGIN:
        assert response.status_code == 302
        assert "inloggen" in response["Location"] or "login" in response["Location"]
    else:
        assert response.status_code == expected


@pytest.mark.parametrize("name", PUBLIC)
def test_public_pages_open_for_anonymous_visitors(client, db, name):
    assert client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name", PUBLIC_DATA)
def test_open_data_answers_anonymous_callers(client, db, name):
    assert client.get(reverse(name)).status_code == 200


def test_an_editor_cannot_open_the_admin(client, editor_minbz):
    client.force_login(editor_minbz)
    response = client.get("/beheer/indicators/indicator/")
    assert response.status_code == 302
    assert response["Location"].startswith("/beheer/login/")


def test_a_coordinator_cannot_make_anyone_a_superuser(client, coordinator, editor_pax):
    client.force_login(coordinator)
    url = reverse("admin:signatories_user_change", args=[editor_pax.pk])
    response = client.post(url, {"email": editor_pax.email, "is_superuser": "on"})
    assert response.status_code == 403
    editor_pax.refresh_from_db()
    assert not editor_pax.is_superuser

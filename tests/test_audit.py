"""The audit log: logins, failed logins, role changes and every workflow step, with actor,
object, result and origin; and nobody, not even the application, can rewrite it."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from audit.models import AppendOnly, AuditEvent
from reporting import services
from signatories.models import Membership

from .factories import fill_all
from .test_review import ACTIONS, put_in_state


def last(action):
    return AuditEvent.objects.filter(action=action).first()


def test_logins_failed_logins_and_logouts_are_logged_with_their_origin(client, editor_minbz):
    login = reverse("login")
    client.post(login, {"username": editor_minbz.email, "password": "fout"}, REMOTE_ADDR="10.1.1.1")
    failed = last("login")
    assert (failed.actor, failed.result, failed.origin) == (
        editor_minbz.email,
        "failed",
        "10.1.1.1",
    )
    assert "fout" not in str(failed.detail)
    client.post(
        login,
        {"username": editor_minbz.email, "password": "een-goed-wachtwoord"},
        REMOTE_ADDR="10.1.1.2",
    )
    ok = last("login")
    assert (ok.actor, ok.result, ok.origin) == (editor_minbz.email, "ok", "10.1.1.2")
    client.post(reverse("logout"), REMOTE_ADDR="10.1.1.2")
    assert last("logout").actor == editor_minbz.email


def test_role_changes_and_memberships_are_logged_with_who_made_them(
    client, administrator, editor_pax, minbz
):
    client.force_login(administrator)
    url = reverse("admin:signatories_user_change", args=[editor_pax.pk])
    page = client.get(url)
    assert page.status_code == 200
    editor_pax.is_coordinator = True
    editor_pax.save()
    change = last("roles_changed")
    assert change.object_label == str(editor_pax)
    assert change.detail == {"is_coordinator": [False, True]}
    Membership.objects.create(user=editor_pax, signatory=minbz)
    assert last("membership_added").detail == {"signatory": minbz.code}
    Membership.objects.filter(user=editor_pax, signatory=minbz).delete()
    assert last("membership_removed").detail == {"signatory": minbz.code}


def test_every_transition_is_logged_and_so_is_a_refusal(
    submission_minbz, editor_minbz, coordinator
):
    fill_all(submission_minbz)
    services.submit_submission(submission=submission_minbz, by=editor_minbz)
    for name, action in [("return", "returned"), ("reopen", "reopened"), ("unlock", "unlocked")]:
        if name == "reopen":
            services.submit_submission(submission=submission_minbz, by=editor_minbz)
            put_in_state(submission_minbz, "approved", coordinator)
        ACTIONS[name](submission_minbz, coordinator)
        row = last(action)
        assert (row.actor, row.result, row.object_id) == (
            coordinator.email,
            "ok",
            str(submission_minbz.pk),
        )
        assert row.origin == "systeem"  # not from a web request
    steps = AuditEvent.objects.filter(object_type="reporting.Submission").order_by("pk")
    assert list(steps.values_list("action", flat=True)) == [
        "submitted",
        "returned",
        "submitted",
        "approved",
        "reopened",
        "unlocked",
    ]
    with pytest.raises(services.WorkflowError):
        services.approve_submission(submission=submission_minbz, by=editor_minbz)
    refused = last("approved")
    assert (refused.actor, refused.result) == (editor_minbz.email, "refused")
    assert "coördinatoren" in refused.detail["reason"]


def test_a_transition_through_the_portal_records_the_clients_address(
    client, submission_minbz, editor_minbz
):
    fill_all(submission_minbz)
    client.force_login(editor_minbz)
    client.post(
        reverse("reporting:submission_submit", args=[submission_minbz.pk]), REMOTE_ADDR="10.9.9.9"
    )
    row = last("submitted")
    assert (row.actor, row.result, row.origin) == (editor_minbz.email, "ok", "10.9.9.9")


def test_the_log_cannot_be_changed_or_deleted(editor_minbz):
    row = AuditEvent.objects.create(action="login", actor=editor_minbz.email, result="ok")
    row.actor = "iemand-anders@example.org"
    for change in (row.save, row.delete, AuditEvent.objects.all().delete):
        with pytest.raises(AppendOnly):
            change()
    with pytest.raises(AppendOnly):
        AuditEvent.objects.filter(pk=row.pk).update(actor="x")
    if connection.vendor != "postgresql":
        return
    # Below the application, PostgreSQL refuses as well.
    for sql in ("UPDATE audit_auditevent SET actor = 'x'", "DELETE FROM audit_auditevent"):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql)
    assert AuditEvent.objects.get(pk=row.pk).actor == editor_minbz.email


def test_retrying_an_edition_is_logged_with_who(round_2025, coordinator):
    from reporting.annex import editions

    from .factories import EditionFactory

    done = EditionFactory(round=round_2025)
    failed = EditionFactory(round=round_2025, state="failed", format="docx")
    editions.retry_edition(edition=failed, by=coordinator)
    with pytest.raises(services.WorkflowError):
        editions.retry_edition(edition=done, by=coordinator)
    logged = AuditEvent.objects.filter(actor=coordinator.email).values_list(
        "action", "object_id", "result"
    )
    assert list(logged.order_by("pk")) == [
        ("edition_retried", str(failed.pk), "ok"),
        ("edition_retried", str(done.pk), "refused"),
    ]

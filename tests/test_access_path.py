"""One way to decide permissions: views ask reporting.access, which tests the rules."""

import ast
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent
VIEW_MODULES = sorted(
    [
        *ROOT.glob("reporting/views/*.py"),
        ROOT / "signatories/views.py",
        ROOT / "indicators/views.py",
    ]
)
ROLE_FLAGS = {"is_coordinator", "is_reader", "is_superuser", "is_staff"}


def bypasses(path):
    """(line, what) for every has_perm call or role flag read on a user in a view module."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Attribute) and node.attr == "has_perm":
            found.append((node.lineno, "has_perm"))
        elif isinstance(node, ast.Attribute) and node.attr in ROLE_FLAGS:
            found.append((node.lineno, node.attr))
    return found


@pytest.mark.parametrize("path", VIEW_MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_view_decides_permissions_itself(path):
    assert bypasses(path) == [], "ask reporting.access (or a rule) instead"


def test_the_check_finds_a_bypass(tmp_path):
    view = tmp_path / "view.py"
    view.write_text(
        "def v(request, s):\n"
        "    if request.user.has_perm('x', s) or request.user.is_coordinator:\n"
        "        pass\n"
    )
    assert sorted(what for _, what in bypasses(view)) == ["has_perm", "is_coordinator"]


def test_an_administrator_reads_a_submission_without_an_edit_form_he_cannot_use(
    client, administrator, entry_minbz
):
    """Finding 11: the page offered a form (has_perm lets superusers through) whose save
    was refused (the write check asks for membership)."""
    entry_minbz.narrative = "<p>Tweede versie.</p>"
    entry_minbz.save()
    client.force_login(administrator)
    page = client.get(reverse("reporting:submission", args=[entry_minbz.submission_id]))
    assert page.status_code == 200
    assert "entry-form" not in page.text
    history = client.get(
        reverse("reporting:entry_history", args=[entry_minbz.submission_id, entry_minbz.pk])
    )
    assert history.status_code == 200
    assert "Deze versie terugzetten" not in history.text
    save = client.post(
        reverse("reporting:entry_save", args=[entry_minbz.submission_id, entry_minbz.pk]),
        {f"e{entry_minbz.pk}-version": 1, f"e{entry_minbz.pk}-narrative": "<p>x</p>"},
    )
    assert save.status_code == 403


def test_an_administrator_who_is_also_a_member_edits_like_any_member(
    client, administrator, minbz, entry_minbz
):
    from signatories.models import Membership

    Membership.objects.create(user=administrator, signatory=minbz)
    client.force_login(administrator)
    page = client.get(reverse("reporting:submission", args=[entry_minbz.submission_id]))
    assert "entry-form" in page.text

"""WCAG 2.2 AA (axe's WCAG 2.1 rules plus 2.5.8 target size): axe-core finds nothing on
any page any role can open, nor in error states; and no page breaks the
Content-Security-Policy."""

import re

import docx
import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.urls import reverse

from ..test_permission_matrix import MATRIX, PUBLIC, ROLES

AXE = Axe()
# axe's rules run by default cover WCAG 2.0 and 2.1 AA; 2.2 AA adds 2.5.8 target size.
OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}
# Answers that are not pages: files and JSON.
NOT_PAGES = {
    "reporting:edition_download",
    "reporting:round_export",
    "reporting:submission_pdf",
    "reporting:submission_docx",
    "reporting:wordform_download",
    "reporting:indicator_chart",
    "reporting:round_chart",
    "session_status",
    "health",
}


def pages_for(role, objects):
    for name, kwargs, expected, *method in MATRIX:
        if method or expected[role] != 200 or name in NOT_PAGES:
            continue
        yield reverse(name, kwargs=kwargs(objects) if callable(kwargs) else kwargs)


REPORT_CSP = """document.addEventListener("securitypolicyviolation", e => console.error(
  "CSP:", e.violatedDirective, e.sourceFile + ":" + e.lineNumber,
  e.target && e.target.outerHTML ? e.target.outerHTML.slice(0, 200) : ""))"""


@pytest.fixture
def page(page):
    """The browser page, noting what the CSP blocks and what does not load."""
    page.add_init_script(REPORT_CSP)
    page.blocked, page.broken = [], []
    page.on("console", lambda m: page.blocked.append(m.text) if m.text.startswith("CSP:") else None)
    page.on("response", lambda r: page.broken.append(r.url) if r.status >= 400 else None)
    return page


def check(page, url, problems):
    """Open `url` (or take the page as it is, for None); note what the CSP blocked, what did
    not load, and what axe finds."""
    if url:
        page.blocked.clear()
        page.broken.clear()
        page.goto(url)
    page.wait_for_load_state("networkidle")
    problems += [f"{page.url}: {m}" for m in page.blocked]  # before axe, which adds its own
    problems += [f"{page.url}: did not load {u}" for u in page.broken if u != page.url]
    for violation in AXE.run(page, options=OPTIONS).response["violations"]:
        nodes = violation["nodes"]
        problems.append(
            f"{page.url}: {violation['id']} ({violation['help']}), {len(nodes)}×, "
            f"e.g. {nodes[0]['target']} {nodes[0]['html'][:160]}"
        )


@pytest.fixture(params=["nl", "en"])
def language(request, context, live_server):
    """The interface language, as the header's switch sets it."""
    cookie = {"name": settings.LANGUAGE_COOKIE_NAME, "value": request.param}
    context.add_cookies([cookie | {"url": live_server.url}])
    return request.param


@pytest.mark.parametrize("role", [role for role in ROLES if role != "anonymous"])
def test_every_page_a_role_can_open_passes_axe(
    role, language, world, request, log_in, page, live_server
):
    log_in(request.getfixturevalue(role))
    problems = []
    urls = list(pages_for(role, world))
    assert urls
    for url in urls:
        check(page, live_server.url + url, problems)
    assert not problems, "\n\n".join(problems)


def test_public_pages_and_the_login_error_pass_axe(language, world, page, live_server):
    problems = []
    for name in PUBLIC:
        if name not in NOT_PAGES:
            check(page, live_server.url + reverse(name), problems)
    page.goto(live_server.url + reverse("login"))
    page.locator("input[name=username]").fill("sanne@minbz.example.org")
    page.locator("input[name=password]").fill("verkeerd")
    page.locator("main button[type=submit]").click()
    assert page.locator(".error-summary").is_visible()
    assert page.locator("html").get_attribute("lang") == language
    check(page, None, problems)
    assert not problems, "\n\n".join(problems)


def test_forms_in_their_error_states_pass_axe(
    language, world, browser, page, live_server, log_in, editor_minbz, editor_pax, coordinator
):
    problems = []
    # An editor hands in a report with answers missing: the list of what is missing.
    log_in(editor_pax)
    pax = editor_pax.memberships.get().signatory.submissions.get()
    check(page, live_server.url + reverse("reporting:submission_submit", args=[pax.pk]), problems)
    assert page.locator("main a[href*='#antwoord-']").count() > 0
    # A wrong current password.
    page.goto(live_server.url + reverse("password_change"))
    page.locator("input[name=old_password]").fill("niet-mijn-wachtwoord")
    page.locator("input[name=new_password1]").fill("een-nieuw-lang-wachtwoord")
    page.locator("input[name=new_password2]").fill("een-nieuw-lang-wachtwoord")
    page.locator("main button[type=submit]").click()
    assert page.locator(".error-summary").is_visible()
    check(page, None, problems)
    # An answer saved without JavaScript with a number that is not one.
    log_in(editor_minbz)
    entry = world["entry"]
    page.goto(live_server.url + reverse("reporting:submission", args=[world["submission"].pk]))
    page.evaluate(
        """pk => { const form = document.querySelector(`form[data-entry="${pk}"]`);
                   const number = form.querySelector('input[name$="-number"]');
                   if (number) number.value = 'twaalf';
                   form.removeAttribute('data-hx-post'); form.submit(); }""",
        entry.pk,
    )
    page.wait_for_load_state()
    check(page, None, problems)
    # A coordinator returns a report without saying why.
    log_in(coordinator)
    page.goto(
        live_server.url + reverse("reporting:submission_return", args=[world["submission"].pk])
    )
    page.locator("main button[type=submit]").click()
    assert page.locator(".error-summary").is_visible()
    check(page, None, problems)
    assert not problems, "\n\n".join(problems)


def test_sign_off_and_word_pages_pass_axe(
    language, world, page, live_server, log_in, editor_minbz, tmp_path
):
    """Pages only an approver, or an editor part-way through a Word upload, sees."""
    from reporting.models import Submission
    from signatories.models import Membership

    from ..factories import UserFactory

    problems = []
    submission = world["submission"]
    # The Word page with a file that is not Word, then a check with changes to choose from.
    log_in(editor_minbz)
    page.goto(live_server.url + reverse("reporting:wordform", args=[submission.pk]))
    bad = tmp_path / "rapport.docx"
    bad.write_bytes(b"%PDF-1.7")
    page.get_by_label(re.compile("(Ingevuld formulier|Completed form)")).set_input_files(bad)
    page.locator("main button[type=submit]").click()
    assert page.locator(".error-summary").is_visible()
    check(page, None, problems)
    with page.expect_download() as download:
        page.locator("main a[download]").click()
    form = tmp_path / "formulier.docx"
    download.value.save_as(form)
    document = docx.Document(form)
    document.tables[0].rows[1].cells[1].paragraphs[0].add_run(" Aangevuld.")
    document.save(form)
    page.get_by_label(re.compile("(Ingevuld formulier|Completed form)")).set_input_files(form)
    page.locator("main button[type=submit]").click()
    assert page.locator("input[name=accept]").count() == 1
    check(page, None, problems)
    # The approver's page, and sending back without comments.
    Submission.objects.filter(pk=submission.pk).update(state="signoff")
    approver = UserFactory(email="directeur@minbz.example.org", full_name="Dirk Directeur")
    Membership.objects.create(user=approver, signatory=submission.signatory, is_approver=True)
    log_in(approver)
    page.goto(live_server.url + reverse("reporting:submission_signoff", args=[submission.pk]))
    check(page, None, problems)
    page.locator("main button[name=return]").click()
    assert page.locator(".error-summary").is_visible()
    check(page, None, problems)
    assert not problems, "\n\n".join(problems)

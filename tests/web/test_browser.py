"""The editor and the public pages in a real browser (Playwright driving Debian's
chromium): an editor changes a phone number and every channel shows it; another
organisation's editor cannot; a personal mailbox is refused while typing and on save; and
every page type, Swedish and English, passes axe-core with no violation. Screenshots at
360 px and 1280 px go to test-artifacts/screenshots/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from serviceguiden.directory.models import Channel, Function

CHROMIUM = Path("/usr/bin/chromium")  # the `browser` and `site` fixtures: tests/conftest.py
PASSWORD = "a-long-test-password"  # tests/directory/factories.make_user
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
WIDTHS = (360, 1280)
# No CSSOM preload: axe would copy the page's stylesheets into inline <style> elements, which
# the pages' Content-Security-Policy refuses (and the CSP watch reports); only the
# css-orientation-lock rule needs it.
AXE_OPTIONS = {"resultTypes": ["violations"], "preload": False}

pytestmark = [
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="needs Debian's chromium at /usr/bin/chromium (apt-get install -y chromium)",
    ),
    pytest.mark.django_db(transaction=True),
]


def sign_in(browser, live_server, username: str, lang: str = "sv", width: int = 1280):
    context = browser.new_context(
        viewport={"width": width, "height": 900}, locale="sv-SE" if lang == "sv" else "en-GB"
    )
    if lang == "en":
        context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page = context.new_page()
    if username:
        page.goto(f"{live_server.url}/redigera/logga-in/")
        page.get_by_label("Användarnamn" if lang == "sv" else "Username").fill(username)
        page.get_by_label("Lösenord" if lang == "sv" else "Password").fill(PASSWORD)
        page.get_by_role("button", name="Logga in" if lang == "sv" else "Sign in").click()
        page.wait_for_url(re.compile(r"/redigera/"))
    return page


def phone_input(page):
    return page.locator("input[name$='-value'][value='031-368 00 00']")


def test_editor_changes_a_phone_number_and_every_channel_shows_it(site, live_server, browser):
    page = sign_in(browser, live_server, "editor_a")
    page.get_by_role("link", name="Bygglov").first.click()
    page.wait_for_url(re.compile(r"/redigera/funktion/bygglov/$"))
    phone_input(page).fill("031-368 77 77")
    page.get_by_role("button", name="Förhandsgranska ändringen").click()

    preview = page.locator("#preview")
    preview.wait_for()
    assert "031-368 77 77" in preview.inner_text()
    assert "påverkar 1 ärende" in preview.inner_text()
    assert Channel.objects.filter(value="031-368 00 00", function=site.function_a).exists()

    preview.get_by_role("button", name="Spara ändringen").click()
    page.locator(".msg.success").wait_for()
    assert Channel.objects.filter(value="031-368 77 77", function=site.function_a).exists()

    page.goto(f"{live_server.url}/amne/bygga-altan")
    assert page.locator("a[href='tel:+46313687777']").inner_text() == "031-368 77 77"

    page.goto(f"{live_server.url}/demo/artikel?topic=bygga-altan")
    page.locator("sg-kontakt[data-sg-state=ready] a[href='tel:+46313687777']").wait_for()
    # the oEmbed answer's iframe and the plain iframe (loading="lazy": scrolled to first)
    selector = "iframe[src*='/embed/topics/bygga-altan/frame']"
    assert page.locator(selector).count() == 2
    for index in range(2):
        page.locator(selector).nth(index).scroll_into_view_if_needed()
        page.frame_locator(selector).nth(index).locator("a[href='tel:+46313687777']").wait_for()
    text = page.locator("main").inner_text()
    assert "031-368 00 00" not in text
    assert text.count("031-368 77 77") >= 2  # the server-side include and the web component
    page.context.close()


def test_editor_of_another_organisation_cannot_edit(site, live_server, browser):
    page = sign_in(browser, live_server, "editor_b")
    page.goto(f"{live_server.url}/amne/bygga-altan")
    assert page.get_by_role("link", name="Redigera ärendet").count() == 0
    page.goto(f"{live_server.url}/redigera/organisation/miljo/")
    assert page.locator("a[href='/redigera/funktion/bygglov/']").count() == 0

    response = page.goto(f"{live_server.url}/redigera/funktion/bygglov/")
    assert response.status == 403
    assert page.locator("input[name$='-value']").count() == 0

    page.goto(f"{live_server.url}/redigera/funktion/miljotillsyn/")  # their own, for a token
    token = page.locator("input[name=csrfmiddlewaretoken]").first.input_value()
    phone = Channel.objects.get(function=site.function_a, kind="phone")
    forged = page.request.post(
        f"{live_server.url}/redigera/funktion/bygglov/",
        form={
            "csrfmiddlewaretoken": token, "f-name": "Bygglov", "f-review_by": "2030-01-01",
            "f-expected_version": str(site.function_a.version), "channels-TOTAL_FORMS": "1",
            "channels-INITIAL_FORMS": "1", "channels-0-id": str(phone.pk),
            "channels-0-kind": "phone", "channels-0-value": "031-999 99 99",
            "channels-0-expected_version": str(phone.version), "step": "save",
        },
        headers={"Referer": f"{live_server.url}/redigera/funktion/miljotillsyn/"},
    )  # fmt: skip
    assert forged.status == 403
    phone.refresh_from_db()
    assert phone.value == "031-368 00 00"
    page.context.close()


def test_personal_mailbox_shows_the_rule_while_typing_and_is_not_saved(site, live_server, browser):
    page = sign_in(browser, live_server, "editor_a")
    page.goto(f"{live_server.url}/redigera/funktion/bygglov/")
    mailbox = page.locator("input[name$='-value'][value='bygglov@sbk.goteborg.se']")
    field_id = mailbox.get_attribute("id")
    mailbox.fill("anna.svensson@sbk.goteborg.se")
    live = page.locator(f"#{field_id}-live")
    live.locator(".problem").wait_for()
    assert "P3-personal-email" in live.inner_text()
    assert mailbox.get_attribute("aria-invalid") == "true"

    mailbox.fill("bygglov.sbk@sbk.goteborg.se")  # a function mailbox: the warning goes away
    # (a locator, not wait_for_function: the page's CSP allows no eval, Playwright's included)
    live.locator(".problem").wait_for(state="detached")

    mailbox.fill("anna.svensson@sbk.goteborg.se")
    page.get_by_role("button", name="Förhandsgranska ändringen").click()
    page.locator(".errorlist", has_text="P3-personal-email").wait_for()
    assert page.locator("#preview").count() == 0
    assert not Channel.objects.filter(value__startswith="anna.").exists()
    assert Function.objects.get(pk=site.function_a.pk).version == site.function_a.version
    page.context.close()


# -- accessibility: every page type, Swedish and English --------------------------------


def _public_pages():
    return [
        ("hitta-kontakt", "/"),
        ("sok", "/sok?q=altan"),
        ("sok-inget", "/sok?q=qqqqqq"),
        ("amne", "/amne/bygga-altan"),
        ("organisation", "/organisation/sbk"),
        ("logga-in", "/redigera/logga-in/"),
        ("404", "/amne/finns-inte"),
    ]


def _editor_pages(site):
    return [
        ("min-organisation", "/redigera/organisation/sbk/"),
        ("funktion", "/redigera/funktion/bygglov/"),
        ("funktion-ny", "/redigera/organisation/sbk/ny-funktion/"),
        ("funktion-historik", "/redigera/funktion/bygglov/historik/"),
        ("funktion-arkivera", "/redigera/funktion/bygglov/arkivera/"),
        ("amne-redigera", "/redigera/amne/bygga-altan/"),
        ("amne-nytt", "/redigera/organisation/sbk/nytt-amne/"),
        ("amne-historik", "/redigera/amne/bygga-altan/historik/"),
        ("medlemmar", "/redigera/organisation/sbk/medlemmar/"),
        ("organisation-uppgifter", "/redigera/organisation/sbk/uppgifter/"),
        ("externa-aktorer", "/redigera/externa-aktorer/"),
        ("anvandarguide", "/redigera/guide/"),
        ("sokningar-utan-traff", "/redigera/sokningar-utan-traff/"),  # with "qqqqqq" from above
        ("ej-tillatet", "/redigera/funktion/miljotillsyn/"),  # another organisation's: 403
    ]


def _check(page, axe, name: str, lang: str, width: int) -> list[str]:
    """Axe violations of the page, and a screenshot; at 360 px nothing may scroll sideways."""
    problems = []
    page.wait_for_load_state("load")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{lang}-{name}-{width}.png"), full_page=True)
    if width == WIDTHS[0]:
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            problems.append(f"{lang} {name}: {overflow}px wider than a {width}px screen")
        return problems
    assert page.locator("h1").count() == 1, f"{lang} {name}: not exactly one <h1>"
    results = axe.run(page, options=AXE_OPTIONS)
    for violation in results.response["violations"]:
        nodes = "; ".join(n["target"][0] if n["target"] else "?" for n in violation["nodes"][:3])
        problems.append(f"{lang} {name}: {violation['id']} ({violation['impact']}) at {nodes}")
    return problems


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_page_type_passes_axe_with_screenshots(site, live_server, browser, lang):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    problems = []
    for width in WIDTHS:
        public = sign_in(browser, live_server, "", lang, width)
        for name, path in _public_pages():
            public.goto(live_server.url + path)
            problems += _check(public, axe, name, lang, width)
        public.context.close()

        page = sign_in(browser, live_server, "admin_a", lang, width)
        for name, path in _editor_pages(site):
            page.goto(live_server.url + path)
            problems += _check(page, axe, name, lang, width)
        page.goto(f"{live_server.url}/redigera/funktion/bygglov/")
        phone_input(page).fill("031-368 55 55")
        page.locator("#function-form button[name=step][value=preview]").click()
        page.locator("#preview").wait_for()
        problems += _check(page, axe, "funktion-forhandsgranskning", lang, width)
        page.goto(f"{live_server.url}/redigera/funktion/bygglov/")
        page.locator("input[name$='-value'][value='bygglov@sbk.goteborg.se']").fill(
            "anna.svensson@sbk.goteborg.se"
        )
        page.locator("#function-form button[name=step][value=preview]").click()
        page.locator(".errorlist").first.wait_for()
        problems += _check(page, axe, "funktion-regelbrott", lang, width)
        page.goto(f"{live_server.url}/redigera/amne/bygga-altan/")
        page.locator("button[name=step][value=preview]").click()
        page.locator("#preview").wait_for()
        problems += _check(page, axe, "amne-forhandsgranskning", lang, width)
        page.context.close()

        root = sign_in(browser, live_server, "root", lang, width)
        for name, path in [
            ("min-organisationer", "/redigera/"),
            ("extern-aktor", "/redigera/externa-aktorer/polisen/"),
        ]:
            root.goto(live_server.url + path)
            problems += _check(root, axe, name, lang, width)
        root.context.close()
    assert problems == [], "\n".join(problems)


def _admin_pages(site):
    pk = site.function_a.pk
    return [
        ("admin", "/admin/"),
        ("admin-funktioner", "/admin/directory/function/"),
        ("admin-funktion", f"/admin/directory/function/{pk}/change/"),
        ("admin-historik", f"/admin/directory/function/{pk}/history/"),
        ("admin-leveranser", "/admin/publishing/delivery/"),
        ("admin-sokningar-utan-traff", "/admin/publishing/missedsearch/"),
        ("admin-inloggningsforsok", "/admin/axes/accessattempt/"),
        ("admin-bakgrundsjobb", "/admin/django_tasks_database/dbtaskresult/"),
    ]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_admin_pages_pass_axe(site, live_server, browser, lang):
    """The admin is Django's (its own layout for narrow screens); axe checks it at 1280 px."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    problems = []
    page = sign_in(browser, live_server, "root", lang, WIDTHS[1])
    for name, path in _admin_pages(site):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        problems += _check(page, axe, name, lang, WIDTHS[1])
    page.context.close()
    assert problems == [], "\n".join(problems)

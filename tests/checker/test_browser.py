"""Granskning in a real browser (Playwright driving Debian's chromium, axe-core): every page
type, Swedish and English, 360 px and 1280 px, with no axe violation and nothing wider than a
phone's screen; a running scan's progress bar follows the worker. Screenshots go to
test-artifacts/screenshots/granskning/."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from serviceguiden.checker import runs
from serviceguiden.checker.models import Page

CHROMIUM = Path("/usr/bin/chromium")
PASSWORD = "a-long-test-password"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots" / "granskning"
WIDTHS = (360, 1280)

pytestmark = [
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="needs Debian's chromium at /usr/bin/chromium (apt-get install -y chromium)",
    ),
    pytest.mark.django_db(transaction=True),
]


def sign_in(browser, live_server, username: str, lang: str, width: int):
    context = browser.new_context(viewport={"width": width, "height": 900},
                                  locale="sv-SE" if lang == "sv" else "en-GB")  # fmt: skip
    if lang == "en":
        context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page = context.new_page()
    page.goto(f"{live_server.url}/redigera/logga-in/")
    page.get_by_label("Användarnamn" if lang == "sv" else "Username").fill(username)
    page.get_by_label("Lösenord" if lang == "sv" else "Password").fill(PASSWORD)
    page.get_by_role("button", name="Logga in" if lang == "sv" else "Sign in").click()
    page.wait_for_url(re.compile(r"/redigera/"))
    return page


def check(page, axe, name: str, lang: str, width: int) -> list[str]:
    page.wait_for_load_state("load")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{lang}-{name}-{width}.png"), full_page=True)
    problems = []
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    if overflow > 0:
        problems.append(f"{lang} {name} at {width}px: {overflow}px wider than the screen")
    if page.locator("h1").count() != 1:
        problems.append(f"{lang} {name}: not exactly one <h1>")
    for violation in axe.run(page, options={"resultTypes": ["violations"]}).response["violations"]:
        nodes = "; ".join(n["target"][0] for n in violation["nodes"][:3] if n["target"])
        problems.append(
            f"{lang} {name} {width}px: {violation['id']} ({violation['impact']}) {nodes}"
        )
    return problems


@pytest.fixture
def scanned(site, tmp_path):
    for _ in range(2):  # two runs: the trend has two points, findings are "still there"
        out = tmp_path / "r.json"
        with contextlib.suppress(SystemExit):  # exit status 1: errors found
            call_command("scan", site.base_url + "/", "--allow-private", "--format", "json",
                         "--output", str(out))  # fmt: skip
    return site


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_granskning_pages_pass_axe_with_screenshots(scanned, live_server, browser, lang):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    queued = runs.create([scanned.base_url + "/"], {"allow_private": True})
    page_pk = Page.objects.filter(url=f"{scanned.base_url}/omrade/miljo/artikel-1/").last().pk
    template_pk = Page.objects.filter(kind="template", owner__slug="sbk").last().pk
    problems = []
    for width in WIDTHS:
        admin = sign_in(browser, live_server, "root", lang, width)
        for name, path in [
            ("oversikt", "/redigera/granskning/"),
            ("hela-staden", "/redigera/granskning/hela-staden/"),
            ("ej-tilldelad", "/redigera/granskning/ej-tilldelad/?principle=P2"),
            ("sida", f"/redigera/granskning/sida/{page_pk}/"),
            ("sidmall", f"/redigera/granskning/sida/{template_pk}/"),
            ("korning", f"/redigera/granskning/korning/{queued.pk}/"),
        ]:
            admin.goto(live_server.url + path)
            if name == "sida":
                admin.locator("details summary").first.click()  # open the embed code
            problems += check(admin, axe, name, lang, width)
        admin.context.close()
        editor = sign_in(browser, live_server, "editor_a", lang, width)
        editor.goto(f"{live_server.url}/redigera/granskning/sbk/")
        problems += check(editor, axe, "forvaltning", lang, width)
        editor.context.close()
    assert problems == [], "\n".join(problems)


def test_the_progress_bar_follows_a_running_scan(scanned, live_server, browser):
    from serviceguiden.checker.crawl import run_slice

    run = runs.create([scanned.base_url + "/"], {"allow_private": True})
    page = sign_in(browser, live_server, "root", "sv", 1280)
    page.goto(f"{live_server.url}/redigera/granskning/korning/{run.pk}/")
    assert page.locator("#run-bar").get_attribute("value") == "0"
    run_slice(run.pk)  # the worker reads the whole site meanwhile
    page.wait_for_url(re.compile(r"/korning/"), wait_until="load")
    page.locator("dl.figures").wait_for(timeout=10_000)  # reloaded when the run was done
    assert int(page.locator("#run-bar").get_attribute("value")) > 60
    page.context.close()

"""The editor and the public pages in a real browser, as people use them: the error summary
takes the focus and leads to the field, channels move with the keyboard, an organisation
page shows its name and website once, an archived function comes back; every one of these
pages passes axe. The documentation's screenshots (docs/screenshots/) are taken from the
demo registry when SERVICEGUIDEN_DOC_SCREENSHOTS=1; otherwise they go to test-artifacts/."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from serviceguiden.directory.models import Channel, Function

from .test_browser import AXE_OPTIONS, CHROMIUM, PASSWORD, sign_in

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs" / "screenshots"
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"

pytestmark = [
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="needs Debian's chromium at /usr/bin/chromium (apt-get install -y chromium)",
    ),
    pytest.mark.django_db(transaction=True),
]


def violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=AXE_OPTIONS)
    return [
        f"{v['id']} at {'; '.join(n['target'][0] for n in v['nodes'][:3])}"
        for v in results.response["violations"]
    ]


def focused_id(page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.id")


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_error_summary_takes_the_focus_and_leads_to_the_field(site, live_server, browser, lang):
    page = sign_in(browser, live_server, "editor_a", lang)
    page.goto(f"{live_server.url}/redigera/funktion/bygglov/")
    mailbox = page.locator("input[name$='-value'][value='bygglov@sbk.goteborg.se']")
    field_id = mailbox.get_attribute("id")
    mailbox.fill("anna.svensson@sbk.goteborg.se")
    page.locator("#function-form button[name=step][value=preview]").click()
    summary = page.locator("#error-summary")
    summary.wait_for()
    expect(summary).to_be_focused()
    assert page.title().startswith("Fel: " if lang == "sv" else "Error: ")
    assert summary.bounding_box()["y"] < 400  # at the top, not 1,500 px down
    assert violations(page) == []

    page.keyboard.press("Tab")  # the first link in the summary
    page.keyboard.press("Enter")
    expect(page.locator(f"#{field_id}")).to_be_focused()
    label = page.locator(f"label[for='{field_id}']")
    assert 0 <= label.bounding_box()["y"] < 900  # its label is in view above it
    page.context.close()


def test_without_javascript_the_summary_still_gets_the_focus(site, live_server, browser):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/redigera/logga-in/")
    page.fill("#id_username", "editor_a")
    page.fill("#id_password", "wrong password")
    page.locator("main button[type=submit]").click()
    page.locator("#error-summary").wait_for()
    assert focused_id(page) == "error-summary"  # `autofocus`
    context.close()


def test_channels_move_with_the_keyboard_and_the_order_is_saved(site, live_server, browser):
    page = sign_in(browser, live_server, "editor_a")
    page.goto(f"{live_server.url}/redigera/funktion/bygglov/")
    values = page.locator("input[name$='-value']")
    assert values.nth(0).input_value() == "bygglov@sbk.goteborg.se"
    down = page.get_by_role("button", name=re.compile("^↓ Flytta ner"))
    down.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert values.nth(0).input_value() == "031-368 00 00"
    assert values.nth(1).input_value() == "bygglov@sbk.goteborg.se"
    # the focus stays with the channel that moved: now last, so on its "Move up" button
    focused = page.evaluate("document.activeElement.textContent")
    assert "Flytta upp" in focused
    assert violations(page) == []
    page.locator("#function-form button[name=step][value=preview]").click()
    page.locator("#preview").wait_for()
    assert "Ordning" in page.locator("#preview").inner_text()
    page.locator("#preview").get_by_role("button", name="Spara ändringen").click()
    page.locator(".msg.success").wait_for()
    order = Channel.objects.filter(function=site.function_a).order_by("position", "id")
    assert [c.value for c in order] == ["031-368 00 00", "bygglov@sbk.goteborg.se"]
    page.context.close()


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_an_organisation_page_shows_its_name_and_website_once(site, live_server, browser, lang):
    page = sign_in(browser, live_server, "", lang)
    page.goto(f"{live_server.url}/organisation/kontaktcenter")
    text = page.locator("main").inner_text()
    assert text.count("goteborg.se/kontakt") == 1
    assert (
        "Webbplats: goteborg.se/kontakt" if lang == "sv" else "Website: goteborg.se/kontakt"
    ) in text
    page.goto(f"{live_server.url}/organisation/sbk")
    text = page.locator("main").inner_text()
    assert text.count("Stadsbyggnadskontoret") <= 3  # heading, box heading, general mailbox
    assert violations(page) == []
    page.context.close()


def test_an_archived_function_comes_back(site, live_server, browser):
    page = sign_in(browser, live_server, "admin_a")
    page.goto(f"{live_server.url}/redigera/funktion/bygglov/arkivera/")
    picker = page.get_by_label("Ersätts av")
    assert picker.get_attribute("list") == "replacement-choices"
    assert violations(page) == []
    picker.fill("Miljötillsyn (Miljöförvaltningen)")
    page.get_by_role("button", name="Arkivera").click()
    page.locator(".msg.success").wait_for()
    assert Function.objects.get(pk=site.function_a.pk).status == "archived"
    assert violations(page) == []
    page.get_by_role("button", name="Ta tillbaka från arkivet").click()
    page.locator(".msg.success").wait_for()
    assert Function.objects.get(pk=site.function_a.pk).status == "published"
    page.context.close()


# -- the documentation's screenshots, from the demo registry ----------------------------


@pytest.fixture
def demo_site(live_server, settings, monkeypatch, tmp_path):
    from django.contrib.auth.hashers import make_password

    from serviceguiden.directory.demo import loader
    from serviceguiden.publishing.publish import publish_all

    settings.DATA_DIR = tmp_path
    settings.SITE_URL = live_server.url
    monkeypatch.setattr(loader, "make_password", lambda _raw: make_password(PASSWORD))
    report = loader.load_demo()
    assert report.ok, report.problems
    publish_all()
    return live_server


def _shoot(page, name: str) -> Path:
    """A screenshot of the page's main part, small: 1,000 px wide, at most 1,200 high."""
    folder = DOCS if os.environ.get("SERVICEGUIDEN_DOC_SCREENSHOTS") == "1" else ARTIFACTS
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    box = page.locator("main").bounding_box()
    height = min(box["height"] + box["y"], 1200)
    page.screenshot(path=str(path), clip={"x": 0, "y": 0, "width": 1000, "height": height})
    return path


def test_screenshots_of_the_demo(demo_site, browser):
    from django.contrib.auth import get_user_model

    from serviceguiden.directory.editing import save_channel, save_function

    url = demo_site.url
    page = sign_in(browser, demo_site, "", "sv", 1000)
    page.goto(f"{url}/sok?q=bygglov")
    assert violations(page) == []
    shots = [_shoot(page, "sok-traffar")]
    page.goto(f"{url}/sok?q=qxzvw")
    assert violations(page) == []
    shots.append(_shoot(page, "sok-inga-traffar"))
    page.context.close()

    editor = get_user_model().objects.get(username="sbk-redaktor")
    function = Function.objects.get(slug="bygglov")
    function.description = "Lov för att bygga nytt, bygga till och riva."
    save_function(function, editor)
    phone = function.channels.get(kind="phone")
    phone.label = "Bygglovsfrågor"
    save_channel(phone, editor)

    page = sign_in(browser, demo_site, "sbk-redaktor", "sv", 1000)
    page.goto(f"{url}/redigera/funktion/bygglov/historik/")
    assert violations(page) == []
    shots.append(_shoot(page, "historik"))
    page.goto(f"{url}/redigera/funktion/bygglov/")
    page.locator("input[name$='-value'][value='bygglov@sbk.goteborg.se']").fill(
        "anna.svensson@sbk.goteborg.se"
    )
    page.locator("#function-form button[name=step][value=preview]").click()
    page.locator("#error-summary").wait_for()
    assert violations(page) == []
    shots.append(_shoot(page, "felsammanfattning"))
    page.context.close()
    for shot in shots:
        assert 10_000 < shot.stat().st_size < 400_000, shot

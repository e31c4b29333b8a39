"""The web component in a real browser (Playwright driving Debian's chromium): it renders
the published contact box, updates after a change in the registry, falls back to a plain
link without JavaScript, and the demo article passes an axe accessibility check."""

from __future__ import annotations

from pathlib import Path

import pytest

from serviceguiden.directory.editing import save_channel
from serviceguiden.publishing.publish import publish

CHROMIUM = Path("/usr/bin/chromium")  # the `browser` and `site` fixtures: tests/conftest.py

pytestmark = [
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="needs Debian's chromium at /usr/bin/chromium (apt-get install -y chromium)",
    ),
    pytest.mark.django_db(transaction=True),
]


def test_web_component_renders_and_updates_after_a_change(site, live_server, browser):
    page = browser.new_page()
    page.goto(f"{live_server.url}/demo/artikel?topic=bygga-altan&refresh=1")
    box = page.locator("sg-kontakt[data-sg-state=ready]")
    box.locator("a[href='tel:+46313680000']").wait_for(timeout=10_000)
    assert box.locator("h2").inner_text() == "Kontakt: Bygga altan"
    assert "Mån–fre 08.00–16.30" in box.inner_text()

    channel = site.function_a.channels.get(kind="phone")
    channel.value = "031-368 40 40"
    save_channel(channel, site.root)
    publish([channel])

    box.locator("a[href='tel:+46313684040']").wait_for(timeout=10_000)
    assert "031-368 40 40" in box.inner_text()
    assert "031-368 00 00" not in box.inner_text()
    page.close()


def test_without_javascript_the_element_is_a_plain_link(site, live_server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/demo/artikel?topic=bygga-altan")
    link = page.locator("sg-kontakt a")
    assert link.inner_text() == "Kontakt: Bygga altan"
    assert link.get_attribute("href") == f"{live_server.url}/embed/topics/bygga-altan/frame"
    context.close()


def test_demo_article_passes_axe(site, live_server, browser):
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page()
    page.goto(f"{live_server.url}/demo/artikel?topic=bygga-altan")
    page.locator("sg-kontakt[data-sg-state=ready]").wait_for(timeout=10_000)
    results = Axe().run(
        page,
        options={
            "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
        },
    )
    violations = results.response["violations"]
    assert violations == [], results.generate_report()
    page.close()

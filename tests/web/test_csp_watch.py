"""The browser tests' Content-Security-Policy watch catches a violation (so that "no page logs
a violation" in the browser tests means something)."""

import pytest
from conftest import CHROMIUM, CspWatchedBrowser

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium")


def test_the_watch_reports_an_inline_script_the_policy_refuses():
    from conftest import CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = CspWatchedBrowser(
            playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        )
        page = browser.new_page()
        page.route(
            "http://csp.test/",
            lambda route: route.fulfill(
                status=200,
                headers={"Content-Security-Policy": "script-src 'self'"},
                content_type="text/html",
                body="<!doctype html><title>t</title><script>document.title='ran'</script>",
            ),
        )
        page.goto("http://csp.test/")
        assert page.title() == "t"
        browser.close()
    assert len(browser.violations) == 1
    assert "script-src" in browser.violations[0]

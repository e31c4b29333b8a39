"""The spreadsheet import in a real browser: a global admin uploads a real-looking export, waits
for the background worker (the page follows it), sees the dry run and the column mapping,
applies it; axe finds no violation on any of these pages, Swedish and English. Screenshots go
to test-artifacts/screenshots/."""

from __future__ import annotations

import pytest
from publishing.conftest import run_worker

from serviceguiden.directory.models import Function
from serviceguiden.directory.spreadsheet import sample

from .test_browser import CHROMIUM, WIDTHS, _check, sign_in

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium"),
    pytest.mark.django_db(transaction=True),
]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_upload_dry_run_and_apply_pass_axe(site, live_server, browser, lang, tmp_path):
    from axe_playwright_python.sync_playwright import Axe

    made = sample.write_xlsx(tmp_path / "kontakter.xlsx", rows=40)
    axe, problems = Axe(), []
    page = sign_in(browser, live_server, "root", lang, WIDTHS[1])
    page.goto(live_server.url + "/redigera/importera/")
    problems += _check(page, axe, "importera", lang, WIDTHS[1])
    page.set_input_files("input[type=file]", str(tmp_path / "kontakter.xlsx"))
    page.get_by_role("button", name="Läs filen och provkör" if lang == "sv" else
                     "Read the file and try it").click()  # fmt: skip
    page.wait_for_selector("#import-progress")  # the dry run waits for the worker
    problems += _check(page, axe, "importera-vantar", lang, WIDTHS[1])
    run_worker()
    page.wait_for_selector("#mapping-heading", timeout=15_000)  # import.js reloads the page
    problems += _check(page, axe, "importera-provkorning", lang, WIDTHS[1])
    assert not Function.objects.filter(name=made.rows[0][1]).exists()
    page.locator("button[value=apply]").click()
    page.wait_for_selector("#import-progress")
    run_worker()
    page.wait_for_selector("#summary-heading", timeout=15_000)
    problems += _check(page, axe, "importera-klar", lang, WIDTHS[1])
    assert Function.objects.filter(name=made.rows[0][1]).exists() or made.bad_rows == [0]
    assert problems == []

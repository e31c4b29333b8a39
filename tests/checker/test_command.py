"""`serviceguiden scan` on the command line: sources of every kind, output formats, severity
filter, exit status and clear errors for bad input."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from serviceguiden.checker.models import ScanRun

pytestmark = pytest.mark.django_db


def run_scan(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("scan", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exit:
        code = exit.code
    return code, out.getvalue(), err.getvalue()


def test_text_report_ends_with_a_summary_and_exit_status_1_on_errors(site):
    code, out, _ = run_scan(site.base_url + "/", "--allow-private")
    assert code == 1
    assert "P3-personal-phone" in out
    assert "Sämsta sidor:" in out  # Swedish by default
    assert "sidor och dokument lästa" in out


def test_min_severity_error_leaves_out_warnings(site, tmp_path):
    code, out, _ = run_scan(site.base_url + "/", "--allow-private", "--format", "json",
                            "--min-severity", "error")  # fmt: skip
    severities = {f["severity"] for p in json.loads(out)["pages"] for f in p["findings"]}
    assert severities == {"error"}


def test_csv_and_xlsx_exports(site, tmp_path):
    from openpyxl import load_workbook

    code, out, _ = run_scan(site.base_url + "/", "--allow-private", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == sum(site.rule_counts().values())
    assert {"url", "value", "rule", "registry_key", "context"} <= set(rows[0])
    xlsx = tmp_path / "fynd.xlsx"
    run_id = ScanRun.objects.get().pk
    run_scan("--report", str(run_id), "--format", "xlsx", "--output", str(xlsx))
    sheet = load_workbook(xlsx)["Fynd"]
    assert sheet.max_row == len(rows) + 1


def test_a_private_address_is_refused_without_allow_private(site):
    code, out, _ = run_scan(site.base_url + "/", "--format", "json")
    report = json.loads(out)
    assert report["pages"] == []
    assert "private-address" in report["run"]["summary"]["reasons"]
    assert sum(site.server.requests.values()) == 0  # nothing was fetched


def test_max_pages_stops_the_crawl(site):
    code, out, _ = run_scan(site.base_url + "/", "--allow-private", "--format", "json",
                            "--max-pages", "10")  # fmt: skip
    report = json.loads(out)
    assert report["run"]["summary"]["pages"] <= 10
    assert report["run"]["summary"]["not_queued"] > 0


def test_a_sitemap_source_reads_only_its_pages(site):
    code, out, _ = run_scan(site.base_url + "/sitemap-1.xml", "--allow-private", "--format",
                            "json")  # fmt: skip
    urls = {p["url"] for p in json.loads(out)["pages"] if p["kind"] != "template"}
    assert urls and urls < set(site.expected)
    assert site.server.requests["/robots.txt"] == 1  # asked before any page
    assert not any(path.startswith("/dokument/") for path in site.server.requests)


def test_a_local_folder_with_a_base_url(site, tmp_path):
    code, out, _ = run_scan(str(site.server.root / "omrade"), "--base-url",
                            f"{site.base_url}/omrade/", "--format", "json")  # fmt: skip
    report = json.loads(out)
    found = {p["url"]: p["findings"] for p in report["pages"] if p["kind"] != "template"}
    url = f"{site.base_url}/omrade/miljo/artikel-1/index.html"
    expected = site.expected[f"{site.base_url}/omrade/miljo/artikel-1/"]
    assert sorted((f["rule"], f["value"]) for f in found[url]) == sorted(
        (e.rule, e.value) for e in expected
    )
    assert sum(site.server.requests.values()) == 0  # read from disk, nothing fetched


def test_a_warc_file(site, tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    archive = tmp_path / "site.warc.gz"
    with archive.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for path, media in (("omrade/skola/artikel-6/index.html", "text/html; charset=utf-8"),
                            ("dokument/beslut-6.pdf", "application/pdf")):  # fmt: skip
            body = (site.server.root / path).read_bytes()
            headers = StatusAndHeaders("200 OK", [("Content-Type", media)], protocol="HTTP/1.1")
            url = f"{site.base_url}/{path.removesuffix('index.html')}"
            writer.write_record(writer.create_warc_record(url, "response",
                                payload=io.BytesIO(body), http_headers=headers))  # fmt: skip
    code, out, _ = run_scan(str(archive), "--format", "json")
    found = {p["url"]: p["findings"] for p in json.loads(out)["pages"]}
    pdf = f"{site.base_url}/dokument/beslut-6.pdf"
    assert sorted(f["rule"] for f in found[pdf]) == sorted(e.rule for e in site.expected[pdf])
    assert f"{site.base_url}/omrade/skola/artikel-6/" in found
    assert sum(site.server.requests.values()) == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "Give at least one SOURCE"),
        (("/no/such/folder",), "no such folder or file"),
        (("ftp://example.se/",), "no such folder or file"),
        (("http://127.0.0.1:1/", "--format", "xlsx"), "--format xlsx needs --output"),
        (("http://127.0.0.1:1/", "--concurrency", "0"), "--concurrency must be"),
        (("--report", "999"), "There is no scan run 999"),
    ],
)
def test_bad_input_is_a_clear_error_and_nothing_is_saved(registry, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("scan", *args)
    assert not ScanRun.objects.exists()

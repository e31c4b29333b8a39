"""The whole scan against the generated municipal site on 127.0.0.1: every planted finding
with its principle and registry entry, nothing for embedded boxes, repeated chrome once,
nothing fetched that robots.txt disallows, documents read, duplicates reported once."""

from __future__ import annotations

from collections import Counter

import pytest

pytestmark = pytest.mark.django_db


def findings_by_url(report: dict) -> dict[str, list[dict]]:
    return {p["url"]: p["findings"] for p in report["pages"] if p["kind"] != "template"}


def test_every_planted_finding_is_found_with_its_rule_and_registry_entry(site, scan_json):
    report = scan_json(site.base_url + "/", "--allow-private")
    found = findings_by_url(report)
    for url, expected in site.expected.items():
        assert url in found, f"{url} was not read"
        got = Counter((f["rule"], f["value"]) for f in found[url])
        assert got == Counter((e.rule, e.value) for e in expected), url
        for f, e in zip(sorted(found[url], key=lambda f: f["value"]),
                        sorted(expected, key=lambda e: e.value), strict=True):  # fmt: skip
            registry = f"{f['registry']['kind']}:{f['registry']['key']}" if f["registry"] else None
            assert registry == e.registry, (url, f["value"])
    assert set(found) == set(site.expected)  # nothing else read: no duplicates, no /intern/
    assert all(f["url"] == p["url"] for p in report["pages"] for f in p["findings"])


def test_exact_counts_by_rule_and_principle(site, scan_json):
    report = scan_json(site.base_url + "/", "--allow-private")
    counts = Counter(f["rule"] for p in report["pages"] for f in p["findings"])
    assert counts == site.rule_counts()
    summary = report["run"]["summary"]
    assert summary["pages"] == site.readable
    assert summary["by_rule"] == dict(site.rule_counts())


def test_chrome_and_shared_blocks_are_reported_once_as_templates(site, scan_json):
    report = scan_json(site.base_url + "/", "--allow-private")
    templates = [p for p in report["pages"] if p["kind"] == "template"]
    assert len(templates) == len(site.templates)
    for text, expected, pages in site.templates:
        match = [t for t in templates if Counter((f["rule"], f["value"]) for f in t["findings"])
                 == Counter((e.rule, e.value) for e in expected)]  # fmt: skip
        assert len(match) == 1, text
        assert match[0]["seen_on"] == pages


def test_embedded_boxes_are_not_reported(site, scan_json):
    report = scan_json(site.base_url + "/", "--allow-private")
    clean = [p for p in report["pages"] if p["embeds"]]
    assert clean and all(p["findings"] == [] for p in clean)
    assert sum(p["embeds"] for p in report["pages"]) == report["run"]["summary"]["embeds"] > 0


def test_nothing_disallowed_by_robots_txt_is_fetched(site, scan_json):
    scan_json(site.base_url + "/", "--allow-private")
    requested = site.server.requests
    assert requested["/robots.txt"] == 1
    assert not [p for p in requested if p.startswith("/intern/")]
    assert requested["/sitemap.xml.gz"] == 1 and requested["/sitemap-2.xml.gz"] == 1
    assert requested["/arkiv/gammal-sida/"] == 1  # only the sitemap knows it
    assert max(requested.values()) == 1  # no page fetched twice


def test_ownership_from_url_prefixes(site, scan_json, registry):
    report = scan_json(site.base_url + "/", "--allow-private")
    owners = {p["url"]: p["owner"] for p in report["pages"] if p["kind"] != "template"}
    assert owners[f"{site.base_url}/omrade/bygga/artikel-0/"] == "sbk"
    assert owners[f"{site.base_url}/omrade/miljo/artikel-1/"] == "miljo"
    assert owners[f"{site.base_url}/omrade/skola/artikel-2/"] is None
    side_column = [p for p in report["pages"] if p["kind"] == "template" and p["owner"]]
    assert [p["owner"] for p in side_column] == ["sbk"]

"""Granskning in the editor: who sees what (each administration its own pages, global
admins the whole city, outsiders nothing), the pages render with one <h1>, exports, and the
write paths (start a scan, accept a finding) refused to everyone but global admins."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from django.test import Client

from serviceguiden.checker.models import AcceptedFinding, Finding, Page, ScanRun, ScanSchedule

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "outsider", "viewer_a", "editor_a", "admin_a", "editor_b", "global_admin"]


@pytest.fixture
def scanned(site, scan_json):
    scan_json(site.base_url + "/", "--allow-private")
    return site


def client_for(cast, role):
    client = Client()
    if (user := cast.user(role)) is not None:
        client.force_login(user)
    return client


def page_of(owner_slug: str | None) -> Page:
    pages = Page.objects.exclude(kind="template").filter(findings__isnull=False)
    if owner_slug is None:
        return pages.filter(owner__isnull=True).first()
    return pages.filter(owner__slug=owner_slug).first()


# role -> expected status per URL; 302 is the sign-in redirect
MATRIX = {
    "overview": {"anonymous": 302, "outsider": 403, "viewer_a": 200, "editor_a": 200,
                 "admin_a": 200, "editor_b": 200, "global_admin": 200},
    "sbk": {"anonymous": 302, "outsider": 403, "viewer_a": 200, "editor_a": 200,
            "admin_a": 200, "editor_b": 403, "global_admin": 200},
    "city": {"anonymous": 302, "outsider": 403, "viewer_a": 403, "editor_a": 403,
             "admin_a": 403, "editor_b": 403, "global_admin": 200},
    "sbk-page": {"anonymous": 302, "outsider": 403, "viewer_a": 200, "editor_a": 200,
                 "admin_a": 200, "editor_b": 403, "global_admin": 200},
    "unassigned-page": {"anonymous": 302, "outsider": 403, "viewer_a": 403, "editor_a": 403,
                        "admin_a": 403, "editor_b": 403, "global_admin": 200},
    "sbk-csv": {"anonymous": 302, "outsider": 403, "viewer_a": 200, "editor_a": 200,
                "admin_a": 200, "editor_b": 403, "global_admin": 200},
}  # fmt: skip


def url_of(name: str) -> str:
    return {
        "overview": "/redigera/granskning/",
        "sbk": "/redigera/granskning/sbk/",
        "city": "/redigera/granskning/hela-staden/",
        "sbk-page": f"/redigera/granskning/sida/{page_of('sbk').pk}/",
        "unassigned-page": f"/redigera/granskning/sida/{page_of(None).pk}/",
        "sbk-csv": "/redigera/granskning/sbk/export.csv",
    }[name]


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(scanned, cast, role):
    client = client_for(cast, role)
    for name, expected in MATRIX.items():
        response = client.get(url_of(name))
        assert response.status_code == expected[role], (name, role)
        if expected[role] == 200 and not name.endswith("csv"):
            assert len(re.findall(r"<h1[\s>]", response.content.decode())) == 1, name


def test_an_organisation_sees_only_its_own_findings(scanned, cast):
    response = client_for(cast, "editor_a").get("/redigera/granskning/sbk/export.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows and {r["owner"] for r in rows} == {"sbk"}
    page = client_for(cast, "editor_b").get("/redigera/granskning/miljo/").content.decode()
    assert "/omrade/bygga/" not in page


def test_the_city_view_counts_every_finding_and_exports_xlsx(scanned, cast):
    from openpyxl import load_workbook

    client = client_for(cast, "global_admin")
    html = client.get("/redigera/granskning/hela-staden/").content.decode()
    total = Finding.objects.count()
    assert f"<dd>{total}</dd>" in html
    assert "<svg" in html and "<caption" in html  # the chart and its table
    xlsx = client.get("/redigera/granskning/hela-staden/export.xlsx")
    assert load_workbook(io.BytesIO(xlsx.content))["Fynd"].max_row == total + 1


def test_a_page_shows_each_finding_with_context_fix_and_embed_code(scanned, cast):
    page = Page.objects.get(url=f"{scanned.base_url}/omrade/miljo/artikel-1/")
    html = client_for(cast, "global_admin").get(f"/redigera/granskning/sida/{page.pk}/")
    text = html.content.decode()
    assert "P2-hard-coded-copy" in text and "<mark>" in text
    assert "&lt;sg-kontakt" in text  # the embed code to paste, escaped in a textarea


@pytest.mark.parametrize("role", ["outsider", "viewer_a", "editor_a", "admin_a", "editor_b"])
def test_only_a_global_admin_accepts_a_finding(scanned, cast, role, today):
    finding = Finding.objects.filter(page__owner=cast.org_a, severity="error").first()
    response = client_for(cast, role).post(
        f"/redigera/granskning/fynd/{finding.pk}/godta/",
        {"reason": "x", "ends_on": (today + dt.timedelta(days=10)).isoformat()},
    )
    assert response.status_code == 403
    assert not AcceptedFinding.objects.exists()


def test_a_global_admin_accepts_and_revokes_a_finding(scanned, cast, today):
    finding = Finding.objects.filter(page__owner=cast.org_a, severity="error").first()
    client = client_for(cast, "global_admin")
    url = f"/redigera/granskning/fynd/{finding.pk}/godta/"
    too_late = (today + dt.timedelta(days=9999)).isoformat()
    bad = client.post(url, {"reason": "Beslut", "ends_on": too_late})
    assert bad.status_code == 302 and not AcceptedFinding.objects.exists()
    client.post(url, {"reason": "Beslut", "ends_on": (today + dt.timedelta(days=30)).isoformat()})
    accepted = AcceptedFinding.objects.get()
    assert accepted.tracked == finding.tracked and accepted.granted_by == cast.root
    client.post(f"/redigera/granskning/godkannande/{accepted.pk}/aterkalla/")
    accepted.refresh_from_db()
    assert accepted.revoked_at is not None


@pytest.mark.parametrize("role", ["outsider", "viewer_a", "editor_a", "admin_a"])
def test_only_a_global_admin_starts_a_scan(registry, cast, role):
    response = client_for(cast, role).post("/redigera/granskning/starta/",
                                           {"url": "https://goteborg.se/"})  # fmt: skip
    assert response.status_code == 403
    assert not ScanRun.objects.exists()


def test_starting_and_scheduling_a_scan_queues_background_tasks(registry, cast):
    from django_tasks_db.models import DBTaskResult

    client = client_for(cast, "global_admin")
    response = client.post("/redigera/granskning/starta/", {"url": "https://goteborg.se/"})
    run = ScanRun.objects.get()
    assert response.url == f"/redigera/granskning/korning/{run.pk}/"
    assert DBTaskResult.objects.filter(queue_name="scans").count() == 2
    client.post("/redigera/granskning/starta/", {"url": "https://goteborg.se/", "every_days": 7})
    assert ScanSchedule.objects.get().every_days == 7
    progress = client.get(f"/redigera/granskning/korning/{run.pk}.json").json()
    assert progress["state"] == "queued" and progress["total"] == 1


def test_a_bad_start_address_is_refused_with_its_reason(registry, cast):
    client = client_for(cast, "global_admin")
    response = client.post("/redigera/granskning/starta/", {"url": "inte en adress"}, follow=True)
    assert not ScanRun.objects.exists()
    assert (
        "Startadress" in response.content.decode() or "Start address" in response.content.decode()
    )


@pytest.mark.parametrize(("role", "status"), [("global_admin", 302), ("admin_a", 302),
                                              ("outsider", 302)])  # fmt: skip
def test_only_a_global_admin_adds_a_page_prefix_in_the_admin(registry, cast, role, status):
    from serviceguiden.checker.models import PagePrefix

    client = client_for(cast, role)
    form = {"organisation": cast.org_a.pk, "prefix": "https://goteborg.se/sbk/"}
    response = client.post("/admin/checker/pageprefix/add/", form)
    assert response.status_code == status
    assert PagePrefix.objects.exists() == (role == "global_admin")

"""Results that last: the state of each finding across runs (new, still there, fixed) and
accepted findings with a reason and an end date."""

from __future__ import annotations

import datetime as dt

import pytest

from serviceguiden.checker import acceptance
from serviceguiden.checker.models import Finding, FindingState, ScanRun, TrackedFinding
from serviceguiden.directory.access import AccessDenied
from serviceguiden.directory.errors import RegistryError

pytestmark = pytest.mark.django_db


def article(site, n: int) -> str:
    section = ("bygga", "miljo", "skola", "trafik")[n % 4]
    return f"{site.base_url}/omrade/{section}/artikel-{n}/"


def test_second_run_finds_the_same_findings_still_there(site, scan_json):
    first = scan_json(site.base_url + "/", "--allow-private")
    second = scan_json(site.base_url + "/", "--allow-private")
    states = {f["state"] for p in second["pages"] for f in p["findings"]}
    assert states == {"still"}
    assert second["run"]["summary"]["new"] == 0 and second["run"]["summary"]["fixed"] == 0
    assert TrackedFinding.objects.count() == first["run"]["summary"]["findings"]


def test_a_removed_detail_is_fixed_and_an_added_one_new(site, scan_json):
    scan_json(site.base_url + "/", "--allow-private")
    page = site.server.root / "omrade/miljo/artikel-1/index.html"  # a copy of two details
    html = page.read_text()
    start = html.index("<p>Har du frågor")
    end = html.index("</p>", start) + 4
    page.write_text(html[:start] + "<p>Ring Kalle Nilsson på 031-367 77 66.</p>" + html[end:])
    report = scan_json(site.base_url + "/", "--allow-private")
    run = ScanRun.objects.get(pk=report["run"]["id"])
    fixed = TrackedFinding.objects.filter(fixed_run=run)
    assert sorted(t.rule for t in fixed) == ["P2-hard-coded-copy", "P2-hard-coded-copy"]
    assert all(t.url == article(site, 1) for t in fixed)
    new = Finding.objects.filter(run=run, state=FindingState.NEW)
    assert sorted((f.rule, f.value) for f in new) == [
        ("P3-person-name", "Kalle Nilsson"), ("P3-personal-phone", "031-367 77 66"),
    ]  # fmt: skip
    assert report["run"]["summary"]["fixed"] == 2 and report["run"]["summary"]["new"] == 2


def test_an_accepted_finding_is_not_counted_until_its_end_date(site, scan_json, today):
    first = scan_json(site.base_url + "/", "--allow-private")
    tracked = TrackedFinding.objects.get(rule="P3-personal-phone", url=article(site, 3))
    acceptance.accept(tracked, site_admin(site), reason="Beslut KS 2026-01", ends_on=today
                      + dt.timedelta(days=30))  # fmt: skip
    second = scan_json(site.base_url + "/", "--allow-private")
    assert second["run"]["summary"]["findings"] == first["run"]["summary"]["findings"] - 1
    assert not [f for p in second["pages"] for f in p["findings"]
                if f["value"] == tracked.value and f["rule"] == tracked.rule]  # fmt: skip
    tracked.acceptances.update(ends_on=today - dt.timedelta(days=1))  # it has ended
    third = scan_json(site.base_url + "/", "--allow-private")
    assert third["run"]["summary"]["findings"] == first["run"]["summary"]["findings"]


def site_admin(site):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="root")


@pytest.mark.parametrize("role", ["admin_a", "editor_a", "editor_b", "outsider"])
def test_only_a_global_admin_may_accept_a_finding(site, scan_json, cast, role, today):
    scan_json(site.base_url + "/", "--allow-private")
    tracked = TrackedFinding.objects.filter(owner=cast.org_a).first()
    with pytest.raises(AccessDenied):
        acceptance.accept(tracked, cast.user(role), reason="x", ends_on=today
                          + dt.timedelta(days=5))  # fmt: skip
    assert not tracked.acceptances.exists()


def test_an_acceptance_needs_a_reason_and_an_end_date_within_the_window(site, scan_json, cast,
                                                                        today):  # fmt: skip
    scan_json(site.base_url + "/", "--allow-private")
    tracked = TrackedFinding.objects.first()
    with pytest.raises(RegistryError) as error:
        acceptance.accept(tracked, cast.root, reason=" ", ends_on=today + dt.timedelta(days=999))
    assert {p.rule for p in error.value.problems} == {"SCAN-accept-reason", "SCAN-accept-window"}
    assert not tracked.acceptances.exists()

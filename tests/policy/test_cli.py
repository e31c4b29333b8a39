import json
import subprocess
import sys
from pathlib import Path

import pytest

from serviceguiden.policy.profile import ProfileError, load_profile

CHECK = [sys.executable, "-m", "serviceguiden.cli", "check"]


def run(*args, stdin=""):
    return subprocess.run([*CHECK, *args], input=stdin, capture_output=True, text=True, check=False)


def test_json_contract_and_exit_status_on_error(tmp_path):
    page = tmp_path / "sida.html"
    page.write_text(
        "<p>Kontakt: Anna Svensson, 031-368 12 34, "
        '<a href="mailto:anna.svensson@goteborg.se">mejla</a></p>',
        encoding="utf-8",
    )
    result = run("--format", "json", str(page))
    assert result.returncode == 1
    payload = json.loads(result.stdout)
    (document,) = payload["documents"]
    raw = page.read_text(encoding="utf-8")
    keys = {"value", "start", "end", "kind", "label", "rule", "principle", "severity", "message",
            "fix", "evidence"}  # fmt: skip
    assert {f["rule"] for f in document["findings"]} == {
        "P3-person-name",
        "P3-personal-phone",
        "P3-personal-email",
    }
    for finding in document["findings"]:
        assert keys <= finding.keys()
        assert raw[finding["start"] : finding["end"]] == finding["value"]


def test_only_info_findings_exit_zero():
    result = run("-", stdin="Ring kontaktcenter på 031-365 00 00.")
    assert result.returncode == 0
    assert "P2-contact-center" in result.stdout


def test_unreadable_file_is_reported_and_the_others_still_checked(tmp_path):
    good = tmp_path / "a.txt"
    good.write_text("Mejla info@polisen.se", encoding="utf-8")
    result = run(str(tmp_path / "saknas.txt"), str(good))
    assert "saknas.txt: no such file or directory" in result.stderr
    assert "P4-external-email" in result.stdout
    assert result.returncode == 1


def test_directory_is_checked_recursively(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("# Kontakt\nbygglov@sbk.goteborg.se", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Tel 031-365 00 00", encoding="utf-8")
    (tmp_path / "bild.png").write_bytes(b"\x89PNG\x00\x00")
    result = run("--format", "json", str(tmp_path))
    sources = sorted(Path(d["source"]).name for d in json.loads(result.stdout)["documents"])
    assert sources == ["b.md", "c.txt"]
    assert result.returncode == 0


def test_usage_errors_exit_two(tmp_path):
    assert run("--format", "xml", "-").returncode == 2
    bad_profile = tmp_path / "p.toml"
    bad_profile.write_text("[city]\nname='X'\n", encoding="utf-8")
    result = run("--profile", str(bad_profile), "-", stdin="x")
    assert result.returncode == 2
    # Every problem is named, not only the first (a contact center is optional since
    # municipalities whose switchboard is not known have profiles too).
    assert "city.website" in result.stderr
    assert "city.domains" in result.stderr


def test_english_messages():
    result = run("--lang", "en", "-", stdin="Mejla anna.svensson@goteborg.se")
    assert "looks like an individual person's" in result.stdout


def test_other_municipality_profile_changes_labels():
    profile = Path(load_profile().source).parent / "example-kungalv.toml"
    text = "Ring kundcenter 0303-23 80 00 eller kommun@kungalv.se"
    result = run("--format", "json", "--profile", str(profile), "-", stdin=text)
    labels = [f["label"] for f in json.loads(result.stdout)["documents"][0]["findings"]]
    assert labels == ["contact_center", "contact_center"]


def test_profile_errors_name_the_problem(tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text(
        "[city]\nname='X'\narea_code='31'\nwebsite='https://x.se'\n"
        "[contact_center]\nname='KC'\nphones=['031-1']\n",
        encoding="utf-8",
    )
    with pytest.raises(ProfileError, match="area_code"):
        load_profile(str(broken))

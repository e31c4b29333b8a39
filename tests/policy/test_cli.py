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


def test_min_severity_leaves_out_lesser_findings():
    text = "Ring 031-365 00 00 eller mejla anna.svensson@goteborg.se"
    everything = run("-", stdin=text).stdout
    assert "P2-contact-center" in everything
    errors_only = run("--min-severity", "error", "-", stdin=text)
    assert "P2-contact-center" not in errors_only.stdout
    assert "P3-personal-email" in errors_only.stdout
    assert errors_only.returncode == 1


def test_summaries_per_file_use_swedish_plurals(tmp_path):
    (tmp_path / "a.txt").write_text("Mejla anna.svensson@goteborg.se", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "Ring 070-123 45 67 eller 070-765 43 21. Kontaktcenter 031-365 00 00.", encoding="utf-8"
    )
    out = run(str(tmp_path)).stdout
    assert f"{tmp_path / 'a.txt'}: 1 fel" in out
    assert f"{tmp_path / 'b.txt'}: 0 fel, 2 varningar, 1 info" in out
    assert out.rstrip().endswith("2 dokument: 1 fel, 2 varningar, 1 info")
    english = run("--lang", "en", str(tmp_path / "a.txt")).stdout
    assert english.rstrip().endswith("1 document: 1 error, 0 warnings, 0 info")


def test_one_warning_is_singular():
    out = run("-", stdin="Ring 070-123 45 67.").stdout
    assert out.rstrip().endswith("1 dokument: 0 fel, 1 varning, 0 info")


def test_a_web_address_points_to_scan():
    result = run("https://goteborg.se/bygglov")
    assert result.returncode == 2
    assert "serviceguiden scan https://goteborg.se/bygglov" in result.stderr
    assert "no such file" not in result.stderr


def test_no_progress_bar_when_not_on_a_terminal(tmp_path):
    for n in range(25):
        (tmp_path / f"{n}.txt").write_text("Tel 031-365 00 00", encoding="utf-8")
    result = run(str(tmp_path))
    assert result.stderr == ""
    assert "25 dokument" in result.stdout


def test_validate_profile_and_list_cities(tmp_path):
    good = Path(load_profile().source)
    assert run("--validate-profile", str(good)).stdout.strip().endswith("OK")
    bad = tmp_path / "bad.toml"
    bad.write_text("[city]\nname='X'\narea_code='31'\n", encoding="utf-8")
    result = run("--validate-profile", str(bad))
    assert result.returncode == 1
    assert "city.area_code must look like '031'" in result.stdout
    assert "city.website" in result.stdout
    cities = run("--list-cities").stdout.splitlines()
    assert len(cities) == 290
    assert any(line.startswith("lund ") and "lund.se" in line for line in cities)


def test_registry_export_gives_the_function_to_show_instead(tmp_path):
    export = Path(load_profile().source).parents[1].parent / "directory" / "demo" / "goteborg.json"
    text = "Frågor om bygglov? Kontakta Karin Berg, karin.berg@sbk.goteborg.se"
    result = run("--registry", str(export), "--format", "json", "-", stdin=text)
    findings = json.loads(result.stdout)["documents"][0]["findings"]
    email = next(f for f in findings if f["kind"] == "email")
    assert "Bygglov" in email["fix"] and "Serviceguiden" in email["fix"]
    broken = tmp_path / "x.json"
    broken.write_text("[]", encoding="utf-8")
    assert "not a registry export" in run("--registry", str(broken), "-", stdin="x").stderr

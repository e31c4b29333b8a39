"""The console script: `serviceguiden --help` shows the product's verbs (found in the product's
apps, one summary each), Django's own commands are under `serviceguiden manage`, and no
library prints a banner."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from serviceguiden import cli

SOURCE = Path(cli.__file__).resolve().parent
SCRIPT = [sys.executable, "-m", "serviceguiden.cli"]


def run(*args, data_dir):
    env = {**os.environ, "SERVICEGUIDEN_DATA_DIR": str(data_dir)}
    return subprocess.run(
        [*SCRIPT, *args], capture_output=True, text=True, check=False, env=env, timeout=120
    )


def commands_on_disk() -> set[str]:
    """Every management command file in the product's apps: what --help must list."""
    return {
        path.stem
        for path in SOURCE.glob("*/management/commands/*.py")
        if not path.stem.startswith("_")
    }


def listed_verbs(help_text: str) -> list[str]:
    block = help_text.split("Verbs:\n", 1)[1].split("\n\n", 1)[0]
    return re.findall(r"^  (\S+)\s", block, re.M)


def test_help_lists_the_products_verbs_and_no_django_command(tmp_path):
    result = run("--help", data_dir=tmp_path)
    assert result.returncode == 0
    verbs = listed_verbs(result.stdout)
    assert set(verbs) == commands_on_disk() | {"check", "manage"}
    assert {"serve", "import", "export", "createuser", "remind", "publish", "worker"} <= set(verbs)
    for django_command in ("migrate", "dbshell", "axes_reset", "changepassword", "shell"):
        assert django_command not in verbs
    for verb in verbs:  # a summary on every verb's line
        assert re.search(rf"^  {verb}\s+\S", result.stdout, re.M), verb


def test_no_library_banner_on_any_output(tmp_path):
    for args in (["--help"], ["manage", "check"]):
        result = run(*args, data_dir=tmp_path)
        assert result.returncode == 0, result.stderr
        assert "AXES" not in result.stdout + result.stderr


def test_djangos_commands_run_under_manage(tmp_path):
    result = run("manage", "check", data_dir=tmp_path)
    assert "System check identified no issues" in result.stdout
    listing = run("manage", "help", data_dir=tmp_path)
    assert "migrate" in listing.stdout and "serviceguiden manage help" in listing.stdout


def test_a_django_command_as_a_verb_points_to_manage(tmp_path):
    result = run("migrate", data_dir=tmp_path)
    assert result.returncode == 2
    assert "serviceguiden manage migrate" in result.stderr


def test_an_unknown_verb_suggests_the_closest(tmp_path):
    result = run("publsh", data_dir=tmp_path)
    assert result.returncode == 2
    assert "serviceguiden publish" in result.stderr and "--help" in result.stderr


def test_help_verb_shows_that_verbs_options(tmp_path):
    result = run("help", "export", data_dir=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("usage: serviceguiden export")


@pytest.mark.django_db
def test_a_command_added_to_a_product_app_becomes_a_verb(monkeypatch):
    """Verbs are found, not listed in cli.py: a `scan` command in an app shows up."""
    from django.core import management

    real_find, real_load = management.find_commands, management.load_command_class

    class Scan(management.BaseCommand):
        help = "Scan a website for contact details. More words that stay out of the summary."

    def find(path):
        found = real_find(path)
        return [*found, "scan"] if path.endswith(str(Path("publishing") / "management")) else found

    def load(app, name):
        return Scan() if name == "scan" else real_load(app, name)

    monkeypatch.setattr(management, "find_commands", find)
    monkeypatch.setattr(management, "load_command_class", load)
    verbs = cli.product_verbs()
    assert verbs["scan"] == "Scan a website for contact details."
    assert "scan" in listed_verbs(cli.usage())


def test_first_sentence_makes_one_summary():
    assert cli.first_sentence("Import a file.\n  Every row is checked.") == "Import a file."
    assert cli.first_sentence("No full stop") == "No full stop"


@pytest.mark.django_db
@pytest.mark.parametrize("width", [80, 100])
def test_the_listing_has_one_line_per_verb_and_fits_the_width(width):
    text = cli.usage(width)
    assert max(map(len, text.splitlines())) <= width
    block = text.split("Verbs:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    verbs = [*cli.product_verbs(), "manage"]
    assert len(block) == len(verbs)  # no summary runs on to a second line
    assert [line.split()[0] for line in block] == verbs


@pytest.mark.django_db
def test_a_verbs_own_summary_is_its_line_whole_at_80_columns():
    from django.core.management import load_command_class

    text = cli.usage(80)
    for app, name in [("serviceguiden.directory", "import"), ("serviceguiden.core", "serve")]:
        summary = load_command_class(app, name).summary
        assert re.search(rf"^  {name}\s+{re.escape(summary)}$", text, re.M), name


def test_a_summary_too_long_for_its_line_is_shortened_at_a_word():
    long = "Run background tasks (signed webhook deliveries with retries) and publish changes."
    assert cli.fitted(long, 100) == long.rstrip(".")
    assert cli.fitted(long, 50) == "Run background tasks and publish changes"  # no (…)
    assert cli.fitted(long, 30) == "Run background tasks and …"

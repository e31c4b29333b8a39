"""Export → empty database → import gives an identical registry; import is atomic, validated
row by row with clear errors, and refuses anyone but a global admin — also from the CLI."""

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from directory.factories import make_function
from serviceguiden.directory.access import AccessDenied
from serviceguiden.directory.editing import save_channel
from serviceguiden.directory.lifecycle import archive_function
from serviceguiden.directory.models import (
    Channel,
    ExternalActor,
    Function,
    Organisation,
    PolicyException,
    Topic,
)
from serviceguiden.directory.policy_exceptions import grant_exception, revoke_exception
from serviceguiden.directory.transfer import export_registry, import_registry


def without_timestamp(data):
    return {k: v for k, v in data.items() if k != "exported_at"}


def empty_registry():
    Topic.objects.all().delete()
    Channel.objects.all().delete()
    Function.objects.update(replaced_by=None)
    Function.objects.all().delete()
    PolicyException.objects.all().delete()
    ExternalActor.objects.all().delete()
    Organisation.objects.update(parent=None)
    Organisation.objects.all().delete()


@pytest.fixture
def rich(cast, today):
    """The cast plus everything the format carries: a child organisation with own domains,
    an archived function with a replacement, an exception in use, an ended one."""
    sub = Organisation(slug="sbk-bygg", name="Bygglovsenheten", kind="other",
                       parent=cast.org_a, domains=["bygglovsenheten.se"])  # fmt: skip
    from serviceguiden.directory.editing import save_organisation

    save_organisation(sub, cast.root)
    old = make_function(
        cast.root, cast.org_a, "gamla-bygglov", "Gamla bygglov",
        channels=[("email", "gamla@sbk.goteborg.se")],
    )  # fmt: skip
    archive_function(old, cast.root, replacement=cast.function_a)
    in_use = grant_exception(
        cast.org_a, "anna.svensson@goteborg.se", reason="Ensam handläggare, vikarie saknas.",
        ends_on=today + dt.timedelta(days=60), user=cast.root,
    )  # fmt: skip
    save_channel(Channel(function=cast.function_a, kind="email", value=in_use.value,
                         label="Handläggare"), cast.root)  # fmt: skip
    ended = grant_exception(
        cast.org_a, "karin.berg@goteborg.se", reason="Projektledare för ombyggnaden.",
        ends_on=today + dt.timedelta(days=20), user=cast.root,
    )  # fmt: skip
    save_channel(Channel(function=cast.function_a, kind="email", value=ended.value), cast.root)
    revoke_exception(ended, cast.root)
    return cast


def test_round_trip_through_an_empty_database_is_identical(rich):
    before = export_registry()
    assert len(before["functions"]) == 4 and len(before["exceptions"]) == 2
    empty_registry()
    report = import_registry(json.loads(json.dumps(before)), rich.root)
    assert report.ok, [p.text("en") for p in report.problems]
    assert report.created["functions"] == 4
    assert without_timestamp(export_registry()) == without_timestamp(before)
    archived = Function.objects.get(slug="gamla-bygglov")
    assert archived.status == "archived" and archived.replaced_by.slug == "bygglov"


def test_importing_the_same_file_twice_changes_nothing(rich):
    data = export_registry()
    report = import_registry(data, rich.root)
    assert report.ok
    assert sum(report.created.values()) == sum(report.updated.values()) == 0
    assert report.unchanged["functions"] == 4


def bad_file(cast):
    data = export_registry()
    data["functions"][0]["channels"].append({"kind": "email", "value": "info@polisen.se"})
    data["topics"].append({"key": "vilse", "organisation": "sbk", "name": "Vilse",
                           "function": "finns-inte"})  # fmt: skip
    channel = {"kind": "email", "value": "ny@sbk.goteborg.se"}
    new = {"key": "ny", "organisation": "sbk", "name": "Ny", "status": "published",
           "review_by": "2027-01-01", "channels": [channel]}  # fmt: skip
    data["functions"].append(new)
    return data


def test_nothing_is_imported_when_any_row_is_wrong(cast):
    report = import_registry(bad_file(cast), cast.root)
    assert not report.ok and not report.imported
    fields = {p.field: p.rule for p in report.problems}
    assert fields["functions[0] (bygglov).channels[2].value"] == "P4-external-email"
    assert fields["topics[1] (vilse).function"] == "REG-reference"
    assert not Function.objects.filter(slug="ny").exists()
    assert Channel.objects.filter(value="info@polisen.se").count() == 0


def test_partial_keeps_the_rows_that_pass(cast):
    report = import_registry(bad_file(cast), cast.root, partial=True)
    assert not report.ok and report.imported
    assert Function.objects.get(slug="ny").status == "published"
    assert not Topic.objects.filter(slug="vilse").exists()
    assert not Channel.objects.filter(value="info@polisen.se").exists()


def test_a_file_in_another_format_is_refused(cast):
    report = import_registry({"format": "hsds", "functions": {}}, cast.root)
    assert {p.rule for p in report.problems} == {"REG-format"}
    assert {p.field for p in report.problems} == {"format", "format_version", "functions"}


def test_only_a_global_admin_imports(cast):
    for user in (cast.outsider, cast.admin_a, cast.editor_a):
        with pytest.raises(AccessDenied):
            import_registry(export_registry(), user)


def test_cli_export_then_import_refuses_an_outsider(cast, tmp_path):
    path = tmp_path / "registry.json"
    call_command("export", str(path), stderr=StringIO())
    assert json.loads(path.read_text())["format"] == "serviceguiden-registry"
    with pytest.raises(CommandError, match="global admin"):
        call_command("import", str(path), "--as", "outsider", stdout=StringIO())
    with pytest.raises(CommandError, match="No active user"):
        call_command("import", str(path), "--as", "nobody", stdout=StringIO())


def test_cli_import_reports_rows_and_rolls_back(cast, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad_file(cast)), encoding="utf-8")
    out = StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import", str(path), "--as", "root", stdout=out)
    assert "[P4-external-email]" in out.getvalue()
    assert not Function.objects.filter(slug="ny").exists()
    out = StringIO()
    call_command("import", "--json", "--as", "root", str(_good(cast, tmp_path)), stdout=out)
    assert json.loads(out.getvalue())["ok"] is True


def _good(cast, tmp_path):
    path = tmp_path / "good.json"
    path.write_text(json.dumps(export_registry()), encoding="utf-8")
    return path

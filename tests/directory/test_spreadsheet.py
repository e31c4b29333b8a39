"""Moving in from spreadsheets: XLSX and CSV exports with merged header rows and Swedish
column names are read and mapped; every row goes through the registry's domain functions in
a dry run that writes nothing; applying writes the rows that pass; importing the same file
again changes nothing; persons are never stored; only global admins may import."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from serviceguiden.core.models import ColumnMapping
from serviceguiden.directory.access import AccessDenied
from serviceguiden.directory.management.commands import _import_spreadsheet
from serviceguiden.directory.models import Channel, Function, Organisation, Status
from serviceguiden.directory.spreadsheet import columns, mappings, sample
from serviceguiden.directory.spreadsheet.hours_text import HoursTextError, parse_hours_text
from serviceguiden.directory.spreadsheet.importer import (
    CHANGE,
    CREATE,
    REFUSE,
    UNCHANGED,
    MappingError,
    SpreadsheetReport,
    import_spreadsheet,
)
from serviceguiden.directory.spreadsheet.read import SpreadsheetError, read_table

pytestmark = pytest.mark.django_db


def table_of(path):
    return read_table(path.read_bytes(), path.name, columns.recognised)


def csv_bytes(rows, delimiter=";", encoding="utf-8") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return out.getvalue().encode(encoding)


def small(rows, name="kontakter.csv", **kwargs):
    return read_table(csv_bytes(rows, **kwargs), name, columns.recognised)


def run(table, user, **kwargs):
    return import_spreadsheet(table, mappings.detected(table), user, **kwargs)


HEADER = ["Förvaltning", "Funktion", "Telefon", "Telefontider", "E-post", "Kontaktperson"]


# -- reading and mapping -----------------------------------------------------------------


def test_an_xlsx_export_with_a_title_and_merged_group_headers_is_mapped(tmp_path):
    path = tmp_path / "kontakter.xlsx"
    sample.write_xlsx(path, rows=30)
    table = table_of(path)
    assert table.header_row == 3 and len(table.rows) == 30
    mapped = {table.own_headers[c]: key for c, key in mappings.detected(table).items()}
    assert mapped == {
        "Förvaltning": "organisation", "Funktion": "name", "Nummer": "phone",
        "Tider": "phone_hours", "E-post": "email", "E-tjänst": "eservice",
        "Webbsida": "website", "Besöksadress": "visiting_address",
        "Öppettider": "opening_hours", "Postadress": "postal_address",
        "Kontaktperson": "person", "Beskrivning": "description", "Status": "status",
    }  # fmt: skip
    assert table.headers[2] == "Telefon Nummer"  # read with its group header


def test_a_csv_as_swedish_excel_saves_it_reads_the_same_as_the_xlsx(tmp_path):
    sample.write_xlsx(tmp_path / "k.xlsx", rows=30)
    sample.write_csv(tmp_path / "k.csv", rows=30)  # semicolons, Windows-1252
    xlsx, sheet = table_of(tmp_path / "k.xlsx"), table_of(tmp_path / "k.csv")
    assert sheet.headers == xlsx.headers
    assert [r for _n, r in sheet.rows] == [r for _n, r in xlsx.rows]
    assert mappings.detected(sheet) == mappings.detected(xlsx)


def test_commas_and_utf8_are_sniffed_too():
    table = small([HEADER, ["Miljöförvaltningen", "Hälsoskydd", "031-368 00 00", "", "", ""]],
                  delimiter=",")  # fmt: skip
    assert table.rows[0][1][1] == "Hälsoskydd"


def test_a_file_without_known_columns_is_refused_with_what_to_do():
    with pytest.raises(SpreadsheetError, match="no header row"):
        small([["a", "b"], ["1", "2"]])
    with pytest.raises(SpreadsheetError, match=".xlsx"):
        read_table(b"x", "kontakter.pdf", columns.recognised)
    with pytest.raises(SpreadsheetError, match="XLSX"):
        read_table(b"not a zip", "kontakter.xlsx", columns.recognised)


def test_hours_as_people_write_them():
    weekly = parse_hours_text("mån-fre 8-12 och 13-16.30; fre 8-15. Helgdagar stängt")["weekly"]
    assert weekly == [
        {"days": "mon-thu", "opens": "08:00", "closes": "12:00"},
        {"days": "mon-thu", "opens": "13:00", "closes": "16:30"},
        {"days": "fri", "opens": "08:00", "closes": "15:00"},
    ]
    assert parse_hours_text("Vardagar 9–15. Helgdagar stängt")["exceptions"] == [
        {"holiday": "public_holidays", "closed": True}
    ]
    assert parse_hours_text("Mån, tis 10-18")["weekly"][0]["days"] == "mon-tue"
    assert parse_hours_text("") == {}
    for unreadable in ("ring innan du kommer", "mån-fre 8-25", "fre-mån 8-9"):
        with pytest.raises(HoursTextError):
            parse_hours_text(unreadable)


# -- the import ---------------------------------------------------------------------------


def test_a_dry_run_writes_nothing_and_says_what_each_row_would_do(cast):
    table = small([
        HEADER,
        ["Stadsbyggnadskontoret", "Kartor", "031-368 10 00", "Mån–fre 08.00–16.30",
         "kartor@sbk.goteborg.se", "Anna Svensson"],
        ["Stadsbyggnadskontoret", "Bygglov", "031-368 00 00", "", "", ""],
        ["Nya nämnden", "Mottagning", "031-369 10 00", "", "", ""],
    ])  # fmt: skip
    before = (Function.objects.count(), Channel.objects.count(), Organisation.objects.count())
    report = run(table, cast.root)
    assert not report.applied
    assert (Function.objects.count(), Channel.objects.count(), Organisation.objects.count()) == (
        before
    )
    outcomes = {row.name: row.outcome for row in report.rows}
    assert outcomes == {"Kartor": CREATE, "Bygglov": UNCHANGED, "Mottagning": CREATE}
    kartor = report.rows[0]
    assert {c.field for c in kartor.changes} >= {"name", "phone", "email", "status"}
    (person,) = kartor.left_out  # the contact person is never stored (P3)
    assert person.column == "Kontaktperson" and person.problem.principle == "P3"
    assert report.rows[2].changes[0].field == "organisation"  # a new organisation


def test_refused_rows_name_the_row_the_column_and_the_rule(cast):
    table = small([
        HEADER,
        ["Stadsbyggnadskontoret", "Ett", "031-368 10 01", "", "anna.svensson@sbk.goteborg.se", ""],
        ["Stadsbyggnadskontoret", "Två", "031-36", "", "", ""],
        ["Stadsbyggnadskontoret", "Tre", "031-368 10 03", "ring innan", "", ""],
        ["Stadsbyggnadskontoret", "", "031-368 10 04", "", "", ""],
        ["Stadsbyggnadskontoret", "Fyra", "", "", "info@gmail.com", ""],
        ["Stadsbyggnadskontoret", "ett", "031-368 10 05", "", "", ""],
    ])  # fmt: skip
    report = run(table, cast.root, apply=True)
    refused = {row.row: [(c.column, c.problem.rule) for c in row.problems] for row in report.rows}
    assert refused[2] == [("E-post", "P3-personal-email")]
    assert refused[3] == [("Telefon", "FMT-phone")]
    assert refused[4] == [("Telefontider", "IMP-hours-text")]
    assert refused[5] == [("Funktion", "REG-required")]
    assert refused[6] == [("E-post", "P4-external-email")]
    assert refused[7] == [("Funktion", "IMP-duplicate-row")]  # the same function as row 2
    assert report.applied and all(row.outcome == REFUSE for row in report.rows)
    assert not Function.objects.filter(name__in=["Ett", "Två", "Tre", "Fyra"]).exists()


def test_a_report_kept_as_json_reads_back_the_same(cast):
    """A background import keeps its report as JSON for its page: nothing is lost."""
    table = small([
        HEADER,
        ["Stadsbyggnadskontoret", "Ett", "031-368 10 01", "Mån–fre 8–12", "", "Anna Svensson"],
        ["Stadsbyggnadskontoret", "Två", "031-36", "", "", ""],
    ])  # fmt: skip
    report = run(table, cast.root)
    kept = json.loads(json.dumps(report.as_dict()))
    again = SpreadsheetReport.from_dict(kept)
    assert again.as_dict() == report.as_dict()
    assert again.counts == report.counts and again.left_out == report.left_out == 1
    cell = again.refused[0].problems[0]
    assert cell.column == "Telefon" and cell.problem.text("sv") == (
        report.refused[0].problems[0].problem.text("sv")
    )


def test_applying_writes_through_the_domain_functions_and_publishes(cast):
    table = small([
        HEADER,
        ["Stadsbyggnadskontoret", "Kartor", "031-3681000", "Mån–fre 08.00–16.30",
         "Kartor@SBK.goteborg.se", ""],
    ])  # fmt: skip
    report = run(table, cast.root, apply=True)
    assert report.applied and report.counts[CREATE] == 1
    function = Function.objects.get(name="Kartor")
    assert function.status == Status.PUBLISHED and function.organisation == cast.org_a
    phone = function.channels.get(kind="phone")
    assert phone.value == "031-368 10 00"  # written the Swedish way, as the editor saves it
    assert phone.hours_lines()[0] == "Mån–fre 08.00–16.30"
    assert function.history.first().history_user == cast.root  # recorded like an edit


def test_importing_the_same_file_again_changes_nothing(cast):
    rows = [
        HEADER,
        ["Stadsbyggnadskontoret", "Kartor", "031-368 10 00", "mån-fre 8-16",
         "kartor@sbk.goteborg.se", ""],
    ]  # fmt: skip
    run(small(rows), cast.root, apply=True)
    function = Function.objects.get(name="Kartor")
    version = function.version
    again = run(small(rows), cast.root, apply=True)
    assert again.counts[UNCHANGED] == 1 and again.counts[CREATE] == again.counts[CHANGE] == 0
    function.refresh_from_db()
    assert function.version == version


def test_a_changed_cell_changes_only_that_channel(cast):
    rows = [HEADER, ["Stadsbyggnadskontoret", "Bygglov", "031-368 99 99", "", "", ""]]
    report = run(small(rows), cast.root, apply=True)
    (row,) = report.rows
    assert row.outcome == CHANGE
    assert [(c.field, c.old, c.new) for c in row.changes] == [
        ("phone", "031-368 00 00", "031-368 99 99")
    ]
    assert cast.function_a.channels.get(kind="email").value == "bygglov@sbk.goteborg.se"


def test_strict_applies_nothing_when_a_row_is_refused(cast):
    rows = [
        HEADER,
        ["Stadsbyggnadskontoret", "Kartor", "031-368 10 00", "", "", ""],
        ["Stadsbyggnadskontoret", "Trasig", "031-36", "", "", ""],
    ]
    report = run(small(rows), cast.root, apply=True, strict=True)
    assert not report.applied and report.counts[CREATE] == 1
    assert not Function.objects.filter(name="Kartor").exists()


def test_a_mapping_without_a_name_column_is_refused(cast):
    table = small([["Förvaltning", "Telefon"], ["Stadsbyggnadskontoret", "031-368 00 00"]])
    with pytest.raises(MappingError) as caught:
        run(table, cast.root)
    assert [p.rule for p in caught.value.problems] == ["IMP-mapping-name"]


@pytest.mark.parametrize("role", ["outsider", "editor_a", "admin_a"])
def test_only_a_global_admin_may_import(cast, role):
    table = small([HEADER, ["Stadsbyggnadskontoret", "Kartor", "031-368 10 00", "", "", ""]])
    with pytest.raises(AccessDenied):
        run(table, cast.user(role), apply=True)
    assert not Function.objects.filter(name="Kartor").exists()


def test_a_mapping_is_overridden_and_remembered_for_the_user(cast):
    table = small([
        ["Förvaltning", "Funktion", "Tel. växel", "Kontaktperson"],
        ["Stadsbyggnadskontoret", "Kartor", "031-368 10 00", ""],
    ])  # fmt: skip
    mapping, remembered = mappings.mapping_for(cast.root, table)
    assert not remembered and mapping[2] == "phone"  # "tel vaxel": 'vaxel' is a phone word
    changed = mappings.override(table, mapping, {"C": "ignore", "Kontaktperson": "person"})
    mappings.remember(cast.root, table, changed)
    again, remembered = mappings.mapping_for(cast.root, table)
    assert remembered and again[2] == "ignore"
    assert mappings.mapping_for(cast.editor_a, table)[1] is False  # per user
    assert ColumnMapping.objects.count() == 1
    with pytest.raises(KeyError):
        mappings.override(table, mapping, {"Finns inte": "name"})


# -- the command line ----------------------------------------------------------------------


def spreadsheet_command(*args, **kwargs):
    return call_command(_import_spreadsheet.Command(), *args, **kwargs)


def test_the_import_verb_hands_spreadsheets_on_and_keeps_json(monkeypatch):
    from importlib import import_module

    handed = []
    monkeypatch.setattr(_import_spreadsheet.Command, "run_from_argv",
                        lambda self, argv: handed.append(argv))  # fmt: skip
    command = import_module("serviceguiden.directory.management.commands.import").Command()
    for name in ("kontakter.xlsx", "KONTAKTER.CSV"):
        command.run_from_argv(["serviceguiden", "import", name, "--as", "root", "--apply"])
    assert [argv[2] for argv in handed] == ["kontakter.xlsx", "KONTAKTER.CSV"]
    with pytest.raises(SystemExit):  # a JSON file keeps its own options: no --apply
        command.run_from_argv(["serviceguiden", "import", "export.json", "--as", "root", "--apply"])
    assert len(handed) == 2


def test_the_import_verb_takes_a_spreadsheet_dry_run_then_apply(cast, tmp_path):
    path = tmp_path / "kontakter.csv"
    path.write_bytes(csv_bytes([HEADER, ["Stadsbyggnadskontoret", "Kartor", "031-368 10 00",
                                         "", "", "Anna Svensson"]]))  # fmt: skip
    out = io.StringIO()
    spreadsheet_command(str(path), "--as", "root", stdout=out)
    assert "Dry run" in out.getvalue() and "1 created" in out.getvalue()
    assert "not imported: Kontaktperson" in out.getvalue()
    assert not Function.objects.filter(name="Kartor").exists()
    out = io.StringIO()
    spreadsheet_command(str(path), "--as", "root", "--apply", stdout=out)
    assert "Applied" in out.getvalue() and Function.objects.filter(name="Kartor").exists()


def test_the_import_verb_refuses_an_editor(cast, tmp_path):
    path = tmp_path / "kontakter.csv"
    path.write_bytes(csv_bytes([HEADER, ["Stadsbyggnadskontoret", "Kartor", "", "", "", ""]]))
    with pytest.raises(CommandError):
        spreadsheet_command(str(path), "--as", "editor_a", "--apply", stdout=io.StringIO())
    assert not Function.objects.filter(name="Kartor").exists()


def test_the_import_verb_maps_a_column_by_hand(cast, tmp_path):
    path = tmp_path / "kontakter.csv"
    path.write_bytes(csv_bytes([["Förvaltning", "Funktion", "Nr"],
                                ["Stadsbyggnadskontoret", "Kartor", "031-368 10 00"]]))  # fmt: skip
    spreadsheet_command(str(path), "--as", "root", "--map", "Nr=phone", "--apply",
                        stdout=io.StringIO())  # fmt: skip
    assert Function.objects.get(name="Kartor").channels.get().kind == "phone"
    with pytest.raises(CommandError, match="no field"):
        spreadsheet_command(str(path), "--as", "root", "--map", "Nr=fax", stdout=io.StringIO())


# -- a real-looking export of 1,000 rows ----------------------------------------------------


def test_a_thousand_row_export_dry_runs_applies_and_reimports_cleanly(cast, tmp_path):
    made = sample.write_xlsx(tmp_path / "kontakter.xlsx", rows=1000)
    sample.write_csv(tmp_path / "kontakter.csv", rows=1000)
    table = table_of(tmp_path / "kontakter.xlsx")
    dry = run(table, cast.root)
    assert Function.objects.count() == 3  # the cast's: nothing written
    refused_rows = {row.row for row in dry.refused}
    spoiled = {index + table.header_row + 1 for index in made.bad_rows}
    assert spoiled <= refused_rows  # each bad row refused (the mobile too: a person's, P3)
    assert len(refused_rows) <= 20  # and few others (persons in mailboxes: see the report)
    assert all(cell.column for row in dry.refused for cell in row.problems)
    assert dry.left_out == len(made.person_rows)
    applied = run(table, cast.root, apply=True)
    assert applied.counts == dry.counts
    assert Function.objects.count() == 3 + dry.counts[CREATE]
    again = run(table_of(tmp_path / "kontakter.csv"), cast.root, apply=True)  # the CSV twin
    assert again.counts[UNCHANGED] == dry.counts[CREATE]
    assert again.counts[CREATE] == again.counts[CHANGE] == 0

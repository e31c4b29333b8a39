"""`serviceguiden import FILE.xlsx|FILE.csv --as USER [--apply] …`: moving in from a
spreadsheet. `import` hands spreadsheets to this command (a module name with an underscore:
not a verb of its own)."""

from __future__ import annotations

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from serviceguiden.directory.models import Organisation
from serviceguiden.directory.spreadsheet import columns, mappings
from serviceguiden.directory.spreadsheet.importer import (
    CHANGE,
    CREATE,
    REFUSE,
    UNCHANGED,
    MappingError,
    import_spreadsheet,
)
from serviceguiden.directory.spreadsheet.read import SpreadsheetError, read_table

OUTCOME_WORDS = {CREATE: "created", CHANGE: "changed", UNCHANGED: "unchanged", REFUSE: "refused"}


class Command(BaseCommand):
    help = (
        "Import functions and their contact channels from a spreadsheet (XLSX, CSV) as a global "
        "admin: a dry run that shows per row what would be created, changed or refused and "
        "why; --apply writes the rows that pass, in one transaction. The column mapping is "
        "detected from Swedish column names, can be changed with --map, and is remembered for "
        "the user."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A spreadsheet: .xlsx or .csv (any delimiter).")
        parser.add_argument(
            "--as", dest="user", required=True, help="Username of the acting global admin."
        )
        parser.add_argument(
            "--apply", action="store_true", help="Write the rows that pass (default: dry run)."
        )
        parser.add_argument(
            "--map", action="append", default=[], metavar="COLUMN=FIELD",
            help="Map a column (its name or letter) to a field; repeatable. Fields: "
            + ", ".join(columns.BY_KEY) + ".",
        )  # fmt: skip
        parser.add_argument(
            "--organisation", metavar="KEY",
            help="The organisation of every row (when no column gives it).",
        )  # fmt: skip
        parser.add_argument(
            "--draft", action="store_true",
            help="Leave new functions as drafts (a status column still decides per row).",
        )  # fmt: skip
        parser.add_argument(
            "--strict", action="store_true", help="Apply nothing when any row is refused."
        )
        parser.add_argument("--all-rows", action="store_true", help="List every row.")
        parser.add_argument("--json", dest="as_json", action="store_true", help="JSON report.")
        parser.add_argument("--lang", choices=["sv", "en"], default="en", help="Message language.")

    def handle(self, *args, file, user, apply, map, organisation, draft, strict, **options):
        acting = get_user_model().objects.filter(username=user, is_active=True).first()
        if acting is None:
            raise CommandError(
                f"No active user {user!r}. Create one with `serviceguiden createuser`."
            )
        lang = options["lang"]
        table = self._table(file, lang)
        mapping, was_remembered = mappings.mapping_for(acting, table)
        choices = self._choices(map)
        try:
            mapping = mappings.override(table, mapping, choices)
        except KeyError as exc:
            raise CommandError(
                f"{file} has no column {exc.args[0]!r}; its columns: {', '.join(table.headers)}"
            ) from None
        default = self._organisation(organisation)
        try:
            report = import_spreadsheet(
                table, mapping, acting, apply=apply, publish=not draft,
                default_organisation=default, strict=strict,
            )  # fmt: skip
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from None
        except MappingError as exc:
            self._print_mapping(table, mapping, was_remembered and not choices)
            raise CommandError(" ".join(p.text(lang) for p in exc.problems)) from None
        if choices or apply:
            mappings.remember(acting, table, mapping)
        if options["as_json"]:
            self.stdout.write(json.dumps(report.as_dict(lang), ensure_ascii=False, indent=2))
        else:
            self._print_mapping(table, mapping, was_remembered and not choices)
            self._print(report, lang, options["all_rows"])
        if strict and report.refused:
            raise CommandError(f"{len(report.refused)} rows refused; nothing was applied.")

    def _table(self, file: str, lang: str):
        try:
            data = Path(file).read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}") from None
        try:
            return read_table(data, Path(file).name, columns.recognised)
        except SpreadsheetError as exc:
            raise CommandError(exc.message(lang)) from None

    @staticmethod
    def _choices(pairs: list[str]) -> dict[str, str]:
        choices = {}
        for pair in pairs:
            column, sep, key = pair.rpartition("=")
            if not sep or not column.strip():
                raise CommandError(f"--map {pair!r}: write COLUMN=FIELD, e.g. 'Tel. vx=phone'.")
            if key.strip() not in columns.BY_KEY:
                raise CommandError(
                    f"--map {pair!r}: {key.strip()!r} is no field; fields: "
                    + ", ".join(columns.BY_KEY)
                )
            choices[column.strip()] = key.strip()
        return choices

    @staticmethod
    def _organisation(key: str | None):
        if not key:
            return None
        found = Organisation.objects.filter(slug=key).first()
        if found is None:
            raise CommandError(f"No organisation {key!r}; `serviceguiden export` lists them.")
        return found

    def _print_mapping(self, table, mapping, was_remembered: bool) -> None:
        how = "remembered from last time" if was_remembered else "detected from the column names"
        self.stdout.write(f"Columns of {table.filename} (header row {table.header_row}; {how}):")
        for column, header in enumerate(table.headers):
            if header:
                key = mapping.get(column, columns.IGNORE)
                self.stdout.write(f"  {header:40} -> {key} ({columns.BY_KEY[key].label_en})")

    def _print(self, report, lang: str, all_rows: bool) -> None:
        for row in report.rows:
            if row.outcome == REFUSE:
                for cell in row.problems:
                    self.stdout.write(self.style.ERROR(
                        f"row {row.row} ({row.name or '–'}): refused: "
                        f"{cell.column or 'row'}: {cell.problem.text(lang)}"
                    ))  # fmt: skip
            elif all_rows and row.outcome != UNCHANGED:
                what = "; ".join(f"{c.field}: {c.old or '–'} → {c.new}" for c in row.changes)
                outcome = OUTCOME_WORDS[row.outcome]
                self.stdout.write(f"row {row.row} ({row.name}): {outcome}: {what}")
            for cell in row.left_out:
                self.stdout.write(self.style.WARNING(
                    f"row {row.row}: not imported: {cell.column}: {cell.problem.message(lang)}"
                ))  # fmt: skip
            for cell in row.warnings:
                self.stdout.write(self.style.WARNING(
                    f"row {row.row}: warning: {cell.column}: {cell.problem.text(lang)}"
                ))  # fmt: skip
        counts = ", ".join(f"{n} {OUTCOME_WORDS[o]}" for o, n in report.counts.items())
        verb = "Applied" if report.applied else "Dry run (nothing written; --apply writes)"
        self.stdout.write(
            f"{verb}: {len(report.rows)} rows: {counts}; {report.left_out} person cells not "
            f"imported; {report.seconds:.1f} s."
        )

"""`serviceguiden import FILE --as USER [--partial] [--json]`; a spreadsheet (.xlsx, .csv)
goes to `_import_spreadsheet` with its own options."""

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from serviceguiden.directory.spreadsheet.read import is_spreadsheet
from serviceguiden.directory.transfer import (
    MAX_FILE_BYTES,
    FileRefused,
    import_registry,
    parse_export,
)


class Command(BaseCommand):
    summary = "Import a registry export (JSON) or a spreadsheet (XLSX, CSV)"
    help = (
        "Import a registry export (JSON) or a spreadsheet (XLSX, CSV) as a global admin. "
        "Every row is validated like any edit; for JSON nothing is imported when a row fails, "
        "unless --partial. A spreadsheet has its own options: `import FILE.xlsx --help`."
    )

    def run_from_argv(self, argv):
        if len(argv) > 2 and is_spreadsheet(argv[2]):
            from serviceguiden.directory.management.commands._import_spreadsheet import (
                Command as SpreadsheetCommand,
            )

            return SpreadsheetCommand().run_from_argv(argv)
        return super().run_from_argv(argv)

    def add_arguments(self, parser):
        parser.add_argument("file", help="An export file; '-' reads standard input.")
        parser.add_argument(
            "--as", dest="user", required=True, help="Username of the acting global admin."
        )
        parser.add_argument(
            "--partial", action="store_true", help="Keep the rows that pass; report the rest."
        )
        parser.add_argument(
            "--json", dest="as_json", action="store_true", help="Print the report as JSON."
        )

    def handle(self, *args, file, user, partial, as_json=False, **options):
        acting = get_user_model().objects.filter(username=user, is_active=True).first()
        if acting is None:
            raise CommandError(
                f"No active user {user!r}. Create one with `serviceguiden createuser`."
            )
        data = self._read(file)
        try:
            report = import_registry(data, acting, partial=partial)
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from None
        if as_json:
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        else:
            self._print(report)
        if not report.ok:
            raise CommandError(
                f"{len(report.problems)} problems; "
                + ("the other rows were imported." if partial else "nothing was imported.")
            )

    def _read(self, file):
        try:
            if file == "-":
                raw = self.stdin.buffer.read() if hasattr(self.stdin, "buffer") else None
                raw = raw if raw is not None else self.stdin.read().encode()
            else:
                with Path(file).open("rb") as handle:
                    raw = handle.read(MAX_FILE_BYTES + 1)
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}") from None
        try:
            return parse_export(raw, "standard input" if file == "-" else file)
        except FileRefused as exc:
            raise CommandError(str(exc)) from None

    def _print(self, report):
        for problem in report.problems:
            self.stdout.write(self.style.ERROR(f"{problem.field}: {problem.text()}"))
        for warning in report.warnings:
            self.stdout.write(self.style.WARNING(f"{warning.field}: {warning.text()}"))
        if report.imported:
            for section, count in report.created.items():
                self.stdout.write(
                    f"{section}: {count} created, {report.updated[section]} updated, "
                    f"{report.unchanged[section]} unchanged"
                )

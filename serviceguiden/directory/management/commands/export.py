"""`serviceguiden export [FILE]`: the whole registry as JSON (stdout when no file)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand

from serviceguiden.directory.transfer import export_registry


class Command(BaseCommand):
    summary = "Export the whole registry as JSON (the format import reads)"
    help = "Export the whole registry as JSON (the format `import` reads)."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="Write here instead of to standard output.")

    def handle(self, *args, file=None, **options):
        text = json.dumps(export_registry(), ensure_ascii=False, indent=2) + "\n"
        if file and file != "-":
            Path(file).write_text(text, encoding="utf-8")
            self.stderr.write(f"Exported the registry to {file}.")
        else:
            self.stdout.write(text, ending="")

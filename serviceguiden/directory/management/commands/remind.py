"""`serviceguiden remind`: tell contact owners what needs review (Django e-mail)."""

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError

from serviceguiden.directory.review import reminders, send_reminders


class Command(BaseCommand):
    summary = "E-mail editors about reviews due and exceptions ending"
    help = (
        "E-mail each organisation's editors about functions overdue or due for review, and "
        "exceptions ending soon or ended."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List, send nothing.")
        parser.add_argument("--json", dest="as_json", action="store_true", help="JSON output.")
        parser.add_argument("--date", help="Pretend today is this date (YYYY-MM-DD).")
        parser.add_argument("--days-ahead", type=int, help="'Soon' means within this many days.")

    def handle(self, *args, dry_run, as_json, date=None, days_ahead=None, **options):
        try:
            on = dt.date.fromisoformat(date) if date else None
        except ValueError:
            raise CommandError(f"--date must be YYYY-MM-DD, not {date!r}") from None
        items = reminders(on, days_ahead=days_ahead)
        sent = 0 if dry_run else send_reminders(items)
        if as_json:
            payload = {"sent": sent, "reminders": [r.as_dict() for r in items]}
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        for item in items:
            self.stdout.write(
                f"{item.organisation.name}: {len(item.overdue)} overdue, "
                f"{len(item.due_soon)} due soon, {len(item.exceptions_ending)} exceptions "
                f"ending, {len(item.channels_lapsed)} channels hidden "
                f"-> {', '.join(item.recipients) or 'nobody'}"
            )
        verb = "would be sent" if dry_run else "sent"
        self.stdout.write(f"{len(items) if dry_run else sent} reminders {verb}.")

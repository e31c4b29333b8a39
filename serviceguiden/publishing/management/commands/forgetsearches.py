"""`serviceguiden forgetsearches`: delete the searches without results (the editors' list,
publishing/missed_searches.py) not searched for SERVICEGUIDEN_MISSED_SEARCHES_KEEP_DAYS days.
Run it daily next to `remind` (the registry's command may not reach into publishing)."""

import json

from django.core.management.base import BaseCommand

from serviceguiden.publishing import missed_searches


class Command(BaseCommand):
    summary = "Delete searches without results not searched for the retention time"
    help = (
        "Delete the searches without results not searched for "
        "SERVICEGUIDEN_MISSED_SEARCHES_KEEP_DAYS days (180 by default)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--json", dest="as_json", action="store_true", help="JSON output.")

    def handle(self, *args, as_json, **options):
        deleted = missed_searches.forget_old()
        if as_json:
            self.stdout.write(json.dumps({"deleted": deleted}))
        else:
            self.stdout.write(f"{deleted} searches without results deleted.")

"""`serviceguiden publish --all`: (re)build the whole published store from the registry."""

import json

from django.core.management.base import BaseCommand, CommandError

from serviceguiden.publishing import store
from serviceguiden.publishing.publish import publish_all


class Command(BaseCommand):
    summary = "Render the published store again: pages, lists, search, feed"
    help = (
        "Render every topic, function, organisation and external actor into the published "
        "store, remove what is no longer published, and rebuild lists, search and the feed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", dest="everything", help="rebuild the whole store"
        )
        parser.add_argument("--json", action="store_true", help="print a JSON summary")

    def handle(self, *args, everything=False, json=False, **options):
        if not everything:
            raise CommandError(
                "Say what to publish: --all. (Changes are published by themselves after "
                "each save in the registry.)"
            )
        result = publish_all()
        summary = {
            "store": str(store.root()),
            "subjects": result.rendered,
            "files_written": result.written,
            "removed": result.removed,
            "change": result.change.pk if result.change else None,
            "webhooks_enqueued": result.deliveries,
            "seconds": round(result.seconds, 3),
        }
        if json:
            self.stdout.write(_dumps(summary))
            return
        self.stdout.write(
            f"Published {result.rendered} subjects to {summary['store']} in "
            f"{summary['seconds']} s: {result.written} files written, {result.removed} removed"
            + (f", change {summary['change']}." if summary["change"] else "; nothing changed.")
        )


def _dumps(data) -> str:
    return json.dumps(data)

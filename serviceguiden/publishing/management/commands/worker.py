"""`serviceguiden worker`: run background tasks (webhook deliveries and their retries)
from the database queue. `serve` starts one in the embedded set-up; in production run it as
its own service. It is django-tasks-db's worker with every queue by default."""

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand


class Command(DatabaseWorkerCommand):
    help = (
        "Run background tasks: signed webhook deliveries with retries and backoff. "
        "Stops cleanly on SIGINT/SIGTERM."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(queue_name="*")

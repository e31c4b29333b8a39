"""`serviceguiden loaddemo`: the Gothenburg-shaped demo registry, into an empty database."""

from django.core.management.base import BaseCommand, CommandError

from serviceguiden.directory.demo.loader import (
    DEMO_ADMIN,
    DEMO_MEMBERS,
    demo_password,
    load_demo,
    password_file,
    registry_is_empty,
)


class Command(BaseCommand):
    summary = "Load the demo city and demo accounts into an empty database"
    help = (
        "Load the demo registry (a Gothenburg-shaped city) and demo accounts into an empty "
        "database. The password is generated once and kept in the data directory."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true",
            help="Do nothing (and succeed) when the registry already has data.",
        )  # fmt: skip

    def handle(self, *args, if_empty=False, **options):
        if not registry_is_empty():
            if if_empty:
                return
            raise CommandError(
                "The registry is not empty; the demo loads only into an empty database. "
                "Use a new SERVICEGUIDEN_DATA_DIR (or DATABASE_URL) to try it."
            )
        report = load_demo()
        if not report.ok:
            for problem in report.problems:
                self.stderr.write(f"{problem.field}: {problem.text()}")
            raise CommandError("The demo data did not pass validation; nothing was loaded.")
        counts = ", ".join(f"{n} {section}" for section, n in report.created.items())
        self.stdout.write(f"Loaded the demo registry: {counts}.")
        users = ", ".join([DEMO_ADMIN, *(name for name, _, _ in DEMO_MEMBERS)])
        self.stdout.write(
            f"Demo accounts {users}; password {demo_password()} (kept in {password_file()})."
        )

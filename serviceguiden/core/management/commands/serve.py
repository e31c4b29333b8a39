"""`serviceguiden serve [--host H] [--port N]`: the production server behind `make run`.

Migrates, loads the demo registry into an empty database, collects static files, prints the
URLs and the demo login, then replaces itself with gunicorn serving the application with
publishing's fast path in front; the background worker (webhook deliveries) starts and stops
with it.
"""

import os
import shutil
import sys
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from serviceguiden.directory.demo.loader import (
    DEMO_ADMIN,
    demo_password,
    password_file,
    registry_is_empty,
)


def gunicorn_argv(host: str, port: int, workers: int) -> list[str]:
    """The gunicorn command line: the venv's gunicorn next to this Python, else PATH's."""
    beside = Path(sys.executable).with_name("gunicorn")
    executable = str(beside) if beside.exists() else shutil.which("gunicorn")
    if executable is None:
        raise CommandError("gunicorn is not installed; run `make install`.")
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    return [
        executable,
        "serviceguiden.publishing.wsgi:application",
        "--config", "python:serviceguiden.publishing.gunicorn_hooks",
        "--bind", bind,
        "--workers", str(workers),
        "--worker-class", "gthread",
        "--threads", os.environ.get("SERVICEGUIDEN_THREADS", "2"),
        "--access-logfile", "-",
        "--forwarded-allow-ips", os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
    ]  # fmt: skip


class Command(BaseCommand):
    help = (
        "Migrate, load the demo registry into an empty database, collect static files and "
        "start the production HTTP server (gunicorn)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("SERVICEGUIDEN_HOST", "127.0.0.1"))
        parser.add_argument(
            "--port", type=int, default=int(os.environ.get("SERVICEGUIDEN_PORT", "8000"))
        )
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("SERVICEGUIDEN_WORKERS", "2")),
            help="gunicorn worker processes (default 2).",
        )  # fmt: skip
        parser.add_argument("--no-demo", action="store_true", help="Never load the demo registry.")
        parser.add_argument(
            "--prepare-only", action="store_true",
            help="Do everything but start the server (for deployment scripts).",
        )  # fmt: skip

    def handle(self, *args, host, port, workers, no_demo, prepare_only, **options):
        self.stdout.write(f"Data directory: {settings.DATA_DIR}")
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Database is up to date.")
        if not no_demo and registry_is_empty():
            self.stdout.write("Loading the demo registry (first start only) …")
            call_command("loaddemo", stdout=self.stdout)
        call_command("collectstatic", interactive=False, verbosity=0)
        call_command("publish", "--all", stdout=self.stdout)
        base = f"http://{'localhost' if host in ('0.0.0.0', '::') else host}:{port}"
        self.stdout.write(
            f"\nServiceguiden is starting on {base}/\n"
            f"  Public pages:  {base}/\n"
            f"  Admin:         {base}/admin/   (global admins)\n"
        )
        if password_file().exists():
            self.stdout.write(
                f"  Demo login:    {DEMO_ADMIN} / {demo_password()}   (from {password_file()})\n"
            )
        if host not in settings.ALLOWED_HOSTS and host not in ("0.0.0.0", "::"):
            self.stderr.write(f"Note: add {host} to ALLOWED_HOSTS, or requests will get 400.")
        if prepare_only:
            return
        argv = gunicorn_argv(host, port, workers)
        self.stdout.flush()
        os.execvp(argv[0], argv)

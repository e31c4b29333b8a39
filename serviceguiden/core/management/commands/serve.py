"""`serviceguiden serve [--host H] [--port N]`: the production server behind `make run`.

Migrates, loads the demo registry into an empty database, collects static files, prints the
URLs and the demo login, then runs granian (a Rust HTTP server with a WSGI interface)
serving the application with publishing's fast path in front; the background workers start
and stop with it: one for the editor's spreadsheet imports, one for every other queue (webhook
deliveries, site scans …), so that a long import holds up no delivery.

granian rather than gunicorn: gunicorn's threaded workers parse HTTP and manage connections
in Python, under the same GIL as the app; granian does that in Rust, and the published reads
(answered by the fast path in a few microseconds) get several times the throughput at a
fraction of the p99 latency (figures: bench/publish_throughput.py, README).
"""

import argparse
import os
import socket
from collections.abc import Sequence

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from granian import Granian

from serviceguiden.directory.demo.loader import (
    DEMO_ADMIN,
    demo_password,
    password_file,
    registry_is_empty,
)
from serviceguiden.directory.tasks import QUEUE as IMPORTS_QUEUE
from serviceguiden.publishing.embedded import BackgroundWorker, load_application, worker_argv
from serviceguiden.settings import env_bool

APPLICATION = "serviceguiden.publishing.wsgi:application"


def granian_server(
    host: str, port: int, workers: int, threads: int, access_log: bool = True
) -> Granian:
    """The production server: `workers` processes, each running the app in `threads`
    threads, with an access log on standard output unless `access_log` is false (behind a
    proxy that logs every request itself). A worker that dies is replaced."""
    return Granian(
        APPLICATION,
        address=host,  # IPv6 too: "::" or "::1"
        port=port,
        interface="wsgi",
        workers=workers,
        blocking_threads=threads,
        websockets=False,
        log_access=access_log,
        respawn_failed_workers=True,
    )


class Command(BaseCommand):
    summary = "Migrate and start the web server with the background worker"
    help = (
        "Migrate, load the demo registry into an empty database, collect static files and "
        "start the production HTTP server (granian) with the background worker."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("SERVICEGUIDEN_HOST", "127.0.0.1"))
        parser.add_argument(
            "--port", type=int, default=int(os.environ.get("SERVICEGUIDEN_PORT", "8000"))
        )
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("SERVICEGUIDEN_WORKERS", "2")),
            help="server worker processes (default 2).",
        )  # fmt: skip
        parser.add_argument(
            "--threads", type=int, default=int(os.environ.get("SERVICEGUIDEN_THREADS", "2")),
            help="threads per worker process that run the application (default 2).",
        )  # fmt: skip
        parser.add_argument(
            "--access-log", action=argparse.BooleanOptionalAction,
            default=env_bool("SERVICEGUIDEN_ACCESS_LOG", True),
            help="a line on standard output for every request (default on; turn it off "
            "behind nginx or a load balancer that logs the requests itself; also "
            "SERVICEGUIDEN_ACCESS_LOG=off).",
        )  # fmt: skip
        parser.add_argument("--no-demo", action="store_true", help="Never load the demo registry.")
        parser.add_argument(
            "--prepare-only", action="store_true",
            help="Do everything but start the server (for deployment scripts).",
        )  # fmt: skip

    def handle(
        self, *args, host, port, workers, threads, access_log, no_demo, prepare_only, **options
    ):
        if not prepare_only:
            require_free_port(host, port)  # before anything else: a clear error, no half-start
        self.stdout.write(f"Data directory: {settings.DATA_DIR}")
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Database is up to date.")
        if not no_demo and registry_is_empty():
            self.stdout.write("Loading the demo registry (first start only) …")
            call_command("loaddemo", stdout=self.stdout)
        call_command("check", "--database", "default", stdout=self.stdout)
        call_command("collectstatic", interactive=False, verbosity=0)
        base = f"http://{'localhost' if host in ('0.0.0.0', '::') else host}:{port}"
        if not os.environ.get("SITE_URL"):
            # Links in the published artifacts (embed codes, oEmbed, API links) follow the
            # address the server answers on; behind a proxy, SITE_URL says the public one.
            settings.SITE_URL = base
            os.environ["SITE_URL"] = base  # for the server's worker processes
        call_command("publish", "--all", stdout=self.stdout)
        self.stdout.write(
            f"\nServiceguiden is starting on {base}/\n"
            f"  Public pages:  {base}/\n"
            f"  Editor:        {base}/redigera/   (sign in as an editor)\n"
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
        self.stdout.flush()
        connections.close_all()  # the server's worker processes are forked from this one
        run_server(granian_server(host, port, workers, threads, access_log))


def require_free_port(host: str, port: int) -> None:
    """Refuse to start beside a server already listening on the address. granian binds with
    SO_REUSEPORT, so a second `serve` would otherwise share the port with the first (and two
    workers would deliver); a plain bind, without that option, fails while anyone listens."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError as error:
            raise CommandError(
                f"Cannot listen on {host} port {port}: {error.strerror}. Is another "
                "`serviceguiden serve` running? Stop it, or start this one with --port."
            ) from None


def background_workers() -> list[BackgroundWorker]:
    """Two `serviceguiden worker` processes: one runs every queue but the imports, the other
    only the imports. A worker runs one task at a time, and an editor's import of a large
    spreadsheet takes minutes: alone, it would hold up every webhook delivery and scan behind
    it. (Each runs the outbox sweep too; publishing is safe from any process at any time.)"""
    return [
        BackgroundWorker([*worker_argv(), "--exclude-queues", IMPORTS_QUEUE]),
        BackgroundWorker([*worker_argv(), "--queue-name", IMPORTS_QUEUE]),
    ]


def run_server(server: Granian, workers: Sequence[BackgroundWorker] | None = None) -> None:
    """Serve until SIGINT/SIGTERM, with the background workers started once the server is
    listening and stopped when it stops (also when it stops on an error)."""
    workers = background_workers() if workers is None else workers
    for worker in workers:
        server.on_startup(worker.start)
        server.on_shutdown(worker.stop)
    try:
        server.serve(target_loader=load_application)
    except RuntimeError as error:
        if any(worker.process is not None for worker in workers):
            raise
        reason = str(error).splitlines()[0]  # e.g. "Address already in use (os error 98)"
        address = f"{server.bind_addr} port {server.bind_port}"
        raise CommandError(f"Cannot listen on {address}: {reason}") from None
    finally:
        for worker in workers:
            worker.stop()

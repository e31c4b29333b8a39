"""`serve`'s gunicorn starts the background worker with itself and stops it on exit."""

from __future__ import annotations

import logging
import sys

from serviceguiden.publishing import gunicorn_hooks


class Server:
    log = logging.getLogger("gunicorn-test")


def test_worker_starts_and_stops_with_the_server(monkeypatch):
    monkeypatch.setattr(
        gunicorn_hooks, "worker_argv", lambda: [sys.executable, "-c", "import time; time.sleep(60)"]
    )
    gunicorn_hooks.on_starting(Server())
    worker = gunicorn_hooks._worker
    assert worker.poll() is None  # running
    gunicorn_hooks.on_exit(Server())
    assert worker.poll() is not None  # stopped


def test_worker_command_line_uses_the_console_script():
    argv = gunicorn_hooks.worker_argv()
    assert argv[-1] == "worker" or argv[-1].endswith("main(['worker'])")

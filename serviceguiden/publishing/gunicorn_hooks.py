"""gunicorn hooks for the embedded set-up: `serve` runs the background worker (webhook
deliveries) next to the web server, started and stopped with it::

    gunicorn serviceguiden.publishing.wsgi:application \\
        -c python:serviceguiden.publishing.gunicorn_hooks

In production run `serviceguiden worker` as its own service instead.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

_worker: subprocess.Popen | None = None


def worker_argv() -> list[str]:
    """`serviceguiden worker`, with the console script beside this Python when there is one."""
    beside = Path(sys.executable).with_name("serviceguiden")
    if beside.exists():
        return [str(beside), "worker"]
    return [sys.executable, "-c", "from serviceguiden.cli import main; main(['worker'])"]


def on_starting(server) -> None:
    global _worker
    _worker = subprocess.Popen(worker_argv())
    server.log.info("Started the background worker (pid %s)", _worker.pid)


def on_exit(server) -> None:
    if _worker is None or _worker.poll() is not None:
        return
    _worker.terminate()  # the worker finishes the delivery it is making, then stops
    try:
        _worker.wait(timeout=30)
    except subprocess.TimeoutExpired:
        _worker.kill()
    server.log.info("Stopped the background worker")

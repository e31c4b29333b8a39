"""The embedded set-up behind `serviceguiden serve`: the background worker (webhook
deliveries) runs next to the web server, started and stopped with it, and each of the
server's worker processes loads the fast-path application with `load_application`.

In production run `serviceguiden worker` as its own service instead.
"""

from __future__ import annotations

import logging
import subprocess
import sys
from multiprocessing.util import Finalize
from pathlib import Path

logger = logging.getLogger(__name__)


def worker_argv() -> list[str]:
    """`serviceguiden worker`, with the console script beside this Python when there is one."""
    beside = Path(sys.executable).with_name("serviceguiden")
    if beside.exists():
        return [str(beside), "worker"]
    return [sys.executable, "-c", "from serviceguiden.cli import main; main(['worker'])"]


class BackgroundWorker:
    """One `serviceguiden worker` child process; `stop` is safe to call more than once."""

    def __init__(self, argv: list[str] | None = None):
        self.argv = argv
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(self.argv or worker_argv())
        logger.info("Started the background worker (pid %s)", self.process.pid)

    def stop(self, timeout: float = 30) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()  # the worker finishes the delivery it is making, then stops
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        logger.info("Stopped the background worker")


def load_application(target: str = ""):
    """granian's loader, run in each of its worker processes: the fast-path application.

    granian's workers are multiprocessing processes, which end without running `atexit`
    handlers; a multiprocessing finaliser writes the buffered where-used counts instead."""
    from serviceguiden.publishing import usage
    from serviceguiden.publishing.wsgi import application

    Finalize(None, usage.flush, exitpriority=10)
    return application

"""The embedded set-up behind `serviceguiden serve`: the background worker (webhook
deliveries) runs next to the web server, started and stopped with it, and each of the
server's worker processes loads the fast-path application with `load_application`.

In production run `serviceguiden worker` as its own service instead.
"""

from __future__ import annotations

import ctypes
import logging
import signal
import subprocess
import sys
import threading
from multiprocessing.util import Finalize
from pathlib import Path

logger = logging.getLogger(__name__)


def worker_argv() -> list[str]:
    """`serviceguiden worker`, with the console script beside this Python when there is one."""
    beside = Path(sys.executable).with_name("serviceguiden")
    if beside.exists():
        return [str(beside), "worker"]
    return [sys.executable, "-c", "from serviceguiden.cli import main; main(['worker'])"]


PR_SET_PDEATHSIG = 1


def die_with_parent(signum: int = signal.SIGTERM) -> None:
    """Ask Linux to send `signum` to this process when its parent dies, so that a `kill -9`
    of `serve` leaves no server or worker process behind answering or delivering. Elsewhere
    it does nothing (the process group still ends with a terminal's Ctrl+C)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signum, 0, 0, 0)
    except (OSError, AttributeError):  # pragma: no cover - a libc without prctl
        logger.warning("Cannot ask to be stopped with the parent process")


class BackgroundWorker:
    """One `serviceguiden worker` child process, restarted when it exits (with a growing
    delay when it keeps exiting); it dies with its parent. `stop` is safe to call more than
    once."""

    def __init__(self, argv: list[str] | None = None, restart_delays=(1, 2, 5, 10, 30)):
        self.argv = argv
        self.process: subprocess.Popen | None = None
        self.restart_delays = tuple(restart_delays)
        self.restarts = 0
        self._stopping = threading.Event()
        self._watcher: threading.Thread | None = None

    def _spawn(self) -> None:
        self.process = subprocess.Popen(self.argv or worker_argv(), preexec_fn=die_with_parent)
        logger.info("Started the background worker (pid %s)", self.process.pid)

    def start(self) -> None:
        self._stopping.clear()
        self._spawn()
        self._watcher = threading.Thread(target=self._watch, name="worker-watch", daemon=True)
        self._watcher.start()

    def _watch(self) -> None:
        failures = 0
        while not self._stopping.is_set():
            process = self.process
            if process is None:
                return
            code = process.wait()
            if self._stopping.is_set():
                return
            delay = self.restart_delays[min(failures, len(self.restart_delays) - 1)]
            logger.error("The background worker exited (code %s); restarting in %s s", code, delay)
            if self._stopping.wait(delay):
                return
            failures += 1
            self.restarts += 1
            self._spawn()

    def stop(self, timeout: float = 30) -> None:
        self._stopping.set()
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

    die_with_parent()

    Finalize(None, usage.flush, exitpriority=10)
    return application

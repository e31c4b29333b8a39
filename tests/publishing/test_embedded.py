"""The embedded set-up of `serve`: the background worker starts and stops with the web
server, granian's workers load the fast-path application, and Django trusts forwarded
headers only from `FORWARDED_ALLOW_IPS`."""

from __future__ import annotations

import signal
import sys
import time
from pathlib import Path
from wsgiref.util import setup_testing_defaults

import pytest

from serviceguiden.publishing import embedded
from serviceguiden.publishing.fastpath import PublishedReads

SLEEPER = [sys.executable, "-c", "import time; time.sleep(60)"]


def test_worker_starts_and_stops():
    worker = embedded.BackgroundWorker(SLEEPER)
    worker.stop()  # not started: nothing to do
    worker.start()
    assert worker.process.poll() is None  # running
    worker.stop()
    assert worker.process.poll() is not None  # stopped
    worker.stop()  # twice is fine (granian's shutdown hook, then serve's `finally`)


def test_a_worker_that_ignores_sigterm_is_killed(tmp_path):
    ready = tmp_path / "ready"
    stubborn = [sys.executable, "-c",
                "import pathlib, signal, sys, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
                "pathlib.Path(sys.argv[1]).touch(); time.sleep(60)", str(ready)]  # fmt: skip
    worker = embedded.BackgroundWorker(stubborn)
    worker.start()
    deadline = time.monotonic() + 10
    while not ready.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    worker.stop(timeout=0.5)
    assert worker.process.returncode == -signal.SIGKILL


def test_a_worker_that_exits_is_restarted():
    worker = embedded.BackgroundWorker(
        [sys.executable, "-c", "raise SystemExit(3)"], restart_delays=(0.05,)
    )
    worker.start()
    deadline = time.monotonic() + 10
    while worker.restarts < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    worker.stop()
    assert worker.restarts >= 2


def test_the_worker_dies_with_a_killed_parent(tmp_path):
    """`kill -9` of serve must leave no worker delivering webhooks behind it."""
    import os
    import subprocess

    pid_file = tmp_path / "child.pid"
    parent = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from serviceguiden.publishing import embedded\n"
         "w = embedded.BackgroundWorker([sys.executable, '-c', 'import time; time.sleep(60)'])\n"
         "w.start(); open(sys.argv[1], 'w').write(str(w.process.pid)); time.sleep(60)",
         str(pid_file)],
    )  # fmt: skip
    deadline = time.monotonic() + 20
    while not (pid_file.exists() and pid_file.read_text()) and time.monotonic() < deadline:
        time.sleep(0.05)
    child = int(pid_file.read_text())
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            break
        # a zombie of a dead parent is reaped by init; read its state
        state = (
            Path(f"/proc/{child}/stat").read_text().split()[2]
            if Path(f"/proc/{child}").exists()
            else "X"
        )
        if state in ("Z", "X"):
            break
        time.sleep(0.05)
    else:
        os.kill(child, signal.SIGKILL)
        raise AssertionError("the worker outlived its killed parent")


def test_worker_command_line_uses_the_console_script():
    argv = embedded.worker_argv()
    assert argv[-1] == "worker" or argv[-1].endswith("main(['worker'])")


def test_granian_workers_load_the_fast_path_application():
    assert isinstance(embedded.load_application("serviceguiden.publishing.wsgi:application"),
                      PublishedReads)  # fmt: skip


@pytest.mark.parametrize(
    ("trusted", "peer", "client", "scheme"),
    [("127.0.0.1", "127.0.0.1", "203.0.113.7", "https"),  # a configured local proxy
     ("127.0.0.1", "198.51.100.1", "198.51.100.1", "http"),  # anyone else's header is ignored
     ("", "127.0.0.1", "127.0.0.1", "http")],  # the default: no proxy is trusted
)  # fmt: skip
def test_django_sees_the_client_behind_a_trusted_proxy_only(
    db, monkeypatch, trusted, peer, client, scheme
):
    import importlib

    from serviceguiden.publishing import wsgi

    monkeypatch.setenv("FORWARDED_ALLOW_IPS", trusted)
    application = importlib.reload(wsgi).application
    environ = {
        "PATH_INFO": "/finns-inte",
        "REMOTE_ADDR": peer,
        "HTTP_X_FORWARDED_FOR": "203.0.113.7",
        "HTTP_X_FORWARDED_PROTO": "https",
    }
    setup_testing_defaults(environ)
    b"".join(application(environ, lambda status, headers: None))
    assert (environ["REMOTE_ADDR"], environ["wsgi.url_scheme"]) == (client, scheme)

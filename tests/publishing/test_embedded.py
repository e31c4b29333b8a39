"""The embedded set-up of `serve`: the background worker starts and stops with the web
server, granian's workers load the fast-path application, and Django trusts forwarded
headers only from `FORWARDED_ALLOW_IPS`."""

from __future__ import annotations

import signal
import sys
import time
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


def test_worker_command_line_uses_the_console_script():
    argv = embedded.worker_argv()
    assert argv[-1] == "worker" or argv[-1].endswith("main(['worker'])")


def test_granian_workers_load_the_fast_path_application():
    assert isinstance(embedded.load_application("serviceguiden.publishing.wsgi:application"),
                      PublishedReads)  # fmt: skip


@pytest.mark.parametrize(
    ("peer", "client", "scheme"),
    [("127.0.0.1", "203.0.113.7", "https"),  # FORWARDED_ALLOW_IPS' default: the local proxy
     ("198.51.100.1", "198.51.100.1", "http")],  # anyone else's X-Forwarded-* is ignored
)  # fmt: skip
def test_django_sees_the_client_behind_a_trusted_proxy(db, peer, client, scheme):
    from serviceguiden.publishing.wsgi import application

    environ = {
        "PATH_INFO": "/finns-inte",
        "REMOTE_ADDR": peer,
        "HTTP_X_FORWARDED_FOR": "203.0.113.7",
        "HTTP_X_FORWARDED_PROTO": "https",
    }
    setup_testing_defaults(environ)
    b"".join(application(environ, lambda status, headers: None))
    assert (environ["REMOTE_ADDR"], environ["wsgi.url_scheme"]) == (client, scheme)

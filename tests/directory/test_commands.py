"""The CLI verbs of the registry: createuser, loaddemo, serve (export, import and remind are
tested next to their domain functions)."""

import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError

from serviceguiden.core.management.commands.serve import Command as ServeCommand
from serviceguiden.core.management.commands.serve import granian_server, run_server
from serviceguiden.directory.models import Membership, Organisation
from serviceguiden.publishing.embedded import BackgroundWorker, load_application


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_createuser_makes_a_member_with_a_generated_password(cast):
    output = run("createuser", "ny-redaktor", "--organisation", "sbk", "--role", "editor")
    user = get_user_model().objects.get(username="ny-redaktor")
    password = output.split("Password: ")[1].strip()
    assert user.check_password(password)
    assert Membership.objects.get(user=user).role == "editor"
    assert not user.is_superuser


def test_createuser_global_admin_and_clear_errors(cast, tmp_path):
    weak = tmp_path / "pw"
    weak.write_text("123")
    with pytest.raises(CommandError, match="Password refused"):
        run("createuser", "svag", "--password-file", str(weak))
    with pytest.raises(CommandError, match="No organisation 'finns-inte'"):
        run("createuser", "x", "--organisation", "finns-inte")
    run("createuser", "chef", "--global-admin")
    assert get_user_model().objects.get(username="chef").is_superuser


def test_loaddemo_only_into_an_empty_registry(cast):
    with pytest.raises(CommandError, match="not empty"):
        run("loaddemo")
    assert run("loaddemo", "--if-empty") == ""


def test_loaddemo_prints_the_login(db, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    output = run("loaddemo")
    assert "100 functions" in output and "206 topics" in output
    password = (tmp_path / "demo-login.txt").read_text().strip()
    assert password in output
    assert get_user_model().objects.get(username="demo").check_password(password)
    assert Organisation.objects.count() == 25


def test_production_server_configuration():
    server = granian_server("127.0.0.1", 8123, 3, 4)
    assert server.target == "serviceguiden.publishing.wsgi:application"  # with the fast path
    assert (server.bind_addr, server.bind_port) == ("127.0.0.1", 8123)
    assert server.interface == "wsgi"
    assert (server.workers, server.blocking_threads) == (3, 4)
    assert server.log_access  # an access log on standard output
    assert granian_server("::1", 80, 1, 1).bind_addr == "::1"  # IPv6
    assert not granian_server("127.0.0.1", 8123, 1, 1, access_log=False).log_access


def _serve_options(*argv):
    return vars(ServeCommand().create_parser("serviceguiden", "serve").parse_args(argv))


def test_the_access_log_is_on_unless_the_option_or_the_environment_turns_it_off(monkeypatch):
    """Behind a proxy that logs every request, the server's own line a request is a cost
    (bench/publish_throughput.py --access-log on|off) and can be turned off."""
    monkeypatch.delenv("SERVICEGUIDEN_ACCESS_LOG", raising=False)
    assert _serve_options()["access_log"] is True
    assert _serve_options("--no-access-log")["access_log"] is False
    monkeypatch.setenv("SERVICEGUIDEN_ACCESS_LOG", "off")
    assert _serve_options()["access_log"] is False
    assert _serve_options("--access-log")["access_log"] is True
    monkeypatch.setenv("SERVICEGUIDEN_ACCESS_LOG", "maybe")
    with pytest.raises(
        ImproperlyConfigured, match="SERVICEGUIDEN_ACCESS_LOG must be true or false"
    ):
        _serve_options()


class FakeServer:
    """Stands for granian: fails to bind, or runs its start-up hooks and is interrupted."""

    bind_addr, bind_port = "127.0.0.1", 8000

    def __init__(self, fail_to_bind=False):
        self.fail_to_bind = fail_to_bind
        self.startup, self.shutdown = [], []
        self.on_startup, self.on_shutdown = self.startup.append, self.shutdown.append

    def serve(self, target_loader):
        if self.fail_to_bind:
            raise RuntimeError("Address already in use (os error 98)\n\nStack backtrace: …")
        for hook in self.startup:
            hook()
        assert target_loader is load_application
        raise KeyboardInterrupt  # stands for anything that ends serving without shutdown hooks


def test_the_background_workers_start_with_the_server_and_always_stop_with_it():
    workers = [BackgroundWorker([sys.executable, "-c", "import time; time.sleep(60)"])
               for _ in range(2)]  # fmt: skip
    with pytest.raises(KeyboardInterrupt):
        run_server(FakeServer(), workers)
    assert all(worker.process.poll() is not None for worker in workers)  # stopped by `run`


def test_an_address_in_use_is_a_clear_error_and_no_worker_starts():
    worker = BackgroundWorker([sys.executable, "-c", "import time; time.sleep(60)"])
    with pytest.raises(CommandError, match=r"Cannot listen on 127.0.0.1 port 8000: Address alr"):
        run_server(FakeServer(fail_to_bind=True), [worker])
    assert worker.process is None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_runs_the_demo_registry_on_a_production_server(tmp_path):
    """End to end, as `make run` does it: a fresh data directory, then HTTP answers; on
    SIGTERM the server stops with its background worker and writes its where-used counts."""
    port = _free_port()
    env = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env["SERVICEGUIDEN_DATA_DIR"] = str(tmp_path)
    script = Path(sys.executable).with_name("serviceguiden")
    server = subprocess.Popen(
        [str(script), "serve", "--port", str(port), "--workers", "1"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        body = ""
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and server.poll() is None:
            try:
                url = f"http://127.0.0.1:{port}/admin/login/"
                with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310
                    body = response.read().decode()
                    break
            except OSError:
                time.sleep(0.5)
        assert "Serviceguiden" in body
        assert (tmp_path / "serviceguiden.sqlite3").exists()
        assert (tmp_path / "demo-login.txt").exists()
        embed = urllib.request.Request(  # answered by the fast path, counted
            f"http://127.0.0.1:{port}/embed/topics/bygglov-for-altan",
            headers={"Referer": "https://goteborg.se/bygga"},
        )
        with urllib.request.urlopen(embed, timeout=5) as response:  # noqa: S310
            assert response.status == 200 and response.headers["ETag"]
    finally:
        server.terminate()
        output = server.communicate(timeout=60)[0]
    assert server.returncode == 0
    assert "Demo login:    demo / " in output
    assert f"http://127.0.0.1:{port}/admin/" in output
    assert f"http://127.0.0.1:{port}/redigera/" in output  # where editors start
    assert "Starting granian" in output
    worker_pid = int(re.search(r"Started the background worker \(pid (\d+)\)", output)[1])
    assert "Stopped the background worker" in output
    with pytest.raises(ProcessLookupError):  # no orphan left behind
        os.kill(worker_pid, 0)
    with sqlite3.connect(tmp_path / "serviceguiden.sqlite3") as database:
        counted = database.execute("SELECT slug, page, hits FROM publishing_usage").fetchall()
    assert counted == [("bygglov-for-altan", "https://goteborg.se/bygga", 1)]


def test_out_of_range_registry_settings_stop_start_up(settings):
    from serviceguiden.directory.checks import check_registry_settings

    assert check_registry_settings(None) == []
    settings.SERVICEGUIDEN_EXCEPTION_MAX_DAYS = 5000
    (error,) = check_registry_settings(None)
    assert "SERVICEGUIDEN_EXCEPTION_MAX_DAYS is 5000" in error.msg
    assert error.id == "serviceguiden.E101"


def test_serve_refuses_a_port_another_server_listens_on(db):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(CommandError, match="Is another `serviceguiden serve` running"):
            call_command("serve", "--port", str(port), "--no-demo")


def test_serve_links_follow_its_port_unless_site_url_says_otherwise(db, monkeypatch, settings,
                                                                     tmp_path):  # fmt: skip
    import json

    from django.conf import settings as live

    from directory.factories import make_organisation, make_user

    monkeypatch.delenv("SITE_URL", raising=False)
    settings.SERVICEGUIDEN_PUBLISHED_DIR = tmp_path / "published"
    original = live.SITE_URL
    root = make_user("root", superuser=True)
    make_organisation(root, "sbk", "Stadsbyggnadskontoret")
    try:
        call_command("serve", "--port", "8123", "--no-demo", "--prepare-only", stdout=StringIO())
    finally:
        live.SITE_URL = original
        monkeypatch.delenv("SITE_URL", raising=False)
    data = json.loads((tmp_path / "published/organisations/sbk.sv.json").read_text())
    assert data["links"]["json"].startswith("http://127.0.0.1:8123/")

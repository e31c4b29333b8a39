"""The CLI verbs of the registry: createuser, loaddemo, serve (export, import and remind are
tested next to their domain functions)."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from serviceguiden.core.management.commands.serve import gunicorn_argv
from serviceguiden.directory.models import Membership, Organisation


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
    assert "95 functions" in output and "163 topics" in output
    password = (tmp_path / "demo-login.txt").read_text().strip()
    assert password in output
    assert get_user_model().objects.get(username="demo").check_password(password)
    assert Organisation.objects.count() == 24


def test_gunicorn_command_line():
    argv = gunicorn_argv("127.0.0.1", 8123, 3)
    assert Path(argv[0]).name == "gunicorn"
    assert argv[1] == "serviceguiden.publishing.wsgi:application"  # with the fast path
    options = dict(zip(argv[2::2], argv[3::2], strict=False))
    assert options["--bind"] == "127.0.0.1:8123"
    assert options["--workers"] == "3"
    assert options["--config"] == "python:serviceguiden.publishing.gunicorn_hooks"  # worker
    ipv6 = gunicorn_argv("::1", 80, 1)
    assert ipv6[ipv6.index("--bind") + 1] == "[::1]:80"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_runs_the_demo_registry_on_a_production_server(tmp_path):
    """End to end, as `make run` does it: a fresh data directory, then HTTP answers."""
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
    finally:
        server.terminate()
        output = server.communicate(timeout=20)[0]
    assert "Demo login:    demo / " in output
    assert f"http://127.0.0.1:{port}/admin/" in output
    assert "gunicorn" in output.lower() or "Booting worker" in output


def test_out_of_range_registry_settings_stop_start_up(settings):
    from serviceguiden.directory.checks import check_registry_settings

    assert check_registry_settings(None) == []
    settings.SERVICEGUIDEN_EXCEPTION_MAX_DAYS = 5000
    (error,) = check_registry_settings(None)
    assert "SERVICEGUIDEN_EXCEPTION_MAX_DAYS is 5000" in error.msg
    assert error.id == "serviceguiden.E101"

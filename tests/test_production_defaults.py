"""Production defaults: a Content-Security-Policy on every page, HSTS and Secure cookies when
the site is served over https, a private database file, bounded forms and parameters."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _settings_with(env: dict, expression: str, tmp_path) -> str:
    code = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', "
        "'serviceguiden.settings'); django.setup(); from django.conf import settings; "
        f"print({expression})"
    )
    environment = {**os.environ, "SERVICEGUIDEN_DATA_DIR": str(tmp_path), **env}
    environment.pop("SECURE_COOKIES", None)
    result = subprocess.run(
        [sys.executable, "-c", code], env=environment, cwd=ROOT, capture_output=True,
        text=True, check=True,
    )  # fmt: skip
    return result.stdout.strip().splitlines()[-1]


@pytest.mark.parametrize(
    ("site", "expected"),
    [("https://serviceguiden.goteborg.se", "True 31536000"), ("http://127.0.0.1:8000", "False 0")],
)
def test_https_sites_get_secure_cookies_and_hsts(tmp_path, site, expected):
    shown = _settings_with(
        {"SITE_URL": site},
        "settings.SESSION_COOKIE_SECURE, settings.SECURE_HSTS_SECONDS, sep=' '",
        tmp_path,
    )
    assert shown == expected


def test_the_sqlite_database_file_is_private(tmp_path):
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, check=True,
        env={**os.environ, "SERVICEGUIDEN_DATA_DIR": str(tmp_path), "DATABASE_URL": ""},
        capture_output=True,
    )  # fmt: skip
    database = tmp_path / "serviceguiden.sqlite3"
    assert database.exists()
    assert database.stat().st_mode & 0o777 == 0o600
    assert tmp_path.stat().st_mode & 0o077 == 0 or tmp_path.stat().st_mode & 0o777 == 0o700


@pytest.mark.parametrize("path", ["/", "/redigera/logga-in/", "/demo/artikel"])
def test_pages_carry_a_content_security_policy(cast, client, path):
    response = client.get(path, follow=True)
    policy = response.headers.get("Content-Security-Policy", "")
    assert "script-src 'self'" in policy
    assert "object-src 'none'" in policy


def test_the_embed_frame_may_be_framed_by_any_site(cast, client, settings, tmp_path):
    from serviceguiden.publishing.publish import publish_all

    settings.SERVICEGUIDEN_PUBLISHED_DIR = tmp_path / "published"
    publish_all()
    response = client.get("/embed/topics/bygga-altan/frame")
    assert response.status_code == 200
    assert "frame-ancestors 'self' *" in response.headers["Content-Security-Policy"]
    assert "<style>" not in response.content.decode()  # styles from a file: CSP allows them


def test_a_huge_refresh_parameter_is_ignored_not_a_500(cast, client):
    response = client.get("/demo/artikel", {"refresh": "9" * 4301})
    assert response.status_code == 200


def test_a_forged_form_count_is_refused_cheaply(cast, client):
    client.force_login(cast.editor_a)
    response = client.post(
        "/redigera/funktion/bygglov/",
        {"channels-TOTAL_FORMS": "100000", "channels-INITIAL_FORMS": "0", "name": "Bygglov"},
    )
    assert response.status_code in (200, 400)
    assert "Bygglov" in response.content.decode()

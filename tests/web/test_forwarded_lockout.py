"""The sign-in lock-out holds against a rotating X-Forwarded-For: through the production WSGI
stack (publishing.wsgi, as granian loads it) a client that is no configured proxy cannot make
each guess look like another address."""

from __future__ import annotations

import importlib
import re
from http.cookies import SimpleCookie
from io import BytesIO
from urllib.parse import urlencode
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections


@pytest.fixture
def trusted():
    return ""


@pytest.fixture
def wsgi_app(monkeypatch, trusted):
    from serviceguiden.publishing import wsgi

    monkeypatch.setenv("FORWARDED_ALLOW_IPS", trusted)
    # as Django's test client does: the test's transaction must outlive each request
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield importlib.reload(wsgi).application
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _call(app, method, path, *, forwarded="", cookies=None, body=b""):
    environ = {
        "REQUEST_METHOD": method, "PATH_INFO": path, "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "127.0.0.1", "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "8000",
        "wsgi.input": BytesIO(body), "CONTENT_LENGTH": str(len(body)),
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "HTTP_REFERER": "http://127.0.0.1/redigera/logga-in/",
    }  # fmt: skip
    if forwarded:
        environ["HTTP_X_FORWARDED_FOR"] = forwarded
    if cookies:
        environ["HTTP_COOKIE"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    setup_testing_defaults(environ)
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"] = int(status.split()[0])
        answer["headers"] = headers

    content = b"".join(app(environ, start_response))
    for name, value in answer["headers"]:
        if name.lower() == "set-cookie":
            cookie = SimpleCookie(value)
            for key, morsel in cookie.items():
                (cookies if cookies is not None else {})[key] = morsel.value
    return answer["status"], content.decode()


@pytest.mark.parametrize(
    ("trusted", "last"),
    [("", 429),  # the default: the header of a client is never believed
     ("127.0.0.1", 302)],  # a configured proxy: its addresses are the clients' (control case)
)  # fmt: skip
def test_rotating_forwarded_addresses_do_not_reset_the_lockout(
    cast, settings, wsgi_app, trusted, last
):
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    cookies: dict = {}
    status, page = _call(wsgi_app, "GET", "/redigera/logga-in/", cookies=cookies)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    def sign_in(password, index):
        body = urlencode(
            {"csrfmiddlewaretoken": token, "username": "editor_a", "password": password}
        ).encode()
        return _call(wsgi_app, "POST", "/redigera/logga-in/", forwarded=f"203.0.113.{index}",
                     cookies=cookies, body=body)[0]  # fmt: skip

    for index in range(settings.AXES_FAILURE_LIMIT + 6):
        assert sign_in("fel", index) in (200, 429)
    assert sign_in("a-long-test-password", 99) == last

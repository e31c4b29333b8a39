"""The project's WSGI application with publishing's fast path in front (see `fastpath.py`).
Production servers should load `serviceguiden.publishing.wsgi:application`.

Behind a proxy listed in `FORWARDED_ALLOW_IPS` (default `127.0.0.1`; `*` trusts any),
Django sees the client's address and scheme from `X-Forwarded-For` / `X-Forwarded-Proto`
(the fast path needs neither)."""

import os

from granian.utils.proxies import wrap_wsgi_with_proxy_headers

from serviceguiden.wsgi import application as django_application  # sets Django up


def _with_fast_path():
    from serviceguiden.publishing.fastpath import PublishedReads  # needs Django set up

    trusted = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
    return PublishedReads(wrap_wsgi_with_proxy_headers(django_application, trusted))


application = _with_fast_path()

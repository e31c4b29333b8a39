"""The project's WSGI application with publishing's fast path in front (see `fastpath.py`).
Production servers should load `serviceguiden.publishing.wsgi:application`.

Client addresses come from `X-Forwarded-For` (and the scheme from `X-Forwarded-Proto`) only
when the peer is a proxy listed in `FORWARDED_ALLOW_IPS` (comma-separated addresses; none by
default, so a server answering clients directly never believes the header — anyone could send
it and, say, sign in past the lock-out with a new address each time). Behind nginx on the same
machine set `FORWARDED_ALLOW_IPS=127.0.0.1` and let nginx overwrite the header (README). The
fast path needs neither."""

import os

from granian.utils.proxies import wrap_wsgi_with_proxy_headers

from serviceguiden.wsgi import application as django_application  # sets Django up


def _with_fast_path():
    from serviceguiden.publishing.fastpath import PublishedReads  # needs Django set up

    trusted = [ip.strip() for ip in os.environ.get("FORWARDED_ALLOW_IPS", "").split(",")]
    trusted = [ip for ip in trusted if ip]
    if not trusted:
        return PublishedReads(django_application)
    return PublishedReads(wrap_wsgi_with_proxy_headers(django_application, trusted))


application = _with_fast_path()

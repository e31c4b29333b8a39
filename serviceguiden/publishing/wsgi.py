"""The project's WSGI application with publishing's fast path in front (see `fastpath.py`).
Production servers should load `serviceguiden.publishing.wsgi:application`."""

from serviceguiden.wsgi import application as django_application  # sets Django up


def _with_fast_path():
    from serviceguiden.publishing.fastpath import PublishedReads  # needs Django set up

    return PublishedReads(django_application)


application = _with_fast_path()

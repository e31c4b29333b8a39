"""The project's WSGI application with publishing's fast path in front (see `fastpath.py`).
Production servers should load `serviceguiden.publishing.wsgi:application`."""

from serviceguiden.publishing.fastpath import PublishedReads
from serviceguiden.wsgi import application as django_application

application = PublishedReads(django_application)

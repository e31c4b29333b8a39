"""A WSGI fast path for the hottest reads: published fragments and API items are answered
straight from the published store, before Django's middleware and URL routing run — as
WhiteNoise does for static files. It serves the same bytes with the same headers (ETag,
Last-Modified, Cache-Control, 304, CORS) and counts where-used like the views; anything it
does not recognise (other paths, bad parameters, unpublished subjects) goes to Django,
which answers it as usual (400, the contact-center fallback, JSON 404).

Wrap the project's WSGI application with it::

    application = PublishedReads(get_wsgi_application())

`serviceguiden.publishing.wsgi` is that wrapped application.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl

from serviceguiden.publishing import store, usage
from serviceguiden.publishing.middleware import EXPOSED_HEADERS
from serviceguiden.publishing.models import EXTERNAL_ACTOR, FUNCTION, ORGANISATION, TOPIC
from serviceguiden.publishing.responses import caching_headers, not_modified

_EMBED = re.compile(r"^/embed/(topics|functions)/([-a-zA-Z0-9_]{1,100})$")
_ITEM = re.compile(
    r"^/api/v1/(topics|functions|organisations|external-actors)/([-a-zA-Z0-9_]{1,100})$"
)
_KINDS = {
    "topics": TOPIC,
    "functions": FUNCTION,
    "organisations": ORGANISATION,
    "external-actors": EXTERNAL_ACTOR,
}
_COUNTED = (TOPIC, FUNCTION)
_KNOWN_PARAMS = {"lang", "format", "page", "channel"}


class PublishedReads:
    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        answer = self.answer(environ) if environ["REQUEST_METHOD"] in ("GET", "HEAD") else None
        if answer is None:
            return self.application(environ, start_response)
        status, headers, body = answer
        start_response(status, headers)
        return [] if environ["REQUEST_METHOD"] == "HEAD" else [body]

    def answer(self, environ):
        path = environ.get("PATH_INFO", "")
        embed = _EMBED.match(path)
        item = None if embed else _ITEM.match(path)
        if not (embed or item):
            return None
        folder, slug = (embed or item).groups()
        query = environ.get("QUERY_STRING", "")
        # blank values kept: `format=` is Django's to refuse (422), never read as the default
        params = dict(parse_qsl(query, keep_blank_values=True)) if query else {}
        if not params.keys() <= _KNOWN_PARAMS:
            return None
        lang = params.get("lang", "sv")
        fmt = "html" if embed else params.get("format", "json")
        if lang not in store.LANGS or fmt not in store.FORMATS or (embed and "format" in params):
            return None  # Django answers with its error
        kind = _KINDS[folder]
        artifact = store.read(store.artifact_path(kind, slug, lang, fmt))
        if artifact is None:
            return None
        if kind in _COUNTED:
            key = environ.get(usage.CHANNEL_HEADER) or params.get("channel", "")
            usage.count_sighting(
                kind, slug, params.get("page", ""), environ.get("HTTP_REFERER", ""), key
            )
        headers = [
            *caching_headers(artifact),
            ("Access-Control-Allow-Origin", "*"),
            ("Access-Control-Expose-Headers", EXPOSED_HEADERS),
            ("X-Content-Type-Options", "nosniff"),
        ]
        if not_modified(environ, artifact.etag, artifact.mtime):
            return "304 Not Modified", headers, b""
        headers += [
            ("Content-Type", artifact.content_type),
            ("Content-Length", str(len(artifact.data))),
        ]
        return "200 OK", headers, artifact.data

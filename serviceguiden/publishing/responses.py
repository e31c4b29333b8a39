"""HTTP caching for every public read: a strong ETag, Last-Modified, `304 Not Modified` on
`If-None-Match` (or, without it, on `If-Modified-Since`), and a Cache-Control that lets
caches serve a stale copy while they revalidate. CORS headers are added by `middleware`.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.http import http_date, parse_http_date_safe

from serviceguiden.publishing.store import Artifact


def cache_control() -> str:
    return (
        f"public, max-age={settings.SERVICEGUIDEN_CACHE_MAX_AGE}, "
        f"stale-while-revalidate={settings.SERVICEGUIDEN_CACHE_STALE}"
    )


def _etag_matches(header: str, etag: str) -> bool:
    if header == etag:  # what a client sends back, most of the time: no parsing
        return True
    if header.strip() == "*":
        return True
    opaque = etag.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == opaque for tag in header.split(","))


def not_modified(meta: dict, etag: str, mtime: float) -> bool:
    """Whether a request (its WSGI environ / `request.META`) already has these bytes."""
    if_none_match = meta.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None:
        return _etag_matches(if_none_match, etag)
    if_modified_since = meta.get("HTTP_IF_MODIFIED_SINCE")
    if not if_modified_since:
        return False
    since = parse_http_date_safe(if_modified_since)
    return since is not None and int(mtime) <= since


def caching_headers(artifact: Artifact) -> list[tuple[str, str]]:
    return [
        ("ETag", artifact.etag),
        ("Last-Modified", artifact.last_modified or http_date(artifact.mtime)),
        ("Cache-Control", cache_control()),
    ]


def artifact_response(request, artifact: Artifact) -> HttpResponse:
    """The stored bytes of a published artifact, or 304 when the client has them."""
    if not_modified(request.META, artifact.etag, artifact.mtime):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(artifact.data, content_type=artifact.content_type)
    for name, value in caching_headers(artifact):
        response[name] = value
    return response


def data_response(request, data: bytes, content_type: str, mtime: float) -> HttpResponse:
    """Bytes computed per request (a page of a list, search results): same caching."""
    return artifact_response(request, Artifact.of(data, mtime, content_type))

"""The WSGI fast path answers the hottest reads from the store with the same bytes and
headers as the Django views, and hands everything else to Django."""

from __future__ import annotations

from wsgiref.util import setup_testing_defaults

import pytest

from serviceguiden.publishing import usage
from serviceguiden.publishing.fastpath import PublishedReads
from serviceguiden.publishing.models import Usage


class Django:
    """Stands for the Django application behind the fast path; records what reached it."""

    def __init__(self):
        self.paths = []

    def __call__(self, environ, start_response):
        self.paths.append(environ["PATH_INFO"] + "?" + environ.get("QUERY_STRING", ""))
        start_response("418 I'm a teapot", [])
        return [b"django"]


def call(app, path, query="", method="GET", **headers):
    environ = {"PATH_INFO": path, "QUERY_STRING": query, "REQUEST_METHOD": method, **headers}
    setup_testing_defaults(environ)
    answer = {}

    def start_response(status, response_headers):
        answer["status"] = status
        answer["headers"] = dict(response_headers)

    body = b"".join(app(environ, start_response))
    return answer["status"], answer["headers"], body


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/embed/topics/bygga-altan", ""),
        ("/embed/topics/bygga-altan", "lang=en"),
        ("/embed/functions/bygglov", ""),
        ("/api/v1/topics/bygga-altan", ""),
        ("/api/v1/topics/bygga-altan", "format=vcard&lang=en"),
        ("/api/v1/external-actors/polisen", "format=jsonld"),
    ],
)
def test_same_bytes_and_headers_as_the_views(published, client, path, query):
    django = Django()
    status, headers, body = call(PublishedReads(django), path, query)
    assert django.paths == [] and status == "200 OK"
    view = client.get(f"{path}?{query}")
    assert body == view.content
    for name in ("Content-Type", "ETag", "Last-Modified", "Cache-Control",
                 "Access-Control-Allow-Origin"):  # fmt: skip
        assert headers[name] == view[name], name
    assert headers["Content-Length"] == str(len(body))
    again = call(PublishedReads(django), path, query, HTTP_IF_NONE_MATCH=headers["ETag"])
    assert again[0] == "304 Not Modified" and again[2] == b""
    assert call(PublishedReads(django), path, query, method="HEAD")[2] == b""


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/embed/topics/finns-inte", ""),  # Django shows the contact-center fallback
        ("/embed/topics/bygga-altan", "lang=fi"),  # Django answers 400
        ("/embed/topics/bygga-altan", "format=json"),
        ("/api/v1/topics/bygga-altan", "format=pdf"),  # Django answers a JSON 422
        ("/api/v1/topics/bygga-altan", "unknown=1"),
        ("/api/v1/topics", ""),
        ("/embed/topics/bygga-altan/frame", ""),
        ("/admin/", ""),
    ],
)
def test_everything_else_goes_to_django(published, path, query):
    django = Django()
    status, _, body = call(PublishedReads(django), path, query)
    assert status.startswith("418") and body == b"django"


def test_posts_go_to_django(published):
    django = Django()
    assert call(PublishedReads(django), "/embed/topics/bygga-altan", method="POST")[2] == b"django"


def test_counts_where_used(published):
    call(PublishedReads(Django()), "/embed/topics/bygga-altan",
         HTTP_REFERER="https://goteborg.se/bygga/altan")  # fmt: skip
    call(PublishedReads(Django()), "/api/v1/topics/bygga-altan")  # says nothing: not counted
    usage.flush()
    assert [(u.page, u.hits) for u in Usage.objects.all()] == [
        ("https://goteborg.se/bygga/altan", 1)
    ]

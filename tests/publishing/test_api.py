"""The read API: lists, items in every format, search, change feed, errors as JSON, and
HTTP caching (ETag, Last-Modified, 304, Cache-Control) and CORS on every read."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from serviceguiden.directory.editing import save_channel
from serviceguiden.publishing import api
from serviceguiden.publishing.publish import publish, publish_all


def get_json(client, url, status=200, **headers):
    response = client.get(url, **headers)
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def test_lists_have_a_total_and_pages(published, bygglov_topic, client):
    publish_all()
    page = get_json(client, "/api/v1/topics?limit=1&offset=1")
    assert page["count"] == 2 and page["limit"] == 1 and page["offset"] == 1
    assert [t["slug"] for t in page["items"]] == ["bygga-altan"]  # sorted by name
    api.TopicPage.model_validate(page)
    functions = get_json(client, "/api/v1/functions")
    assert {f["slug"] for f in functions["items"]} == {"bygglov", "kontaktcenter", "miljotillsyn"}
    api.FunctionPage.model_validate(functions)
    organisations = get_json(client, "/api/v1/organisations")
    assert organisations["count"] == 3
    api.OrganisationPage.model_validate(organisations)
    actors = get_json(client, "/api/v1/external-actors")
    assert actors["items"] == [
        {"slug": "polisen", "name": "Polisen", "website": "https://polisen.se",
         "purpose": "Pass och id-kort."}
    ]  # fmt: skip
    api.ExternalActorPage.model_validate(actors)


def test_items_match_their_documented_schema(published, client):
    topic = get_json(client, "/api/v1/topics/bygga-altan")
    api.TopicOut.model_validate(topic)
    assert topic["slug"] == "bygga-altan"
    assert topic["contacts"][0]["channels"][1]["href"] == "tel:+46313680000"
    api.FunctionOut.model_validate(get_json(client, "/api/v1/functions/bygglov"))
    api.OrganisationOut.model_validate(get_json(client, "/api/v1/organisations/sbk"))
    api.ExternalActorOut.model_validate(get_json(client, "/api/v1/external-actors/polisen"))


@pytest.mark.parametrize(
    ("fmt", "content_type", "start"),
    [
        ("jsonld", "application/ld+json", b'{"@context":"https://schema.org"'),
        ("vcard", "text/vcard; charset=utf-8", b"BEGIN:VCARD\r\nVERSION:4.0"),
        ("text", "text/plain; charset=utf-8", b"Kontakt: Bygga altan\n"),
        ("html", "text/html; charset=utf-8", b'<section class="sg-kontakt"'),
    ],
)
def test_items_in_every_format(published, client, fmt, content_type, start):
    response = client.get(f"/api/v1/topics/bygga-altan?format={fmt}")
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response.content.startswith(start)


def test_english(published, client):
    topic = get_json(client, "/api/v1/topics/bygga-altan?lang=en")
    assert topic["lang"] == "en"
    assert topic["contacts"][0]["channels"][1]["hours"]["lines"] == ["Mon–Fri 08:00–16:30"]


@pytest.mark.parametrize(
    ("url", "status", "code"),
    [
        ("/api/v1/topics/finns-inte", 404, "not_found"),
        ("/api/v1/topics/..%2F..%2Fsecret_key", 404, "not_found"),
        ("/api/v1/nothing-here", 404, "not_found"),
        ("/api/v1/topics?limit=0", 422, "invalid_request"),
        ("/api/v1/topics?offset=-1", 422, "invalid_request"),
        ("/api/v1/topics/bygga-altan?format=pdf", 422, "invalid_request"),
        ("/api/v1/topics/bygga-altan?lang=fi", 422, "invalid_request"),
        ("/api/v1/search", 422, "invalid_request"),
        ("/api/v1/changes?since=x", 422, "invalid_request"),
    ],
)
def test_errors_are_json_with_a_code_and_message(published, client, url, status, code):
    body = get_json(client, url, status)
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    if status == 422:
        assert body["error"]["details"][0]["field"]


def test_nothing_published_yet_says_how_to_publish(db, client):
    body = get_json(client, "/api/v1/topics", 503)
    assert "publish --all" in body["error"]["message"]


def test_search_is_swedish_aware(published, bygglov_topic, client):
    publish_all()

    def slugs(q):
        return [hit["slug"] for hit in get_json(client, f"/api/v1/search?q={q}")["items"]]

    # the entry named exactly what was asked first, then the topic that routes to it
    assert slugs("bygglov")[:2] == ["bygglov", "ansoka-om-bygglov"]
    assert "ansoka-om-bygglov" in slugs("bygglof")[:2]  # a typo
    assert slugs("Bygglovet")[:2] == ["bygglov", "ansoka-om-bygglov"]  # a definite form
    assert "ansoka-om-bygglov" in slugs("ansöka%20bygglov")
    assert slugs("altan")[0] == "bygga-altan"  # a synonym
    assert slugs("miljotillsyn") == ["miljotillsyn"]  # without the ö's dots
    assert slugs("polis") == ["polisen"]
    assert slugs("hundbajs") == []
    result = get_json(client, "/api/v1/search?q=bygglov&kind=function")
    assert [hit["type"] for hit in result["items"]] == ["function"]
    api.SearchOut.model_validate(result)


def test_openapi_schema_loads_and_documents_every_path(client):
    schema = get_json(client, "/api/v1/openapi.json")
    assert schema["openapi"].startswith("3.")
    for path in (
        "/api/v1/topics", "/api/v1/topics/{slug}", "/api/v1/functions", "/api/v1/functions/{slug}",
        "/api/v1/organisations", "/api/v1/organisations/{slug}", "/api/v1/external-actors",
        "/api/v1/external-actors/{slug}", "/api/v1/search", "/api/v1/changes",
        "/api/v1/changes.atom",
    ):  # fmt: skip
        assert path in schema["paths"], path
    assert "TopicOut" in schema["components"]["schemas"]


def test_etag_and_304(published, client):
    url = "/api/v1/topics/bygga-altan"
    first = client.get(url)
    etag = first["ETag"]
    assert etag.startswith('"') and etag.endswith('"')
    assert "stale-while-revalidate=" in first["Cache-Control"]
    assert first["Cache-Control"].startswith("public, max-age=")
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag and "Cache-Control" in again
    assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200
    assert client.get(url, HTTP_IF_NONE_MATCH=f'W/{etag}, "x"').status_code == 304
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304

    channel = published.function_a.channels.get(kind="phone")
    channel.value = "031-368 99 99"
    save_channel(channel, published.root)
    publish([published.function_a])
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert b"031-368 99 99" in changed.content


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/topics", "/api/v1/search?q=altan", "/api/v1/changes?since=0",
        "/api/v1/changes.atom", "/embed/topics/bygga-altan", "/oembed?url=http://testserver/embed/topics/bygga-altan",
        "/embed.js",
    ],
)  # fmt: skip
def test_every_read_has_an_etag_and_answers_304(published, client, url):
    first = client.get(url)
    assert first.status_code == 200
    assert (
        first["ETag"]
        and first["Last-Modified"]
        and "stale-while-revalidate" in first["Cache-Control"]
    )
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_cors_for_reads(published, client):
    response = client.get("/api/v1/topics/bygga-altan", HTTP_ORIGIN="https://partner.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        "/api/v1/topics/bygga-altan", HTTP_ORIGIN="https://partner.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="x-serviceguiden-channel",
    )  # fmt: skip
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "X-Serviceguiden-Channel" in preflight["Access-Control-Allow-Headers"]
    assert "POST" not in preflight["Access-Control-Allow-Methods"]
    assert "Access-Control-Allow-Origin" not in client.get("/admin/login/")


def test_change_feed_with_cursor_and_atom(published, client):
    first = get_json(client, "/api/v1/changes?since=0")
    api.ChangesOut.model_validate(first)
    assert len(first["changes"]) == 1 and first["more"] is False
    cursor = first["next"]
    assert get_json(client, f"/api/v1/changes?since={cursor}")["changes"] == []

    channel = published.function_a.channels.get(kind="email")
    channel.value = "bygglov.ny@sbk.goteborg.se"
    save_channel(channel, published.root)
    publish([channel])
    later = get_json(client, f"/api/v1/changes?since={cursor}")
    assert [c["id"] for c in later["changes"]] == [cursor + 1]
    subjects = {(s["kind"], s["slug"]) for s in later["changes"][0]["subjects"]}
    # The organisation's own box shows no function mailbox, so it did not change.
    assert subjects == {("topic", "bygga-altan"), ("function", "bygglov")}
    assert get_json(client, "/api/v1/changes?since=0&limit=1")["more"] is True

    atom = client.get("/api/v1/changes.atom")
    assert atom["Content-Type"].startswith("application/atom+xml")
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = ET.fromstring(atom.content).findall("a:entry", ns)
    assert len(entries) == 2
    assert "function:bygglov (updated)" in entries[0].find("a:summary", ns).text
    json.dumps(first)  # the feed is plain JSON data


def test_api_docs_are_served_without_a_cdn(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert b"/static/ninja/" in response.content and b"cdn.jsdelivr" not in response.content

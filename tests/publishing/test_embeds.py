"""Embeds: the HTML fragment, the iframe page, oEmbed with discovery, the web component's
script and the demo article; they serve the same bytes as the published store."""

from __future__ import annotations

import re

import pytest

from serviceguiden.publishing import store
from serviceguiden.publishing.embeds import embed_codes
from serviceguiden.publishing.models import TOPIC


def test_fragment_is_the_published_bytes(published, client):
    response = client.get("/embed/topics/bygga-altan")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    stored = store.read("topics/bygga-altan.sv.html").data
    assert response.content == stored
    assert client.get("/api/v1/topics/bygga-altan?format=html").content == stored
    english = client.get("/embed/topics/bygga-altan?lang=en")
    assert b'lang="en"' in english.content and b"Contact: Bygga altan" in english.content
    assert client.get("/embed/topics/bygga-altan?lang=fi").status_code == 400
    assert client.post("/embed/topics/bygga-altan").status_code == 405


def test_a_missing_topic_still_shows_the_contact_center(published, client):
    response = client.get("/embed/topics/finns-inte")
    assert response.status_code == 404
    assert b'href="https://goteborg.se/kontakt"' in response.content
    assert "031-365 00 00" in response.content.decode()


def test_frame_is_a_small_page_that_other_sites_may_frame(published, client):
    response = client.get("/embed/topics/bygga-altan/frame")
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    html = response.content.decode()
    assert html.startswith("<!doctype html>") and '<html lang="sv">' in html
    assert "<title>Kontakt: Bygga altan</title>" in html
    assert 'type="application/json+oembed"' in html
    assert store.read("topics/bygga-altan.sv.html").data.decode() in html


def test_oembed(published, client):
    url = "http://testserver/embed/topics/bygga-altan/frame"
    answer = client.get("/oembed", {"url": url, "format": "json", "maxwidth": 300}).json()
    assert answer["version"] == "1.0" and answer["type"] == "rich"
    assert answer["title"] == "Kontakt: Bygga altan"
    assert answer["width"] == 300 and answer["height"] == 320
    assert '<iframe src="http://testserver/embed/topics/bygga-altan/frame"' in answer["html"]
    assert 'title="Kontakt: Bygga altan"' in answer["html"]
    english = client.get("/oembed", {"url": "http://testserver/embed/topics/bygga-altan?lang=en"})
    assert english.json()["title"] == "Contact: Bygga altan"


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({}, 400),
        ({"url": "http://testserver/embed/topics/bygga-altan", "format": "xml"}, 501),
        ({"url": "https://evil.example/embed/topics/bygga-altan"}, 404),
        ({"url": "http://testserver/embed/topics/finns-inte"}, 404),
        ({"url": "http://testserver/admin/"}, 404),
        ({"url": "http://testserver/embed/topics/bygga-altan", "maxwidth": "stor"}, 400),
    ],
)
def test_oembed_errors(published, client, params, status):
    response = client.get("/oembed", params)
    assert response.status_code == status
    assert response.json()["error"]["message"]


def test_web_component_script(client):
    response = client.get("/embed.js")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert b'customElements.define("sg-kontakt"' in response.content
    assert response["Access-Control-Allow-Origin"] == "*"


def test_demo_article_shows_every_embed_method(published, client):
    response = client.get("/demo/artikel?topic=bygga-altan")
    assert response.status_code == 200
    html = response.content.decode()
    assert len(re.findall(r"<h1[ >]", html)) == 1
    assert '<section class="sg-kontakt"' in html  # server-side include
    assert '<sg-kontakt topic="bygga-altan">' in html and 'src="http://testserver/embed.js"' in html
    assert html.count('<iframe src="http://testserver/embed/topics/bygga-altan/frame"') == 2
    assert 'rel="alternate" type="application/json+oembed"' in html
    assert "&lt;sg-kontakt topic=&quot;bygga-altan&quot;&gt;" in html  # copyable code


def test_demo_article_before_anything_is_published(db, client):
    response = client.get("/demo/artikel")
    assert response.status_code == 200
    assert "publish --all" in response.content.decode()


def test_embed_codes_for_editors(settings):
    codes = embed_codes(TOPIC, "bygga-altan", 'Kontakt: "Bygga" <altan>')
    assert codes.include == "http://testserver/embed/topics/bygga-altan"
    assert codes.component.startswith('<script src="http://testserver/embed.js" defer></script>')
    assert "Kontakt: &quot;Bygga&quot; &lt;altan&gt;" in codes.component
    assert codes.oembed == "http://testserver/embed/topics/bygga-altan/frame"
    assert codes.iframe.startswith('<iframe src="http://testserver/embed/topics/bygga-altan/frame"')

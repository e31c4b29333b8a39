"""The user guide for contact owners: written in docs/, shown in the editor."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client

from serviceguiden.web.guide import GUIDE

from .conftest import h1_count

pytestmark = pytest.mark.django_db
DOCS = Path(__file__).resolve().parents[2] / "docs" / "anvandarguide.md"


def test_the_editor_shows_the_guide_from_docs(cast, client_as):
    assert GUIDE.read_text(encoding="utf-8") == DOCS.read_text(encoding="utf-8")
    html = client_as("editor_a").get("/redigera/guide/").content.decode()
    assert h1_count(html) == 1 and "<h1>Användarguide för kontaktägare</h1>" in html
    anchors = re.findall(r'<li><a href="#([^"]+)">', html)
    assert len(anchors) >= 8
    for anchor in anchors:
        assert html.count(f'id="{anchor}"') == 1, anchor
    assert "<strong>Förhandsgranska ändringen</strong>" in html


def test_every_button_the_guide_names_is_on_the_editor_pages(published, client_as, cast):
    """The guide names buttons and headings in bold; each one exists in the editor."""
    from serviceguiden.directory.lifecycle import archive_function

    client = client_as("admin_a")
    Client().get("/sok?q=laddstolpe")  # a visitor's search: listed, with its buttons
    pages = [
        "/redigera/organisation/sbk/", "/redigera/funktion/bygglov/", "/redigera/amne/bygga-altan/",
        "/redigera/organisation/sbk/ny-funktion/", "/redigera/funktion/bygglov/historik/",
        "/redigera/funktion/bygglov/arkivera/", "/redigera/sokningar-utan-traff/",
    ]  # fmt: skip
    shown = "".join(client.get(url).content.decode() for url in pages)
    preview = client.post("/redigera/amne/bygga-altan/", {
        "name": "Bygga altan", "function": cast.function_a.pk, "step": "preview",
        "expected_version": cast.topic_a.version,
    }).content.decode()  # fmt: skip
    archive_function(cast.function_a, cast.admin_a, replacement=cast.function_b)
    archived = client.get("/redigera/funktion/bygglov/").content.decode()
    text = re.sub(r"<[^>]+>", " ", shown + preview + archived)
    text = " ".join(text.split())
    named = [
        " ".join(name.split())
        for name in re.findall(r"\*\*([^*]+)\*\*", DOCS.read_text(encoding="utf-8"))
    ]
    ignored = {"Läsare", "Redaktör", "Organisationsadministratör", "Det finns ett problem",
               "Publicera", "Skapa utkast", "Behöver ses över", "Återställ versionen från …",
               "extern aktör", "synonymer"}  # fmt: skip
    named = [n for n in named if not n.endswith(".")]  # the principles, not names
    missing = [name for name in named if name not in ignored and name not in text]
    assert missing == []


def test_the_guide_is_linked_from_every_editor_page(cast, client_as):
    html = client_as("viewer_a").get("/redigera/organisation/sbk/").content.decode()
    assert 'href="/redigera/guide/">Användarguide</a>' in html


def test_anonymous_visitors_are_asked_to_sign_in(cast, client):
    response = client.get("/redigera/guide/")
    assert response.status_code == 302 and "/logga-in/" in response["Location"]

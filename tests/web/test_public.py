"""Public pages: one <h1> each, the same contact boxes as the embeds, JSON-LD and oEmbed
discovery, search that leads with the routed contact, Swedish by default and English."""

from __future__ import annotations

import json
import re

import pytest
from directory.factories import make_topic

from serviceguiden.publishing import store
from serviceguiden.publishing.models import TOPIC

from .conftest import h1_count

pytestmark = pytest.mark.django_db

PUBLIC = [
    "/",
    "/sok",
    "/sok?q=altan",
    "/sok?q=xyzzy",
    "/amne/bygga-altan",
    "/organisation/sbk",
    "/organisation/kontaktcenter",
    "/redigera/logga-in/",
]


@pytest.mark.parametrize("lang", ["", "en"])
@pytest.mark.parametrize("url", PUBLIC)
def test_every_public_page_has_exactly_one_h1(published, client, url, lang):
    if lang:
        url += ("&" if "?" in url else "?") + f"lang={lang}"
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert h1_count(html) == 1
    assert f'<html lang="{lang or "sv"}">' in html
    assert '<main id="main"' in html and "<header" in html and "<footer" in html


def test_404_page_has_one_h1(published, client):
    response = client.get("/amne/finns-inte")
    assert response.status_code == 404
    assert h1_count(response.content.decode()) == 1


def test_topic_page_shows_the_published_fragment_byte_for_byte(published, client):
    html = client.get("/amne/bygga-altan").content.decode()
    fragment = store.read(store.artifact_path(TOPIC, "bygga-altan", "sv", "html")).data.decode()
    assert fragment.strip() in html
    assert 'href="tel:+46313680000"' in html


def test_topic_page_carries_json_ld_and_oembed_discovery(published, client):
    html = client.get("/amne/bygga-altan").content.decode()
    ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(ld)
    assert data["@type"] == "GovernmentService" and data["name"] == "Bygga altan"
    assert 'type="application/json+oembed"' in html
    assert "oembed?url=" in html


def test_json_ld_cannot_break_out_of_its_script(published, client, cast):
    make_topic(cast.root, cast.org_a, "skript", "Altan </script><b>x", function=cast.function_a)
    html = client.get("/amne/skript").content.decode()
    assert "</script><b>" not in html


def test_organisation_page_shows_its_functions_boxes(published, client):
    html = client.get("/organisation/sbk").content.decode()
    assert 'id="bygglov"' in html and "bygglov@sbk.goteborg.se" in html
    assert "stadsbyggnadskontoret@sbk.goteborg.se" in html


def test_search_leads_with_the_routed_best_service_contact(published, client):
    html = client.get("/sok?q=uteplats").content.decode()  # a synonym of "Bygga altan"
    lead = html.index('class="lead-box"')
    assert html.index("031-368 00 00", lead) < html.index("results-heading")
    assert '<a href="/amne/bygga-altan">Bygga altan</a>' in html


def test_search_leads_with_contact_center_when_it_answers_first(published, client, cast):
    cast.topic_a.contact_center_first = True
    from serviceguiden.directory.editing import save_topic
    from serviceguiden.publishing.publish import publish

    save_topic(cast.topic_a, cast.root)
    publish([cast.topic_a])
    html = client.get("/sok?q=altan").content.decode()
    lead = html[html.index('class="lead-box"') :]
    assert lead.index("031-365 00 00") < lead.index("031-368 00 00")


def test_search_tolerates_a_typo_and_works_without_javascript(published, client):
    html = client.get("/sok?q=alltan").content.decode()
    assert "Bygga altan" in html
    assert "<script" not in html.split("</main>")[0].split("<main")[1]


def test_search_with_nothing_found_says_so(published, client):
    response = client.get("/sok?q=qqqqqq")
    assert response.context["results"] == []
    assert "Inget" in response.content.decode()


def test_swedish_by_default_even_for_an_english_browser(published, client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en").content.decode()
    assert '<html lang="sv">' in html and "Hitta kontakt" in html


def test_language_button_switches_to_english(published, client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/amne/bygga-altan"})
    assert response.status_code == 302 and response["Location"] == "/amne/bygga-altan"
    html = client.get("/amne/bygga-altan").content.decode()
    assert '<html lang="en">' in html
    assert "Contact: Bygga altan" in html  # the English fragment
    assert "Find a contact" in html


def test_print_styles_exist(client):
    from pathlib import Path

    from django.contrib.staticfiles import finders

    css = Path(finders.find("web/site.css")).read_text(encoding="utf-8")
    assert "@media print" in css


def test_language_button_returns_to_the_same_search_without_the_lang_parameter(published, client):
    html = client.get("/sok?q=altan&lang=en").content.decode()
    assert 'name="next" value="/sok?q=altan"' in html


def test_search_links_an_external_actor_to_its_own_website_only(published, client):
    response = client.get("/sok?q=polisen")
    results = {r["hit"].name: r["url"] for r in response.context["results"]}
    assert results["Polisen"] == "https://polisen.se"


def test_search_links_a_function_to_its_box_on_the_organisation_page(published, client):
    response = client.get("/sok?q=miljotillsyn")
    results = {r["hit"].name: r["url"] for r in response.context["results"]}
    assert results["Miljötillsyn"] == "/organisation/miljo#miljotillsyn"

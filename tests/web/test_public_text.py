"""Public text as visitors read it: names in Swedish alphabetical order, hours as sentences,
English words on English pages, an organisation page that says its name and website once,
every link labelled, and an icon."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from directory.factories import make_function, make_organisation
from django.contrib.staticfiles import finders

from serviceguiden.directory.editing import save_channel
from serviceguiden.directory.models import Channel
from serviceguiden.publishing.publish import publish_all
from serviceguiden.web.collation import swedish_key

pytestmark = pytest.mark.django_db


def test_swedish_alphabetical_order():
    names = ["Östra", "Zoo", "Åkeri", "Ängen", "arkiv", "Älv", "Ödla", "Bad", "Ånga", "éclair"]
    assert sorted(names, key=swedish_key) == [
        "arkiv", "Bad", "éclair", "Zoo", "Åkeri", "Ånga", "Älv", "Ängen", "Ödla", "Östra",
    ]  # fmt: skip


def test_the_organisation_list_on_the_home_page_ends_with_a_a_o(cast, client):
    for slug, name in [("aldre", "Äldre samt vård- och omsorgsförvaltningen"),
                       ("oster", "Östra Göteborg"), ("ang", "Ångpannebolaget")]:  # fmt: skip
        organisation = make_organisation(cast.root, slug, name, general_email=f"{slug}@goteborg.se")
        make_function(cast.root, organisation, f"{slug}-info", "Information",
                      channels=[("email", f"info.{slug}@goteborg.se")])  # fmt: skip
    publish_all()
    page = client.get("/").content.decode()
    section = page[page.index('id="orgs-heading"') :]
    shown = re.findall(r'<a href="/organisation/[^"]+">([^<]+)</a>', section)
    assert shown == [
        "Förvaltningen för konsument- och medborgarservice", "Miljöförvaltningen",
        "Stadsbyggnadskontoret", "Ångpannebolaget", "Äldre samt vård- och omsorgsförvaltningen",
        "Östra Göteborg",
    ]  # fmt: skip


def test_hours_end_with_a_full_stop(published, client):
    page = client.get("/amne/bygga-altan").content.decode()
    assert "Telefontider: Mån–fre 08.00–16.30.</span>" in page
    english = client.get("/amne/bygga-altan?lang=en").content.decode()
    assert "Phone hours: Mon–Fri 08:00–16:30.</span>" in english


def test_english_pages_use_english_words_for_labels_that_only_name_the_kind(cast, client):
    for kind, value, label in [
        ("eservice", "https://goteborg.se/bygglov/ansok", "E-tjänst"),
        ("postal_address", "Box 2554, 403 17 Göteborg", "Postadress"),
        ("visiting_address", "Köpmansgatan 20, 411 13 Göteborg", "Besöksadress"),
        ("phone", "031-368 00 01", "Växel"),
    ]:
        save_channel(Channel(function=cast.function_a, kind=kind, value=value, label=label),
                     cast.root)  # fmt: skip
    publish_all()
    english = client.get("/organisation/sbk?lang=en").content.decode()
    labels = re.findall(r"<dt>([^<]+)</dt>", english)
    assert {"E-service", "Postal address", "Visiting address"} <= set(labels)
    assert not {"E-tjänst", "Postadress", "Besöksadress"} & set(labels)
    assert "Växel" in labels  # a label that says more than the kind is the editor's words
    swedish = re.findall(r"<dt>([^<]+)</dt>", client.get("/organisation/sbk").content.decode())
    assert {"E-tjänst", "Postadress", "Besöksadress", "Växel"} <= set(swedish)


def test_an_organisation_page_gives_its_website_once_and_labelled(published, client):
    page = client.get("/organisation/kontaktcenter").content.decode()
    top, functions = page.split('<div class="functions">')
    assert top.count('href="https://goteborg.se/kontakt"') == 1
    # the function boxes' copies are hidden on this page (the browser test sees them hidden)
    css = Path(finders.find("web/site.css")).read_text(encoding="utf-8")
    assert ".organisation-page .functions .sg-kontakt__webb" in css
    assert functions.count('href="https://goteborg.se/kontakt"') == 1
    assert (
        '<p class="sg-kontakt__webb">Webbplats: '
        '<a href="https://goteborg.se/kontakt">goteborg.se/kontakt</a></p>'
    ) in page
    english = client.get("/organisation/kontaktcenter?lang=en").content.decode()
    assert "Website: <a" in english


def test_no_link_shows_a_bare_address_as_its_only_text(published, client):
    for url in ["/", "/amne/bygga-altan", "/organisation/sbk", "/organisation/kontaktcenter"]:
        page = client.get(url).content.decode()
        bare = [
            text for href, text in re.findall(r'<a href="(https?://[^"]+)">([^<]*)</a>', page)
            if text == href
        ]  # fmt: skip
        assert bare == [], url


def test_every_page_has_an_icon_and_favicon_ico_finds_it(published, client):
    page = client.get("/").content.decode()
    icon = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', page)
    assert icon and icon.group(1) == "/static/web/favicon.svg"
    assert finders.find("web/favicon.svg")
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == "/static/web/favicon.svg"

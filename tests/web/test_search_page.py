"""The search page: each result says who answers (name and phone, as the published box
starts), and nothing found leads to the contact center as the registry resolves it."""

from __future__ import annotations

import pytest

from serviceguiden.directory.editing import save_topic
from serviceguiden.directory.models import Channel
from serviceguiden.publishing.publish import publish, publish_all

pytestmark = pytest.mark.django_db


def results_html(html: str) -> str:
    return html[html.index('class="results"') :]


def test_each_result_says_who_answers_with_name_and_phone(published, client):
    response = client.get("/sok?q=altan")
    result = response.context["results"][0]
    assert result["hit"].slug == "bygga-altan"
    assert (result["answerer"].name, result["answerer"].phone) == ("Bygglov", "031-368 00 00")
    listed = results_html(response.content.decode())
    assert "Svarar: Bygglov" in listed
    assert '<a href="tel:+46313680000" class="nowrap">031-368 00 00</a>' in listed


def test_a_result_the_contact_center_answers_first_says_so(published, client, cast):
    cast.topic_a.contact_center_first = True
    save_topic(cast.topic_a, cast.root)
    publish([cast.topic_a])
    response = client.get("/sok?q=altan")
    answerer = response.context["results"][0]["answerer"]
    assert answerer.contact_center and answerer.phone == "031-365 00 00"
    assert "Svarar först: Kontaktcenter" in results_html(response.content.decode())


def test_a_result_without_a_phone_shows_its_mailbox(published, client):
    response = client.get("/sok?q=miljotillsyn")
    answerer = response.context["results"][0]["answerer"]
    assert (answerer.phone, answerer.email) == ("", "miljotillsyn@goteborg.se")


def test_results_carry_no_internal_words(published, client):
    listed = results_html(client.get("/sok?q=bygglov").content.decode())
    for word in (">ärende<", ">funktion<", ">topic<", ">function<"):
        assert word not in listed


def test_nothing_found_shows_the_contact_centers_number_mailbox_and_website(published, client):
    html = client.get("/sok?q=qqqqqq").content.decode()
    nothing = html[html.index('class="nothing"') :]
    assert 'href="tel:+46313650000"' in nothing and "031-365 00 00" in nothing
    assert 'href="mailto:goteborg@goteborg.se"' in nothing
    assert 'href="https://goteborg.se/kontakt"' in nothing


def test_nothing_found_follows_the_registry_not_a_fixed_number(published, client, cast):
    Channel.objects.filter(function=cast.center_function, kind="phone").update(
        value="031-365 12 34"
    )
    response = client.get("/sok?q=qqqqqq")
    assert response.context["contact_center"].phone == "031-365 12 34"
    assert 'href="tel:+46313651234"' in response.content.decode()


def test_nothing_found_falls_back_to_the_city_profile_without_a_registry_center(db, client):
    publish_all()
    from serviceguiden.directory.validation import city_profile

    center = city_profile().contact_center
    html = client.get("/sok?q=qqqqqq").content.decode()
    assert center.display_phone in html and center.website in html


def test_nothing_found_in_english(published, client):
    html = client.get("/sok?q=qqqqqq&lang=en").content.decode()
    assert "Nothing matched" in html and "answers questions about everything" in html

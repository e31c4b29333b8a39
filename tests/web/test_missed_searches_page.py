"""The editor's 'Sökningar utan träff': every editor and global admin sees what visitors
searched for and did not find, most searched first, filtered by language and period, and
hides what is handled; viewers, outsiders and anonymous visitors are refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from serviceguiden.publishing.models import MissedSearch

from .conftest import ROLES, h1_count

pytestmark = pytest.mark.django_db

URL = "/redigera/sokningar-utan-traff/"
ALLOWED = {"editor_a", "admin_a", "editor_b", "global_admin"}


def missed(query: str, count: int = 1, lang: str = "sv", days_ago: int = 1) -> MissedSearch:
    seen = timezone.now() - dt.timedelta(days=days_ago)
    return MissedSearch.objects.create(
        query=query, lang=lang, count=count, first_seen=seen - dt.timedelta(days=1),
        last_seen=seen,
    )  # fmt: skip


def listed(response) -> list[str]:
    return [row.query for row in response.context["rows"]]


@pytest.mark.parametrize("role", ROLES)
def test_who_sees_the_list(cast, client_as, role):
    response = client_as(role).get(URL)
    if role in ALLOWED:
        assert response.status_code == 200
    elif role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith("/redigera/logga-in/")
    else:
        assert response.status_code == 403  # viewer_a and the outsider


@pytest.mark.parametrize("role", ROLES)
def test_who_may_hide_a_row(cast, client_as, role):
    row = missed("laddstolpe")
    response = client_as(role).post(f"{URL}{row.pk}/dolj/")
    row.refresh_from_db()
    if role in ALLOWED:
        assert response.status_code == 302 and response["Location"].startswith(URL)
        assert row.hidden_at is not None
    else:
        assert response.status_code in (302, 403)
        if role == "anonymous":
            assert response["Location"].startswith("/redigera/logga-in/")
        assert row.hidden_at is None


def test_hiding_needs_a_post_with_the_csrf_token(cast):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.editor_a)
    row = missed("laddstolpe")
    assert client.get(f"{URL}{row.pk}/dolj/").status_code == 405
    assert client.post(f"{URL}{row.pk}/dolj/").status_code == 403
    row.refresh_from_db()
    assert row.hidden_at is None


def test_the_list_is_most_searched_then_most_recent_first(cast, client_as):
    missed("laddstolpe", count=3, days_ago=5)
    missed("grillplats", count=7, days_ago=9)
    missed("hundrastgård", count=3, days_ago=1)
    response = client_as("editor_a").get(URL)
    assert listed(response) == ["grillplats", "hundrastgård", "laddstolpe"]
    html = response.content.decode()
    assert "<caption" in html and '<th scope="row" class="query" lang="sv">grillplats</th>' in html
    assert 'href="/sok?q=grillplats"' in html
    assert h1_count(html) == 1


def test_the_list_filters_by_language_and_period(cast, client_as):
    missed("laddstolpe", lang="sv", days_ago=2)
    missed("charging point", lang="en", days_ago=2)
    missed("grillplats", lang="sv", days_ago=60)
    client = client_as("editor_a")
    assert listed(client.get(URL)) == ["charging point", "laddstolpe"]  # 30 days at first
    assert listed(client.get(URL, {"sprak": "sv", "dagar": ""})) == ["laddstolpe", "grillplats"]
    assert listed(client.get(URL, {"sprak": "en", "dagar": "7"})) == ["charging point"]


def test_an_english_search_is_searched_again_in_english(cast, client_as):
    missed("charging point", lang="en")
    html = client_as("editor_a").get(URL).content.decode()
    assert 'href="/sok?q=charging%20point&amp;lang=en"' in html


def test_a_hidden_row_is_no_longer_listed_and_the_filters_are_kept(cast, client_as):
    row = missed("laddstolpe")
    missed("grillplats")
    client = client_as("editor_b")
    response = client.post(f"{URL}{row.pk}/dolj/?sprak=sv&dagar=7", follow=True)
    assert response.redirect_chain[-1][0] == f"{URL}?sprak=sv&dagar=7"
    assert listed(response) == ["grillplats"]
    assert "”laddstolpe” är dold." in response.content.decode()


@pytest.mark.parametrize(
    "lang,heading,hide",
    [("sv", "Sökningar utan träff", "Dölj"), ("en", "Searches with no results", "Hide")],
)
def test_the_page_in_both_languages(cast, client_as, lang, heading, hide):
    missed("laddstolpe")
    html = client_as("global_admin").get(URL, {"lang": lang}).content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert f'{hide}<span class="visually-hidden">: laddstolpe</span>' in html


def test_the_dashboards_link_to_the_list(cast, client_as):
    assert URL in client_as("editor_a").get("/redigera/organisation/sbk/").content.decode()
    assert URL not in client_as("viewer_a").get("/redigera/organisation/sbk/").content.decode()
    assert URL in client_as("global_admin").get("/redigera/").content.decode()

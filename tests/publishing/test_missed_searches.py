"""Searches without results, as the editors' list gets them: recorded from the search page
and the API when nothing (or only a weak hit) was found, one counted row per normalised query
and language, nothing when results were found, never a query with a person's details (P3),
bounded in number, rate and age, and never a reason for a search to fail."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from serviceguiden.publishing import missed_searches
from serviceguiden.publishing.models import MissedSearch

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_allowance(settings):
    """Each test starts a new minute of this process's allowance of new queries."""
    settings.SERVICEGUIDEN_MISSED_SEARCHES_WEAK_SCORE = 0  # only "nothing found", unless said
    missed_searches._window[:] = [0.0, 0]
    yield
    missed_searches._window[:] = [0.0, 0]


def rows() -> list[tuple[str, str, int]]:
    return list(
        MissedSearch.objects.order_by("query", "lang").values_list("query", "lang", "count")
    )


def test_normalise_lowercases_collapses_whitespace_and_cuts():
    assert missed_searches.normalise("  Bygg \t  LOV\n ") == "bygg lov"
    assert len(missed_searches.normalise("laddstolpe " * 30)) <= 100


def test_the_search_page_counts_a_search_that_found_nothing(published, client):
    client.get("/sok?q=Laddstolpe   hemma")
    client.get("/sok?q=laddstolpe hemma")
    row = MissedSearch.objects.get()
    assert (row.query, row.lang, row.count, row.top_hit) == ("laddstolpe hemma", "sv", 2, "")
    assert row.first_seen <= row.last_seen and row.hidden_at is None


def test_the_api_counts_a_search_that_found_nothing_in_its_language(published, client):
    assert client.get("/api/v1/search?q=laddstolpe&lang=en").json()["count"] == 0
    client.get("/api/v1/search?q=laddstolpe")
    assert rows() == [("laddstolpe", "en", 1), ("laddstolpe", "sv", 1)]


def test_a_search_with_results_writes_nothing_and_asks_nothing_more(published, client):
    with CaptureQueriesContext(connection) as page:
        assert client.get("/sok?q=altan").context["results"]
    with CaptureQueriesContext(connection) as api:
        assert client.get("/api/v1/search?q=altan").json()["count"] > 0
    touched = [q["sql"] for q in page.captured_queries + api.captured_queries]
    assert not [sql for sql in touched if "missedsearch" in sql.lower()]
    assert rows() == []


def test_a_weak_best_hit_counts_with_its_name(published, client, settings):
    settings.SERVICEGUIDEN_MISSED_SEARCHES_WEAK_SCORE = 1000
    client.get("/sok?q=altan")
    assert MissedSearch.objects.get().top_hit == "Bygga altan"
    settings.SERVICEGUIDEN_MISSED_SEARCHES_WEAK_SCORE = 0.001
    client.get("/sok?q=altan")
    assert rows() == [("altan", "sv", 1)]


def test_an_api_search_of_one_kind_is_not_counted(published, client):
    client.get("/api/v1/search?q=laddstolpe&kind=external_actor")
    assert rows() == []


def test_a_signed_in_editors_searches_are_not_counted(published, client, cast):
    client.force_login(cast.editor_a)
    client.get("/sok?q=laddstolpe")
    assert rows() == []


PERSONAL = [
    "anna svensson",  # a name typed in lower case
    "Svensson Anna",  # surname first
    "ring lisa andersson socialtjänsten",
    "anna maria berg",
    "anna.svensson@goteborg.se",  # a person's mailbox
    "parkering@goteborg.se",  # any mailbox: no contact detail is kept
    "070-123 45 67",  # a mobile number
    "+46 70 123 45 67",
    "031-366 12 34",  # a city number
    "811218-9876",  # a personnummer (valid check digit)
    "19811218-9876",
    "12345678",  # digits only, more than six
    "ärende 1234567",  # more than six digits in it
    "storgatan 5",  # an address
    # names however typed, beside a service word or alone
    "anna-karin svensson",
    "per-olof andersson",
    "asa lindstrom",  # without marks
    "handläggare svensson",
    "svensson hemtjänst",
    "hemtjänst lena",
    "socialsekreterare johanna",
]


@pytest.mark.parametrize("query", PERSONAL)
def test_a_query_with_a_persons_or_contact_details_is_not_kept(published, client, settings, query):
    settings.SERVICEGUIDEN_MISSED_SEARCHES_WEAK_SCORE = 1e9  # every search counts, but these
    client.get("/sok", {"q": "qqqcontrol"})
    assert client.get("/sok", {"q": query}).status_code == 200
    client.get("/api/v1/search", {"q": query})
    assert rows() == [("qqqcontrol", "sv", 1)]


KEPT = ["laddstolpe", "karl johansgatan", "gustav adolfs torg", "bygglov 2024", "sfi 123456"]


@pytest.mark.parametrize("query", KEPT)
def test_places_named_after_people_and_short_numbers_are_kept(query):
    assert not missed_searches.is_private(query)


def test_new_queries_are_capped_per_process_and_minute(published, client, settings, monkeypatch):
    settings.SERVICEGUIDEN_MISSED_SEARCHES_NEW_PER_MINUTE = 2
    clock = [1000.0]
    monkeypatch.setattr(missed_searches.time, "monotonic", lambda: clock[0])
    for word in ("qqqa", "qqqb", "qqqc", "qqqa"):
        client.get("/sok", {"q": word})
    assert rows() == [("qqqa", "sv", 2), ("qqqb", "sv", 1)]  # known ones still counted
    clock[0] += 60
    client.get("/sok?q=qqqc")
    assert ("qqqc", "sv", 1) in rows()


def test_the_oldest_least_searched_query_goes_when_the_table_is_full(published, client, settings):
    settings.SERVICEGUIDEN_MISSED_SEARCHES_MAX = 3
    now = timezone.now()
    for query, count, days_ago in [("often", 9, 50), ("old", 1, 30), ("recent", 1, 1)]:
        seen = now - dt.timedelta(days=days_ago)
        MissedSearch.objects.create(
            query=query, lang="sv", count=count, first_seen=seen, last_seen=seen
        )
    client.get("/sok?q=qqqnew")
    assert [r[0] for r in rows()] == ["often", "qqqnew", "recent"]


def test_forgetsearches_deletes_queries_not_searched_within_the_retention(db, settings, capsys):
    settings.SERVICEGUIDEN_MISSED_SEARCHES_KEEP_DAYS = 180
    now = timezone.now()
    for query, days_ago in [("kept", 179), ("gone", 181)]:
        seen = now - dt.timedelta(days=days_ago)
        MissedSearch.objects.create(query=query, lang="sv", first_seen=seen, last_seen=seen)
    call_command("forgetsearches", "--json")
    assert json.loads(capsys.readouterr().out) == {"deleted": 1}
    assert [r[0] for r in rows()] == ["kept"]
    call_command("forgetsearches")
    assert capsys.readouterr().out == "0 searches without results deleted.\n"


def test_a_failure_to_record_never_breaks_the_search(published, client, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(missed_searches, "_record", broken)
    assert client.get("/sok?q=laddstolpe").status_code == 200
    assert client.get("/api/v1/search?q=laddstolpe").status_code == 200
    assert "could not record a search without results" in caplog.text


def test_the_admin_lists_them_read_only_in_swedish(cast, client):
    client.force_login(cast.root)
    MissedSearch.objects.create(
        query="laddstolpe", lang="sv", first_seen=timezone.now(), last_seen=timezone.now()
    )
    html = client.get("/admin/publishing/missedsearch/", {"lang": "sv"}).content.decode()
    assert "laddstolpe" in html and "Sökningar utan träff" in html and "Senast sökt" in html
    assert client.get("/admin/publishing/missedsearch/add/").status_code == 403
    row = MissedSearch.objects.get()
    page = client.get(f"/admin/publishing/missedsearch/{row.pk}/change/").content.decode()
    assert 'name="query"' not in page  # shown, not editable

"""Materialising the read model after a committed change: what is re-rendered, atomic
writes, removals, the change feed entry, and `serviceguiden publish --all`."""

from __future__ import annotations

import json
import threading

import pytest
from directory.factories import make_function, make_topic
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from serviceguiden.directory.editing import delete_topic, save_channel, save_topic
from serviceguiden.directory.lifecycle import archive_function
from serviceguiden.publishing import store
from serviceguiden.publishing.models import FUNCTION, TOPIC, Change
from serviceguiden.publishing.publish import (
    Changed,
    publish,
    publish_after_commit,
    publish_all,
    publish_pending,
)


def stored(kind, slug, lang="sv", fmt="json") -> bytes:
    return store.read(store.artifact_path(kind, slug, lang, fmt)).data


def change_phone(cast, function, number):
    channel = function.channels.get(kind="phone")
    channel.value = number
    save_channel(channel, cast.root)
    return channel


def test_publish_after_commit_runs_only_after_commit(published, django_capture_on_commit_callbacks):
    changes_before = Change.objects.count()
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        channel = change_phone(published, published.function_a, "031-368 44 44")
        publish_after_commit([channel])
        assert b"031-368 44 44" not in stored(TOPIC, "bygga-altan")  # not yet
    assert callbacks  # the registry's save and the explicit call each asked …
    assert Change.objects.count() == changes_before + 1  # … and were published as one change
    assert b"031-368 44 44" in stored(TOPIC, "bygga-altan")


def test_every_registry_write_publishes_by_itself(published, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        change_phone(published, published.function_a, "031-368 66 66")
    assert b"031-368 66 66" in stored(TOPIC, "bygga-altan")


def test_writes_in_one_transaction_are_published_once(
    published, django_capture_on_commit_callbacks
):
    changes_before = Change.objects.count()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        change_phone(published, published.function_a, "031-368 77 77")
        change_phone(published, published.function_a, "031-368 77 78")
    assert Change.objects.count() == changes_before + 1
    assert b"031-368 77 78" in stored(TOPIC, "bygga-altan")


def test_a_rolled_back_change_publishes_nothing(published, django_capture_on_commit_callbacks):
    changes_before = Change.objects.count()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        channel = change_phone(published, published.function_a, "031-368 55 55")
        publish_after_commit([channel])
        raise RuntimeError("the editor's request failed after the save")
    assert callbacks == []
    assert b"031-368 55 55" not in stored(TOPIC, "bygga-altan")
    assert Change.objects.count() == changes_before


def test_a_change_shows_up_in_every_format_and_embed(published, bygglov_topic, client):
    publish_all()
    change_phone(published, published.function_a, "031-368 12 34")
    result = publish([published.function_a])
    assert {(s["kind"], s["slug"]) for s in result.subjects} == {
        (TOPIC, "bygga-altan"), (TOPIC, "ansoka-om-bygglov"), (FUNCTION, "bygglov"),
    }  # fmt: skip
    for slug in ("bygga-altan", "ansoka-om-bygglov"):
        for fmt, shown in [
            ("json", "031-368 12 34"),
            ("jsonld", "+46313681234"),
            ("vcard", "tel:+46313681234"),
            ("text", "031-368 12 34"),
            ("html", 'href="tel:+46313681234">031-368 12 34</a>'),
        ]:
            for lang in ("sv", "en"):
                body = client.get(f"/api/v1/topics/{slug}?format={fmt}&lang={lang}").content
                assert shown.encode() in body, (slug, fmt, lang)
                assert b"368 00 00" not in body and b"+46313680000" not in body
        assert b"031-368 12 34" in client.get(f"/embed/topics/{slug}").content
        assert b"031-368 12 34" in client.get(f"/embed/topics/{slug}/frame").content
    assert b"031-368 12 34" in client.get("/embed/functions/bygglov").content
    assert b"031-368 12 34" in client.get("/demo/artikel?topic=ansoka-om-bygglov").content


def test_the_contact_center_reaches_every_topic(published):
    for index in range(5):
        make_topic(
            published.root, published.org_b, f"fraga-{index}", f"Fråga nummer {index}",
            function=published.function_b, contact_center_first=True,
        )  # fmt: skip
    publish_all()
    change_phone(published, published.center_function, "031-365 11 11")
    result = publish([published.center_function])
    topics = {s["slug"] for s in result.subjects if s["kind"] == TOPIC}
    assert topics == {f"fraga-{i}" for i in range(5)}  # bygga-altan shows no contact center
    for index in range(5):
        assert "031-365 11 11" in stored(TOPIC, f"fraga-{index}").decode()


def test_unchanged_data_is_not_rewritten(published):
    path = store.root() / store.artifact_path(TOPIC, "bygga-altan", "sv", "html")
    before = path.stat().st_mtime_ns, path.stat().st_ino
    changes = Change.objects.count()
    result = publish_all()
    assert result.written == 0 and result.change is None
    assert (path.stat().st_mtime_ns, path.stat().st_ino) == before
    assert Change.objects.count() == changes


def test_a_deleted_or_renamed_topic_is_removed(published, client):
    topic = published.topic_a
    topic.slug = "altan"
    save_topic(topic, published.root)
    result = publish([topic])
    assert {"kind": TOPIC, "slug": "bygga-altan", "action": "removed"} in result.subjects
    assert client.get("/api/v1/topics/bygga-altan").status_code == 404
    assert client.get("/api/v1/topics/altan").status_code == 200
    delete_topic(topic, published.root)
    publish([Changed(TOPIC, topic.pk, topic.slug)])
    assert client.get("/api/v1/topics/altan").status_code == 404
    assert client.get("/api/v1/topics").json()["count"] == 0
    assert not list(store.root().glob("topics/altan.*"))


def test_archiving_moves_every_embed_to_the_replacement(published, client):
    replacement = make_function(
        published.root, published.org_a, "bygglov-nya", "Bygglov och bygganmälan",
        channels=[("email", "bygglovnya@sbk.goteborg.se")],
    )  # fmt: skip
    archive_function(published.function_a, published.admin_a, replacement=replacement)
    publish([published.function_a, replacement])
    assert b"bygglovnya@sbk.goteborg.se" in client.get("/embed/topics/bygga-altan").content
    # an old embed of the archived function follows the replacement
    assert b"bygglovnya@sbk.goteborg.se" in client.get("/embed/functions/bygglov").content


def test_writes_are_atomic(published):
    """A reader racing a writer sees the old bytes or the new bytes, never a mix."""
    relpath = store.artifact_path(TOPIC, "bygga-altan", "sv", "text")
    versions = [b"A" * 200_000, b"B" * 300_000]
    store.write(relpath, versions[1])
    seen = set()
    done = threading.Event()

    def writer():
        for i in range(200):
            store.write(relpath, versions[i % 2])
        done.set()

    thread = threading.Thread(target=writer)
    thread.start()
    while not done.is_set():
        seen.add((store.root() / relpath).read_bytes())
    thread.join()
    assert seen <= set(versions)
    assert not [p for p in store.root().rglob("*") if p.name.endswith(".tmp")]


def test_store_refuses_paths_outside_its_layout(published):
    for relpath in ["../secret_key", "topics/../../x.json", "/etc/passwd", "topics/a b.json"]:
        with pytest.raises(store.StoreError):
            store.read(relpath)
    with pytest.raises(store.StoreError):
        store.artifact_path(TOPIC, "../x", "sv", "json")


def test_publish_all_command(cast, capsys):
    call_command("publish", "--all", "--json")
    summary = json.loads(capsys.readouterr().out)
    assert summary["subjects"] == 1 + 3 + 3 + 1  # topics, functions, organisations, actors
    assert summary["files_written"] > 0 and summary["change"] is not None
    call_command("publish", "--all")
    assert "nothing changed" in capsys.readouterr().out
    with pytest.raises(CommandError, match="--all"):
        call_command("publish")


def test_a_failing_publish_does_not_fail_the_committed_write(
    published, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("serviceguiden.publishing.publish._materialise", broken)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        channel = change_phone(published, published.function_a, "031-368 66 66")
        publish_after_commit([channel])
    channel.refresh_from_db()
    assert channel.value == "031-368 66 66"  # the registry change stands
    assert "publish --all" in caplog.text and "disk full" in caplog.text


def test_the_contact_center_is_resolved_once_per_publish(published, contact_center_calls):
    for index in range(4):
        make_topic(
            published.root, published.org_b, f"cc-{index}", f"Kontaktcenter först {index}",
            function=published.function_b, contact_center_first=True,
        )  # fmt: skip
    publish_pending()  # the topics' own outbox rows
    contact_center_calls.clear()
    publish_all()
    assert len(contact_center_calls) == 1
    assert "031-365 00 00" in stored(TOPIC, "cc-3").decode()


def test_a_contact_center_change_costs_the_same_queries_for_more_topics(published):
    """Resolution is batched (`resolve.Resolver`): the queries of a publish do not grow with
    the number of topics it rewrites."""

    def queries_after_adding(count):
        for index in range(count):
            make_topic(
                published.root, published.org_b, f"cc-{count}-{index}", f"Center {count} {index}",
                function=published.function_b, contact_center_first=True,
            )  # fmt: skip
        publish_all()
        change_phone(published, published.center_function, f"031-365 00 {10 + count}")
        with CaptureQueriesContext(connection) as captured:
            result = publish([published.center_function])
        # every topic is announced and shows the new number, though only their block was
        # rendered (the topics routed alike share it)
        announced = {s["slug"] for s in result.subjects if s["kind"] == TOPIC}
        assert {f"cc-{count}-{index}" for index in range(count)} <= announced
        assert result.rendered < 10
        last = json.loads(stored(TOPIC, f"cc-{count}-{count - 1}"))
        assert f"031-365 00 {10 + count}" in json.dumps(last["contacts"], ensure_ascii=False)
        return len(captured.captured_queries)

    assert queries_after_adding(1) == queries_after_adding(25)


def test_a_contact_center_change_finds_what_shows_it_in_the_dependency_table(published):
    from directory.factories import make_topic

    from serviceguiden.publishing.models import Dependency

    cast = published
    make_topic(cast.root, cast.org_a, "fragor", "Frågor", function=cast.function_a,
               contact_center_first=True)  # fmt: skip
    publish_pending()
    assert Dependency.objects.get(kind=TOPIC, slug="fragor").shows_contact_center
    assert not Dependency.objects.get(kind=TOPIC, slug="bygga-altan").shows_contact_center
    channel = cast.center_function.channels.get(kind="phone")
    channel.value = "031-365 00 01"
    channel.save()
    result = publish([cast.center_function], "test")
    slugs = {(s["kind"], s["slug"]) for s in result.change.subjects}
    assert (TOPIC, "fragor") in slugs
    assert (TOPIC, "bygga-altan") not in slugs
    assert "031-365 00 01" in stored(TOPIC, "fragor").decode()

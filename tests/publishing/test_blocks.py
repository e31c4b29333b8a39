"""A topic's contacts are kept once per routing, in a block its files include: whatever is read
from the store is the topic rendered whole, a block no topic shows goes, and a read follows a
rewritten block."""

from __future__ import annotations

import pytest
from directory.factories import make_topic

from serviceguiden.directory import resolve
from serviceguiden.directory.demo.loader import load_demo
from serviceguiden.directory.editing import save_channel, save_topic
from serviceguiden.directory.models import Topic
from serviceguiden.publishing import render, store
from serviceguiden.publishing.models import SUBJECT_KINDS, TOPIC, Dependency
from serviceguiden.publishing.publish import publish, publish_all, publishable


def _blocks() -> set[str]:
    folder = store.root() / store.BLOCKS
    return {path.name.split(".", 1)[0] for path in folder.iterdir()} if folder.is_dir() else set()


@pytest.mark.django_db
def test_every_demo_artifact_read_from_the_store_is_its_card_rendered_whole():
    assert load_demo().ok
    assert publish_all().blocked == []
    memo: dict = {}
    resolver = resolve.Resolver()
    checked = composed = 0
    for kind in SUBJECT_KINDS:
        for obj in publishable(kind):
            for lang, card in render.cards_for(kind, obj, memo, resolver).items():
                for fmt in store.FORMATS:
                    relpath = store.artifact_path(kind, obj.slug, lang, fmt)
                    raw = (store.root() / relpath).read_bytes()
                    composed += b"<!--# include" in raw
                    assert store.read(relpath).data == render.render(card, fmt), relpath
                    checked += 1
    topics = Topic.objects.count()
    assert composed == topics * len(store.LANGS) * len(store.FORMATS)  # every topic's file
    assert checked > 3_000
    # fewer blocks than topics: topics routed alike share one
    assert 0 < len(_blocks()) < topics


def test_a_topic_routed_elsewhere_leaves_its_old_block_when_no_topic_shows_it(published):
    cast = published
    topic = Topic.objects.get(slug="bygga-altan")
    old = Dependency.objects.get(kind=TOPIC, slug="bygga-altan").block
    assert old in _blocks()
    assert not Dependency.objects.filter(block=old).exclude(slug="bygga-altan").exists()

    topic.function = cast.function_b
    save_topic(topic, cast.root)
    publish([topic], "test")  # (what the save's commit does)

    new = Dependency.objects.get(kind=TOPIC, slug="bygga-altan").block
    assert new != old
    assert new in _blocks() and old not in _blocks()
    shown = store.read(store.artifact_path(TOPIC, "bygga-altan", "sv", "json")).data.decode()
    assert cast.function_b.name in shown


def test_a_block_still_shown_by_another_topic_stays(published):
    cast = published
    publish([make_topic(cast.root, cast.org_a, "altan-2", "Altan två", function=cast.function_a)])
    block = Dependency.objects.get(kind=TOPIC, slug="altan-2").block
    assert Dependency.objects.get(kind=TOPIC, slug="bygga-altan").block == block
    topic = Topic.objects.get(slug="bygga-altan")
    topic.function = cast.function_b
    save_topic(topic, cast.root)
    publish([topic], "test")
    assert block in _blocks()
    assert store.read(store.artifact_path(TOPIC, "altan-2", "sv", "json")) is not None


def test_a_read_follows_a_rewritten_block_with_a_new_etag(published):
    cast = published
    relpath = store.artifact_path(TOPIC, "bygga-altan", "sv", "json")
    before = store.read(relpath)
    assert store.read(relpath) is before  # cached while neither file changed
    frame = (store.root() / relpath).stat()
    channel = cast.function_a.channels.get(kind="phone")
    channel.value = "031-368 99 01"
    save_channel(channel, cast.root)
    publish([cast.function_a], "test")
    assert (store.root() / relpath).stat().st_mtime_ns == frame.st_mtime_ns  # frame untouched
    after = store.read(relpath)
    assert b"031-368 99 01" in after.data and b"031-368 99 01" not in before.data
    assert after.etag != before.etag


def test_the_topics_showing_a_rewritten_block_are_announced(published):
    cast = published
    publish([make_topic(cast.root, cast.org_a, "altan-2", "Altan två", function=cast.function_a)])
    channel = cast.function_a.channels.get(kind="phone")
    channel.value = "031-368 99 02"
    channel.save()
    result = publish([cast.function_a], "test")
    announced = {(s["kind"], s["slug"]) for s in result.change.subjects}
    assert {(TOPIC, "bygga-altan"), (TOPIC, "altan-2")} <= announced


def test_a_block_rewritten_by_another_process_is_seen_after_the_recheck_time(published):
    """Another server process's publish replaces the block file (not through this process's
    `write_many`): a read sees it once `BLOCK_RECHECK` has passed since the block was last
    looked at, and not before (each topic read would otherwise `stat` the block again)."""
    import time

    relpath = store.artifact_path(TOPIC, "bygga-altan", "sv", "text")
    before = store.read(relpath)
    block = Dependency.objects.get(kind=TOPIC, slug="bygga-altan").block
    path = store.root() / store.block_path(block, "sv", "text")
    replacement = path.with_name(".other-process.tmp")
    replacement.write_bytes(b"\nAnother process's contacts")
    replacement.replace(path)
    store.BLOCK_RECHECK, kept = 3600.0, store.BLOCK_RECHECK
    try:
        assert store.read(relpath) is before  # looked at just now: not again yet
    finally:
        store.BLOCK_RECHECK = kept
    time.sleep(2 * store.BLOCK_RECHECK)
    after = store.read(relpath)
    assert b"Another process's contacts" in after.data and after.etag != before.etag

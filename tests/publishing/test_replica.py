"""Several servers, one truth: each server's disk is brought to what any server published,
through the database (`replica.py`). Here two published directories stand for two servers'
disks on one database."""

from __future__ import annotations

from pathlib import Path

import pytest
from directory.factories import make_topic

from serviceguiden.directory.models import Channel, Topic
from serviceguiden.publishing import replica, store
from serviceguiden.publishing.models import SharedArtifact
from serviceguiden.publishing.publish import publish, publish_all


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)
    }


@pytest.fixture
def two_disks(settings, tmp_path, cast):
    """Server A's disk (published) and server B's (empty), sharing the database."""
    settings.SERVICEGUIDEN_SHARED_STORE = "on"
    a, b = tmp_path / "a", tmp_path / "b"
    settings.SERVICEGUIDEN_PUBLISHED_DIR = a
    publish_all()
    return settings, a, b


def _on(settings, disk: Path) -> None:
    settings.SERVICEGUIDEN_PUBLISHED_DIR = disk


def test_a_new_server_gets_every_published_file(two_disks):
    settings, a, b = two_disks
    _on(settings, b)
    assert replica.sync() > 0
    assert _files(b) == _files(a)
    assert replica.applied() == SharedArtifact.objects.order_by("-generation")[0].generation
    assert replica.sync() == 0  # nothing new


def test_a_change_published_on_one_server_is_applied_on_the_other(two_disks, cast):
    settings, a, b = two_disks
    _on(settings, b)
    replica.sync()
    _on(settings, a)
    channel = Channel.objects.get(function=cast.function_a, kind="phone")
    channel.value = "031-368 44 44"
    channel.save()
    publish([channel])
    relpath = f"functions/{cast.function_a.slug}.sv.json"
    assert b"031-368 44 44" in store.read(relpath).data

    _on(settings, b)
    assert b"031-368 44 44" not in store.read(relpath).data
    replica.sync()
    assert b"031-368 44 44" in store.read(relpath).data
    assert _files(b) == _files(a)  # the lists, search and the feed too


def test_a_removal_is_applied_and_a_full_publish_marks_the_rest_removed(two_disks, cast):
    settings, a, b = two_disks
    make_topic(cast.root, cast.org_a, "stamma-grans", "Stämma gräns", function=cast.function_a)
    publish_all()
    _on(settings, b)
    replica.sync()
    assert store.read("topics/stamma-grans.sv.html") is not None

    _on(settings, a)
    Topic.objects.filter(slug="stamma-grans").delete()
    publish_all()
    assert SharedArtifact.objects.get(relpath="topics/stamma-grans.sv.html").removed

    _on(settings, b)
    replica.sync()
    assert store.read("topics/stamma-grans.sv.html") is None
    assert _files(b) == _files(a)


def test_applying_never_goes_back_in_time(two_disks, cast):
    """B applies after two changes of the same file: it ends with the newest bytes, whatever
    order the rows come in."""
    settings, a, b = two_disks
    channel = Channel.objects.get(function=cast.function_a, kind="phone")
    for number in ("031-368 11 11", "031-368 22 22"):
        channel.value = number
        channel.save()
        publish([channel])
    _on(settings, b)
    replica.sync()
    assert b"031-368 22 22" in store.read(f"functions/{cast.function_a.slug}.sv.json").data


def test_the_single_machine_sqlite_default_shares_nothing(settings, published, cast):
    settings.SERVICEGUIDEN_SHARED_STORE = "auto"
    if replica.connection.vendor == "postgresql":
        pytest.skip("auto shares the store on PostgreSQL")
    channel = Channel.objects.get(function=cast.function_a, kind="phone")
    channel.value = "031-368 33 33"
    channel.save()
    publish([channel])
    assert not replica.enabled()
    assert not SharedArtifact.objects.exists()
    assert replica.sync() == 0

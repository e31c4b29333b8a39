"""The publish gate: whatever reaches the store passes the policy engine. A subject whose
cards show a personal or external detail keeps its previous artifacts, and the block is
visible to the organisation's editors and to global admins."""

from __future__ import annotations

import datetime as dt

import pytest
from directory.factories import make_function

from serviceguiden.directory.models import Channel, Function, Topic
from serviceguiden.directory.policy_exceptions import grant_exception
from serviceguiden.publishing import store
from serviceguiden.publishing.models import BlockedPublish
from serviceguiden.publishing.publish import publish


def _sv_json(kind_folder: str, slug: str) -> bytes:
    artifact = store.read(f"{kind_folder}/{slug}.sv.json")
    return artifact.data if artifact else b""


def _smuggle_person(function: Function) -> None:
    """What a future field, template or import path might let through: a stored value the
    validation never saw (written past the domain functions, on purpose)."""
    Channel.objects.filter(function=function, kind="email").update(
        label="Handläggare Anna Svensson, direkt 070-123 45 67"
    )


def test_a_subject_with_a_person_in_its_card_is_not_published(published):
    cast = published
    before_function = _sv_json("functions", "bygglov")
    before_topic = _sv_json("topics", "bygga-altan")
    assert b"Stadsbyggnadskontoret" in before_function
    _smuggle_person(cast.function_a)

    result = publish([cast.function_a], "test")

    assert {(b["kind"], b["slug"]) for b in result.blocked} >= {
        ("function", "bygglov"),
        ("topic", "bygga-altan"),
    }
    assert _sv_json("functions", "bygglov") == before_function
    assert _sv_json("topics", "bygga-altan") == before_topic
    for lang in store.LANGS:
        for fmt in store.FORMATS:
            artifact = store.read(store.artifact_path("function", "bygglov", lang, fmt))
            assert b"Anna Svensson" not in artifact.data
            assert b"070-123" not in artifact.data
    block = BlockedPublish.objects.open().get(kind="function", slug="bygglov")
    assert block.organisation == cast.org_a
    rules = {f["rule"] for f in block.findings}
    assert rules & {"P3-person-name", "P3-personal-phone", "P3-mobile-number"}
    assert {f["lang"] for f in block.findings} == {"sv", "en"}
    # nothing of the refused card reaches the lists and search either
    assert b"Anna Svensson" not in store.read(store.SEARCH_PATH).data


def test_a_blocked_subject_that_never_was_published_stays_unpublished(published):
    cast = published
    function = make_function(
        cast.root, cast.org_a, "strandskydd", "Strandskydd",
        channels=[("email", "strandskydd@sbk.goteborg.se")],
    )  # fmt: skip
    Function.objects.filter(pk=function.pk).update(name="Strandskydd, handläggare Anna Svensson")
    BlockedPublish.objects.all().delete()
    store.remove(store.artifact_path("function", "strandskydd", "sv", "json"))

    result = publish([function], "test")

    assert ("function", "strandskydd") in {(b["kind"], b["slug"]) for b in result.blocked}
    assert store.read("functions/strandskydd.sv.json") is None
    listed = store.read(store.index_path("function")).data
    assert b"Anna Svensson" not in listed


def test_a_correction_passes_the_gate_and_resolves_the_block(published):
    cast = published
    _smuggle_person(cast.function_a)
    publish([cast.function_a], "test")
    Channel.objects.filter(function=cast.function_a, kind="email").update(label="")

    result = publish([cast.function_a], "test")

    assert result.blocked == []
    assert not BlockedPublish.objects.open().exists()
    assert BlockedPublish.objects.filter(resolved_at__isnull=False).count() >= 2


def test_an_active_exception_passes_the_gate(published):
    cast = published
    exception = grant_exception(
        cast.org_a, "anna.svensson@sbk.goteborg.se",
        reason="Projektledare för stadsutvecklingsprojekt under 2027.",
        ends_on=dt.date.today() + dt.timedelta(days=60), user=cast.root,
    )  # fmt: skip
    channel = Channel(function=cast.function_a, kind="email", value=exception.value, position=5)
    from serviceguiden.directory.editing import save_channel

    save_channel(channel, cast.root)
    result = publish([cast.function_a], "test")

    assert result.blocked == []
    assert b"anna.svensson@sbk.goteborg.se" in _sv_json("functions", "bygglov")


def test_a_blocked_publish_is_on_the_editors_dashboard_and_in_the_admin(published, client):
    cast = published
    _smuggle_person(cast.function_a)
    publish([cast.function_a], "test")

    client.force_login(cast.editor_a)
    page = client.get("/redigera/organisation/sbk/").content.decode()
    assert "Bygglov" in page and "P3-" in page

    client.force_login(cast.editor_b)
    other = client.get("/redigera/organisation/miljo/").content.decode()
    assert "P3-" not in other

    client.force_login(cast.root)
    listing = client.get("/admin/publishing/blockedpublish/").content.decode()
    assert "bygglov" in listing


@pytest.mark.parametrize("who", ["outsider", "editor_b"])
def test_an_outsider_cannot_see_another_organisations_blocks(published, client, who):
    cast = published
    _smuggle_person(cast.function_a)
    publish([cast.function_a], "test")
    client.force_login(cast.user(who))
    response = client.get("/redigera/organisation/sbk/")
    assert response.status_code in (403, 404)


def test_topics_of_a_blocked_function_keep_their_old_box(published):
    cast = published
    assert Topic.objects.filter(function=cast.function_a).exists()
    _smuggle_person(cast.function_a)
    publish([cast.function_a], "test")
    assert b"Anna" not in _sv_json("topics", "bygga-altan")


def test_a_refused_contact_center_blocks_every_topic_that_shows_it_each_on_its_own(published):
    """A contact center change reaches the topics through their shared blocks (one topic
    stands for each block); when the gate refuses the block, every topic showing it is
    refused and recorded on its own, and keeps its old box."""
    from directory.factories import make_topic

    from serviceguiden.publishing.publish import publish_all

    cast = published
    slugs = [f"center-{index}" for index in range(4)]
    for slug in slugs:
        make_topic(cast.root, cast.org_b, slug, slug.title(), function=cast.function_b,
                   contact_center_first=True)  # fmt: skip
    publish_all()
    before = {slug: _sv_json("topics", slug) for slug in slugs}
    assert all(b"031-365 00 00" in data for data in before.values())
    _smuggle_person(cast.center_function)

    result = publish([cast.center_function], "test")

    refused = {b["slug"] for b in result.blocked if b["kind"] == "topic"}
    assert set(slugs) <= refused
    for slug in slugs:
        assert _sv_json("topics", slug) == before[slug]
        assert BlockedPublish.objects.open().filter(kind="topic", slug=slug).exists()
    # corrected: the same path publishes them again and resolves every block
    Channel.objects.filter(function=cast.center_function, kind="email").update(label="")
    publish([cast.center_function], "test")
    assert not BlockedPublish.objects.open().filter(kind="topic", slug__in=slugs).exists()

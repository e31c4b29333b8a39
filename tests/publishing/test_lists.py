"""The lists (`/api/v1/topics` …) and the search entries are rebuilt when a publish changes
what they show, and only then: a phone number shown in many topics does not rebuild them, a
new name, synonym, description, status, organisation or purpose does, and so does a removal."""

from __future__ import annotations

import json

import pytest
from directory.factories import make_topic

from serviceguiden.directory.models import Channel, ExternalActor, Function, Status, Topic
from serviceguiden.publishing import publish as publish_module
from serviceguiden.publishing import store
from serviceguiden.publishing.publish import publish


def _listed(kind: str) -> list[dict]:
    return json.loads(store.read(store.index_path(kind)).data)


def _search() -> list[dict]:
    return json.loads(store.read(store.SEARCH_PATH).data)


@pytest.fixture
def rebuilds(monkeypatch):
    calls = []
    real = publish_module._write_indexes

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(publish_module, "_write_indexes", counted)
    return calls


def test_a_new_number_does_not_rebuild_the_lists(published, rebuilds):
    channel = Channel.objects.filter(function=published.function_a, kind="phone").first()
    channel.value = "031-368 90 90"
    channel.save()
    result = publish([channel])
    assert result.change is not None and result.written > 0
    assert rebuilds == []


def _rename_topic(cast):
    topic = Topic.objects.get(pk=cast.topic_a.pk)
    topic.name = "Nytt namn på ärendet"
    topic.save()
    return [topic], ("topic", "name", "Nytt namn på ärendet")


def _synonym(cast):
    topic = Topic.objects.get(pk=cast.topic_a.pk)
    topic.synonyms = [*topic.synonyms, "plank"]
    topic.save()
    return [topic], ("search", "synonyms", "plank")


def _description(cast):
    topic = Topic.objects.get(pk=cast.topic_a.pk)
    topic.description = "Om staket och murar."
    topic.save()
    return [topic], ("search", "text", "Om staket och murar.")


def _archive(cast):
    function = Function.objects.get(pk=cast.function_a.pk)
    function.status = Status.ARCHIVED
    function.save()
    return [function], ("function", "status", Status.ARCHIVED)


def _organisation(cast):
    org = cast.org_a
    org.name = "Stadsbyggnad Göteborg"
    org.save()
    return [org], ("topic", "organisation", "Stadsbyggnad Göteborg")


def _purpose(cast):
    actor = ExternalActor.objects.get(pk=cast.actor.pk)
    actor.purpose = "Ansvarar för vägar utanför staden."
    actor.save()
    return [actor], ("external_actor", "purpose", "Ansvarar för vägar utanför staden.")


@pytest.mark.parametrize(
    "change", [_rename_topic, _synonym, _description, _archive, _organisation, _purpose]
)
def test_what_the_lists_show_rebuilds_them(published, change):
    changed, (where, field, expected) = change(published)
    publish(changed)
    entries = _search() if where == "search" else _listed(where)
    shown = [json.dumps(entry.get(field), ensure_ascii=False) for entry in entries]
    assert any(expected in text for text in shown), (where, field)


def test_a_removed_topic_leaves_the_lists(published):
    cast = published
    topic = make_topic(cast.root, cast.org_a, "stamma-grans", "Stämma gräns",
                       function=cast.function_a)  # fmt: skip
    publish([topic])
    assert "stamma-grans" in [e["slug"] for e in _listed("topic")]
    Topic.objects.filter(pk=topic.pk).delete()
    result = publish([publish_module.Changed("topic", topic.pk, "stamma-grans")])
    assert {"kind": "topic", "slug": "stamma-grans", "action": "removed"} in result.subjects
    assert "stamma-grans" not in [e["slug"] for e in _listed("topic")]
    assert store.read("topics/stamma-grans.sv.json") is None

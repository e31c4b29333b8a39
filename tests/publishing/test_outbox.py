"""Nothing lost, nothing announced twice: every committed change reaches the change feed and
the webhooks exactly once, also when the process publishing it dies at any point."""

from __future__ import annotations

import pytest
from directory.factories import make_topic

from serviceguiden.directory.models import Channel, Topic
from serviceguiden.publishing import publish as publish_module
from serviceguiden.publishing import store
from serviceguiden.publishing.management.commands.worker import (
    reclaim_abandoned_tasks,
    sweep_once,
)
from serviceguiden.publishing.models import Change, Delivery, PendingChange, Subscription
from serviceguiden.publishing.publish import publish_all, publish_pending


@pytest.fixture
def subscribed(published):
    Subscription.objects.create(name="Intranätet", url="https://intranat.example.se/hook")
    publish_pending()
    return published


def _announced(slug: str) -> list[int]:
    return [
        change.pk
        for change in Change.objects.order_by("id")
        if any(s["slug"] == slug for s in change.subjects)
    ]


def test_a_write_records_its_change_in_the_same_transaction(published):
    channel = Channel.objects.filter(function=published.function_a, kind="phone").first()
    channel.value = "031-368 77 77"
    channel.save()  # (a raw save, to look at the outbox alone)
    publish_module.publish_after_commit([channel])
    row = PendingChange.objects.unannounced().get()
    assert row.subjects[0]["kind"] == "function"


def test_a_change_whose_process_died_before_publishing_is_announced_at_the_next_start(
    subscribed,
):
    cast = subscribed
    make_topic(cast.root, cast.org_a, "stamma-grans", "Stämma gräns", function=cast.function_a)
    # the process died: the commit callback never ran, the outbox row stays
    assert PendingChange.objects.unannounced().exists()
    assert store.read("topics/stamma-grans.sv.json") is None

    publish_all()

    assert store.read("topics/stamma-grans.sv.json") is not None
    assert len(_announced("stamma-grans")) == 1
    change = Change.objects.get(pk=_announced("stamma-grans")[0])
    assert Delivery.objects.filter(change=change).count() == 1
    assert not PendingChange.objects.unannounced().exists()


def test_a_publish_that_dies_after_writing_the_bytes_still_announces_them_once(
    subscribed, monkeypatch
):
    cast = subscribed
    before = _announced("bygglov")
    channel = Channel.objects.filter(function=cast.function_a, kind="phone").first()
    Channel.objects.filter(pk=channel.pk).update(value="031-368 55 55")
    publish_module.publish_after_commit([channel])

    def dies(*args, **kwargs):
        raise RuntimeError("kill -9")

    monkeypatch.setattr(publish_module, "_enqueue_webhooks", dies)
    with pytest.raises(RuntimeError):
        publish_pending()
    assert b"031-368 55 55" in store.read("functions/bygglov.sv.json").data  # bytes are out
    assert _announced("bygglov") == before  # ... but nobody was told
    monkeypatch.undo()

    publish_pending()  # the restart: same bytes, so only the retry marker can announce them
    publish_pending()
    publish_all()

    announced = [pk for pk in _announced("bygglov") if pk not in before]
    assert len(announced) == 1
    assert Delivery.objects.filter(change_id=announced[0]).count() == 1
    assert PendingChange.objects.get(change_id=announced[0]).attempts == 2


def test_the_worker_sweep_publishes_what_a_dead_web_process_left(subscribed):
    cast = subscribed
    make_topic(cast.root, cast.org_b, "buller", "Buller från grannen", function=cast.function_b)
    sweep_once()
    assert store.read("topics/buller.sv.json") is not None
    assert len(_announced("buller")) == 1
    sweep_once()
    assert len(_announced("buller")) == 1


def test_an_import_of_any_size_publishes_in_bounded_batches(published, monkeypatch):
    cast = published
    monkeypatch.setattr(publish_module, "BATCH", 50)
    monkeypatch.setattr(publish_module, "CHUNK", 40)
    topics = [
        Topic(organisation=cast.org_a, slug=f"amne-{i}", name=f"Ämne {i}", function=cast.function_a)
        for i in range(1200)
    ]
    Topic.objects.bulk_create(topics)
    publish_module.publish_after_commit(list(Topic.objects.filter(slug__startswith="amne-")))
    results = publish_pending()
    assert results and not PendingChange.objects.unannounced().exists()
    assert store.read("topics/amne-1199.sv.json") is not None


def test_a_task_left_running_by_a_dead_worker_is_reclaimed(db):
    import datetime as dt

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from serviceguiden.publishing.webhooks import deliver_webhook

    result = deliver_webhook.enqueue(1)
    long_ago = timezone.now() - dt.timedelta(hours=1)
    DBTaskResult.objects.filter(pk=result.id).update(status="RUNNING", started_at=long_ago)
    assert reclaim_abandoned_tasks() == 1
    assert DBTaskResult.objects.get(pk=result.id).status == "READY"


def test_a_publish_that_dies_before_the_lists_rebuilds_them_on_the_retry(subscribed, monkeypatch):
    """The dependency table (whose digests decide whether the lists change) is written before
    the lists: a publish that dies in between must still leave the lists right."""
    import json

    cast = subscribed
    topic = Topic.objects.get(pk=cast.topic_a.pk)
    topic.name = "Ett helt nytt namn"
    topic.save()
    publish_module.publish_after_commit([topic])

    def dies(*args, **kwargs):
        raise RuntimeError("kill -9")

    monkeypatch.setattr(publish_module, "_write_indexes", dies)
    with pytest.raises(RuntimeError):
        publish_pending()
    monkeypatch.undo()

    publish_pending()  # the restart
    listed = json.loads(store.read(store.index_path("topic")).data)
    assert "Ett helt nytt namn" in [entry["name"] for entry in listed]

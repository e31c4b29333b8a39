"""Signed webhooks (Standard Webhooks), delivered by the background worker, with retries,
backoff and a delivery log; a subscriber that is down loses nothing."""

from __future__ import annotations

import datetime as dt
import json
import socket
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from serviceguiden.directory.editing import save_channel
from serviceguiden.publishing.models import Change, Delivery, DeliveryState, Subscription
from serviceguiden.publishing.webhooks import retry_delay

from .conftest import Subscriber, run_worker

# The worker commits and reconnects as in production, so these tests use real transactions.
pytestmark = pytest.mark.django_db(transaction=True)


def make_change(cast, number="031-368 77 77"):
    """Save a new number; the registry publishes it by itself once the save commits."""
    changes_before = Change.objects.count()
    channel = cast.function_a.channels.get(kind="phone")
    channel.value = number
    save_channel(channel, cast.root)
    assert Change.objects.count() == changes_before + 1
    change = Change.objects.latest("pk")
    return SimpleNamespace(change=change, deliveries=change.deliveries.count())


def test_deliveries_are_signed_per_standard_webhooks(published, subscriber):
    subscription = Subscription.objects.create(name="Intranätet", url=subscriber.url)
    result = make_change(published)
    assert result.deliveries == 1
    assert subscriber.requests == []  # enqueued, not sent in the request that saved
    run_worker()
    assert len(subscriber.requests) == 1
    headers, body = subscriber.requests[0]
    payload = Webhook(subscription.secret).verify(body, headers)
    assert payload["type"] == "contacts.published"
    assert payload["data"]["change"] == result.change.pk
    assert {"kind": "topic", "slug": "bygga-altan", "action": "updated"} in payload["data"][
        "subjects"
    ]
    assert payload["data"]["subjects_total"] == len(result.change.subjects)
    assert payload["data"]["changes_url"].endswith(f"/api/v1/changes?since={result.change.pk - 1}")
    with pytest.raises(WebhookVerificationError):
        Webhook(Subscription(name="x", url="http://x").secret).verify(body, headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(subscription.secret).verify(body.replace(b"bygga-altan", b"annat"), headers)
    delivery = Delivery.objects.get()
    assert delivery.state == DeliveryState.DELIVERED and delivery.attempts == 1


def test_retries_after_a_failing_subscriber(published, subscriber):
    subscriber.statuses = [500, 503]
    subscription = Subscription.objects.create(name="Appen", url=subscriber.url)
    make_change(published)
    run_worker()
    delivery = Delivery.objects.get()
    assert delivery.state == DeliveryState.DELIVERED
    assert [(a.number, a.status_code) for a in delivery.log.all()] == [(1, 500), (2, 503), (3, 200)]
    assert "HTTP 500" in delivery.log.first().error
    ids = {headers["webhook-id"] for headers, _ in subscriber.requests}
    assert ids == {delivery.message_id}  # the same message id on every retry
    for headers, body in subscriber.requests:
        Webhook(subscription.secret).verify(body, headers)


def test_gives_up_after_the_last_retry(published, subscriber, settings):
    settings.SERVICEGUIDEN_WEBHOOK_RETRY_DELAYS = [0, 0]
    subscriber.statuses = [500] * 10
    Subscription.objects.create(name="Trasig", url=subscriber.url)
    make_change(published)
    run_worker()
    delivery = Delivery.objects.get()
    assert delivery.state == DeliveryState.FAILED and delivery.attempts == 3
    assert len(subscriber.requests) == 3
    assert delivery.finished_at is not None


def test_a_subscriber_that_is_down_loses_nothing(published, settings):
    settings.SERVICEGUIDEN_WEBHOOK_PRIVATE_HOSTS = ["127.0.0.1"]
    settings.SERVICEGUIDEN_WEBHOOK_RETRY_DELAYS = [3600]
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/hook"
    Subscription.objects.create(name="Nere", url=url)
    first = make_change(published, "031-368 10 10")
    second = make_change(published, "031-368 20 20")
    run_worker()
    deliveries = list(Delivery.objects.order_by("id"))
    assert [d.state for d in deliveries] == [DeliveryState.PENDING] * 2
    assert all("Connection refused" in d.log.get().error for d in deliveries)
    assert all(d.next_attempt_at > timezone.now() + dt.timedelta(minutes=59) for d in deliveries)

    endpoint = Subscriber()
    endpoint.start(port)  # the subscriber comes back
    try:
        assert not DBTaskResult.objects.ready().exists()  # nothing is due before the backoff
        DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
        run_worker()
    finally:
        endpoint.stop()
    assert [d.state for d in Delivery.objects.order_by("id")] == [DeliveryState.DELIVERED] * 2
    changes = sorted(json.loads(body)["data"]["change"] for _, body in endpoint.requests)
    assert changes == [first.change.pk, second.change.pk]


def test_private_addresses_are_refused_unless_allowed(published, subscriber, settings):
    settings.SERVICEGUIDEN_WEBHOOK_PRIVATE_HOSTS = []
    settings.SERVICEGUIDEN_WEBHOOK_RETRY_DELAYS = []
    Subscription.objects.create(name="Lokal", url=subscriber.url)
    make_change(published)
    run_worker()
    delivery = Delivery.objects.get()
    assert delivery.state == DeliveryState.FAILED
    assert "private or local address" in delivery.log.get().error
    assert subscriber.requests == []


def test_inactive_subscriptions_get_nothing(published, subscriber):
    Subscription.objects.create(name="Av", url=subscriber.url, active=False)
    assert make_change(published).deliveries == 0


def test_backoff_grows_then_gives_up(settings):
    settings.SERVICEGUIDEN_WEBHOOK_RETRY_DELAYS = [10, 60, 300]
    assert [retry_delay(n) for n in (1, 2, 3, 4)] == [10, 60, 300, None]


def test_worker_command_runs_due_deliveries(published, subscriber):
    Subscription.objects.create(name="Chattbot", url=subscriber.url)
    make_change(published)
    call_command("worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)
    assert len(subscriber.requests) == 1
    assert Delivery.objects.get().state == DeliveryState.DELIVERED

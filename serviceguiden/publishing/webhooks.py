"""Signed webhooks (Standard Webhooks spec) to the channels that subscribe, delivered by
the background worker (`serviceguiden worker`) through Django's tasks API.

Each delivery is one POST of a small JSON event with the headers `webhook-id`,
`webhook-timestamp` and `webhook-signature` (signed by `standardwebhooks` with the
subscription's secret). A 2xx answer delivers it; anything else — an error status, a
timeout, a refused connection — is logged as an attempt and retried after the next delay
in `SERVICEGUIDEN_WEBHOOK_RETRY_DELAYS`; after the last one the delivery is given up. The
`webhook-id` stays the same across retries. A subscriber that was down can also catch up
from the change feed (`/api/v1/changes?since=`), which the event links to.

Outbound requests go through `post()` only: a timeout, no redirects, a cap on how much of
the answer is read, and no private or loopback addresses unless the host is listed in
`SERVICEGUIDEN_WEBHOOK_PRIVATE_HOSTS`.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task
from standardwebhooks.webhooks import Webhook

from serviceguiden.publishing.models import Delivery, DeliveryAttempt, DeliveryState

EVENT_TYPE = "contacts.published"
MAX_ANSWER_BYTES = 64 * 1024
MAX_SUBJECTS = 500
USER_AGENT = "Serviceguiden-webhooks/1"


class BlockedAddress(ValueError):
    """The endpoint resolves to an address webhooks may not reach."""


@dataclass(frozen=True)
class Answer:
    status: int | None
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


def event(delivery: Delivery) -> dict:
    change = delivery.change
    base = settings.SITE_URL
    return {
        "type": EVENT_TYPE,
        "timestamp": change.created_at.isoformat().replace("+00:00", "Z"),
        "data": {
            "change": change.pk,
            # A full rebuild can touch thousands; the change feed has them all.
            "subjects": change.subjects[:MAX_SUBJECTS],
            "subjects_total": len(change.subjects),
            "changes_url": f"{base}/api/v1/changes?since={change.pk - 1}",
        },
    }


def signed_request(delivery: Delivery, now: dt.datetime | None = None) -> tuple[bytes, dict]:
    """The body and headers of one attempt, signed with the subscription's secret."""
    now = now or timezone.now()
    body = json.dumps(event(delivery), ensure_ascii=False, separators=(",", ":"))
    signature = Webhook(delivery.subscription.secret).sign(delivery.message_id, now, body)
    headers = {
        "content-type": "application/json",
        "user-agent": USER_AGENT,
        "webhook-id": delivery.message_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": signature,
    }
    return body.encode(), headers


def _check_address(host: str, port: int) -> None:
    if host in settings.SERVICEGUIDEN_WEBHOOK_PRIVATE_HOSTS:
        return
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise BlockedAddress(f"cannot resolve {host}: {exc}") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            raise BlockedAddress(
                f"{host} resolves to {address}, a private or local address; list the host "
                "in SERVICEGUIDEN_WEBHOOK_PRIVATE_HOSTS to allow it"
            )


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is an answer like any other non-2xx: retried, logged


_opener = urllib.request.build_opener(_NoRedirect)


def post(url: str, body: bytes, headers: dict) -> Answer:
    """The one outbound HTTP call of publishing."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return Answer(None, f"not an http(s) URL: {url}")
    try:
        _check_address(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
        request = urllib.request.Request(url, data=body, headers=headers, method="POST")
        with _opener.open(request, timeout=settings.SERVICEGUIDEN_WEBHOOK_TIMEOUT) as answer:
            answer.read(MAX_ANSWER_BYTES)
            return Answer(answer.status)
    except urllib.error.HTTPError as exc:
        return Answer(exc.code, f"HTTP {exc.code} {exc.reason}"[:500])
    except (BlockedAddress, urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        return Answer(None, f"{type(exc).__name__}: {reason}"[:500])


def retry_delay(attempts: int) -> int | None:
    """Seconds until the next attempt after `attempts` failed ones; None to give up."""
    delays = settings.SERVICEGUIDEN_WEBHOOK_RETRY_DELAYS
    return delays[attempts - 1] if attempts - 1 < len(delays) else None


def attempt(delivery_id: int) -> Delivery:
    """Make one attempt and log it; on failure schedule the next attempt or give up.

    The attempt is counted when its outcome is known, in one transaction with its log row and
    the delivery's new state: a worker killed mid-POST leaves the delivery as it was, its task
    is reclaimed and the POST made again (at least once; the `webhook-id` header stays the same
    so a subscriber drops the duplicate)."""
    delivery = Delivery.objects.select_related("subscription", "change").get(pk=delivery_id)
    if delivery.state != DeliveryState.PENDING:
        return delivery  # already delivered or given up (a duplicate task)
    body, headers = signed_request(delivery)
    started = time.perf_counter()
    answer = post(delivery.subscription.url, body, headers)
    duration_ms = int((time.perf_counter() - started) * 1000)
    with transaction.atomic():
        delivery = Delivery.objects.select_for_update().get(pk=delivery_id)
        if delivery.state != DeliveryState.PENDING:
            return delivery  # another worker finished it meanwhile
        delivery.attempts += 1
        DeliveryAttempt.objects.create(
            delivery=delivery, number=delivery.attempts, status_code=answer.status,
            error=answer.error, duration_ms=duration_ms,
        )  # fmt: skip
        now = timezone.now()
        if answer.ok:
            delivery.state, delivery.finished_at, delivery.next_attempt_at = (
                DeliveryState.DELIVERED, now, None,
            )  # fmt: skip
        elif (delay := retry_delay(delivery.attempts)) is None:
            delivery.state, delivery.finished_at, delivery.next_attempt_at = (
                DeliveryState.FAILED, now, None,
            )  # fmt: skip
        else:
            delivery.next_attempt_at = now + dt.timedelta(seconds=delay)
            deliver_webhook.using(run_after=delivery.next_attempt_at).enqueue(delivery.pk)
        delivery.save(update_fields=["attempts", "state", "finished_at", "next_attempt_at"])
    return delivery


@task(queue_name="webhooks")
def deliver_webhook(delivery_id: int) -> str:
    """The background task: one attempt of one delivery."""
    return attempt(delivery_id).state

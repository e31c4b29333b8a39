"""The operator's view: liveness, readiness and metrics.

- `GET /healthz` — liveness: the process answers (no database, nothing slow).
- `GET /readyz` — readiness for a load balancer: 200 when this server can serve (database
  reachable, a published read model in the store), else 503; the JSON also reports what needs
  an operator without making the server unready: changes committed but not yet announced
  (the outbox), webhook deliveries pending or given up, blocked publishes, and the background
  worker's heartbeat.
- `GET /metrics` — the same figures and the reads in Prometheus' text format
  (prometheus-client), for monitoring and alerts.
"""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.db.models import Max, Min, Sum
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from serviceguiden.publishing import store
from serviceguiden.publishing.models import (
    SUBJECT_KINDS,
    BlockedPublish,
    Change,
    Delivery,
    DeliveryState,
    PendingChange,
    Usage,
    WorkerHeartbeat,
)

WORKER_SILENT_AFTER = dt.timedelta(seconds=60)  # the sweep runs every 2 s
OUTBOX_LATE_AFTER = dt.timedelta(seconds=60)


def figures(now: dt.datetime | None = None) -> dict:
    """Everything the readiness report and the metrics show, read once."""
    now = now or timezone.now()
    unannounced = PendingChange.objects.unannounced()
    oldest = unannounced.aggregate(oldest=Min("created_at"))["oldest"]
    heartbeat = WorkerHeartbeat.objects.aggregate(seen=Max("seen_at"))["seen"]
    last_change = Change.objects.aggregate(at=Max("created_at"))["at"]
    deliveries = {state: 0 for state in DeliveryState.values}
    for state in DeliveryState.values:
        deliveries[state] = Delivery.objects.filter(state=state).count()
    reads = Usage.objects.filter(day=timezone.localdate(now)).aggregate(hits=Sum("hits"))["hits"]
    return {
        "outbox_unannounced": unannounced.count(),
        "outbox_oldest_seconds": (now - oldest).total_seconds() if oldest else 0.0,
        "worker_heartbeat_seconds": (now - heartbeat).total_seconds() if heartbeat else None,
        "last_change_seconds": (now - last_change).total_seconds() if last_change else None,
        "deliveries": deliveries,
        "blocked_publishes": BlockedPublish.objects.open().count(),
        "changes": Change.objects.count(),
        "reads_today": reads or 0,
    }


def _database() -> tuple[bool, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True, "ok"
    except Exception as exc:  # any failure to reach the database makes the server unready
        return False, f"unreachable: {type(exc).__name__}"


def _read_model() -> tuple[bool, str]:
    missing = [kind for kind in SUBJECT_KINDS if store.read(store.index_path(kind)) is None]
    if missing:
        return False, "not published yet: run `serviceguiden publish --all`"
    return True, "ok"


@never_cache
@require_safe
def liveness(request):
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


@never_cache
@require_safe
def readiness(request):
    database_ok, database = _database()
    model_ok, read_model = _read_model()
    checks: dict = {"database": database, "read_model": read_model}
    warnings = []
    if database_ok:
        found = figures()
        silent = found["worker_heartbeat_seconds"]
        if silent is None or silent > WORKER_SILENT_AFTER.total_seconds():
            warnings.append("the background worker has not been seen for a minute")
        if found["outbox_oldest_seconds"] > OUTBOX_LATE_AFTER.total_seconds():
            warnings.append("committed changes wait to be announced")
        if found["deliveries"][DeliveryState.FAILED]:
            warnings.append("webhook deliveries were given up")
        if found["blocked_publishes"]:
            warnings.append("the publish gate blocked changes")
        checks |= found
    ready = database_ok and model_ok
    status = "ok" if ready and not warnings else ("degraded" if ready else "unavailable")
    return JsonResponse(
        {"status": status, "checks": checks, "warnings": warnings}, status=200 if ready else 503
    )


class _Collector:
    def collect(self):
        found = figures()

        def gauge(name, documentation, value):
            metric = GaugeMetricFamily(f"serviceguiden_{name}", documentation)
            metric.add_metric([], float(value))
            return metric

        yield gauge("outbox_unannounced", "Committed changes not yet announced.",
                    found["outbox_unannounced"])  # fmt: skip
        yield gauge("outbox_oldest_seconds", "Age of the oldest unannounced change (publish lag).",
                    found["outbox_oldest_seconds"])  # fmt: skip
        heartbeat = found["worker_heartbeat_seconds"]
        yield gauge("worker_heartbeat_seconds", "Seconds since a worker last swept the outbox.",
                    -1 if heartbeat is None else heartbeat)  # fmt: skip
        yield gauge("blocked_publishes", "Subjects the publish gate refused (open).",
                    found["blocked_publishes"])  # fmt: skip
        yield gauge("changes", "Published changes in the change feed.", found["changes"])
        yield gauge("reads_today", "Reads of published subjects counted today (where used).",
                    found["reads_today"])  # fmt: skip
        deliveries = GaugeMetricFamily(
            "serviceguiden_webhook_deliveries", "Webhook deliveries by state.", labels=["state"]
        )
        for state, count in found["deliveries"].items():
            deliveries.add_metric([state], float(count))
        yield deliveries


@never_cache
@require_safe
def metrics(request):
    registry = CollectorRegistry(auto_describe=False)
    registry.register(_Collector())
    return HttpResponse(generate_latest(registry), content_type=CONTENT_TYPE_LATEST)

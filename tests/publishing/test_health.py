"""The operator's view: liveness, readiness (distinct: a server without a read model is alive
but not ready) and Prometheus metrics with the outbox, deliveries and blocked publishes."""

from serviceguiden.publishing.management.commands.worker import sweep_once
from serviceguiden.publishing.publish import publish_all


def test_liveness_needs_nothing(client):
    response = client.get("/healthz")
    assert response.status_code == 200


def test_not_ready_before_anything_is_published(cast, client):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["read_model"].startswith("not published")


def test_ready_and_degraded_until_a_worker_is_seen(cast, client):
    publish_all()
    body = client.get("/readyz").json()
    assert body["status"] == "degraded"
    assert any("worker" in warning for warning in body["warnings"])
    sweep_once("test-worker")
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok", response.json()


def test_metrics_show_the_outbox_and_deliveries(cast, client):
    text = client.get("/metrics").content.decode()
    assert "serviceguiden_outbox_unannounced" in text
    unannounced = next(
        line for line in text.splitlines() if line.startswith("serviceguiden_outbox_unannounced ")
    )
    assert float(unannounced.split()[1]) > 0  # the cast's writes, not yet published
    assert 'serviceguiden_webhook_deliveries{state="pending"}' in text
    publish_all()
    text = client.get("/metrics").content.decode()
    assert "serviceguiden_outbox_unannounced 0.0" in text

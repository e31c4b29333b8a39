"""Publishing fixtures: a fresh published store per test, and the shared cast (see
tests/conftest.py) published into it."""

from __future__ import annotations

import pytest

from serviceguiden.publishing import usage
from serviceguiden.publishing.publish import publish_all


@pytest.fixture(autouse=True)
def published_dir(settings, tmp_path):
    settings.SERVICEGUIDEN_PUBLISHED_DIR = tmp_path / "published"
    settings.SITE_URL = "http://testserver"
    settings.SERVICEGUIDEN_USAGE_FLUSH_SECONDS = 3600  # tests flush by hand
    settings.SERVICEGUIDEN_WEBHOOK_RETRY_DELAYS = [0, 0, 0]
    settings.SERVICEGUIDEN_WEBHOOK_TIMEOUT = 5
    usage._pending.clear()
    usage.forget_keys()
    yield settings.SERVICEGUIDEN_PUBLISHED_DIR
    usage._pending.clear()


@pytest.fixture
def published(cast):
    """The cast, with the whole store published."""
    publish_all()
    return cast


@pytest.fixture
def bygglov_topic(cast):
    """A second topic on the same function, with a name search has to find."""
    from directory.factories import make_topic

    return make_topic(
        cast.root, cast.org_a, "ansoka-om-bygglov", "Ansöka om bygglov",
        function=cast.function_a, synonyms=["bygglovsansökan", "bygga nytt"],
    )  # fmt: skip


def run_worker() -> None:
    """Run every background task that is due, as `serviceguiden worker --batch` does."""
    from django_tasks_db.management.commands.db_worker import Worker

    Worker(
        queue_names=["*"], interval=0, batch=True, backend_name="default",
        startup_delay=False, max_tasks=None, worker_id="test-worker", excluded_queue_names=[],
    ).run()  # fmt: skip


class Subscriber:
    """A local webhook endpoint: answers with the next status of `statuses` (then 200) and
    records every request it gets."""

    def __init__(self, statuses=()):
        self.statuses = list(statuses)
        self.requests: list[tuple[dict, bytes]] = []
        self.server = None

    def start(self, port: int = 0) -> None:
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        subscriber = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                headers = {name.lower(): value for name, value in self.headers.items()}
                subscriber.requests.append((headers, body))
                status = subscriber.statuses.pop(0) if subscriber.statuses else 200
                self.send_response(status)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hooks/serviceguiden"

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()


@pytest.fixture
def subscriber(settings):
    settings.SERVICEGUIDEN_WEBHOOK_PRIVATE_HOSTS = ["127.0.0.1"]
    endpoint = Subscriber()
    endpoint.start()
    yield endpoint
    endpoint.stop()

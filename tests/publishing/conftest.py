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

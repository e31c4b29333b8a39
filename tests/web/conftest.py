"""Web fixtures: a fresh published store per test, the shared cast (tests/conftest.py)
published into it, and signed-in clients per role."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from serviceguiden.publishing import usage
from serviceguiden.publishing.publish import publish_all

ROLES = ["anonymous", "outsider", "viewer_a", "editor_a", "admin_a", "editor_b", "global_admin"]


@pytest.fixture(autouse=True)
def published_dir(settings, tmp_path):
    settings.SERVICEGUIDEN_PUBLISHED_DIR = tmp_path / "published"
    settings.SERVICEGUIDEN_USAGE_FLUSH_SECONDS = 3600
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    usage._pending.clear()
    yield settings.SERVICEGUIDEN_PUBLISHED_DIR
    usage._pending.clear()


@pytest.fixture
def published(cast):
    """The cast, with the whole store published."""
    publish_all()
    return cast


@pytest.fixture
def client_as(cast):
    """`client_as("editor_a")`: a test client signed in as one member of the cast."""

    def make(role: str) -> Client:
        client = Client()
        user = cast.user(role)
        if user is not None:
            client.force_login(user)
        return client

    return make


def h1_count(html: str) -> int:
    return len(re.findall(r"<h1[\s>]", html))

"""Every public page of the demo registry (206 topics, 25 organisations, in Swedish and
English) renders with exactly one <h1>, and editor pages render with real data."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import make_password

from serviceguiden.directory.demo import loader
from serviceguiden.directory.models import Function, Organisation, Topic
from serviceguiden.publishing.publish import publish_all

from .conftest import h1_count

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(monkeypatch, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    monkeypatch.setattr(loader, "make_password", lambda _raw: make_password(None))
    report = loader.load_demo()
    assert report.ok, report.problems
    publish_all()


def test_every_public_page_of_the_demo_has_one_h1(demo, client):
    urls = ["/", "/sok?q=bygglov", "/sok?q=förskola"]
    urls += [f"/amne/{slug}" for slug in Topic.objects.values_list("slug", flat=True)]
    urls += [
        f"/organisation/{slug}" for slug in Organisation.objects.values_list("slug", flat=True)
    ]
    assert len(urls) > 180
    failures = []
    for url in urls:
        for lang in ("sv", "en"):
            response = client.get(url + ("&" if "?" in url else "?") + f"lang={lang}")
            if response.status_code != 200 or h1_count(response.content.decode()) != 1:
                failures.append((url, lang, response.status_code))
    assert failures == []


def test_editor_pages_render_with_the_demo_data(demo, client):
    client.force_login(loader.get_user_model().objects.get(username=loader.DEMO_ADMIN))
    urls = [
        f"/redigera/organisation/{slug}/"
        for slug in Organisation.objects.values_list("slug", flat=True)
    ]
    for function in Function.objects.order_by("slug")[:15]:
        urls += [
            f"/redigera/funktion/{function.slug}/",
            f"/redigera/funktion/{function.slug}/historik/",
        ]
    for topic in Topic.objects.order_by("slug")[:15]:
        urls.append(f"/redigera/amne/{topic.slug}/")
    failures = [url for url in urls if client.get(url).status_code != 200]
    assert failures == []

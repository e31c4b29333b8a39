"""Public read paths of publishing (documented in the README, "Publishing and channels")."""

from django.urls import path, re_path

from serviceguiden.publishing import health, views
from serviceguiden.publishing.api import api

FOLDER = r"(?P<folder>topics|functions)"
SLUG = r"(?P<slug>[-a-zA-Z0-9_]{1,100})"

urlpatterns = [
    path("api/v1/", api.urls),
    # The operator's view (health.py): liveness, readiness, Prometheus metrics.
    path("healthz", health.liveness, name="healthz"),
    path("readyz", health.readiness, name="readyz"),
    path("metrics", health.metrics, name="metrics"),
    re_path(rf"^embed/{FOLDER}/{SLUG}$", views.fragment, name="embed-fragment"),
    re_path(rf"^embed/{FOLDER}/{SLUG}/frame$", views.frame, name="embed-frame"),
    path("embed.js", views.embed_js, name="embed-js"),
    path("oembed", views.oembed, name="oembed"),
    path("demo/artikel", views.demo_article, name="demo-article"),
]

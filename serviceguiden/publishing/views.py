"""Embeds, oEmbed, the web component's script and the demo article: views over the
published store. They never render registry data themselves; they serve what `publish`
wrote (the frame and the demo page wrap those bytes in a page)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from csp.decorators import csp_update
from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from serviceguiden.directory.validation import city_profile
from serviceguiden.publishing import embeds, store, usage
from serviceguiden.publishing.models import TOPIC
from serviceguiden.publishing.responses import artifact_response, data_response

SCRIPT = Path(__file__).parent / "static" / "publishing" / "embed.js"


def _lang(request) -> str | None:
    lang = request.GET.get("lang", "sv")
    return lang if lang in store.LANGS else None


def _bad_lang() -> HttpResponse:
    return HttpResponse("lang must be sv or en.", status=400, content_type="text/plain")


def _missing(kind: str, slug: str, lang: str) -> HttpResponse:
    """A 404 that still shows a contact: the city's contact center (a box is never empty)."""
    center = city_profile().contact_center
    html = render_to_string(
        "publishing/missing.html", {"center": center, "lang": lang, "slug": slug, "kind": kind}
    )
    return HttpResponse(html, status=404, content_type="text/html; charset=utf-8")


def _fragment(request, folder: str, slug: str):
    kind = embeds.KIND_OF_FOLDER[folder]
    lang = _lang(request)
    if lang is None:
        return kind, None, None
    return kind, lang, store.read(store.artifact_path(kind, slug, lang, "html"))


@require_safe
def fragment(request, folder: str, slug: str):
    """The HTML fragment, for server-side includes and the web component."""
    kind, lang, artifact = _fragment(request, folder, slug)
    if lang is None:
        return _bad_lang()
    if artifact is None:
        return _missing(kind, slug, lang)
    usage.count(request, kind, slug)
    return artifact_response(request, artifact)


@require_safe
@xframe_options_exempt
@csp_update({"frame-ancestors": ["*"]})  # any site may show the box in an iframe
def frame(request, folder: str, slug: str):
    """A whole small page around the fragment, for iframes and oEmbed."""
    kind, lang, artifact = _fragment(request, folder, slug)
    if lang is None:
        return _bad_lang()
    if artifact is None:
        return _missing(kind, slug, lang)
    usage.count(request, kind, slug)
    card = json.loads(store.read(store.artifact_path(kind, slug, lang, "json")).data)
    title = ("Kontakt: " if lang == "sv" else "Contact: ") + card["name"]
    page_url = embeds.frame_url(kind, slug, lang)
    html = render_to_string(
        "publishing/frame.html",
        {
            "lang": lang,
            "title": title,
            "fragment": mark_safe(artifact.data.decode()),  # the renderer escaped it
            "discovery": mark_safe(embeds.discovery_links(page_url, title)),
        },
    )
    return data_response(request, html.encode(), "text/html; charset=utf-8", artifact.mtime)


@lru_cache(maxsize=1)
def _script() -> store.Artifact:
    data = SCRIPT.read_bytes()
    return store.Artifact.of(data, SCRIPT.stat().st_mtime, "text/javascript; charset=utf-8")


@require_safe
def embed_js(request):
    """The `<sg-kontakt>` web component; no build step, no dependencies."""
    return artifact_response(request, _script())


def _oembed_error(status: int, message: str) -> JsonResponse:
    return JsonResponse({"error": {"code": "oembed", "message": message}}, status=status)


@require_safe
def oembed(request):
    """oEmbed 1.0 provider endpoint (JSON only; XML answers 501 as the spec says)."""
    url = request.GET.get("url", "")
    if not url:
        return _oembed_error(400, "The url parameter is required.")
    if request.GET.get("format", "json") != "json":
        return _oembed_error(501, "Only format=json is provided.")
    try:
        maxwidth = int(request.GET["maxwidth"]) if request.GET.get("maxwidth") else None
        maxheight = int(request.GET["maxheight"]) if request.GET.get("maxheight") else None
        answer = embeds.oembed(url, maxwidth, maxheight)
    except ValueError as exc:
        status = getattr(exc, "status", 400)
        message = str(exc) if status != 400 else "maxwidth and maxheight must be whole numbers."
        return _oembed_error(status, message)
    data = json.dumps(answer, ensure_ascii=False).encode()
    artifact = store.read(store.SEARCH_PATH)
    mtime = artifact.mtime if artifact else 0.0
    return data_response(request, data, "application/json", mtime)


def _demo_topic(request) -> dict | None:
    wanted = request.GET.get("topic", "")
    index = store.read(store.index_path(TOPIC))
    topics = json.loads(index.data) if index else []
    for candidate in (wanted, "bygglov", "ansoka-om-bygglov"):
        for topic in topics:
            if topic["slug"] == candidate:
                return topic
    return topics[0] if topics else None


def _refresh(request) -> int | None:
    """The demo's `?refresh=` (seconds between the web component's checks), 1–3600."""
    value = request.GET.get("refresh", "")
    return int(value) if value.isdigit() and len(value) <= 4 and 1 <= int(value) <= 3600 else None


@require_safe
@csp_update({"style-src-attr": ["'unsafe-inline'"]})  # it shows the iframe code as a city would
def demo_article(request):
    """A sample article showing one topic's contact box through every embed method."""
    topic = _demo_topic(request)
    context: dict = {"topic": topic}
    if topic is not None:
        slug, name = topic["slug"], topic["name"]
        title = f"Kontakt: {name}"
        frame_url = embeds.frame_url(TOPIC, slug)
        artifact = store.read(store.artifact_path(TOPIC, slug, "sv", "html"))
        context |= {
            "fragment": mark_safe(artifact.data.decode()) if artifact else "",
            "component": mark_safe(
                embeds.component_html(TOPIC, slug, title, refresh=_refresh(request))
            ),
            "oembed_html": mark_safe(embeds.oembed(frame_url)["html"]),
            "iframe": mark_safe(embeds.iframe_html(TOPIC, slug, title)),
            "codes": embeds.embed_codes(TOPIC, slug, title),
            "discovery": mark_safe(embeds.discovery_links(frame_url, title)),
            "script_url": f"{settings.SITE_URL}/embed.js",
        }
    return render(request, "publishing/demo_article.html", context)

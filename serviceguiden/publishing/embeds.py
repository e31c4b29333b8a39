"""The four ways a channel puts a contact box on its pages, and the codes editors copy:

1. server-side include of the HTML fragment: `GET /embed/topics/<slug>`
2. the web component: `<script src=".../embed.js" defer></script>` and
   `<sg-kontakt topic="<slug>"><a href="...">Kontakt</a></sg-kontakt>` (the link is what
   readers without JavaScript get)
3. oEmbed: `GET /oembed?url=<page URL>&format=json` (WordPress, Drupal, Wagtail …), with
   discovery `<link>` tags on the embed pages
4. an iframe of `GET /embed/topics/<slug>/frame`
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit

from django.conf import settings
from django.utils.html import escape

from serviceguiden.publishing import store
from serviceguiden.publishing.models import FUNCTION, TOPIC

EMBED_FOLDERS = {TOPIC: "topics", FUNCTION: "functions"}
KIND_OF_FOLDER = {folder: kind for kind, folder in EMBED_FOLDERS.items()}
FRAME_WIDTH = 480
FRAME_HEIGHT = 320
_EMBED_PATH = re.compile(
    r"^/(?:embed|api/v1)/(topics|functions)/([-a-zA-Z0-9_]{1,100})(?:/frame)?/?$"
)


def fragment_url(kind: str, slug: str, lang: str = "sv") -> str:
    query = "?lang=en" if lang == "en" else ""
    return f"{settings.SITE_URL}/embed/{EMBED_FOLDERS[kind]}/{slug}{query}"


def frame_url(kind: str, slug: str, lang: str = "sv") -> str:
    query = "?lang=en" if lang == "en" else ""
    return f"{settings.SITE_URL}/embed/{EMBED_FOLDERS[kind]}/{slug}/frame{query}"


def oembed_url(page_url: str, fmt: str = "json") -> str:
    return f"{settings.SITE_URL}/oembed?{urlencode({'url': page_url, 'format': fmt})}"


def iframe_html(kind: str, slug: str, title: str, lang: str = "sv",
                width: int = FRAME_WIDTH, height: int = FRAME_HEIGHT) -> str:  # fmt: skip
    return (
        f'<iframe src="{escape(frame_url(kind, slug, lang))}" title="{escape(title)}" '
        f'width="{width}" height="{height}" loading="lazy" style="border:0;max-width:100%">'
        "</iframe>"
    )


def component_html(
    kind: str, slug: str, title: str, lang: str = "sv", refresh: int | None = None
) -> str:
    attribute = "topic" if kind == TOPIC else "function"
    lang_attr = ' lang="en"' if lang == "en" else ""
    refresh_attr = f' refresh="{int(refresh)}"' if refresh is not None else ""
    return (
        f'<sg-kontakt {attribute}="{escape(slug)}"{lang_attr}{refresh_attr}>'
        f'<a href="{escape(frame_url(kind, slug, lang))}">{escape(title)}</a></sg-kontakt>'
    )


def script_tag() -> str:
    return f'<script src="{settings.SITE_URL}/embed.js" defer></script>'


@dataclass(frozen=True)
class EmbedCodes:
    include: str  # the URL a server-side include fetches
    component: str  # script tag and element
    oembed: str  # the page URL to paste into an oEmbed-aware CMS
    iframe: str


def embed_codes(kind: str, slug: str, title: str, lang: str = "sv") -> EmbedCodes:
    """The copyable codes for one topic or function (shown to editors)."""
    return EmbedCodes(
        include=fragment_url(kind, slug, lang),
        component=f"{script_tag()}\n{component_html(kind, slug, title, lang)}",
        oembed=frame_url(kind, slug, lang),
        iframe=iframe_html(kind, slug, title, lang),
    )


class OEmbedError(ValueError):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def parse_embed_url(url: str) -> tuple[str, str, str]:
    """(kind, slug, lang) of one of our embed, frame or API URLs; OEmbedError otherwise."""
    parts = urlsplit(url)
    own = urlsplit(settings.SITE_URL)
    match = _EMBED_PATH.match(parts.path)
    if parts.scheme not in ("http", "https") or parts.netloc != own.netloc or not match:
        raise OEmbedError(404, f"{url!r} is not a Serviceguiden topic or function URL.")
    lang = "en" if parse_qs(parts.query).get("lang") == ["en"] else "sv"
    return KIND_OF_FOLDER[match.group(1)], match.group(2), lang


def oembed(url: str, maxwidth: int | None = None, maxheight: int | None = None) -> dict:
    """The oEmbed 1.0 answer (type `rich`) for one of our URLs."""
    kind, slug, lang = parse_embed_url(url)
    artifact = store.read(store.artifact_path(kind, slug, lang, "json"))
    if artifact is None:
        raise OEmbedError(404, f"There is no published {kind} {slug!r}.")
    card = json.loads(artifact.data)
    title = ("Kontakt: " if lang == "sv" else "Contact: ") + card["name"]
    width = min(FRAME_WIDTH, maxwidth) if maxwidth else FRAME_WIDTH
    height = min(FRAME_HEIGHT, maxheight) if maxheight else FRAME_HEIGHT
    return {
        "version": "1.0",
        "type": "rich",
        "provider_name": "Serviceguiden",
        "provider_url": settings.SITE_URL,
        "title": title,
        "html": iframe_html(kind, slug, title, lang, width, height),
        "width": width,
        "height": height,
        "cache_age": settings.SERVICEGUIDEN_CACHE_MAX_AGE,
    }


def discovery_links(page_url: str, title: str) -> str:
    """The oEmbed discovery `<link>` tags for a page's `<head>`."""
    return (
        f'<link rel="alternate" type="application/json+oembed" '
        f'href="{escape(oembed_url(page_url))}" title="{escape(title)}">'
    )

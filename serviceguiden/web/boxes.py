"""Contact boxes and structured data for the web pages, taken from publishing: the bytes the
published store holds for every embed, so a page shows exactly what every channel shows.
Before the store has an entry (a fresh database, a store being rebuilt), the same renderer
renders it on the spot.
"""

from __future__ import annotations

import json

from django.utils.safestring import SafeString, mark_safe

from serviceguiden.publishing import embeds, render, store

LD_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _stored(kind: str, slug: str, lang: str, fmt: str) -> bytes | None:
    artifact = store.read(store.artifact_path(kind, slug, lang, fmt))
    return artifact.data if artifact is not None else None


def contact_box(kind: str, obj, lang: str) -> SafeString:
    """The HTML fragment of a topic, function or organisation (escaped by the renderer)."""
    data = _stored(kind, obj.slug, lang, "html")
    if data is None:
        data = render.render(render.cards_for(kind, obj)[lang], "html")
    return mark_safe(data.decode())


def preview_box(kind: str, unsaved, lang: str) -> SafeString:
    """How an entry as edited (not saved) will look to visitors: the same renderer."""
    return mark_safe(render.render(render.cards_for(kind, unsaved)[lang], "html").decode())


def json_ld(kind: str, obj, lang: str) -> SafeString:
    """A `<script type="application/ld+json">` element with the renderer's schema.org data."""
    data = _stored(kind, obj.slug, lang, "jsonld")
    if data is None:
        data = render.render(render.cards_for(kind, obj)[lang], "jsonld")
    parsed = json.loads(data)
    text = json.dumps(parsed, ensure_ascii=False).translate(LD_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


def oembed_discovery(kind: str, slug: str, title: str, lang: str) -> SafeString:
    return mark_safe(embeds.discovery_links(embeds.frame_url(kind, slug, lang), title))

"""Where used: which pages and channels show which topics and functions, counted from the
embed and API requests that say where they come from, per day.

A request names its page by `?page=` (the web component sends it) or its Referer, and its
channel by a registered channel key (`X-Serviceguiden-Channel` header or `?channel=`);
without a key the channel is the page's site (`https://host`). Requests with neither are
not counted. Counts are buffered in each server process and written at most every
`SERVICEGUIDEN_USAGE_FLUSH_SECONDS`, so counting adds no database write to a request.
Requests served straight from the published store by nginx or a CDN are not counted.

`impact(changed)` answers the editor's question before a save: "affects 37 topics shown
on 12 pages in 3 channels".
"""

from __future__ import annotations

import atexit
import datetime as dt
import threading
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Max, Q, Sum
from django.utils import timezone

from serviceguiden.publishing.models import FUNCTION, TOPIC, Consumer, Usage

CHANNEL_HEADER = "HTTP_X_SERVICEGUIDEN_CHANNEL"
KEY_CACHE_SECONDS = 60

_lock = threading.Lock()
_pending: Counter = Counter()
_last_flush = time.monotonic()
_keys: tuple[float, frozenset[str]] = (0.0, frozenset())


def normalise_page(url: str) -> str:
    """'https://Example.se/a/b?x=1#y' -> 'https://example.se/a/b'; '' if not a web page."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ""
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return ""
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{parts.hostname}{port}{parts.path or '/'}"[:500]


def _known_keys() -> frozenset[str]:
    global _keys
    loaded_at, keys = _keys
    if time.monotonic() - loaded_at > KEY_CACHE_SECONDS:
        keys = frozenset(Consumer.objects.values_list("key", flat=True))
        _keys = (time.monotonic(), keys)
    return keys


def forget_keys() -> None:
    """Drop the cached channel keys (after a channel is added or removed)."""
    global _keys
    _keys = (0.0, frozenset())


def sighting(page: str, referer: str, key: str) -> tuple[str, str] | None:
    """(page, channel) from a request's `page` parameter, Referer and channel key, or None
    when it does not say where it is shown."""
    page = normalise_page(page or referer)
    channel = key if key and key in _known_keys() else ""
    if not channel and page:
        parts = urlsplit(page)
        channel = f"{parts.scheme}://{parts.netloc}"
    if not page and not channel:
        return None
    return page, channel


def count(request, kind: str, slug: str) -> None:
    """Count one request for a subject, if it says where it is shown."""
    key = request.META.get(CHANNEL_HEADER) or request.GET.get("channel", "")
    count_sighting(
        kind, slug, request.GET.get("page", ""), request.META.get("HTTP_REFERER", ""), key
    )


def count_sighting(kind: str, slug: str, page: str, referer: str, key: str) -> None:
    """`count` for callers without a Django request (the WSGI fast path)."""
    if not (page or referer or key):
        return
    seen = sighting(page, referer, key)
    if seen is None:
        return
    with _lock:
        _pending[(timezone.localdate(), kind, slug, *seen)] += 1
    if time.monotonic() - _last_flush >= settings.SERVICEGUIDEN_USAGE_FLUSH_SECONDS:
        flush()


def flush() -> int:
    """Write the buffered counts; returns how many rows were touched."""
    global _last_flush, _pending
    with _lock:
        pending, _pending = _pending, Counter()
        _last_flush = time.monotonic()
    for (day, kind, slug, page, channel), hits in pending.items():
        where = {"day": day, "kind": kind, "slug": slug, "page": page, "channel": channel}
        if Usage.objects.filter(**where).update(hits=F("hits") + hits):
            continue
        try:
            with transaction.atomic():
                Usage.objects.create(hits=hits, **where)
        except IntegrityError:  # another process created the row meanwhile
            Usage.objects.filter(**where).update(hits=F("hits") + hits)
    return len(pending)


atexit.register(lambda: _pending and flush())


# -- reading the counts -----------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    page: str
    channel: str
    hits: int
    last_seen: dt.date


def where_used(kind: str, slug: str, days: int = 30) -> list[Place]:
    """Pages and channels that showed the subject in the last `days` days, busiest first."""
    since = timezone.localdate() - dt.timedelta(days=days - 1)
    rows = (
        Usage.objects.filter(kind=kind, slug=slug, day__gte=since)
        .values("page", "channel")
        .annotate(total=Sum("hits"), last=Max("day"))
        .order_by("-total", "page")
    )
    return [Place(r["page"], r["channel"], r["total"], r["last"]) for r in rows]


@dataclass(frozen=True)
class Impact:
    topics: int
    functions: int
    pages: int
    channels: int
    days: int

    def message(self, lang: str = "sv") -> str:
        if lang == "en":
            return (
                f"affects {self.topics} topic{'s' * (self.topics != 1)} shown on "
                f"{self.pages} page{'s' * (self.pages != 1)} in "
                f"{self.channels} channel{'s' * (self.channels != 1)}"
            )
        return (
            f"påverkar {self.topics} {'ärende' if self.topics == 1 else 'ärenden'} som visas "
            f"på {self.pages} {'sida' if self.pages == 1 else 'sidor'} i "
            f"{self.channels} {'kanal' if self.channels == 1 else 'kanaler'}"
        )


def impact(changed: Iterable, days: int = 30) -> Impact:
    """What a change to `changed` (domain objects or `publish.Changed`) would reach: the
    topics whose contact box changes, and the pages and channels that showed those topics
    or the functions involved in the last `days` days."""
    from serviceguiden.publishing.publish import affected, describe, reached_topics

    subjects = affected([describe(obj) for obj in changed])
    topics = reached_topics(subjects)
    functions = {f.slug for f in subjects.get(FUNCTION, [])}
    since = timezone.localdate() - dt.timedelta(days=days - 1)
    rows = Usage.objects.filter(day__gte=since).filter(
        Q(kind=TOPIC, slug__in=topics) | Q(kind=FUNCTION, slug__in=functions)
    )
    pages = rows.exclude(page="").values("page").distinct().count()
    channels = rows.values("channel").distinct().count()
    return Impact(len(topics), len(functions), pages, channels, days)

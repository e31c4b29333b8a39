"""The crawler: reads frontier rows (pages, documents, sitemaps, local files, WARC records)
and turns each into an `Outcome` — a page with its findings, the URLs it leads to, or why it
was skipped.

`run_slice` is one worker's share of a crawl: it claims a few rows at a time, fetches them in
threads (the network waits, the GIL does not matter there), reads and analyses them in its
own thread and records them, until nothing is left to claim and no other worker holds a
claim. The command line runs one slice in its own process; `serviceguiden worker` processes
run many (`checker/tasks.py`). Because rows are claimed in the database, two workers never
read the same URL.
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings

from serviceguiden.checker import runs
from serviceguiden.checker.analyse import Analyser, digest
from serviceguiden.checker.documents import DOCUMENT_TYPES, Unreadable, document_text
from serviceguiden.checker.extract import read_html
from serviceguiden.checker.fetch import Fetcher, Refused, Response, media_type
from serviceguiden.checker.links import (
    document_kind,
    host_of,
    is_skipped,
    normalise,
    same_site,
    site_key,
)
from serviceguiden.checker.models import QueuedUrl, ScanRun, UrlKind, UrlState
from serviceguiden.checker.registry import Detail, Registry
from serviceguiden.checker.robots import SITEMAP_MAX_BYTES, RobotsCache, parse_sitemap
from serviceguiden.checker.sources import FILE_KINDS, HTML_TYPES, warc_record

ROBOTS_AGENT = "serviceguiden"
OCTET = "application/octet-stream"
WAIT_FOR_OTHERS = 0.2
RECORD_BATCH = 24  # outcomes per transaction at most
RECORD_EVERY = 0.5  # seconds between transactions at most


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


@dataclass
class PageResult:
    url: str
    kind: str
    title: str
    status: int | None
    content_hash: str
    text: str
    details: list[Detail]
    embeds: int = 0
    owner_id: int | None = None


@dataclass
class Outcome:
    item: QueuedUrl
    state: str = UrlState.DONE
    reason: str = ""
    page: PageResult | None = None
    new: list[tuple[str, str, int, str]] = field(default_factory=list)  # url, kind, depth, from


def fail(item: QueuedUrl, reason: str, state: str = UrlState.FAILED) -> Outcome:
    return Outcome(item, state, reason[:2000])


class Crawl:
    def __init__(self, run: ScanRun, worker: str):
        self.run = run
        self.worker = worker
        self.follow = bool(run.option("follow", True))
        self.max_depth = run.option("max_depth")
        self.documents = bool(run.option("documents", True))
        self.sites = {site_key(host_of(s)) for s in run.sources if s.startswith("http")}
        self.fetcher = Fetcher(
            user_agent=settings.SERVICEGUIDEN_SCAN_USER_AGENT,
            timeout=settings.SERVICEGUIDEN_SCAN_TIMEOUT,
            allow_private=bool(run.option("allow_private", False)),
            delay=float(run.option("delay", 0.0)),
            connections=int(run.option("concurrency", 4)) * 2,
        )
        self.robots = RobotsCache(self.fetcher, ROBOTS_AGENT)
        self.registry = Registry.load()
        self.analyser = Analyser(self.registry, run.option("lang", "sv"))
        self.selectors = tuple(settings.SERVICEGUIDEN_SCAN_CONTENT_SELECTORS)

    def close(self) -> None:
        self.fetcher.close()

    # -- in a fetching thread -------------------------------------------------------------
    def fetch(self, item: QueuedUrl) -> Response | Outcome:
        try:
            if item.kind == UrlKind.FILE:
                return _read_file(item)
            if item.kind == UrlKind.WARC:
                status, content_type, body = warc_record(item.referrer)
                media, charset = media_type(content_type)
                return Response(item.url, status, media, charset, body)
            parts = urlsplit(item.url)
            origin = f"{parts.scheme}://{parts.netloc}"
            self.fetcher.guard.check(parts.hostname or "", parts.port or 0)  # before robots.txt
            if not self.robots.allowed(origin, item.url):
                reason = self.robots.for_origin(origin).error or "disallowed by robots.txt"
                reason = f"robots: {reason}"
                return fail(item, reason, UrlState.SKIPPED)
            if item.kind == UrlKind.SITEMAP:
                return self.fetcher.get(item.url, max_bytes=SITEMAP_MAX_BYTES, follow=self._ours)
            limit = settings.SERVICEGUIDEN_SCAN_MAX_PAGE_BYTES
            if item.kind == UrlKind.DOCUMENT:
                limit = settings.SERVICEGUIDEN_SCAN_MAX_DOCUMENT_BYTES
            return self.fetcher.get(item.url, max_bytes=limit, accept=self._readable,
                                    follow=self._ours)  # fmt: skip
        except Refused as exc:
            state = UrlState.SKIPPED if exc.reason in ("content-type", "redirect-off-site") else (
                UrlState.FAILED
            )  # fmt: skip
            return fail(item, f"{exc.reason}: {exc.detail}", state)
        except OSError as exc:
            return fail(item, f"unreadable: {exc}")

    def _ours(self, url: str) -> bool:
        return not self.sites or same_site(url, self.sites)

    def _readable(self, media: str, url: str) -> bool:
        if media in HTML_TYPES:
            return True
        if not self.documents:
            return False
        return media in DOCUMENT_TYPES or (media in (OCTET, "") and document_kind(url) is not None)

    # -- in the slice's own thread ---------------------------------------------------------
    def handle(self, item: QueuedUrl, fetched: Response | Outcome | Exception) -> Outcome:
        if isinstance(fetched, Outcome):
            return fetched
        if isinstance(fetched, Exception):
            return fail(item, f"error: {type(fetched).__name__}: {fetched}")
        try:
            return self._handle(item, fetched)
        except Exception as exc:  # one unreadable page is reported, the crawl goes on
            return fail(item, f"error: {type(exc).__name__}: {exc}")

    def _handle(self, item: QueuedUrl, fetched: Response) -> Outcome:
        if fetched.status >= 400:
            return fail(item, f"http-{fetched.status}: {fetched.url} answered {fetched.status}")
        if item.kind == UrlKind.SITEMAP:
            return self._sitemap(item, fetched)
        url = normalise(fetched.url) or item.url
        kind = _kind(fetched, item)
        if kind is None:
            return fail(item, f"content-type: {fetched.content_type or 'none'}",
                        UrlState.SKIPPED)  # fmt: skip
        if kind == "html":
            return self._html(item, url, fetched)
        return self._document(item, url, kind, fetched)

    def _html(self, item: QueuedUrl, url: str, fetched: Response) -> Outcome:
        page = read_html(fetched.text(), self.selectors)
        outcome = Outcome(item)
        base = normalise(page.base, url) if page.base else url
        if page.canonical and item.kind != UrlKind.FILE:
            canonical = normalise(page.canonical, base or url)
            if canonical and self._ours(canonical):
                url = canonical
        if page.follow and self._links_wanted(item):
            outcome.new = self._links(page.links, base or url, item.depth + 1)
        if item.kind == UrlKind.PAGE and item.depth == 0 and self.follow:
            origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
            outcome.new += [
                (u, UrlKind.SITEMAP, 0, "robots.txt")
                for s in self.robots.for_origin(origin).sitemaps
                if (u := normalise(s)) and self._ours(u)
            ]
        if not page.index:
            return fail(item, "noindex: links followed, content not reported", UrlState.SKIPPED)
        analysed = self.analyser.page(page.main, page.chrome)
        outcome.page = PageResult(
            url=url, kind="html", title=page.title[:500], status=fetched.status,
            content_hash=digest(page.main, 64) if page.main else "", text=analysed.text,
            details=analysed.details, embeds=page.embeds, owner_id=self.registry.owner_of(url),
        )  # fmt: skip
        return outcome

    def _links_wanted(self, item: QueuedUrl) -> bool:
        if not self.follow or item.kind in (UrlKind.FILE, UrlKind.WARC):
            return False
        return self.max_depth is None or item.depth < self.max_depth

    def _links(self, hrefs: list[str], base: str, depth: int) -> list[tuple[str, str, int, str]]:
        found, seen = [], set()
        parts = urlsplit(base)
        origin = f"{parts.scheme}://{parts.netloc}"
        for href in hrefs:
            if href.startswith("/") and not href.startswith("//"):
                url = _normalised(origin + href)  # menus repeat on every page: cached
            else:
                url = normalise(href, base)
            if url is None or url in seen or not self._ours(url) or is_skipped(url):
                continue
            seen.add(url)
            kind = UrlKind.DOCUMENT if document_kind(url) else UrlKind.PAGE
            if kind == UrlKind.DOCUMENT and not self.documents:
                continue
            found.append((url, kind, depth, base))
        return found

    def _document(self, item: QueuedUrl, url: str, kind: str, fetched: Response) -> Outcome:
        if kind == "text":
            title, text = "", fetched.text()
        else:
            try:
                title, text = document_text(kind, fetched.body)
            except Unreadable as exc:
                return fail(item, f"unreadable: {exc}")
        analysed = self.analyser.page(text)
        return Outcome(
            item,
            page=PageResult(
                url=url, kind=kind, title=title[:500], status=fetched.status,
                content_hash=digest(text, 64) if text else "", text=analysed.text,
                details=analysed.details, owner_id=self.registry.owner_of(url),
            ),
        )  # fmt: skip

    def _sitemap(self, item: QueuedUrl, fetched: Response) -> Outcome:
        try:
            pages, nested = parse_sitemap(fetched.body)
        except Exception as exc:  # lxml and gzip errors on a broken sitemap
            return fail(item, f"unreadable: not a readable sitemap: {exc}")
        outcome = Outcome(item)
        for raw in nested:
            if (url := normalise(raw)) and self._ours(url):
                outcome.new.append((url, UrlKind.SITEMAP, item.depth, item.url))
        for raw in pages:
            if (url := normalise(raw)) and self._ours(url) and not is_skipped(url):
                kind = UrlKind.DOCUMENT if document_kind(url) else UrlKind.PAGE
                outcome.new.append((url, kind, 1, item.url))
        return outcome


@lru_cache(maxsize=65536)
def _normalised(url: str) -> str | None:
    return normalise(url)


def _kind(fetched: Response, item: QueuedUrl) -> str | None:
    if item.kind == UrlKind.FILE:
        return FILE_KINDS.get(Path(item.referrer).suffix.lower())
    if fetched.content_type in HTML_TYPES:
        return "html"
    return DOCUMENT_TYPES.get(fetched.content_type) or document_kind(item.url)


def _read_file(item: QueuedUrl) -> Response | Outcome:
    path = Path(item.referrer)
    limit = settings.SERVICEGUIDEN_SCAN_MAX_DOCUMENT_BYTES
    if path.stat().st_size > limit:
        return fail(item, f"too-large: {path} is larger than {limit} bytes", UrlState.SKIPPED)
    return Response(item.url, 200, "", None, path.read_bytes())


def _record(run, outcomes: list[Outcome], worker: str, progress) -> float:
    """Store what was read so far (one transaction) and empty the list."""
    if outcomes:
        runs.record(run, outcomes, worker)
        outcomes.clear()
        if progress is not None:
            progress(runs.progress(run))
    return time.monotonic()


def _result(future: Future) -> Response | Outcome | Exception:
    try:
        return future.result()
    except Exception as exc:  # a bug or a broken file must not stop the whole crawl
        return exc


def run_slice(
    run_id: int,
    worker: str | None = None,
    progress: Callable[[dict], None] | None = None,
) -> bool:
    """Crawl until nothing is left; True when this slice finished the run."""
    worker = worker or worker_id()
    run = runs.start(run_id)
    if run is None:
        return False
    crawl = Crawl(run, worker)
    concurrency = max(1, int(run.option("concurrency", 4)))
    inflight: dict[Future, QueuedUrl] = {}
    outcomes: list[Outcome] = []
    recorded = time.monotonic()
    try:
        with ThreadPoolExecutor(concurrency, thread_name_prefix="scan-fetch") as pool:
            while True:
                if len(inflight) < concurrency:
                    for item in runs.claim(run, worker, 2 * concurrency - len(inflight)):
                        inflight[pool.submit(crawl.fetch, item)] = item
                if not inflight:
                    recorded = _record(run, outcomes, worker, progress)
                    if not runs.claims_left(run):
                        break
                    time.sleep(WAIT_FOR_OTHERS)  # another worker may still add URLs
                    runs.release_stale_claims(run)
                    continue
                done, _ = wait(list(inflight), return_when=FIRST_COMPLETED)
                outcomes.extend(crawl.handle(inflight.pop(f), _result(f)) for f in done)
                if len(outcomes) >= RECORD_BATCH or time.monotonic() - recorded > RECORD_EVERY:
                    recorded = _record(run, outcomes, worker, progress)
    finally:
        crawl.close()
    return runs.finish_if_done(run)

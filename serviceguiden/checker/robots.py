"""robots.txt (parsed by protego) and sitemaps (index files and gzip included).

robots.txt is fetched once per host and crawl: a missing file (4xx) allows everything; a
server error or no answer disallows the whole host for that crawl, as the robots exclusion
standard (RFC 9309) asks.
"""

from __future__ import annotations

import gzip
import io
import threading
from dataclasses import dataclass

from lxml import etree
from protego import Protego

from serviceguiden.checker.fetch import Fetcher, Refused

ROBOTS_MAX_BYTES = 512 * 1024
SITEMAP_MAX_BYTES = 50 * 1024 * 1024  # the sitemap protocol's own limit, uncompressed
ALLOW_ALL = Protego.parse("")
DISALLOW_ALL = Protego.parse("User-agent: *\nDisallow: /\n")


@dataclass
class Robots:
    rules: Protego
    sitemaps: list[str]
    error: str = ""


class RobotsCache:
    def __init__(self, fetcher: Fetcher, agent: str):
        self.fetcher = fetcher
        self.agent = agent
        self._hosts: dict[str, Robots] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def for_origin(self, origin: str) -> Robots:
        """`origin` is 'https://host[:port]'."""
        with self._lock:
            lock = self._locks.setdefault(origin, threading.Lock())
        with lock:
            if origin not in self._hosts:
                self._hosts[origin] = self._fetch(origin)
            return self._hosts[origin]

    def _fetch(self, origin: str) -> Robots:
        try:
            answer = self.fetcher.get(
                f"{origin}/robots.txt",
                max_bytes=ROBOTS_MAX_BYTES,
                follow=lambda target: target.startswith(origin),
            )
        except Refused as exc:
            return Robots(DISALLOW_ALL, [], f"robots.txt unreadable ({exc.reason}): {exc.detail}")
        if answer.status >= 500:
            return Robots(DISALLOW_ALL, [], f"robots.txt answered {answer.status}")
        if answer.status >= 400:
            return Robots(ALLOW_ALL, [])
        rules = Protego.parse(answer.text())
        delay = rules.crawl_delay(self.agent)
        if delay:
            host = origin.split("://", 1)[1].split(":")[0]
            self.fetcher.gate.set_delay(host, float(delay))
        return Robots(rules, list(rules.sitemaps))

    def allowed(self, origin: str, url: str) -> bool:
        return self.for_origin(origin).rules.can_fetch(url, self.agent)


def parse_sitemap(body: bytes) -> tuple[list[str], list[str]]:
    """(page URLs, nested sitemap URLs) of a sitemap or sitemap index, gzip or not."""
    if body[:2] == b"\x1f\x8b":
        with gzip.GzipFile(fileobj=io.BytesIO(body)) as packed:
            body = packed.read(SITEMAP_MAX_BYTES + 1)
        if len(body) > SITEMAP_MAX_BYTES:
            raise ValueError("the sitemap is larger than 50 MB uncompressed")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=True)
    root = etree.fromstring(body, parser=parser)
    if root is None:
        raise ValueError("not an XML sitemap")
    pages, nested = [], []
    kind = etree.QName(root).localname
    for element in root.iter("{*}loc"):
        if element.text and element.text.strip():
            parent = etree.QName(element.getparent()).localname
            (nested if kind == "sitemapindex" or parent == "sitemap" else pages).append(
                element.text.strip()
            )
    return pages, nested

"""One page's text through the policy engine and the registry.

A page is its main content and its chrome regions; each is scanned on its own (a menu says
nothing about the article) and the page's extracted text is the main content followed by the
regions, a blank line apart: every finding's `start`/`end` are offsets into that text. Chrome
regions repeat on thousands of pages, so their findings are kept per process by the region's
hash and scanned once. Each finding carries the hash of the block (paragraph) it sits in;
`runs.finish` reports blocks that repeat on many pages once, as a site template.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass

from serviceguiden.checker.extract import split_blocks
from serviceguiden.checker.registry import Detail, Registry
from serviceguiden.policy import scan

CACHE_SIZE = 4096
CONTEXT = 80


def digest(text: str, length: int = 32) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:length]


@dataclass
class Analysed:
    text: str
    details: list[Detail]


class Analyser:
    def __init__(self, registry: Registry, lang: str = "sv"):
        self.registry = registry
        self.lang = lang
        self._cache: OrderedDict[str, list[Detail]] = OrderedDict()

    def page(self, main: str, regions: list[str] = (), fmt: str = "text") -> Analysed:
        details = self._scan(main, fmt)
        text = main
        for region in regions:
            offset = len(text) + 2 if text else 0
            text = f"{text}\n\n{region}" if text else region
            details.extend(d.shifted(offset) for d in self._cached(region))
        return Analysed(text, details)

    def _cached(self, region: str) -> list[Detail]:
        key = digest(region)
        found = self._cache.get(key)
        if found is None:
            found = self._scan(region, "text")
            self._cache[key] = found
            if len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(key)
        return found

    def _scan(self, text: str, fmt: str) -> list[Detail]:
        if not text.strip():
            return []
        details = self.registry.match(scan(text, self.registry.profile, fmt, self.lang), self.lang)
        blocks = split_blocks(text)
        for detail in details:
            start, end = next(((a, b) for a, b in blocks if a <= detail.start <= b), (0, len(text)))
            detail.block = digest(text[start:end])
        return details


def context(text: str, start: int, end: int) -> tuple[str, str]:
    """Up to CONTEXT characters before and after a finding, cut at whole words."""
    before = text[max(0, start - CONTEXT) : start]
    after = text[end : end + CONTEXT]
    if start > CONTEXT and " " in before:
        before = "…" + before[before.index(" ") + 1 :]
    if end + CONTEXT < len(text) and " " in after:
        after = after[: after.rindex(" ")] + "…"
    return before, after

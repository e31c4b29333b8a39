"""Search over the published search entries (`index/search.json`), Swedish-aware:

- case and the marks on å, ä, ö, é are folded, so `forskola` finds "Förskola";
- common Swedish endings are stripped (`bygglovet`, `bygglovs` → `bygglov`);
- compounds match their parts: `altan` finds "Altanbygge", `bygglovsansökan` finds "bygglov";
- one typo (two in long words) is forgiven: `bygglof` finds "Ansöka om bygglov";
- little words (`om`, `att`, `hur` …) are ignored, and every other word must match.

Names weigh more than synonyms, synonyms more than descriptions.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from serviceguiden.publishing import store
from serviceguiden.publishing.models import SUBJECT_KINDS

STOP_WORDS = frozenset(
    "om att och i på för till av en ett jag vi du min mitt mina hur var vad när kan vill "
    "ska som med det den de the a an of to for how".split()
)
SUFFIXES = (
    "arnas", "ernas", "ornas", "arna", "erna", "orna", "ande", "ende", "heten", "else",
    "het", "ens", "ets", "en", "et", "er", "ar", "or", "na", "s", "n", "t", "a", "e",
)  # fmt: skip
_WORD = re.compile(r"\w+")
FIELD_WEIGHT = {"name": 3.0, "synonyms": 2.0, "text": 1.0}


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def stem(word: str) -> str:
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def words(text: str) -> list[str]:
    return [w for w in _WORD.findall(fold(text)) if w not in STOP_WORDS]


def distance(a: str, b: str, limit: int) -> int:
    """Damerau–Levenshtein (optimal string alignment) distance, cut off above `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _typos_allowed(word: str) -> int:
    return 0 if len(word) < 4 else 1 if len(word) < 8 else 2


def match(query_word: str, word: str) -> float:
    """How well one query word matches one word of an entry (0 = not at all)."""
    if query_word == word:
        return 1.0
    q, w = stem(query_word), stem(word)
    if q == w:
        return 0.9
    if len(q) >= 3 and w.startswith(q):
        return 0.75
    allowed = _typos_allowed(query_word)
    if allowed and distance(q, w, allowed) <= allowed:
        return 0.6  # a typo
    if len(q) >= 4 and q in w or len(w) >= 5 and w in q:
        return 0.5  # a part of a compound
    if len(q) >= 5 and len(w) > len(q) and distance(q, w[: len(q)], 1) <= 1:
        return 0.4  # a typo in the first part of a compound
    return 0.0


@dataclass(frozen=True)
class Entry:
    kind: str
    slug: str
    name: str
    fields: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True)
class Hit:
    kind: str
    slug: str
    name: str
    score: float


@dataclass
class Index:
    """The search entries with an inverted index: each word to the entries that contain it.
    A query word is matched once against each distinct word (and remembered), not against
    every word of every entry."""

    entries: tuple[Entry, ...]
    postings: dict[str, frozenset[int]]
    matches: dict[str, dict[str, float]] = field(default_factory=dict)

    def matching(self, query_word: str) -> dict[str, float]:
        """The words of the index that `query_word` matches, with how well."""
        found = self.matches.get(query_word)
        if found is None:
            found = {w: score for w in self.postings if (score := match(query_word, w)) > 0}
            if len(self.matches) > 4096:
                self.matches.clear()
            self.matches[query_word] = found
        return found


@lru_cache(maxsize=4)
def _prepared(etag: str, data: bytes) -> Index:
    entries = []
    postings: dict[str, set[int]] = {}
    for item in json.loads(data):
        fields = (
            ("name", tuple(words(item["name"]))),
            ("synonyms", tuple(w for s in item.get("synonyms", []) for w in words(s))),
            ("text", tuple(words(item.get("text", "")))),
        )
        for _, field_words in fields:
            for word in field_words:
                postings.setdefault(word, set()).add(len(entries))
        entries.append(Entry(item["kind"], item["slug"], item["name"], fields))
    return Index(tuple(entries), {w: frozenset(ids) for w, ids in postings.items()})


def _score(matched: list[dict[str, float]], entry: Entry) -> float:
    """Every query word must match a word of the entry; each counts with its best match."""
    total = 0.0
    for scores in matched:
        best = 0.0
        for field_name, field_words in entry.fields:
            weight = FIELD_WEIGHT[field_name]
            for word in field_words:
                score = scores.get(word)
                if score is not None:
                    best = max(best, weight * score)
        if best == 0.0:
            return 0.0
        total += best
    return total


def search(query: str, kinds=SUBJECT_KINDS, limit: int = 20) -> list[Hit]:
    artifact = store.read(store.SEARCH_PATH)
    query_words = words(query)
    if artifact is None or not query_words:
        return []
    index = _prepared(artifact.etag, artifact.data)
    matched = [index.matching(query_word) for query_word in query_words]
    candidates: set[int] | None = None
    for scores in matched:
        containing = set().union(*(index.postings[w] for w in scores))
        candidates = containing if candidates is None else candidates & containing
        if not candidates:
            return []
    hits = []
    for position in candidates or ():
        entry = index.entries[position]
        if entry.kind not in kinds:
            continue
        score = _score(matched, entry)
        if score > 0:
            hits.append(Hit(entry.kind, entry.slug, entry.name, round(score, 3)))
    order = {kind: rank for rank, kind in enumerate(SUBJECT_KINDS)}
    hits.sort(key=lambda h: (-h.score, order[h.kind], h.name))
    return hits[:limit]

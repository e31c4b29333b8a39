"""Searches that found nothing: the words visitors use that the registry lacks, for its
editors to add as synonyms to the right topic (the editor's "Sökningar utan träff").

`record(query, hits)` is called by the public search page and the search API after each
search. It writes only when the search found nothing, or only a weak best hit (below
`SERVICEGUIDEN_MISSED_SEARCHES_WEAK_SCORE`); a search with good results costs nothing more.
One row per normalised query (lowercased, whitespace collapsed, at most 100 characters) and
language, its count raised in the database (`F("count") + 1`), first and last seen.
Nothing about who searched is stored: no address, browser, session or account.

Privacy (P3): a query in which the policy engine finds a contact detail (a phone number, an
e-mail address, a personnummer, an address) or a person's name, a query with a word that is a
first name or surname on the engine's lists and not one of the registry's own words, and any
query with more than six digits, is not stored and not counted: it is dropped without a trace.

Bounds: at most `SERVICEGUIDEN_MISSED_SEARCHES_MAX` distinct queries (the least searched,
oldest first, go when a new one comes); each server process adds at most
`SERVICEGUIDEN_MISSED_SEARCHES_NEW_PER_MINUTE` new queries a minute (a bot's flood of made-up
words stops there; known queries are still counted); `forget_old()` (`serviceguiden
forgetsearches`, daily) deletes those not searched for `SERVICEGUIDEN_MISSED_SEARCHES_KEEP_DAYS`
days. A failure is logged, never raised: recording must not break a search.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import threading
import time
import unicodedata

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import get_language

from serviceguiden.policy import check_field, names, scan
from serviceguiden.publishing.models import MissedSearch
from serviceguiden.publishing.search import known_word, little

log = logging.getLogger(__name__)

MAX_LENGTH = 100
MAX_DIGITS = 6  # more digits than this: a phone, personnummer or case number, never kept
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")  # letters, hyphenated parts kept together

_lock = threading.Lock()
_window = [0.0, 0]  # this process's current minute (monotonic start) and new rows in it


def normalise(query: str) -> str:
    """'  Bygg   LOV ' -> 'bygg lov' (NFC, lowercased, whitespace collapsed, cut at 100)."""
    text = _SPACE.sub(" ", unicodedata.normalize("NFC", query)).strip().lower()
    return text[:MAX_LENGTH].rstrip()


def _name_readings(query: str) -> list[str]:
    """The query as typed, and with each pair of neighbouring words that may be a name written
    as one ('anna svensson bygglov' -> 'Anna Svensson bygglov'; 'svensson anna' -> 'Svensson,
    Anna'): visitors type names in lower case, the policy engine reads a name by its shape.
    A pair may be a name when one of its words is a first name as typed, marks and all
    (`kärl` is no `Karl`), and neither is a little word (`på`, `in`, `och`)."""
    words = query.split()
    readings = [query]
    for i in range(len(words) - 1):
        first, second = words[i].capitalize(), words[i + 1].capitalize()
        if not _may_be_name(first, second):
            continue
        for pair in (f"{first} {second}", f"{first}, {second}"):
            readings.append(" ".join([*words[:i], pair, *words[i + 2 :]]))
    return readings


def _may_be_name(first: str, second: str) -> bool:
    if little(first) or little(second):
        return False
    given = names.name_lists().first_display
    return first in given or second in given


def _name_words(query: str) -> list[str]:
    """The words of `query` that may be part of a person's name however typed (lower case,
    without marks, hyphenated, alone beside a service word: `hemtjänst lena`, `asa lindstrom`,
    `per-olof andersson`): a first name or an unambiguous surname on the policy engine's lists
    that the registry's own words do not include (`bill` of `water bill`, `gren` are theirs)."""
    found = []
    all_words = [word.strip("-") for word in _WORD.findall(query.lower())]
    for i, word in enumerate(all_words):
        if len(word) < 3 or little(word) or _names_a_place(all_words[i + 1 : i + 3]):
            continue
        surname = names.is_surname(word) and names.fold(word) not in names.AMBIGUOUS_SURNAMES
        if (surname or names.is_first_name(word.capitalize())) and not known_word(word):
            found.append(word)
    return found


# Streets, squares and parks named after people: `karl johansgatan`, `gustav adolfs torg`.
PLACE_ENDINGS = (
    "gatan", "gata", "vägen", "väg", "torg", "torget", "plats", "platsen", "parken", "park",
    "gången", "gränd", "gränden", "backe", "backen", "allén", "leden", "kajen", "skolan",
)  # fmt: skip


def _names_a_place(following: list[str]) -> bool:
    """Whether one of the (up to two) words after a name ends as a place's name does."""
    return any(word.endswith(PLACE_ENDINGS) for word in following)


def is_private(query: str) -> bool:
    """True when `query` carries what P3 keeps out of the registry: more than six digits, a
    contact detail the policy engine finds (phone, e-mail, personnummer, address, website),
    a person's name as it sees one, or a word of a name the registry does not know."""
    from serviceguiden.directory.validation import city_profile

    if sum(c.isdigit() for c in query) > MAX_DIGITS:
        return True
    if _name_words(query):
        return True
    profile = city_profile()
    if scan(query, profile, fmt="text"):
        return True
    return any(
        v.rule in ("P3-person-name", "P4-external-person")
        for reading in _name_readings(query)
        for v in check_field("name", reading, profile=profile)
    )


def missed(hits) -> bool:
    """Nothing found, or a best hit weaker than the weak score."""
    return not hits or hits[0].score < settings.SERVICEGUIDEN_MISSED_SEARCHES_WEAK_SCORE


def record(query: str, hits, user=None) -> None:
    """Count `query` as missed when `hits` (best first) found nothing useful. `user` is the
    request's (lazy) user: a signed-in editor's own searches, checking the list, are not
    counted. Never raises."""
    if not missed(hits):
        return
    try:
        if user is not None and user.is_authenticated:
            return
        _record(query, hits[0].name if hits else "")
    except Exception:
        log.exception("could not record a search without results")


def _record(query: str, top_hit: str) -> None:
    text = normalise(query)
    if not text or is_private(query):
        return
    lang = "en" if (get_language() or "sv").startswith("en") else "sv"
    now = timezone.now()
    row = MissedSearch.objects.filter(query=text, lang=lang)
    if row.update(count=F("count") + 1, last_seen=now, top_hit=top_hit[:200]):
        return
    if not _may_add():
        return
    try:
        with transaction.atomic():
            MissedSearch.objects.create(
                query=text, lang=lang, first_seen=now, last_seen=now, top_hit=top_hit[:200]
            )
    except IntegrityError:  # another process added it meanwhile
        row.update(count=F("count") + 1, last_seen=now, top_hit=top_hit[:200])
        return
    evict()


def _may_add() -> bool:
    """This process's allowance of new queries for the current minute."""
    with _lock:
        now = time.monotonic()
        if now - _window[0] >= 60:
            _window[:] = [now, 0]
        if _window[1] >= settings.SERVICEGUIDEN_MISSED_SEARCHES_NEW_PER_MINUTE:
            return False
        _window[1] += 1
        return True


def evict() -> int:
    """Keep at most `SERVICEGUIDEN_MISSED_SEARCHES_MAX` queries: the least searched go, the
    longest unsearched of them first. Returns how many went."""
    excess = MissedSearch.objects.count() - settings.SERVICEGUIDEN_MISSED_SEARCHES_MAX
    if excess <= 0:
        return 0
    doomed = list(
        MissedSearch.objects.order_by("count", "last_seen", "pk").values_list("pk", flat=True)[
            :excess
        ]
    )
    return MissedSearch.objects.filter(pk__in=doomed).delete()[0]


def forget_old(now: dt.datetime | None = None) -> int:
    """Delete the queries not searched for `SERVICEGUIDEN_MISSED_SEARCHES_KEEP_DAYS` days;
    returns how many."""
    keep = dt.timedelta(days=settings.SERVICEGUIDEN_MISSED_SEARCHES_KEEP_DAYS)
    cutoff = (now or timezone.now()) - keep
    return MissedSearch.objects.filter(last_seen__lt=cutoff).delete()[0]


def hide(search: MissedSearch) -> None:
    """An editor has handled the query (a synonym added, or nothing to do): no longer listed."""
    MissedSearch.objects.filter(pk=search.pk, hidden_at__isnull=True).update(
        hidden_at=timezone.now()
    )

"""Materialising the read model: after a committed change, re-render what it affects, write
it atomically to the published store, record a change-feed entry and enqueue webhooks.

The registry calls one function after each successful write::

    publish_after_commit([function])            # or a topic, channel, organisation, actor

It takes the changed domain objects (or `Changed` descriptions) and registers the publish
with `transaction.on_commit`, so nothing is published for a rolled-back write, and readers
never wait for rendering. `publish_all()` (`serviceguiden publish --all`) rebuilds the
whole store.

What a change affects:

| changed                 | re-rendered                                                    |
|-------------------------|----------------------------------------------------------------|
| topic                   | the topic                                                      |
| function (or channel)   | the function, functions it replaces, topics routed to them,    |
|                         | its organisation                                               |
| organisation            | it, its child organisations, its functions and their topics,   |
|                         | the topics it owns                                             |
| external actor          | it and the topics routed to it                                 |
| anything of the contact | everything whose box shows the contact center (read from the   |
| center                  | dependency table written at publish time); topics by block     |

A topic's contacts depend only on how it is routed (`cards.routing_key`), so the store keeps
them once per routing, in a *block* the topic's files include (`store.read` composes them).
A topic's own files are rendered only when what they show of the topic itself changed
(`frame_digest`, kept in the dependency table); otherwise only its block is. A contact center
change therefore renders one topic per block that shows the contact center (its
*representative*, `BLOCK` in `affected()`'s answer), writes those blocks and announces every
topic showing them: its cost follows the number of distinct routings, not of topics.

A publish rebuilds the lists and the search entries only when what a subject shows there
changed, writes the Atom feed when something was announced, and removes the files of subjects
that are gone (deleted, renamed, back to draft) and of blocks no topic shows any more.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import feedgenerator, timezone

from serviceguiden.directory import resolve
from serviceguiden.directory.models import (
    ExternalActor,
    Function,
    Organisation,
    Status,
    Topic,
)
from serviceguiden.directory.signals import Entry, entry_of
from serviceguiden.publishing import gate as gate_module
from serviceguiden.publishing import render, replica, store
from serviceguiden.publishing.cards import routing_key
from serviceguiden.publishing.models import (
    EXTERNAL_ACTOR,
    FUNCTION,
    ORGANISATION,
    SUBJECT_KINDS,
    TOPIC,
    BlockedPublish,
    Change,
    Delivery,
    Dependency,
    PendingChange,
    Subscription,
)

logger = logging.getLogger(__name__)

FEED_LENGTH = 50
# What `affected` and `changed_by` call a topic's block of contacts (not a subject's kind).
BLOCK = "block"


# A changed registry entry, by kind and primary key (the slug is kept for removals): the
# registry's own `Entry`, as its signal announces it.
Changed = Entry


def describe(obj) -> Changed:
    """A `Changed` for a domain object; a channel stands for its function."""
    if isinstance(obj, Changed):
        return obj
    entry = entry_of(obj)
    if entry is None:
        raise TypeError(f"publishing does not know how to describe {type(obj).__name__}")
    return entry


def _outbox_row(descriptions, reason: str) -> PendingChange:
    return PendingChange.objects.create(
        subjects=[{"kind": d.kind, "pk": d.pk, "slug": d.slug} for d in descriptions],
        reason=reason[:300],
    )


@dataclass
class PublishResult:
    change: Change | None = None
    rendered: int = 0  # subjects rendered
    written: int = 0  # files whose bytes changed
    removed: int = 0  # files removed
    subjects: list[dict] = field(default_factory=list)
    deliveries: int = 0
    seconds: float = 0.0
    scanned: int = 0  # cards the publish gate read (one per subject and language)
    pending: list[int] = field(default_factory=list)  # outbox rows this publish announced
    blocked: list[dict] = field(default_factory=list)  # subjects the gate refused


# -- entry points -----------------------------------------------------------------------

# Outbox rows taken per publish: an import of any size is published in bounded batches.
BATCH = 500
# Per-thread bookkeeping so that many commit callbacks (an import saves thousands of rows, each
# in its own savepoint) cost one publish: within a thread transactions run one after another,
# so when one of a transaction's callbacks runs, every change that thread requested has been
# committed (or rolled back) and the first callback's publish covers them all. Per thread, so a
# callback never skips a change another thread has not committed yet.
_tickets = threading.local()


def publish_after_commit(changed: Iterable, reason: str = "") -> None:
    """Record what `changed` affects in the outbox, in the caller's transaction, and publish
    it once that transaction commits (at once when there is none). Call it inside the
    registry's write transaction, after the save.

    The outbox row commits or rolls back with the change itself, so nothing is published for a
    rolled-back write, and a committed change is never lost: if this process dies before it
    publishes, `publish --all`, the worker's sweep or the next save announces it.
    """
    descriptions = tuple(dict.fromkeys(describe(obj) for obj in changed))
    if not descriptions:
        return
    _outbox_row(descriptions, reason or _default_reason(descriptions))
    _tickets.requested = getattr(_tickets, "requested", 0) + 1
    ticket = _tickets.requested
    transaction.on_commit(lambda: _publish_logged(ticket))


def _default_reason(descriptions) -> str:
    return ", ".join(f"{d.kind}:{d.slug or d.pk}" for d in descriptions)


def _publish_logged(ticket: int) -> None:
    """The commit has happened: a failure here must not fail the editor's request (the outbox
    keeps the change for the next attempt)."""
    if getattr(_tickets, "handled", 0) >= ticket:
        return
    _tickets.handled = getattr(_tickets, "requested", ticket)
    try:
        publish_pending()
    except Exception:
        logger.exception(
            "Publishing failed after a committed change; it stays in the outbox and is "
            "published by the worker's sweep or `serviceguiden publish --all`."
        )


def publish_pending(batch: int = BATCH) -> list[PublishResult]:
    """Publish every committed change still in the outbox, oldest first, in batches of `batch`
    outbox rows: each batch is one change-feed entry, recorded in the same transaction that
    marks its rows done. Safe to run from any process at any time (the store lock serialises
    publishers)."""
    results = []
    while True:
        result = _publish_batch(batch)
        if result is None:
            return results
        results.append(result)


def _publish_batch(batch: int) -> PublishResult | None:
    started = time.perf_counter()
    with replica.lock():
        with transaction.atomic():
            rows = list(PendingChange.objects.unannounced().select_for_update()[:batch])
            if not rows:
                return None
            # Counted before any file is written: a batch that was tried before may have
            # written its bytes already, so it announces every subject it renders.
            PendingChange.objects.filter(pk__in=[r.pk for r in rows]).update(
                attempts=F("attempts") + 1
            )
        retried = any(row.attempts for row in rows)
        descriptions = list(
            dict.fromkeys(
                Changed(s["kind"], s["pk"], s.get("slug", ""))
                for row in rows
                for s in row.subjects
                if isinstance(s, dict) and s.get("kind") in SUBJECT_KINDS
            )
        )
        reason = "; ".join(dict.fromkeys(row.reason for row in rows if row.reason))
        subjects = affected(descriptions)
        found = {(kind, obj.pk) for kind in SUBJECT_KINDS for obj in subjects.get(kind, [])}
        # A subject asked for but not published (deleted, back to draft) may leave files.
        gone = any((d.kind, d.pk) not in found for d in descriptions)
        result = _materialise(subjects, reason or "change", rows, retried, sweep=gone)
    result.seconds = time.perf_counter() - started
    return result


def publish(changed: Iterable, reason: str = "") -> PublishResult:
    """Record `changed` in the outbox and publish everything pending now, from the committed
    registry; returns the result of the batch that published it."""
    descriptions = tuple(describe(obj) for obj in changed)
    with transaction.atomic():
        row = _outbox_row(descriptions, reason or "change")
    results = publish_pending()
    row.refresh_from_db()
    for result in results:
        if row.pk in result.pending:
            return result
    return results[-1] if results else PublishResult()


def publish_all(reason: str = "publish --all") -> PublishResult:
    """Announce whatever the outbox still holds, then render every subject, remove what is no
    longer published and rebuild lists and search (after a crash, a deployment or a change of
    SITE_URL)."""
    started = time.perf_counter()
    announced = publish_pending()
    with replica.lock():
        subjects = {kind: list(publishable(kind)) for kind in SUBJECT_KINDS}
        result = _materialise(subjects, reason, [], False, reread=True)
    for earlier in announced:  # one summary: what the outbox batches wrote counts too
        result.written += earlier.written
        result.removed += earlier.removed
        result.deliveries += earlier.deliveries
        result.pending += earlier.pending
        result.change = result.change or earlier.change
    result.seconds = time.perf_counter() - started
    return result


# -- what a change affects --------------------------------------------------------------


def publishable(kind: str):
    """The entries of `kind` that have published artifacts."""
    if kind == TOPIC:
        return Topic.objects.select_related(
            "organisation", "function__organisation", "function__replaced_by", "external_actor"
        )
    if kind == FUNCTION:
        # Archived functions stay published: their embeds show the replacement.
        return Function.objects.exclude(status=Status.DRAFT).select_related(
            "organisation", "replaced_by"
        )
    if kind == ORGANISATION:
        return Organisation.objects.select_related("parent")
    return ExternalActor.objects.all()


def _replaced_chain(function_ids: set[int]) -> set[int]:
    """The functions plus every archived function that (transitively) they replace."""
    ids = set(function_ids)
    frontier = set(function_ids)
    while frontier:
        frontier = _ids(Function.objects, "replaced_by", frontier) - ids
        ids |= frontier
    return ids


CHUNK = 500  # ids per `IN (…)`: well inside SQLite's and PostgreSQL's limits


def _chunks(ids) -> Iterable[list]:
    ids = sorted(i for i in ids if i is not None)
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _ids(queryset, field: str, ids, column: str = "pk") -> set:
    """`column` of the rows of `queryset` whose `field` is in `ids`, chunk by chunk (an
    import of any size never builds one huge query)."""
    found: set = set()
    for chunk in _chunks(ids):
        found |= set(queryset.filter(**{f"{field}__in": chunk}).values_list(column, flat=True))
    return found


def _objects(kind: str, ids) -> list:
    return [obj for chunk in _chunks(ids) for obj in publishable(kind).filter(pk__in=chunk)]


def affected(changes: Iterable[Changed]) -> dict[str, list]:
    """The subjects to re-render, per kind, as fresh objects from the database."""
    changes = list(changes)
    by_kind: dict[str, set] = {kind: set() for kind in SUBJECT_KINDS}
    for change in changes:
        if change.kind not in by_kind:
            raise ValueError(f"unknown kind {change.kind!r}")
        by_kind[change.kind].add(change.pk)
    topic_ids = set(by_kind[TOPIC])
    actor_ids = set(by_kind[EXTERNAL_ACTOR])
    topic_ids |= _ids(Topic.objects, "external_actor", actor_ids)
    organisation_ids = set(by_kind[ORGANISATION])
    center_ids = set(Organisation.objects.contact_center().values_list("pk", flat=True))
    everything = bool(organisation_ids & center_ids)
    organisation_ids |= _ids(Organisation.objects, "parent", by_kind[ORGANISATION])
    org_functions = _ids(Function.objects, "organisation", by_kind[ORGANISATION])
    topic_ids |= _ids(Topic.objects, "organisation", by_kind[ORGANISATION])
    changed_functions = _ids(Function.objects, "pk", by_kind[FUNCTION])
    organisation_ids |= _ids(Function.objects, "pk", changed_functions, "organisation_id")
    everything |= bool(
        _ids(Function.objects.filter(is_contact_center=True), "pk", changed_functions)
    ) or bool(_ids(Function.objects.filter(organisation__in=center_ids), "pk", changed_functions))
    function_ids = _replaced_chain(changed_functions) | org_functions
    topic_ids |= _ids(Topic.objects, "function", function_ids)
    if everything:
        showing = showing_contact_center()
        if showing is None:  # nothing published yet: render everything
            return {kind: list(publishable(kind)) for kind in SUBJECT_KINDS}
        blocks = _by_block(showing[TOPIC])
        by_block = {slug for slugs in blocks.values() for slug in slugs}
        topic_ids |= _ids(Topic.objects, "slug", showing[TOPIC] - by_block)
        function_ids |= _ids(publishable(FUNCTION), "slug", showing[FUNCTION])
        organisation_ids |= _ids(publishable(ORGANISATION), "slug", showing[ORGANISATION])
        organisation_ids |= center_ids
    else:
        blocks = {}
    subjects = {
        TOPIC: _objects(TOPIC, topic_ids),
        FUNCTION: _objects(FUNCTION, function_ids),
        ORGANISATION: _objects(ORGANISATION, organisation_ids),
        EXTERNAL_ACTOR: _objects(EXTERNAL_ACTOR, actor_ids),
    }
    if blocks:
        subjects[BLOCK] = _representatives(blocks, subjects[TOPIC])
    return subjects


def reached_topics(subjects: dict[str, list]) -> set[str]:
    """The slugs of every topic `affected()`'s subjects reach: those rendered and those
    showing a block rendered by way of a representative."""
    slugs = {obj.slug for obj in subjects.get(TOPIC, [])}
    for chunk in _chunks([routing_key(obj) for obj in subjects.get(BLOCK, [])]):
        rows = Dependency.objects.filter(kind=TOPIC, block__in=chunk)
        slugs |= set(rows.values_list("slug", flat=True))
    return slugs


def _by_block(showing: set[str]) -> dict[str, list[str]]:
    """The topics among `showing` whose files need not change, by the block they show:
    block -> their slugs (a topic with an open refusal, or recorded before blocks, is left
    out: it goes the whole way)."""
    refused = set(BlockedPublish.objects.open().filter(kind=TOPIC).values_list("slug", flat=True))
    blocks: dict[str, list[str]] = {}
    rows = Dependency.objects.filter(kind=TOPIC, shows_contact_center=True).exclude(block="")
    for slug, block in rows.values_list("slug", "block"):
        if slug in showing and slug not in refused:
            blocks.setdefault(block, []).append(slug)
    return blocks


def _representatives(blocks: dict[str, list[str]], topics: list) -> list:
    """One topic per block, standing for every topic showing it; a block none of whose
    topics is still routed that way goes to `topics` whole."""
    whole = {obj.slug for obj in topics}
    chosen = {}
    for block, slugs in blocks.items():
        free = [slug for slug in slugs if slug not in whole]
        if free:
            chosen[free[0]] = block
    found = []
    for obj in _objects(TOPIC, _ids(Topic.objects, "slug", set(chosen))):
        block = chosen[obj.slug]
        if routing_key(obj) == block:
            found.append(obj)
            continue
        rest = set(blocks[block]) - whole  # routed otherwise since: every topic on its own
        topics += _objects(TOPIC, _ids(Topic.objects, "slug", rest))
        whole |= rest
    return found


def showing_contact_center() -> dict[str, set[str]] | None:
    """Slugs of the topics, functions and organisations whose published box shows the
    contact center (from the dependency table written at publish time), or None when nothing
    has been recorded yet (a new store, or one published before the table existed)."""
    if not Dependency.objects.exists():
        return None
    showing: dict[str, set[str]] = {kind: set() for kind in (TOPIC, FUNCTION, ORGANISATION)}
    rows = Dependency.objects.filter(shows_contact_center=True).values_list("kind", "slug")
    for kind, slug in rows:
        if kind in showing:
            showing[kind].add(slug)
    return showing


def _record_dependencies(gated: _Gated) -> None:
    """What each subject published now shows; rows written only where they changed."""
    wanted = dict(gated.shown)
    if not wanted:
        return
    existing = dict(gated.rows)  # read by `_previously`; the rest (if any) now
    for kind in SUBJECT_KINDS:
        slugs = [slug for k, slug in wanted if k == kind and (k, slug) not in gated.looked_up]
        for chunk in _chunks(slugs):
            for row in Dependency.objects.filter(kind=kind, slug__in=chunk):
                existing[(row.kind, row.slug)] = row
    created, changed = [], []
    fields = ("shows_contact_center", "functions", "own_words", "listed", "frame", "block")
    for (kind, slug), shown in wanted.items():
        row = existing.get((kind, slug))
        if row is None:
            created.append(
                Dependency(kind=kind, slug=slug, **dict(zip(fields, shown, strict=True)))
            )
        elif tuple(getattr(row, name) for name in fields) != shown:
            for name, value in zip(fields, shown, strict=True):
                setattr(row, name, value)
            changed.append(row)
    Dependency.objects.bulk_create(created, batch_size=CHUNK)
    Dependency.objects.bulk_update(changed, list(fields), CHUNK)


def _record_block_dependencies(representatives: list, gated: _Gated) -> None:
    """What a block written by way of a representative topic shows, for every topic showing
    it (when that changed)."""
    for obj in representatives:
        key = routing_key(obj)
        shown = gated.block_shown.get(key)
        if shown is not None and gated.shown_before.get((TOPIC, obj.slug)) != shown:
            Dependency.objects.filter(kind=TOPIC, block=key).update(
                shows_contact_center=shown[0], functions=shown[1]
            )


def _previously(subjects: dict[str, list], gated: _Gated) -> None:
    """The digests of the subjects' own words as they last passed the gate, and of what they
    showed in the lists, into `gated`."""
    for kind in (*SUBJECT_KINDS, BLOCK):
        slugs = [obj.slug for obj in subjects.get(kind, [])]
        kind = TOPIC if kind == BLOCK else kind  # noqa: PLW2901  (a representative topic)
        gated.looked_up |= {(kind, slug) for slug in slugs}
        for chunk in _chunks(slugs):
            for row in Dependency.objects.filter(kind=kind, slug__in=chunk):
                key = (kind, row.slug)
                gated.rows[key] = row
                gated.shown_before[key] = (row.shows_contact_center, row.functions)
                if row.own_words:
                    gated.passed_words[key] = row.own_words
                gated.listed_before[key] = row.listed
                gated.frame_before[key] = row.frame
                if row.block:
                    gated.blocks_before.add(row.block)


# -- writing ----------------------------------------------------------------------------


@dataclass
class _Gated:
    """What the gate decided in one publish: subjects it passed and subjects it blocked."""

    gate: gate_module.Gate = field(default_factory=gate_module.Gate)
    passed: list[tuple[str, object]] = field(default_factory=list)
    blocked: list[tuple[str, object, list]] = field(default_factory=list)
    # (kind, slug) -> (shows the contact center, slugs of the functions shown, own words'
    # digest, listed digest, frame digest, block), for `Dependency`
    shown: dict[tuple[str, str], tuple[bool, list, str, str, str, str]] = field(
        default_factory=dict
    )
    # (kind, slug) -> the digest of its own words when they last passed (empty: read them all)
    passed_words: dict[tuple[str, str], str] = field(default_factory=dict)
    # (kind, slug) -> what it showed in the lists when last published
    listed_before: dict[tuple[str, str], str] = field(default_factory=dict)
    # (kind, slug) -> the digest of its frame when last published (see `frame_digest`)
    frame_before: dict[tuple[str, str], str] = field(default_factory=dict)
    # the blocks the subjects showed when last published (removed when no one shows them)
    blocks_before: set[str] = field(default_factory=set)
    # the dependency rows `_previously` read (and every subject it looked for)
    rows: dict[tuple[str, str], Dependency] = field(default_factory=dict)
    looked_up: set[tuple[str, str]] = field(default_factory=set)
    # (kind, slug) -> (shows the contact center, functions shown) when last published
    shown_before: dict[tuple[str, str], tuple[bool, list]] = field(default_factory=dict)
    # block -> (shows the contact center, functions shown), of the blocks written by way of a
    # representative topic (their topics' dependency rows follow)
    block_shown: dict[str, tuple[bool, list]] = field(default_factory=dict)

    def lists_changed(self) -> bool:
        """Whether a list or the search entries may differ after this publish: a subject
        passed that is new or shows something else there, or one was refused."""
        return bool(self.blocked) or any(
            self.listed_before.get(key) != shown[3] for key, shown in self.shown.items()
        )


def _artifacts(subjects: dict[str, list], changed_by: dict[str, tuple[str, str]], gated: _Gated):
    """(relpath, bytes) of every artifact of `subjects` that passes the gate, rendered one
    subject at a time; `changed_by` learns which subject each relpath belongs to. The topics
    under `BLOCK` stand for every topic routed alike (see `affected`): only their blocks are
    written; when the gate refuses one, every topic showing that block goes the whole way."""
    representatives = subjects.get(BLOCK, [])
    resolver = resolve.Resolver().prefetch(
        topics=[*subjects.get(TOPIC, ()), *representatives],
        functions=subjects.get(FUNCTION, ()),
    )
    memo: dict = {}
    for kind in SUBJECT_KINDS:
        for obj in subjects.get(kind, []):
            yield from _subject_artifacts(kind, obj, memo, resolver, changed_by, gated)
    refused: set[str] = set()
    for obj in representatives:
        cards = render.cards_for(TOPIC, obj, memo, resolver)
        first = next(iter(cards.values()))
        if gated.gate.inspect(cards, gated.passed_words.get((TOPIC, obj.slug), "")):
            refused.add(first.block)
            continue
        gated.block_shown[first.block] = _shows(first)
        for lang, card in cards.items():
            for fmt in store.FORMATS:
                block = store.block_path(card.block, lang, fmt)
                if block not in changed_by:
                    changed_by[block] = (BLOCK, card.block)
                    yield block, render.render_block(card, fmt).encode()
    if refused:  # each topic is refused (and recorded) on its own
        done = {obj.slug for obj in subjects.get(TOPIC, [])}
        slugs = Dependency.objects.filter(kind=TOPIC, block__in=sorted(refused))
        ids = _ids(Topic.objects, "slug", set(slugs.values_list("slug", flat=True)) - done)
        for obj in _objects(TOPIC, ids):
            gated.passed_words.pop((TOPIC, obj.slug), None)
            yield from _subject_artifacts(TOPIC, obj, memo, resolver, changed_by, gated)


def _shows(card) -> tuple[bool, list]:
    """Whether a card shows the contact center, and the slugs of the functions it shows."""
    return (
        any(c.role == resolve.CONTACT_CENTER for c in card.contacts),
        sorted({c.function_slug for c in card.contacts if c.function_slug}),
    )


def _subject_artifacts(kind, obj, memo, resolver, changed_by, gated: _Gated):
    cards = render.cards_for(kind, obj, memo, resolver)
    findings = gated.gate.inspect(cards, gated.passed_words.get((kind, obj.slug), ""))
    if findings:
        gated.blocked.append((kind, obj, findings))
        return
    gated.passed.append((kind, obj))
    first = next(iter(cards.values()))
    frame = frame_digest(cards)
    same_frame = gated.frame_before.get((kind, obj.slug)) == frame and all(
        store.exists(store.artifact_path(kind, obj.slug, lang, "json")) for lang in cards
    )  # (a subject whose files were removed by hand is written again)
    gated.shown[(kind, obj.slug)] = (
        *_shows(first),
        gated.gate.words_digest(first),
        listed_digest(kind, obj),
        frame,
        first.block,
    )
    for lang, card in cards.items():
        for fmt in store.FORMATS:
            relpath = store.artifact_path(kind, obj.slug, lang, fmt)
            changed_by[relpath] = (kind, obj.slug)
            if not card.block:
                yield relpath, render.render(card, fmt)
                continue
            # A topic: its contacts go to the block of its routing (once per publish, before
            # any file naming it); its own file is rendered only when something else it shows
            # changed.
            block = store.block_path(card.block, lang, fmt)
            if block not in changed_by:
                changed_by[block] = (BLOCK, card.block)
                yield block, render.render_block(card, fmt).encode()
            if not same_frame:
                text = render.render_frame(card, fmt)
                yield relpath, text.replace(render.BLOCK, store.include(block), 1).encode()


def frame_digest(cards: dict) -> str:
    """A digest of everything a subject's files show but its contacts (which are in its
    block), in every language, with the address links are built from."""
    shown = [
        (c.kind, c.slug, c.name, c.lang, c.description, c.synonyms, c.owner, c.owner_slug,
         c.owner_kind, c.website, c.functions, c.block)
        for c in cards.values()
    ]  # fmt: skip
    text = repr((settings.SITE_URL, shown))
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _sweep(kind: str, removed: list[str], reread: bool, blocks: set[str]) -> list[str]:
    """Remove artifacts of subjects that are no longer published; returns their slugs, adds
    the removed paths to `removed` and the blocks they showed to `blocks`. The published
    subjects are the dependency table's (`publish --all` reads the store's folders: a store
    from before the table, or files left by hand)."""
    live = set(publishable(kind).values_list("slug", flat=True))
    if reread:
        published = store.existing_slugs(kind)
    else:
        published = set(Dependency.objects.filter(kind=kind).values_list("slug", flat=True))
    gone = sorted(published - live)
    for chunk in _chunks(gone):
        rows = Dependency.objects.filter(kind=kind, slug__in=chunk).exclude(block="")
        blocks |= set(rows.values_list("block", flat=True))
    for slug in gone:
        for lang in store.LANGS:
            for fmt in store.FORMATS:
                relpath = store.artifact_path(kind, slug, lang, fmt)
                store.remove(relpath)
                removed.append(relpath)
    for chunk in _chunks(gone):
        Dependency.objects.filter(kind=kind, slug__in=chunk).delete()
    return gone


def _remove_unused_blocks(candidates: set[str], removed: list[str], reread: bool) -> None:
    """Remove the blocks among `candidates` (or, on `publish --all`, in the store) that no
    published topic shows any more; their paths go to `removed`."""
    if reread:
        folder = store.root() / store.BLOCKS
        if folder.is_dir():
            candidates = candidates | {p.name.split(".", 1)[0] for p in folder.iterdir()}
    used: set[str] = set()
    for chunk in _chunks(candidates):
        rows = Dependency.objects.filter(block__in=chunk).values_list("block", flat=True)
        used |= set(rows)
    for key in sorted(candidates - used):
        if not store.BLOCK_KEY.match(key):
            continue  # not a block's name (a file left there by hand)
        for lang in store.LANGS:
            for fmt in store.FORMATS:
                relpath = store.block_path(key, lang, fmt)
                if store.remove(relpath):
                    removed.append(relpath)


def _owner_id(kind: str, obj) -> int | None:
    """The organisation whose editors see a blocked publish of `obj`."""
    if kind == ORGANISATION:
        return obj.pk
    return getattr(obj, "organisation_id", None)


def _record_gate(gated: _Gated, reason: str) -> None:
    """Open (or refresh) a block for each refused subject; close the blocks of subjects that
    passed. Runs in the publish's transaction with the change-feed entry."""
    now = timezone.now()
    open_kinds = set(BlockedPublish.objects.open().values_list("kind", flat=True).distinct())
    for kind in SUBJECT_KINDS:
        slugs = [obj.slug for k, obj in gated.passed if k == kind]
        if slugs and kind in open_kinds:
            BlockedPublish.objects.open().filter(kind=kind, slug__in=slugs).update(resolved_at=now)
    for kind, obj, findings in gated.blocked:
        block = BlockedPublish.objects.open().filter(kind=kind, slug=obj.slug).first()
        block = block or BlockedPublish(kind=kind, slug=obj.slug)
        block.name = str(getattr(obj, "name", obj.slug))[:200]
        block.organisation_id = _owner_id(kind, obj)
        block.findings = [f.as_dict() for f in findings]
        block.reason = reason[:300]
        block.save()
        logger.warning(
            "Publish gate blocked %s:%s (%s); its previous version stays published.",
            kind, obj.slug, ", ".join(sorted({f.rule for f in findings})),
        )  # fmt: skip


def _materialise(
    subjects: dict[str, list],
    reason: str,
    rows: list,
    announce_all: bool,
    reread: bool = False,
    sweep: bool = True,
) -> PublishResult:
    """Render and write `subjects` through the gate; then, in one transaction, record the
    gate's decisions, the change-feed entry with its webhook deliveries, and mark the outbox
    `rows` done. With `announce_all` (a retried batch) every subject rendered is announced,
    since an earlier attempt may have written its new bytes already. `sweep` (or a subject
    published under a new key) looks for subjects whose files must go."""
    result = PublishResult(rendered=sum(len(objs) for objs in subjects.values()))
    result.pending = [row.pk for row in rows]
    changed_by: dict[str, tuple[str, str]] = {}
    gated = _Gated()
    if not reread:  # `publish --all` reads every subject's words again (the profile may differ)
        _previously(subjects, gated)
    # What other servers must apply (a shared store): the bytes of every file this publish
    # changed, or of every file it rendered when an earlier attempt may have written them.
    produced: dict[str, bytes] | None = {} if replica.enabled() else None
    written = store.write_many(_kept(_artifacts(subjects, changed_by, gated), produced))
    result.written = len(written)
    result.scanned = gated.gate.scanned
    result.blocked = [{"kind": k, "slug": obj.slug} for k, obj, _ in gated.blocked]
    updated = {changed_by[relpath] for relpath in written}
    rewritten_blocks = {key for kind, key in updated if kind == BLOCK}
    updated = {(kind, key) for kind, key in updated if kind != BLOCK}
    if announce_all:
        updated |= {(kind, obj.slug) for kind, obj in gated.passed}
    for kind in SUBJECT_KINDS:
        for obj in subjects.get(kind, []):
            if (kind, obj.slug) in updated:
                result.subjects.append({"kind": kind, "slug": obj.slug, "action": "updated"})
    removed: list[str] = []
    unused = set(gated.blocks_before)
    renamed = any(
        (kind, obj.slug) not in gated.frame_before
        for kind in SUBJECT_KINDS
        for obj in subjects.get(kind, [])
    )
    sweeping = sweep or renamed or reread or announce_all
    for kind in SUBJECT_KINDS if sweeping else ():
        for slug in _sweep(kind, removed, reread, unused):
            result.removed += 1
            result.subjects.append({"kind": kind, "slug": slug, "action": "removed"})
    with transaction.atomic():
        _record_gate(gated, reason)
        _record_dependencies(gated)
        _record_block_dependencies(subjects.get(BLOCK, []), gated)
    # Topics outside this publish that show a block it rewrote are announced too.
    listed = {(s["kind"], s["slug"]) for s in result.subjects}
    for chunk in _chunks(rewritten_blocks):
        for slug in Dependency.objects.filter(kind=TOPIC, block__in=chunk).values_list(
            "slug", flat=True
        ):
            if (TOPIC, slug) not in listed:
                listed.add((TOPIC, slug))
                result.subjects.append({"kind": TOPIC, "slug": slug, "action": "updated"})
    _remove_unused_blocks(unused, removed, reread)
    indexes = []
    # A retried batch rebuilds them too: the attempt that died may have recorded the new
    # dependencies (the digests compared here) before it wrote the lists.
    rebuild = reread or announce_all or removed or gated.lists_changed()
    if rebuild or BlockedPublish.objects.open().exists():
        indexes = _write_indexes(produced)
    written += indexes
    result.written += len(indexes)
    feed = None
    with transaction.atomic():
        if result.subjects:
            result.change = Change.objects.create(subjects=result.subjects, reason=reason[:300])
            result.deliveries = _enqueue_webhooks(result.change)
            feed = atom_feed()
        if rows:
            PendingChange.objects.filter(pk__in=result.pending).update(
                done_at=timezone.now(), change=result.change
            )
        if produced is not None:
            every = announce_all or reread
            shared: dict[str, bytes | None] = (
                dict(produced) if every else {relpath: produced[relpath] for relpath in written}
            )
            shared |= dict.fromkeys(removed)
            if feed is not None:
                shared[store.FEED_PATH] = feed
            replica.record(shared, full=reread)
    if feed is not None:
        store.write(store.FEED_PATH, feed)
    logger.info(
        "Published %s: %d subjects rendered, %d files written, %d removed, %d blocked, "
        "change %s, %d webhook deliveries",
        reason[:120], result.rendered, result.written, result.removed, len(result.blocked),
        result.change.pk if result.change else "-", result.deliveries,
    )  # fmt: skip
    return result


def _json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def index_entries(kind: str) -> list[dict]:
    """One list of the read API (`/api/v1/topics` …), sorted by name. (Rows as values, not
    model instances: a list of 1,600 topics is rebuilt on every publish.)"""
    if kind == TOPIC:
        rows = (
            publishable(TOPIC)
            .order_by("name")
            .values_list("slug", "name", "synonyms", "organisation__slug", "organisation__name")
        )
        return [
            {
                "slug": slug,
                "name": name,
                "synonyms": [s for s in synonyms or [] if isinstance(s, str)],
                "organisation": {"slug": org_slug, "name": org_name},
            }
            for slug, name, synonyms, org_slug, org_name in rows
        ]
    if kind == FUNCTION:
        rows = (
            publishable(FUNCTION)
            .order_by("name", "slug")
            .values_list("slug", "name", "status", "organisation__slug", "organisation__name")
        )
        return [
            {
                "slug": slug,
                "name": name,
                "status": status,
                "organisation": {"slug": org_slug, "name": org_name},
            }
            for slug, name, status, org_slug, org_name in rows
        ]
    if kind == ORGANISATION:
        rows = (
            publishable(ORGANISATION)
            .order_by("name")
            .values_list("slug", "name", "kind", "parent__slug", "website")
        )
        return [
            {"slug": slug, "name": name, "kind": org_kind, "parent": parent, "website": website}
            for slug, name, org_kind, parent, website in rows
        ]
    rows = (
        publishable(EXTERNAL_ACTOR)
        .order_by("name")
        .values_list("slug", "name", "website", "purpose")
    )
    return [
        {"slug": slug, "name": name, "website": website, "purpose": purpose}
        for slug, name, website, purpose in rows
    ]


def listed_digest(kind: str, obj) -> str:
    """A digest of every field of `obj` that `index_entries` and `search_entries` show."""
    if kind == TOPIC:
        org, routed, actor = obj.organisation, obj.function, obj.external_actor
        parts = [obj.name, obj.description, org.slug, org.name,
                 routed.name if routed else "", actor.name if actor else "",
                 *(s for s in obj.synonyms or [] if isinstance(s, str))]  # fmt: skip
    elif kind == FUNCTION:
        org = obj.organisation
        parts = [obj.name, obj.status, obj.description, org.slug, org.name]
    elif kind == ORGANISATION:
        parts = [obj.name, obj.kind, obj.parent.slug if obj.parent else "", obj.website]
    else:
        parts = [obj.name, obj.website, obj.purpose]
    text = "\x1f".join(str(part) for part in [obj.slug, *parts])
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def search_entries() -> list[dict]:
    """What search looks in: names, synonyms and descriptions of every published subject."""
    entries = []
    topics = publishable(TOPIC).values_list(
        "slug", "name", "synonyms", "description", "organisation__name", "function__name",
        "external_actor__name", "function__slug",
    )  # fmt: skip
    for slug, name, synonyms, description, org_name, routed, actor, function in topics:
        # whom the topic is routed to answers for it too ("ringa 1177", "112")
        answered_by = " ".join(part for part in (routed, actor) if part)
        entries.append(
            {
                "kind": TOPIC, "slug": slug, "name": name,
                "synonyms": [s for s in synonyms or [] if isinstance(s, str)],
                "text": f"{description} {org_name} {answered_by}".strip(),
                # the function that answers it, shown with its topics (`search._with_unit`)
                "function": function,
            }
        )  # fmt: skip
    functions = (
        publishable(FUNCTION)
        .filter(status=Status.PUBLISHED)
        .values_list("slug", "name", "description", "organisation__name")
    )
    for slug, name, description, org_name in functions:
        entries.append(
            {
                "kind": FUNCTION, "slug": slug, "name": name, "synonyms": [],
                "text": f"{description} {org_name}",
            }
        )  # fmt: skip
    for slug, name in publishable(ORGANISATION).values_list("slug", "name"):
        entries.append(
            {"kind": ORGANISATION, "slug": slug, "name": name, "synonyms": [], "text": ""}
        )
    for slug, name, purpose in publishable(EXTERNAL_ACTOR).values_list("slug", "name", "purpose"):
        entries.append(
            {"kind": EXTERNAL_ACTOR, "slug": slug, "name": name, "synonyms": [], "text": purpose}
        )
    return entries


def _previous_entries(relpath: str) -> list[dict]:
    artifact = store.read(relpath)
    if artifact is None:
        return []
    try:
        entries = json.loads(artifact.data)
    except ValueError:
        return []
    return entries if isinstance(entries, list) else []


def _gated_entries(entries: list[dict], blocked: set, previous: list[dict], kind=None):
    """`entries` with each blocked subject's entry taken from what was published before (or
    left out when it never was): a list shows nothing the gate refused."""

    def key(entry):
        return (kind or entry.get("kind"), entry.get("slug"))

    if not blocked:
        return entries
    before = {key(e): e for e in previous if isinstance(e, dict)}
    return [
        before[key(e)] if key(e) in blocked else e
        for e in entries
        if key(e) not in blocked or key(e) in before
    ]


def _indexes():
    blocked = set(BlockedPublish.objects.open().values_list("kind", "slug"))
    for kind in SUBJECT_KINDS:
        relpath = store.index_path(kind)
        entries = index_entries(kind)
        if blocked:
            entries = _gated_entries(entries, blocked, _previous_entries(relpath), kind)
        yield relpath, _json(entries)
    entries = search_entries()
    if blocked:
        entries = _gated_entries(entries, blocked, _previous_entries(store.SEARCH_PATH))
    yield store.SEARCH_PATH, _json(entries)


def _write_indexes(produced: dict[str, bytes] | None = None) -> list[str]:
    """Rewrite the lists and the search entries; returns the paths whose bytes changed."""
    return store.write_many(_kept(_indexes(), produced))


def _kept(artifacts, produced: dict[str, bytes] | None):
    """`artifacts` passed through, each one's bytes kept in `produced` (unless None)."""
    for relpath, data in artifacts:
        if produced is not None:
            produced[relpath] = data
        yield relpath, data


# A change never changes once recorded: its feed item is made once per process (a contact
# center change names 1,600 subjects, and the feed holds the last 50 changes).
_FEED_ITEMS: dict[tuple, dict] = {}


def _feed_item(base: str, change: Change) -> dict:
    names = ", ".join(f"{s['kind']}:{s['slug']} ({s['action']})" for s in change.subjects[:20])
    more = len(change.subjects) - 20
    if more > 0:
        names += f" … +{more}"
    return {
        "title": f"Ändring {change.pk}: {len(change.subjects)} uppdaterade",
        "link": f"{base}/api/v1/changes?since={change.pk - 1}",
        "description": names,
        "unique_id": f"{base}/api/v1/changes#{change.pk}",
        "updateddate": change.created_at,
        "pubdate": change.created_at,
    }


def atom_feed() -> bytes:
    """The last changes as Atom, newest first."""
    base = settings.SITE_URL
    feed = feedgenerator.Atom1Feed(
        title="Serviceguiden – ändringar",
        link=f"{base}/api/v1/changes",
        feed_url=f"{base}/api/v1/changes.atom",
        description="Publicerade ändringar av kontaktuppgifter.",
        language="sv",
        feed_guid=f"{base}/api/v1/changes",
    )
    # keyed with the time too: an id of a change whose transaction rolled back can come again
    latest = [
        (base, pk, created)
        for pk, created in Change.objects.order_by("-id").values_list("pk", "created_at")[
            :FEED_LENGTH
        ]
    ]
    missing = [key[1] for key in latest if key not in _FEED_ITEMS]
    for change in Change.objects.filter(pk__in=missing):
        _FEED_ITEMS[(base, change.pk, change.created_at)] = _feed_item(base, change)
    for key in latest:
        if key in _FEED_ITEMS:  # (not when the change went away between the two reads)
            feed.add_item(**_FEED_ITEMS[key])
    if len(_FEED_ITEMS) > 4 * FEED_LENGTH:  # keep the newest
        for key in sorted(_FEED_ITEMS, key=lambda key: key[1])[: -2 * FEED_LENGTH]:
            _FEED_ITEMS.pop(key, None)
    return feed.writeString("utf-8").encode()


def _enqueue_webhooks(change: Change) -> int:
    from serviceguiden.publishing.webhooks import deliver_webhook

    count = 0
    for subscription in Subscription.objects.filter(active=True):
        delivery = Delivery.objects.create(
            subscription=subscription, change=change, message_id=f"msg_{uuid.uuid4().hex}"
        )
        deliver_webhook.enqueue(delivery.pk)
        count += 1
    return count

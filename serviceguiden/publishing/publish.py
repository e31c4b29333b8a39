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
| anything of the contact | everything whose published box shows the contact center (read  |
| center                  | from the store: topics with "contact center first", fallbacks) |

Every publish also rewrites the lists, the search entries and the Atom feed, and removes
artifacts of subjects that are gone (deleted, renamed, back to draft).
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import feedgenerator, timezone

from serviceguiden.directory import resolve
from serviceguiden.directory.models import (
    Channel,
    ExternalActor,
    Function,
    Organisation,
    OrganisationKind,
    Status,
    Topic,
)
from serviceguiden.publishing import gate as gate_module
from serviceguiden.publishing import render, store
from serviceguiden.publishing.models import (
    EXTERNAL_ACTOR,
    FUNCTION,
    ORGANISATION,
    SUBJECT_KINDS,
    TOPIC,
    BlockedPublish,
    Change,
    Delivery,
    Subscription,
)

logger = logging.getLogger(__name__)

FEED_LENGTH = 50
MODEL_KIND = {
    Topic: TOPIC,
    Function: FUNCTION,
    Organisation: ORGANISATION,
    ExternalActor: EXTERNAL_ACTOR,
}


@dataclass(frozen=True)
class Changed:
    """A changed registry entry, by kind and primary key (the slug is kept for removals)."""

    kind: str
    pk: int | None
    slug: str = ""


def describe(obj) -> Changed:
    """A `Changed` for a domain object; a channel stands for its function."""
    if isinstance(obj, Changed):
        return obj
    if isinstance(obj, Channel):
        return Changed(FUNCTION, obj.function_id)
    for model, kind in MODEL_KIND.items():
        if isinstance(obj, model):
            return Changed(kind, obj.pk, obj.slug)
    raise TypeError(f"publishing does not know how to describe {type(obj).__name__}")


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
    blocked: list[dict] = field(default_factory=list)  # subjects the gate refused


# -- entry points -----------------------------------------------------------------------


def publish_after_commit(changed: Iterable, reason: str = "") -> None:
    """Publish what `changed` affects once the current transaction commits (at once when
    there is none). Call it inside the registry's write transaction, after the save.

    Calls within one transaction are gathered: a function saved with five channels, or an
    import of a thousand rows, is published once, when the outermost transaction commits.
    """
    descriptions = tuple(describe(obj) for obj in changed)
    if not descriptions:
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        _publish_logged(descriptions, reason or _default_reason(descriptions))
        return
    block = connection.atomic_blocks[0]
    pending = getattr(connection, "_serviceguiden_pending", None)
    if pending is None or pending.block is not block:
        pending = _Pending(block)
        connection._serviceguiden_pending = pending
    pending.add(descriptions, reason)
    # One callback per call: a callback registered inside a savepoint that is rolled back is
    # dropped, so each call registers its own; the first to run publishes everything pending.
    transaction.on_commit(pending.flush)


def _default_reason(descriptions) -> str:
    return ", ".join(f"{d.kind}:{d.slug or d.pk}" for d in descriptions)


@dataclass
class _Pending:
    """What one outermost transaction has changed so far, in order, without repeats."""

    block: object
    items: dict = field(default_factory=dict)
    reasons: dict = field(default_factory=dict)

    def add(self, descriptions, reason: str) -> None:
        for description in descriptions:
            self.items.setdefault(description, None)
        self.reasons.setdefault(reason or _default_reason(descriptions), None)

    def flush(self) -> None:
        if not self.items:
            return
        descriptions = tuple(self.items)
        reason = "; ".join(self.reasons)
        self.items.clear()
        self.reasons.clear()
        _publish_logged(descriptions, reason)


def _publish_logged(descriptions, reason: str) -> None:
    """The commit has happened: a failure here must not fail the editor's request."""
    try:
        publish(descriptions, reason)
    except Exception:
        logger.exception(
            "Publishing failed after a committed change (%s); the published store may be "
            "stale until `serviceguiden publish --all` runs.",
            reason,
        )


def publish(changed: Iterable, reason: str = "") -> PublishResult:
    """Re-render what `changed` affects now, from the committed registry."""
    descriptions = [describe(obj) for obj in changed]
    started = time.perf_counter()
    with store.lock():
        subjects = affected(descriptions)
        result = _materialise(subjects, reason or "change")
    result.seconds = time.perf_counter() - started
    return result


def publish_all(reason: str = "publish --all") -> PublishResult:
    """Render every subject, remove what is no longer published, rebuild lists and search."""
    started = time.perf_counter()
    with store.lock():
        subjects = {kind: list(publishable(kind)) for kind in SUBJECT_KINDS}
        result = _materialise(subjects, reason)
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


def _is_contact_center(organisation_id) -> bool:
    return Organisation.objects.filter(
        pk=organisation_id, kind=OrganisationKind.CONTACT_CENTER
    ).exists()


def _replaced_chain(function_ids: set[int]) -> set[int]:
    """The functions plus every archived function that (transitively) they replace."""
    ids = set(function_ids)
    frontier = set(function_ids)
    while frontier:
        frontier = (
            set(Function.objects.filter(replaced_by__in=frontier).values_list("pk", flat=True))
            - ids
        )
        ids |= frontier
    return ids


def affected(changes: Iterable[Changed]) -> dict[str, list]:
    """The subjects to re-render, per kind, as fresh objects from the database."""
    topic_q, function_ids, organisation_ids, actor_ids = Q(pk__in=[]), set(), set(), set()
    everything = False
    for change in changes:
        if change.kind == TOPIC:
            topic_q |= Q(pk=change.pk)
        elif change.kind == FUNCTION:
            row = Function.objects.filter(pk=change.pk).values("organisation_id").first()
            if row is None:
                continue
            everything |= _is_contact_center(row["organisation_id"])
            chain = _replaced_chain({change.pk})
            function_ids |= chain
            topic_q |= Q(function__in=chain)
            organisation_ids.add(row["organisation_id"])
        elif change.kind == ORGANISATION:
            everything |= _is_contact_center(change.pk)
            organisation_ids |= {change.pk} | set(
                Organisation.objects.filter(parent=change.pk).values_list("pk", flat=True)
            )
            functions = set(
                Function.objects.filter(organisation=change.pk).values_list("pk", flat=True)
            )
            function_ids |= functions
            topic_q |= Q(function__in=functions) | Q(organisation=change.pk)
        elif change.kind == EXTERNAL_ACTOR:
            actor_ids.add(change.pk)
            topic_q |= Q(external_actor=change.pk)
        else:
            raise ValueError(f"unknown kind {change.kind!r}")
    if everything:
        showing = showing_contact_center()
        if showing is None:  # nothing published yet: render everything
            return {kind: list(publishable(kind)) for kind in SUBJECT_KINDS}
        topic_q |= Q(slug__in=showing[TOPIC])
        function_ids |= set(
            publishable(FUNCTION).filter(slug__in=showing[FUNCTION]).values_list("pk", flat=True)
        )
        organisation_ids |= set(
            publishable(ORGANISATION)
            .filter(Q(slug__in=showing[ORGANISATION]) | Q(kind=OrganisationKind.CONTACT_CENTER))
            .values_list("pk", flat=True)
        )
    return {
        TOPIC: list(publishable(TOPIC).filter(topic_q).distinct()),
        FUNCTION: list(publishable(FUNCTION).filter(pk__in=function_ids)),
        ORGANISATION: list(publishable(ORGANISATION).filter(pk__in=organisation_ids)),
        EXTERNAL_ACTOR: list(publishable(EXTERNAL_ACTOR).filter(pk__in=actor_ids)),
    }


def showing_contact_center() -> dict[str, set[str]] | None:
    """Slugs of the topics, functions and organisations whose published box shows the
    contact center (read from the store), or None when nothing is published yet."""
    if not (store.root() / store.FOLDERS[TOPIC]).is_dir():
        return None
    marker = b'"role":"contact_center"'
    showing: dict[str, set[str]] = {}
    for kind in (TOPIC, FUNCTION, ORGANISATION):
        folder = store.root() / store.FOLDERS[kind]
        showing[kind] = {
            path.name.split(".", 1)[0]
            for path in (folder.glob("*.sv.json") if folder.is_dir() else ())
            if marker in path.read_bytes()
        }
    return showing


# -- writing ----------------------------------------------------------------------------


@dataclass
class _Gated:
    """What the gate decided in one publish: subjects it passed and subjects it blocked."""

    gate: gate_module.Gate = field(default_factory=gate_module.Gate)
    passed: list[tuple[str, object]] = field(default_factory=list)
    blocked: list[tuple[str, object, list]] = field(default_factory=list)


def _artifacts(subjects: dict[str, list], changed_by: dict[str, tuple[str, str]], gated: _Gated):
    """(relpath, bytes) of every artifact of `subjects` that passes the gate, rendered one
    subject at a time; `changed_by` learns which subject each relpath belongs to."""
    resolver = resolve.Resolver().prefetch(
        topics=subjects.get(TOPIC, ()), functions=subjects.get(FUNCTION, ())
    )
    memo: dict = {}
    for kind in SUBJECT_KINDS:
        for obj in subjects.get(kind, []):
            cards = render.cards_for(kind, obj, memo, resolver)
            findings = gated.gate.inspect(cards)
            if findings:
                gated.blocked.append((kind, obj, findings))
                continue
            gated.passed.append((kind, obj))
            for lang, card in cards.items():
                for fmt in store.FORMATS:
                    relpath = store.artifact_path(kind, obj.slug, lang, fmt)
                    changed_by[relpath] = (kind, obj.slug)
                    yield relpath, render.render(card, fmt)


def _sweep(kind: str) -> list[str]:
    """Remove artifacts of subjects that are no longer published; returns their slugs."""
    live = set(publishable(kind).values_list("slug", flat=True))
    gone = sorted(store.existing_slugs(kind) - live)
    for slug in gone:
        for lang in store.LANGS:
            for fmt in store.FORMATS:
                store.remove(store.artifact_path(kind, slug, lang, fmt))
    return gone


def _owner_id(kind: str, obj) -> int | None:
    """The organisation whose editors see a blocked publish of `obj`."""
    if kind == ORGANISATION:
        return obj.pk
    return getattr(obj, "organisation_id", None)


def _record_gate(gated: _Gated, reason: str) -> None:
    """Open (or refresh) a block for each refused subject; close the blocks of subjects that
    passed. Runs in the publish's transaction with the change-feed entry."""
    now = timezone.now()
    for kind in SUBJECT_KINDS:
        slugs = [obj.slug for k, obj in gated.passed if k == kind]
        if slugs:
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


def _materialise(subjects: dict[str, list], reason: str) -> PublishResult:
    result = PublishResult(rendered=sum(len(objs) for objs in subjects.values()))
    changed_by: dict[str, tuple[str, str]] = {}
    gated = _Gated()
    written = store.write_many(_artifacts(subjects, changed_by, gated))
    result.written = len(written)
    result.scanned = gated.gate.scanned
    result.blocked = [{"kind": k, "slug": obj.slug} for k, obj, _ in gated.blocked]
    updated = {changed_by[relpath] for relpath in written}
    for kind in SUBJECT_KINDS:
        for obj in subjects.get(kind, []):
            if (kind, obj.slug) in updated:
                result.subjects.append({"kind": kind, "slug": obj.slug, "action": "updated"})
    for kind in SUBJECT_KINDS:
        for slug in _sweep(kind):
            result.removed += 1
            result.subjects.append({"kind": kind, "slug": slug, "action": "removed"})
    with transaction.atomic():
        _record_gate(gated, reason)
    result.written += _write_indexes()
    if result.subjects:
        with transaction.atomic():
            result.change = Change.objects.create(subjects=result.subjects, reason=reason[:300])
            result.deliveries = _enqueue_webhooks(result.change)
        store.write(store.FEED_PATH, atom_feed())
    return result


def _json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def index_entries(kind: str) -> list[dict]:
    """One list of the read API (`/api/v1/topics` …), sorted by name."""
    if kind == TOPIC:
        return [
            {
                "slug": t.slug,
                "name": t.name,
                "synonyms": [s for s in t.synonyms if isinstance(s, str)],
                "organisation": {"slug": t.organisation.slug, "name": t.organisation.name},
            }
            for t in publishable(TOPIC).order_by("name")
        ]
    if kind == FUNCTION:
        return [
            {
                "slug": f.slug,
                "name": f.name,
                "status": f.status,
                "organisation": {"slug": f.organisation.slug, "name": f.organisation.name},
            }
            for f in publishable(FUNCTION).order_by("name", "slug")
        ]
    if kind == ORGANISATION:
        return [
            {
                "slug": o.slug,
                "name": o.name,
                "kind": o.kind,
                "parent": o.parent.slug if o.parent else None,
                "website": o.website,
            }
            for o in publishable(ORGANISATION).order_by("name")
        ]
    return [
        {"slug": a.slug, "name": a.name, "website": a.website, "purpose": a.purpose}
        for a in publishable(EXTERNAL_ACTOR).order_by("name")
    ]


def search_entries() -> list[dict]:
    """What search looks in: names, synonyms and descriptions of every published subject."""
    entries = []
    for topic in publishable(TOPIC):
        entries.append(
            {
                "kind": TOPIC, "slug": topic.slug, "name": topic.name,
                "synonyms": [s for s in topic.synonyms if isinstance(s, str)],
                "text": f"{topic.description} {topic.organisation.name}",
            }
        )  # fmt: skip
    for function in publishable(FUNCTION).filter(status=Status.PUBLISHED):
        entries.append(
            {
                "kind": FUNCTION, "slug": function.slug, "name": function.name, "synonyms": [],
                "text": f"{function.description} {function.organisation.name}",
            }
        )  # fmt: skip
    for org in publishable(ORGANISATION):
        entries.append(
            {"kind": ORGANISATION, "slug": org.slug, "name": org.name, "synonyms": [], "text": ""}
        )
    for actor in publishable(EXTERNAL_ACTOR):
        entries.append(
            {
                "kind": EXTERNAL_ACTOR, "slug": actor.slug, "name": actor.name, "synonyms": [],
                "text": actor.purpose,
            }
        )  # fmt: skip
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


def _write_indexes() -> int:
    blocked = set(BlockedPublish.objects.open().values_list("kind", "slug"))
    written = 0
    for kind in SUBJECT_KINDS:
        relpath = store.index_path(kind)
        entries = index_entries(kind)
        if blocked:
            entries = _gated_entries(entries, blocked, _previous_entries(relpath), kind)
        written += store.write(relpath, _json(entries))
    entries = search_entries()
    if blocked:
        entries = _gated_entries(entries, blocked, _previous_entries(store.SEARCH_PATH))
    return written + store.write(store.SEARCH_PATH, _json(entries))


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
    for change in Change.objects.order_by("-id")[:FEED_LENGTH]:
        names = ", ".join(f"{s['kind']}:{s['slug']} ({s['action']})" for s in change.subjects[:20])
        more = len(change.subjects) - 20
        if more > 0:
            names += f" … +{more}"
        feed.add_item(
            title=f"Ändring {change.pk}: {len(change.subjects)} uppdaterade",
            link=f"{base}/api/v1/changes?since={change.pk - 1}",
            description=names,
            unique_id=f"{base}/api/v1/changes#{change.pk}",
            updateddate=change.created_at,
            pubdate=change.created_at,
        )
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

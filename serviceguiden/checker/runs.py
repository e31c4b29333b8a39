"""A scan run in the database, from its creation to its summary.

`create` checks the sources and fills the frontier; workers `claim` rows, `record` what they
read (pages, findings, new URLs, each row's state) one transaction per batch; the worker that
sees nothing left runs `finish` once:

1. **site templates** — a block (paragraph) of a web page with findings that repeats on at least
   `SERVICEGUIDEN_SCAN_TEMPLATE_MIN_PAGES` pages is page chrome or a shared block of the CMS:
   its findings are reported once, on a template entry (`kind=template`, the first page's
   address with `#sidmall-…`, `seen_on` pages, a few examples), and removed from the pages;
2. **state across runs** — each finding is matched to its `TrackedFinding` by fingerprint
   (page, rule, kind, value and occurrence; a template's by its block): new, or still
   there; tracked findings on pages this run read again that are gone are fixed;
3. **summary** — counts stored on the run.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.utils import timezone

from serviceguiden.checker.analyse import context, digest
from serviceguiden.checker.models import (
    AcceptedFinding,
    Finding,
    FindingState,
    Page,
    PageKind,
    QueuedUrl,
    RunState,
    ScanRun,
    TrackedFinding,
    UrlKind,
    UrlState,
)
from serviceguiden.checker.sources import seeds
from serviceguiden.directory.models import today

CHUNK = 500
STALE_CLAIM = dt.timedelta(minutes=10)
WORST = 10


def create(sources: list[str], options: dict, user=None, schedule=None) -> ScanRun:
    """A queued run with its frontier; `SourceError` (nothing saved) for a bad source."""
    found = [seed for source in sources for seed in seeds(source, options.get("base_url", ""))]
    options = {**options, "follow": options.get("follow", any(s.kind == "page" for s in found))}
    with transaction.atomic():
        run = ScanRun.objects.create(
            sources=list(sources), options=options, started_by=user,
            started_by_name=user.get_username() if user else "", schedule=schedule,
        )  # fmt: skip
        _insert(run, [(s.url, s.kind, 0, s.referrer) for s in found])
    return run


def start(run_id: int) -> ScanRun | None:
    """The run, now running; None when it is finished or being finished."""
    ScanRun.objects.filter(pk=run_id, state=RunState.QUEUED).update(
        state=RunState.RUNNING, started_at=timezone.now()
    )
    run = ScanRun.objects.get(pk=run_id)
    return run if run.state == RunState.RUNNING else None


def claim(run: ScanRun, worker: str, limit: int) -> list[QueuedUrl]:
    if limit <= 0:
        return []
    with transaction.atomic():
        ids = list(
            QueuedUrl.objects.select_for_update(skip_locked=True)
            .filter(run=run, state=UrlState.PENDING)
            .order_by("depth", "id")
            .values_list("id", flat=True)[:limit]
        )
        if not ids:
            return []
        QueuedUrl.objects.filter(id__in=ids, state=UrlState.PENDING).update(
            state=UrlState.CLAIMED, claimed_by=worker, claimed_at=timezone.now()
        )
        return list(QueuedUrl.objects.filter(id__in=ids, state=UrlState.CLAIMED, claimed_by=worker))


def claims_left(run: ScanRun) -> bool:
    return QueuedUrl.objects.filter(
        run=run, state__in=(UrlState.PENDING, UrlState.CLAIMED)
    ).exists()


def release_stale_claims(run: ScanRun, older_than: dt.timedelta = STALE_CLAIM) -> int:
    """Claims of a worker that died give their URLs back to the queue."""
    return QueuedUrl.objects.filter(
        run=run, state=UrlState.CLAIMED, claimed_at__lt=timezone.now() - older_than
    ).update(state=UrlState.PENDING, claimed_by="", claimed_at=None)


def resume(run: ScanRun) -> ScanRun:
    """Carry on with an interrupted run: every claim is given back, the run runs again."""
    if run.state not in (RunState.RUNNING, RunState.QUEUED, RunState.FAILED):
        raise ValueError(f"run {run.pk} is {run.state}; only an unfinished run can be resumed")
    QueuedUrl.objects.filter(run=run, state=UrlState.CLAIMED).update(
        state=UrlState.PENDING, claimed_by="", claimed_at=None
    )
    ScanRun.objects.filter(pk=run.pk).update(state=RunState.QUEUED, error="")
    run.refresh_from_db()
    return run


def record(run: ScanRun, outcomes, worker: str) -> None:
    """Store one batch: pages and findings, the URLs they lead to, each row's new state."""
    with transaction.atomic():
        ScanRun.objects.select_for_update().filter(pk=run.pk).first()  # one writer of counts
        reasons = _save_pages(run, [o.page for o in outcomes if o.page is not None], worker)
        findings: list[Finding] = []
        new: list[tuple[str, str, int, str]] = []
        states: dict[tuple[str, str], list[int]] = defaultdict(list)
        for outcome in outcomes:
            state, reason = outcome.state, outcome.reason
            if outcome.page is not None:
                saved = reasons.get(id(outcome.page))
                if isinstance(saved, Page):
                    findings.extend(_findings(run, saved, outcome.page))
                else:
                    state, reason = UrlState.SKIPPED, saved
            new.extend(outcome.new)
            states[(state, reason)].append(outcome.item.pk)
        Finding.objects.bulk_create(findings, batch_size=CHUNK)
        _insert(run, new)
        for (state, reason), ids in states.items():
            QueuedUrl.objects.filter(id__in=ids).update(state=state, reason=reason)


def _save_pages(run: ScanRun, results, worker: str) -> dict[int, Page | str]:
    """Each result's saved page, or why it was not saved (a duplicate): one query for the
    duplicates and one insert for the batch; page by page only when another worker saved
    one of them in the meantime."""
    if not results:
        return {}
    hashes = {r.content_hash for r in results if r.content_hash}
    by_hash = dict(
        Page.objects.filter(run=run, content_hash__in=hashes).values_list("content_hash", "url")
    )
    taken = set(Page.objects.filter(run=run, url__in={r.url for r in results})
                .values_list("url", flat=True))  # fmt: skip
    outcome: dict[int, Page | str] = {}
    pages = []
    for result in results:
        if result.content_hash in by_hash:
            outcome[id(result)] = f"duplicate: same content as {by_hash[result.content_hash]}"
        elif result.url in taken:
            outcome[id(result)] = f"duplicate: already read as {result.url}"
        else:
            page = _page(run, result, worker)
            outcome[id(result)] = page
            pages.append(page)
            taken.add(result.url)
            if result.content_hash:
                by_hash[result.content_hash] = result.url
    try:
        with transaction.atomic():
            Page.objects.bulk_create(pages)
    except IntegrityError:  # another worker saved one of these URLs first
        for result in results:
            if isinstance(outcome[id(result)], Page):
                outcome[id(result)] = _save_one(run, result, worker)
    return outcome


def _page(run: ScanRun, result, worker: str) -> Page:
    return Page(
        run=run, url=result.url, kind=result.kind, owner_id=result.owner_id,
        title=result.title, status=result.status, content_hash=result.content_hash,
        text_length=len(result.text), embeds=result.embeds, fetched_by=worker,
    )  # fmt: skip


def _save_one(run: ScanRun, result, worker: str) -> Page | str:
    try:
        with transaction.atomic():
            page = _page(run, result, worker)
            page.save()
            return page
    except IntegrityError:
        return f"duplicate: already read as {result.url}"


def _findings(run: ScanRun, page: Page, result) -> list[Finding]:
    seen: Counter = Counter()
    rows = []
    for d in result.details:
        identity = (d.rule, d.kind, d.normalized or d.value)
        seen[identity] += 1
        before, after = context(result.text, d.start, d.end)
        entry = d.registry
        rows.append(
            Finding(
                run=run, page=page, value=d.value, start=d.start, end=d.end, kind=d.kind,
                label=d.label, rule=d.rule, principle=d.principle, severity=d.severity,
                message=d.message, fix=d.fix, evidence=d.evidence,
                normalized=d.normalized[:300], registry_kind=entry.kind if entry else "",
                registry_key=entry.key if entry else "",
                registry_value=entry.value if entry else "",
                context_before=before, context_after=after, block=d.block,
                fingerprint=digest("|".join((page.url, *identity, str(seen[identity]))), 64),
            )
        )  # fmt: skip
    return rows


def _insert(run: ScanRun, candidates: list[tuple[str, str, int, str]]) -> int:
    """Queue URLs not yet in this run's frontier, up to --max-pages pages and documents."""
    fresh: dict[str, tuple[str, str, int, str]] = {}
    for candidate in candidates:
        fresh.setdefault(digest(candidate[0], 64), candidate)
    keys = list(fresh)
    for start in range(0, len(keys), CHUNK):
        present = QueuedUrl.objects.filter(run=run, key__in=keys[start : start + CHUNK])
        for key in present.values_list("key", flat=True):
            fresh.pop(key, None)
    rows = [
        QueuedUrl(run=run, url=url, key=key, kind=kind, depth=depth, referrer=referrer[:2000])
        for key, (url, kind, depth, referrer) in fresh.items()
    ]
    limit = run.option("max_pages")
    if limit:
        counted = QueuedUrl.objects.filter(run=run).exclude(kind=UrlKind.SITEMAP).count()
        room = max(0, int(limit) - counted)
        kept, dropped = [], 0
        for row in rows:
            if row.kind == UrlKind.SITEMAP or room > 0:
                kept.append(row)
                room -= row.kind != UrlKind.SITEMAP
            else:
                dropped += 1
        rows = kept
        if dropped:
            ScanRun.objects.filter(pk=run.pk).update(not_queued=F("not_queued") + dropped)
    QueuedUrl.objects.bulk_create(rows, batch_size=CHUNK, ignore_conflicts=True)
    return len(rows)


def progress(run: ScanRun) -> dict:
    counts = dict(
        QueuedUrl.objects.filter(run=run)
        .exclude(kind=UrlKind.SITEMAP)
        .values_list("state")
        .annotate(n=Count("id"))
    )
    total = sum(counts.values())
    waiting = counts.get(UrlState.PENDING, 0) + counts.get(UrlState.CLAIMED, 0)
    return {
        "total": total, "done": total - waiting, "read": counts.get(UrlState.DONE, 0),
        "skipped": counts.get(UrlState.SKIPPED, 0), "failed": counts.get(UrlState.FAILED, 0),
        "waiting": waiting,
    }  # fmt: skip


# -- the end of a run ------------------------------------------------------------------------


def finish_if_done(run: ScanRun) -> bool:
    if claims_left(run):
        return False
    if not ScanRun.objects.filter(pk=run.pk, state=RunState.RUNNING).update(
        state=RunState.FINISHING
    ):
        return False  # another worker is finishing it
    try:
        finish(run)
    except Exception as exc:
        ScanRun.objects.filter(pk=run.pk).update(
            state=RunState.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000]
        )
        raise
    return True


def finish(run: ScanRun) -> None:
    with transaction.atomic():
        _templates(run)
    with transaction.atomic():
        _track(run)
    run.refresh_from_db()
    run.finished_at = timezone.now()
    run.summary = summary(run)
    run.state = RunState.DONE
    run.save(update_fields=["summary", "state", "finished_at"])


def _templates(run: ScanRun) -> None:
    minimum = settings.SERVICEGUIDEN_SCAN_TEMPLATE_MIN_PAGES
    repeated = (
        Finding.objects.filter(run=run, page__kind=PageKind.HTML)
        .exclude(block="")
        .values("block")
        .annotate(pages=Count("page", distinct=True))
        .filter(pages__gte=minimum)
    )
    for row in repeated:
        block = row["block"]
        pages = list(
            Page.objects.filter(run=run, kind=PageKind.HTML, findings__block=block)
            .distinct()
            .order_by("id")
            .values("id", "url", "owner_id")
        )
        owners = {p["owner_id"] for p in pages}
        first = pages[0]
        template = Page.objects.create(
            run=run, url=f"{first['url']}#sidmall-{block[:12]}", kind=PageKind.TEMPLATE,
            owner_id=owners.pop() if len(owners) == 1 else None, seen_on=len(pages),
            examples=[p["url"] for p in pages[:5]],
            title=f"Återkommande block på {len(pages)} sidor",
        )  # fmt: skip
        moved = list(Finding.objects.filter(page_id=first["id"], block=block))
        seen: Counter = Counter()
        for finding in moved:
            identity = (finding.rule, finding.kind, finding.normalized or finding.value)
            seen[identity] += 1
            finding.page = template
            finding.fingerprint = digest("|".join(("template", block, *identity,
                                                   str(seen[identity]))), 64)  # fmt: skip
        Finding.objects.bulk_update(moved, ["page", "fingerprint"], batch_size=CHUNK)
        Finding.objects.filter(run=run, block=block, page__kind=PageKind.HTML).delete()


def _track(run: ScanRun) -> None:
    rows = list(
        Finding.objects.filter(run=run).values_list(
            "fingerprint", "page__url", "page__owner_id", "rule", "value"
        )  # fmt: skip
    )
    fingerprints = [r[0] for r in rows]
    known: set[str] = set()
    for start in range(0, len(fingerprints), CHUNK):
        known.update(
            TrackedFinding.objects.filter(
                fingerprint__in=fingerprints[start : start + CHUNK]
            ).values_list("fingerprint", flat=True)
        )
    TrackedFinding.objects.bulk_create(
        [
            TrackedFinding(
                fingerprint=fp,
                url=url,
                owner_id=owner,
                rule=rule,
                value=value,
                first_run=run,
                last_run=run,
            )  # fmt: skip
            for fp, url, owner, rule, value in {r[0]: r for r in rows}.values()
            if fp not in known
        ],
        batch_size=CHUNK,
        ignore_conflicts=True,
    )
    for start in range(0, len(fingerprints), CHUNK):
        TrackedFinding.objects.filter(fingerprint__in=fingerprints[start : start + CHUNK]).exclude(
            last_run=run
        ).update(last_run=run, fixed_run=None)
    Finding.objects.filter(run=run).update(
        tracked=Subquery(
            TrackedFinding.objects.filter(fingerprint=OuterRef("fingerprint")).values("id")[:1]
        )
    )
    Finding.objects.filter(run=run).exclude(tracked__first_run=run).update(state=FindingState.STILL)
    urls = Page.objects.filter(run=run).values_list("url", flat=True)
    read = {url.split("#", 1)[0] for url in urls}
    gone = [
        pk
        for pk, url in TrackedFinding.objects.filter(fixed_run__isnull=True)
        .exclude(last_run=run)
        .values_list("id", "url")
        if url.split("#", 1)[0] in read
    ]
    for start in range(0, len(gone), CHUNK):
        TrackedFinding.objects.filter(id__in=gone[start : start + CHUNK]).update(fixed_run=run)


# -- counting ------------------------------------------------------------------------------


def accepted_ids(on: dt.date | None = None) -> Subquery:
    """Tracked findings with an acceptance in force."""
    return Subquery(
        AcceptedFinding.objects.filter(revoked_at__isnull=True, ends_on__gte=on or today()).values(
            "tracked_id"
        )
    )


def open_findings(run: ScanRun):
    """The run's findings that count: not covered by an acceptance in force."""
    return Finding.objects.filter(run=run).exclude(tracked_id__in=accepted_ids())


def summary(run: ScanRun) -> dict:
    findings = open_findings(run)
    pages = Page.objects.filter(run=run)
    by_kind = dict(pages.values_list("kind").annotate(n=Count("id")))
    frontier = QueuedUrl.objects.filter(run=run).exclude(kind=UrlKind.SITEMAP)
    reasons = Counter()
    for reason, n in (
        frontier.filter(state__in=(UrlState.SKIPPED, UrlState.FAILED))
        .values_list("reason")
        .annotate(n=Count("id"))
    ):
        reasons[reason.split(":", 1)[0][:80]] += n
    return {
        "pages": sum(n for kind, n in by_kind.items() if kind != PageKind.TEMPLATE),
        "templates": by_kind.get(PageKind.TEMPLATE, 0),
        "by_kind": by_kind,
        "pages_with_errors": findings.filter(severity="error").values("page").distinct().count(),
        "findings": findings.count(),
        "by_principle": dict(findings.values_list("principle").annotate(n=Count("id"))),
        "by_severity": dict(findings.values_list("severity").annotate(n=Count("id"))),
        "by_rule": dict(findings.values_list("rule").annotate(n=Count("id"))),
        "new": findings.filter(state=FindingState.NEW).count(),
        "fixed": TrackedFinding.objects.filter(fixed_run=run).count(),
        "embeds": sum(pages.values_list("embeds", flat=True)),
        "skipped": frontier.filter(state=UrlState.SKIPPED).count(),
        "failed": frontier.filter(state=UrlState.FAILED).count(),
        "reasons": dict(reasons.most_common(10)),
        "not_queued": run.not_queued,
        "worst": [
            {"url": p.url, "errors": p.n_errors, "warnings": p.n_warnings} for p in worst_pages(run)
        ],
        "seconds": round(
            (
                (run.finished_at or timezone.now()) - (run.started_at or run.created_at)
            ).total_seconds(),
            1,
        ),  # fmt: skip
    }


def worst_pages(run: ScanRun, owner_filter: Q | None = None, limit: int = WORST):
    accepted = accepted_ids()
    live = ~Q(findings__tracked_id__in=accepted)
    pages = Page.objects.filter(run=run)
    if owner_filter is not None:
        pages = pages.filter(owner_filter)
    return (
        pages.annotate(
            n_errors=Count("findings", filter=Q(findings__severity="error") & live),
            n_warnings=Count("findings", filter=Q(findings__severity="warning") & live),
        )
        .filter(Q(n_errors__gt=0) | Q(n_warnings__gt=0))
        .order_by("-n_errors", "-n_warnings", "url")[:limit]
    )

"""Propagation benchmark: change the contact center's phone number (shown in every topic)
and measure, from the commit, the time until every affected artifact is rewritten in the
published store, the change-feed entry is recorded and the webhooks are enqueued.

    .venv/bin/python bench/publish_propagation.py                 # SQLite, 30 changes
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sg_bench \\
        .venv/bin/python bench/publish_propagation.py             # (createdb sg_bench first)
    .venv/bin/python bench/publish_propagation.py --runs 50 --topics 200 --json

Target (issue 4): p95 ≤ 1 s from commit, with 150+ topics.

Much of the time goes to the file system (a contact center change rewrites ~1,600 files), so
the report names the store's file system. ext4 without a journal (this machine's root) will
not reuse an inode freed in the last 30 s and scans past every one of them on each create
(`recently_deleted` in `__ext4_new_inode`): back-to-back changes took 0.7-1.4 s each until
the store recycled replaced inodes instead of creating and freeing 1,600 per change.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from functools import partial
from pathlib import Path

from publish_common import build_registry, prepare_environment


def watch_the_gate() -> list[list]:
    """Count the cards the publish gate reads, and the time it takes, per change: each run
    appends [cards, seconds] and the gate adds to the last."""
    from serviceguiden.publishing import gate

    runs: list[list] = [[0, 0.0]]
    inspect = gate.Gate.inspect

    def timed(self, cards, *args):
        started = time.perf_counter()
        try:
            return inspect(self, cards, *args)
        finally:
            runs[-1][0] += len(cards)
            runs[-1][1] += time.perf_counter() - started

    gate.Gate.inspect = timed
    runs.clear()
    return runs


def store_filesystem(path) -> str:
    """'ext4 (journal)', 'ext4 (no journal)', 'tmpfs' … for the mount holding `path`."""
    best, fstype, device = "", "unknown", ""
    for line in Path("/proc/mounts").read_text().splitlines():
        dev, mount, kind = line.split()[:3]
        if str(path).startswith(mount.rstrip("/") + "/") and len(mount) > len(best):
            best, fstype, device = mount, kind, dev
    if fstype == "ext4":
        name = Path(device).name
        journal = any(p.name.startswith(name + "-") for p in Path("/proc/fs/jbd2").glob("*"))
        return f"ext4 ({'journal' if journal else 'no journal'})"
    return fstype


def mark_commit(marks: dict) -> None:
    marks["commit"] = time.perf_counter()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--topics", type=int, default=160)
    parser.add_argument("--data-dir", help="use this data directory (default: a new temporary one)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--change", choices=("contact-center", "function"), default="contact-center",
        help="change the contact center's number (shown in every topic, the default) or an "
        "ordinary function's (shown in the topics routed to it)",
    )  # fmt: skip
    args = parser.parse_args()

    data_dir = prepare_environment(args.data_dir)
    from django.db import connection, transaction

    from serviceguiden.directory.editing import save_channel
    from serviceguiden.publishing import store
    from serviceguiden.publishing.models import Delivery
    from serviceguiden.publishing.publish import publish_all

    started = time.perf_counter()
    root, center_function = build_registry(topics=args.topics)
    built = time.perf_counter() - started
    full = publish_all()
    topic_slugs = sorted(p.name.split(".")[0] for p in (store.root() / "topics").glob("*.sv.json"))
    changed_function = center_function
    if args.change == "function":
        from serviceguiden.directory.models import Function, Topic

        changed_function = Function.objects.get(slug="sbk-service")
        topic_slugs = sorted(Topic.objects.filter(function=changed_function).values_list(
            "slug", flat=True))  # fmt: skip

    gate_runs = watch_the_gate()
    seconds, written, subjects = [], [], []
    deliveries_before = Delivery.objects.count()
    for run in range(args.runs):
        number = f"031-365 {10 + run // 90:02d} {10 + run % 90:02d}"
        marks: dict[str, float] = {}
        gate_runs.append([0, 0.0])
        with transaction.atomic():
            # Registered before the save, so it runs first at the commit; the registry's save
            # registers the publish itself (every write publishes after commit).
            transaction.on_commit(partial(mark_commit, marks))
            channel = changed_function.channels.get(kind="phone")
            channel.value = number
            save_channel(channel, root)
        seconds.append(time.perf_counter() - marks["commit"])
        latest = json.loads(store.read(f"topics/{topic_slugs[-1]}.sv.json").data)
        shown = [ch["value"] for c in latest["contacts"] for ch in c["channels"]]
        assert number in shown, "not propagated"
        from serviceguiden.publishing.models import Change

        change = Change.objects.order_by("-id").first()
        subjects.append(len(change.subjects))
        written.append(change.pk)
    enqueued = Delivery.objects.count() - deliveries_before

    ordered = sorted(seconds)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    result = {
        "database": connection.vendor,
        "data_dir": str(data_dir),
        "change": args.change,
        "topics_showing_the_change": len(topic_slugs),
        "subjects_rewritten_per_change": statistics.median(subjects),
        "files_per_full_publish": full.written,
        "full_publish_s": round(full.seconds, 3),
        "registry_build_s": round(built, 1),
        "runs": args.runs,
        "webhooks_enqueued": enqueued,
        "propagation_p50_ms": round(statistics.median(seconds) * 1000, 1),
        "propagation_p95_ms": round(p95 * 1000, 1),
        "propagation_max_ms": round(max(seconds) * 1000, 1),
        "propagation_runs_ms": [round(s * 1000) for s in seconds],
        "gate_cards_scanned_per_change": statistics.median(r[0] for r in gate_runs),
        "gate_ms_per_change_p50": round(statistics.median(r[1] for r in gate_runs) * 1000, 1),
        "store": str(store.root()),
        "store_filesystem": store_filesystem(store.root().resolve()),
        "target_p95_ms": 1000,
        "load_average_1m": round(os.getloadavg()[0], 2),
        "cores": os.cpu_count(),
    }
    target = 1000 if args.change == "contact-center" else 100
    result["target_p95_ms"] = target
    result["target_met"] = result["propagation_p95_ms"] <= target
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        what = "contact center" if args.change == "contact-center" else "an ordinary function's"
        print(f"Propagation on {result['database']}: {what} number changed {args.runs}×, "
              f"shown in {len(topic_slugs)} topics ({result['subjects_rewritten_per_change']} "
              f"subjects rewritten per change, {enqueued} webhooks enqueued)")  # fmt: skip
        print(f"  from commit to store rewritten + feed + webhooks enqueued: "
              f"p50 {result['propagation_p50_ms']} ms, p95 {result['propagation_p95_ms']} ms, "
              f"max {result['propagation_max_ms']} ms (target p95 ≤ {target} ms: "
              f"{'met' if result['target_met'] else 'MISSED'})")  # fmt: skip
        print(f"  each run (ms): {result['propagation_runs_ms']}")
        print(f"  publish gate: {result['gate_cards_scanned_per_change']} cards scanned per "
              f"change, p50 {result['gate_ms_per_change_p50']} ms of the propagation")  # fmt: skip
        print(f"  full publish: {full.written} files in {result['full_publish_s']} s; "
              f"load average {result['load_average_1m']} on {result['cores']} cores; "
              f"store on {result['store_filesystem']}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

# ruff: noqa: T201
"""Check corpus/contacts.jsonl (or a hold-out set given as path) and print its counts.

Checks: every record has the required fields and known formats; every finding and trap
value occurs verbatim in the text, as many times as it is listed (and, where an offset is
given, exactly at that offset); kinds, labels and trap types are known; no span is marked
twice; no trap overlaps a finding; ids are unique.

Run: .venv/bin/python corpus/validate.py [path]   (exit code 1 when a check fails)
     e.g. corpus/holdout.jsonl, corpus/holdout2.jsonl
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from build import TRAPS  # corpus/build.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
from serviceguiden.policy.cities import find_municipality  # noqa: E402

KINDS = {
    "email",
    "phone",
    "person_name",
    "postal_address",
    "visiting_address",
    "web_form",
    "website",
    "personnummer",
}
LABELS = {
    "function", "contact_center", "personal", "external", "city_company", "unknown", "national",
}  # fmt: skip
TRAP_TYPES = TRAPS  # one list of trap types, kept where the corpus is built
FORMATS = {"text", "html", "markdown"}
DEFAULT = Path(__file__).resolve().parent / "contacts.jsonl"


def validate(path: Path) -> tuple[list[str], dict]:
    errors: list[str] = []
    kinds: Counter = Counter()
    labels: Counter = Counter()
    kind_label: Counter = Counter()
    traps: Counter = Counter()
    formats: Counter = Counter()
    tags: Counter = Counter()
    ids: set[str] = set()
    docs = 0
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"line {lineno}"
        try:
            doc = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"{where}: invalid JSON: {exc}")
            continue
        docs += 1
        for key in ("id", "format", "text", "findings", "traps"):
            if key not in doc:
                errors.append(f"{where}: missing field {key!r}")
        doc_id = doc.get("id", "?")
        where = f"{doc_id} (line {lineno})"
        if doc_id in ids:
            errors.append(f"{where}: duplicate id")
        ids.add(doc_id)
        if doc.get("format") not in FORMATS:
            errors.append(f"{where}: unknown format {doc.get('format')!r}")
        formats[doc.get("format")] += 1
        if "city" in doc:
            if find_municipality(doc["city"]) is None:
                errors.append(f"{where}: city={doc['city']!r} is no Swedish municipality's slug")
            else:
                tags[f"city={find_municipality(doc['city']).slug}"] += 1
        for tag in doc.get("tags", []):
            tags[tag] += 1
        text = doc.get("text", "")
        spans: list[tuple[int, int, str]] = []
        listed: Counter = Counter()
        for item in doc.get("findings", []):
            value, kind, label = item.get("value"), item.get("kind"), item.get("label")
            if kind not in KINDS:
                errors.append(f"{where}: unknown kind {kind!r} for {value!r}")
            if label not in LABELS:
                errors.append(f"{where}: unknown label {label!r} for {value!r}")
            if not value or value not in text:
                errors.append(f"{where}: finding value {value!r} not in text")
                continue
            listed[value] += 1
            kinds[kind] += 1
            labels[label] += 1
            kind_label[(kind, label)] += 1
            if "start" in item:
                start = item["start"]
                if text[start : start + len(value)] != value:
                    errors.append(f"{where}: {value!r} is not at offset {start}")
                spans.append((start, start + len(value), f"finding {value!r}"))
        for item in doc.get("traps", []):
            value, ttype = item.get("value"), item.get("type")
            if ttype not in TRAP_TYPES:
                errors.append(f"{where}: unknown trap type {ttype!r}")
            if not value or value not in text:
                errors.append(f"{where}: trap value {value!r} not in text")
                continue
            listed[value] += 1
            traps[ttype] += 1
            if "start" in item:
                start = item["start"]
                if text[start : start + len(value)] != value:
                    errors.append(f"{where}: trap {value!r} is not at offset {start}")
                spans.append((start, start + len(value), f"trap {value!r}"))
        for value, n in listed.items():
            if text.count(value) < n:
                errors.append(f"{where}: {value!r} listed {n} times, occurs {text.count(value)}")
        spans.sort()
        for (_s1, e1, what1), (s2, _e2, what2) in zip(spans, spans[1:], strict=False):
            if s2 < e1:
                errors.append(f"{where}: {what1} overlaps {what2}")
    stats = {
        "documents": docs,
        "formats": formats,
        "tags": tags,
        "kinds": kinds,
        "labels": labels,
        "kind_label": kind_label,
        "traps": traps,
    }
    return errors, stats


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else DEFAULT
    errors, stats = validate(path)
    total = sum(stats["kinds"].values())
    print(
        f"{path.name}: {stats['documents']} documents, {total} findings, "
        f"{sum(stats['traps'].values())} traps"
    )
    print("formats: " + ", ".join(f"{k} {v}" for k, v in sorted(stats["formats"].items())))
    if stats["tags"]:
        print("tags:    " + ", ".join(f"{k} {v}" for k, v in sorted(stats["tags"].items())))
    labels = sorted(LABELS)
    print()
    print(f"{'kind':<18}" + "".join(f"{lab[:12]:>13}" for lab in labels) + f"{'total':>8}")
    for kind in sorted(KINDS):
        row = [stats["kind_label"][(kind, lab)] for lab in labels]
        print(f"{kind:<18}" + "".join(f"{n:>13}" for n in row) + f"{sum(row):>8}")
    print(
        f"{'total':<18}" + "".join(f"{stats['labels'][lab]:>13}" for lab in labels) + f"{total:>8}"
    )
    print()
    print("traps:   " + ", ".join(f"{k} {v}" for k, v in sorted(stats["traps"].items())))
    missing = [k for k in KINDS if not stats["kinds"][k]] + [
        lab for lab in LABELS if not stats["labels"][lab]
    ]
    if missing:
        print(f"not covered: {', '.join(sorted(missing))}")
    if errors:
        print(f"\n{len(errors)} error(s):")
        for err in errors:
            print("  " + err)
        return 1
    print("\nOK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

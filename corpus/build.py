# ruff: noqa: T201
"""Compile the hand-written corpus sources (corpus/src/*.txt) into corpus/contacts.jsonl.

Source format (one file holds many documents):

    === <id> | <format> [| tag,tag]
    document text, with gold findings and traps marked inline:
      ⟦value|kind|label⟧   a contact detail (kind and label may be abbreviated)
      ⟪value|trap_type⟫    something that must NOT be reported (date, Dnr, quoted name ...)
    placeholders: {nbsp} U+00A0, {thin} U+2009, {nnbsp} U+202F, {figsp} U+2007,
                  {shy} U+00AD, {zwsp} U+200B

Lines starting with `#` before the first `===` are comments. The markup is removed and the
offsets of every marked span are recorded, so gold values are exact substrings of the text.

A header may carry tags and `city=<slug>` after the format, in any order:

    === <id> | <format> | messy | city=lund

`city=` marks a page of another municipality: its labels are relative to that municipality's
profile (`serviceguiden.policy.cities`), and the bench scans it with that profile. The label
`ns` marks a national service number (112, 1177, 114 14 …).

src/<set>/*.txt compile the same way into corpus/<set>.jsonl for each hold-out set (holdout,
holdout2 … holdout8).

Run: .venv/bin/python corpus/build.py   (then corpus/validate.py)
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
OUT = HERE / "contacts.jsonl"
# The hold-out sets: src/<name>/*.txt compiles to <name>.jsonl (see README.md for which are
# still unseen).
HOLDOUTS = (
    "holdout",
    "holdout2",
    "holdout3",
    "holdout4",
    "holdout5",
    "holdout6",
    "holdout7",
    "holdout8",
    "holdout9",
)

KINDS = {
    "e": "email",
    "p": "phone",
    "n": "person_name",
    "pa": "postal_address",
    "va": "visiting_address",
    "wf": "web_form",
    "w": "website",
    "pnr": "personnummer",
}
LABELS = {
    "f": "function",
    "cc": "contact_center",
    "pe": "personal",
    "x": "external",
    "co": "city_company",
    "u": "unknown",
    "ns": "national",
}
TRAPS = {
    "date",
    "hours",
    "dnr",
    "postcode",
    "amount",
    "orgnr",
    "giro",
    "stat",
    "year",
    "pages",
    "ref",
    "quoted_name",
    "photo_credit",
    "byline",
    "mentioned_name",
    "not_email",
}
PLACEHOLDERS = {
    "{nbsp}": "\u00a0",
    "{thin}": "\u2009",
    "{nnbsp}": "\u202f",
    "{figsp}": "\u2007",
    "{shy}": "\u00ad",
    "{zwsp}": "\u200b",
}
MARK = re.compile(
    r"⟦(?P<fv>[^⟧]*?)\|(?P<kind>[a-z_]+)\|(?P<label>[a-z_]+)⟧"
    r"|⟪(?P<tv>[^⟫]*?)\|(?P<trap>[a-z_]+)⟫"
)
HEADER = re.compile(
    r"^=== (?P<id>[\w.-]+) \| (?P<fmt>text|html|markdown)(?P<rest>(?: \| [^|]+)*)\s*$"
)
# After the format: tags ('messy,html-split') and 'city=<slug>' (the page is another
# municipality's: its labels are relative to that municipality's profile), in any order.
CITY_TAG = re.compile(r"city=(?P<city>[\w-]+)")


class SourceError(ValueError):
    pass


def compile_doc(doc_id: str, fmt: str, tags: list[str], raw: str, city: str = "") -> dict:
    for key, char in PLACEHOLDERS.items():
        raw = raw.replace(key, char)
    out: list[str] = []
    findings: list[dict] = []
    traps: list[dict] = []
    pos = 0
    length = 0
    for m in MARK.finditer(raw):
        chunk = raw[pos : m.start()]
        out.append(chunk)
        length += len(chunk)
        if m.group("fv") is not None:
            value = m.group("fv")
            kind = KINDS.get(m.group("kind"), m.group("kind"))
            label = LABELS.get(m.group("label"), m.group("label"))
            if kind not in KINDS.values():
                raise SourceError(f"{doc_id}: unknown kind {kind!r}")
            if label not in LABELS.values():
                raise SourceError(f"{doc_id}: unknown label {label!r}")
            findings.append({"value": value, "kind": kind, "label": label, "start": length})
        else:
            value = m.group("tv")
            trap = m.group("trap")
            if trap not in TRAPS:
                raise SourceError(f"{doc_id}: unknown trap type {trap!r}")
            traps.append({"value": value, "type": trap, "start": length})
        if not value:
            raise SourceError(f"{doc_id}: empty marked value")
        out.append(value)
        length += len(value)
        pos = m.end()
    out.append(raw[pos:])
    text = "".join(out)
    if "⟦" in text or "⟧" in text or "⟪" in text or "⟫" in text:
        raise SourceError(f"{doc_id}: unbalanced markup")
    record = {"id": doc_id, "format": fmt, "text": text, "findings": findings, "traps": traps}
    if tags:
        record["tags"] = tags
    if city:
        record["city"] = city
    return record


def parse_file(path: Path) -> list[dict]:
    docs = []
    current = None
    lines: list[str] = []

    def flush():
        if current is not None:
            body = "\n".join(lines).strip("\n") + "\n"
            docs.append(compile_doc(*current[:3], body, city=current[3]))

    for line in path.read_text(encoding="utf-8").split("\n"):
        m = HEADER.match(line)
        if m:
            flush()
            tags, city = [], ""
            for part in (p.strip() for p in m.group("rest").split("|")):
                if city_tag := CITY_TAG.fullmatch(part):
                    city = city_tag.group("city")
                elif re.fullmatch(r"[\w,-]+", part):
                    tags += [t for t in part.split(",") if t]
                elif part:
                    raise SourceError(f"{path.name}: unknown header part {part!r} in {line!r}")
            current = (m.group("id"), m.group("fmt"), tags, city)
            lines = []
        elif line.startswith("==="):
            raise SourceError(f"{path.name}: malformed header {line!r}")
        elif current is not None:
            lines.append(line)
    flush()
    return docs


def compile_set(sources: list[Path], out: Path) -> int:
    docs: list[dict] = []
    for path in sources:
        docs.extend(parse_file(path))
    ids = [d["id"] for d in docs]
    dupes = {i for i in ids if ids.count(i) > 1}
    if dupes:
        raise SourceError(f"duplicate ids: {sorted(dupes)}")
    with out.open("w", encoding="utf-8") as fh:
        for doc in docs:
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
    print(f"wrote {len(docs)} documents to {out.relative_to(HERE.parent)}")
    return len(docs)


def main() -> int:
    compile_set(sorted(SRC.glob("*.txt")), OUT)
    for name in HOLDOUTS:
        if (SRC / name).is_dir():
            compile_set(sorted((SRC / name).glob("*.txt")), HERE / f"{name}.jsonl")
    return 0


if __name__ == "__main__":
    sys.exit(main())

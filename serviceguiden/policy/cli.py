"""`serviceguiden check`: find contact details in files, directories or stdin and report which
principle each one breaks. Exit status: 0 when nothing of severity error was found, 1 when
something was, 2 on usage errors or when an input could not be read (and nothing was found).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from serviceguiden.policy.profile import ProfileError, load_profile
from serviceguiden.policy.scan import scan

TEXT_SUFFIXES = {".html", ".htm", ".xhtml", ".md", ".markdown", ".txt", ".text", ".jsonl"}
FORMAT_BY_SUFFIX = {
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".md": "markdown", ".markdown": "markdown",
    ".txt": "text", ".text": "text",
}  # fmt: skip


class UsageError(Exception):
    pass


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="serviceguiden check",
        description="Find contact details in pages and report how they break the contact "
        "principles P1-P4. Reads files, directories (recursively: .html, .htm, .md, .txt) "
        "and '-' for standard input.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="file, directory or -")
    parser.add_argument("--format", choices=["text", "json"], default="text", dest="output")
    parser.add_argument("--profile", metavar="FILE", help="city profile TOML (default: Göteborg)")
    parser.add_argument(
        "--input-format",
        choices=["auto", "text", "html", "markdown"],
        default="auto",
        help="how to read the input (default: sniff it)",
    )
    parser.add_argument("--lang", choices=["sv", "en"], default="sv", help="message language")
    return parser


def iter_sources(paths: list[str]) -> Iterator[tuple[str, Path | None]]:
    for raw in paths:
        if raw == "-":
            yield "-", None
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file())
            for file in files:
                if file.suffix.lower() in TEXT_SUFFIXES - {".jsonl"}:
                    yield str(file), file
        else:
            yield raw, path


def read_source(source: str, path: Path | None) -> str:
    data = sys.stdin.buffer.read() if path is None else path.read_bytes()
    if b"\x00" in data[:8192]:
        raise UsageError(f"{source}: not a text file (binary content); give HTML, Markdown or text")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UsageError(f"{source}: cannot decode as UTF-8 or Windows-1252 text")


def main(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)  # exits with status 2 on usage errors
    paths = args.paths
    if not paths:
        if sys.stdin.isatty():
            parser.print_usage(sys.stderr)
            sys.stderr.write("serviceguiden check: give at least one PATH, or - for stdin\n")
            return 2
        paths = ["-"]
    try:
        profile = load_profile(args.profile)
    except ProfileError as exc:
        sys.stderr.write(f"serviceguiden check: {exc}\n")
        return 2
    documents: list[dict[str, Any]] = []
    problems: list[dict[str, str]] = []
    any_error = False
    for source, path in iter_sources(paths):
        try:
            raw = read_source(source, path)
        except FileNotFoundError:
            problems.append({"source": source, "error": "no such file or directory"})
            continue
        except PermissionError:
            problems.append({"source": source, "error": "permission denied"})
            continue
        except IsADirectoryError:
            problems.append({"source": source, "error": "is a directory"})
            continue
        except UsageError as exc:
            problems.append({"source": source, "error": str(exc).split(": ", 1)[-1]})
            continue
        except OSError as exc:
            problems.append({"source": source, "error": exc.strerror or str(exc)})
            continue
        fmt = None if args.input_format == "auto" else args.input_format
        if fmt is None and path is not None:
            fmt = FORMAT_BY_SUFFIX.get(path.suffix.lower())
        findings = scan(raw, profile, fmt=fmt, lang=args.lang)
        any_error = any_error or any(f.severity == "error" for f in findings)
        documents.append({"source": source, "text": raw, "findings": findings})
    for problem in problems:
        sys.stderr.write(f"serviceguiden check: {problem['source']}: {problem['error']}\n")
    if args.output == "json":
        payload = {
            "documents": [
                {"source": d["source"], "findings": [f.to_dict() for f in d["findings"]]}
                for d in documents
            ],
            "errors": problems,
        }
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        write_text_report(documents, args.lang)
    if any_error:
        return 1
    return 2 if problems else 0


def write_text_report(documents: list[dict], lang: str) -> None:
    out = sys.stdout
    totals = {"error": 0, "warning": 0, "info": 0}
    for doc in documents:
        text = doc["text"]
        for f in doc["findings"]:
            totals[f.severity] += 1
            line = text.count("\n", 0, f.start) + 1
            column = f.start - (text.rfind("\n", 0, f.start) + 1) + 1
            value = f.value.replace("\n", " ")
            out.write(
                f"{doc['source']}:{line}:{column}: {f.severity} {f.rule} [{f.label}] "
                f"{f.kind} '{value}'\n    {f.message}\n    "
                f"{'Fix' if lang == 'en' else 'Åtgärd'}: {f.fix}\n"
            )
    if lang == "en":
        summary = (
            f"{len(documents)} document(s): {totals['error']} error(s), "
            f"{totals['warning']} warning(s), {totals['info']} info"
        )
    else:
        summary = (
            f"{len(documents)} dokument: {totals['error']} fel, {totals['warning']} varningar, "
            f"{totals['info']} info"
        )
    out.write(summary + "\n")

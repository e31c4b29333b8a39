"""`serviceguiden check`: find contact details in files, directories or stdin and report which
principle each one breaks. Exit status: 0 when nothing of severity error was found, 1 when
something was, 2 on usage errors or when an input could not be read (and nothing was found).

Each page is read with its municipality's profile: the one `--city` names, else the one its
canonical address or its own links and mailboxes point to, else the default (Gothenburg) or
`--profile FILE`.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from serviceguiden.policy import cities
from serviceguiden.policy.known import Known
from serviceguiden.policy.profile import (
    CityProfile,
    ProfileError,
    load_profile,
    read_toml,
    with_base,
)
from serviceguiden.policy.profile_check import check_profile
from serviceguiden.policy.report import SEVERITIES, write_text_report
from serviceguiden.policy.scan import scan

TEXT_SUFFIXES = {".html", ".htm", ".xhtml", ".md", ".markdown", ".txt", ".text", ".jsonl"}
FORMAT_BY_SUFFIX = {
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".md": "markdown", ".markdown": "markdown",
    ".txt": "text", ".text": "text",
}  # fmt: skip
URL = re.compile(r"^(?:https?://|www\.)", re.I)
PROGRESS_FROM = 20  # files: fewer are read too fast for a progress bar to help


SUMMARY = "Check pages for contact details that break P1-P4 (no database)"  # `--help` line


class UsageError(Exception):
    pass


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="serviceguiden check",
        description="Find contact details in pages and report how they break the contact "
        "principles P1-P4. Reads files, directories (recursively: .html, .htm, .md, .txt) "
        "and '-' for standard input. Web addresses are checked by `serviceguiden scan`.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="file, directory or -")
    parser.add_argument("--format", choices=["text", "json"], default="text", dest="output")
    parser.add_argument(
        "--city",
        metavar="CITY",
        help="the municipality whose pages these are, by name or slug ('lund', 'Malmö'); "
        "default: found from each page's domain, else Göteborg",
    )
    parser.add_argument("--profile", metavar="FILE", help="a city profile TOML of your own")
    parser.add_argument(
        "--registry",
        metavar="FILE",
        help="the registry's export (JSON): its channels are never called personal, and "
        "fixes name the registry function to show instead",
    )
    parser.add_argument(
        "--min-severity",
        choices=SEVERITIES,
        default="info",
        help="report findings of this severity and above (default: info, everything)",
    )
    parser.add_argument(
        "--input-format",
        choices=["auto", "text", "html", "markdown"],
        default="auto",
        help="how to read the input (default: sniff it)",
    )
    parser.add_argument("--lang", choices=["sv", "en"], default="sv", help="message language")
    parser.add_argument(
        "--list-cities", action="store_true", help="list the municipalities and their slugs"
    )
    parser.add_argument(
        "--validate-profile", metavar="FILE", help="check a city profile file and list its problems"
    )
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
    if path is not None and URL.match(source) and not path.exists():
        raise UsageError(
            f"{source}: a web address, not a file; `serviceguiden check` reads files and "
            f"standard input. Check a web page with `serviceguiden scan {source}`"
        )
    data = sys.stdin.buffer.read() if path is None else path.read_bytes()
    if b"\x00" in data[:8192]:
        raise UsageError(f"{source}: not a text file (binary content); give HTML, Markdown or text")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UsageError(f"{source}: cannot decode as UTF-8 or Windows-1252 text")


class Profiles:
    """The profile each page is read with."""

    def __init__(self, city: str | None, profile_file: str | None) -> None:
        self.fixed: CityProfile | None = None
        if profile_file:
            self.fixed = load_profile(profile_file)
        elif city:
            self.fixed = cities.city_profile(city)

    def for_page(self, raw: str) -> CityProfile:
        if self.fixed is not None:
            return self.fixed
        municipality = cities.city_of_page(raw)
        return cities.city_profile(municipality.slug) if municipality else load_profile()


def validate_profile(file: str) -> int:
    try:
        problems = check_profile(with_base(read_toml(Path(file))))
    except ProfileError as exc:
        problems = [str(exc)]
    if not problems:
        sys.stdout.write(f"{file}: OK\n")
        return 0
    sys.stdout.write(f"{file}: {len(problems)} problem(s)\n")
    sys.stdout.write("".join(f"  - {p}\n" for p in problems))
    return 1


def list_cities() -> int:
    for m in cities.municipalities():
        sys.stdout.write(f"{m.slug:<20} {m.name:<32} {', '.join(m.domains)}\n")
    return 0


def load_known(file: str | None) -> Known | None:
    if not file:
        return None
    try:
        data = json.loads(Path(file).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UsageError(f"--registry {file}: cannot read the registry export: {exc}") from None
    if not isinstance(data, dict) or "functions" not in data:
        raise UsageError(
            f"--registry {file}: not a registry export (no 'functions'); "
            "make one with `serviceguiden export`"
        )
    return Known.from_export(data)


def _progress(total: int):
    """A rich progress bar on a terminal when many files are read; None otherwise."""
    if total < PROGRESS_FROM or not sys.stderr.isatty():
        return None
    from rich.console import Console
    from rich.progress import Progress  # only when shown

    progress = Progress(console=Console(file=sys.stderr), transient=True)
    progress.start()
    return progress


def main(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)  # exits with status 2 on usage errors
    if args.list_cities:
        return list_cities()
    if args.validate_profile:
        return validate_profile(args.validate_profile)
    paths = args.paths
    if not paths:
        if sys.stdin.isatty():
            parser.print_usage(sys.stderr)
            sys.stderr.write("serviceguiden check: give at least one PATH, or - for stdin\n")
            return 2
        paths = ["-"]
    try:
        profiles = Profiles(args.city, args.profile)
        known = load_known(args.registry)
    except (ProfileError, UsageError) as exc:
        sys.stderr.write(f"serviceguiden check: {exc}\n")
        return 2
    sources = list(iter_sources(paths))
    documents, problems = check_sources(sources, profiles, known, args)
    for problem in problems:
        sys.stderr.write(f"serviceguiden check: {problem['source']}: {problem['error']}\n")
    if args.output == "json":
        write_json(documents, problems)
    else:
        write_text_report(sys.stdout, documents, args.lang)
    if any(f.severity == "error" for d in documents for f in d["all"]):
        return 1
    return 2 if problems else 0


def check_sources(sources, profiles: Profiles, known, args) -> tuple[list[dict], list[dict]]:
    documents: list[dict[str, Any]] = []
    problems: list[dict[str, str]] = []
    least = SEVERITIES.index(args.min_severity)
    progress = _progress(len(sources))
    task = (
        progress.add_task("Läser" if args.lang == "sv" else "Reading", total=len(sources))
        if (progress)
        else None
    )
    try:
        for source, path in sources:
            if progress is not None:
                progress.advance(task)
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
            profile = profiles.for_page(raw)
            found = scan(raw, profile, fmt=fmt, lang=args.lang, known=known)
            shown = [f for f in found if SEVERITIES.index(f.severity) >= least]
            documents.append(
                {"source": source, "text": raw, "findings": shown, "all": found,
                 "city": profile.slug or profile.name}
            )  # fmt: skip
    finally:
        if progress is not None:
            progress.stop()
    return documents, problems


def write_json(documents: list[dict], problems: list[dict]) -> None:
    payload = {
        "documents": [
            {
                "source": d["source"],
                "city": d["city"],
                "findings": [f.to_dict() for f in d["findings"]],
            }
            for d in documents
        ],
        "errors": problems,
    }
    json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")

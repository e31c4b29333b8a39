"""`serviceguiden scan SOURCE…`: crawl the city's pages (a start URL, a sitemap, a local
mirror or a WARC file), hold every contact detail against the registry and report what
breaks the principles. Results are kept in the database (the editor's "Granskning").

Exit status: 0 when nothing of severity error was found, 1 when something was, 2 on usage
errors (a bad source or option; nothing is saved then)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from serviceguiden.checker import report, runs
from serviceguiden.checker.crawl import run_slice
from serviceguiden.checker.models import RunState, ScanRun
from serviceguiden.checker.rules import SEVERITIES
from serviceguiden.checker.sources import SourceError
from serviceguiden.checker.tasks import enqueue_run


class Command(BaseCommand):
    summary = "Scan the city's pages and documents against the registry"
    help = (
        "Scan the city's pages and linked documents for contact details and hold them against "
        "the registry. SOURCE is a start URL, a sitemap URL, a folder (a mirror) or a WARC file."
    )

    def add_arguments(self, parser):
        parser.add_argument("sources", nargs="*", metavar="SOURCE")
        parser.add_argument("--max-pages", type=int, help="read at most N pages and documents")
        parser.add_argument("--max-depth", type=int, help="follow links at most N steps deep")
        parser.add_argument("--concurrency", type=int, default=4, help="requests at a time (4)")
        parser.add_argument("--delay", type=float, default=0.0,
                            help="seconds between requests to one host (robots.txt's "
                            "Crawl-delay when larger)")  # fmt: skip
        parser.add_argument(
            "--allow-private",
            action="store_true",
            help="allow loopback and private addresses (a local test site)",
        )
        parser.add_argument("--no-documents", action="store_true", help="skip PDF, DOCX, ODT")
        parser.add_argument(
            "--base-url", default="", help="the address of a local folder's root (a mirror)"
        )
        parser.add_argument("--format", choices=["text", "json", "csv", "xlsx"], default="text")
        parser.add_argument("--output", metavar="FILE", help="write the report here")
        parser.add_argument("--min-severity", choices=SEVERITIES, default="info")
        parser.add_argument("--lang", choices=["sv", "en"], default="sv")
        parser.add_argument(
            "--queue",
            action="store_true",
            help="split the crawl into tasks for `serviceguiden worker` processes",
        )
        parser.add_argument(
            "--tasks", type=int, default=2, help="crawl tasks at a time with --queue (2)"
        )
        parser.add_argument(
            "--wait",
            action="store_true",
            help="with --queue: wait for the workers and print the report",
        )
        parser.add_argument("--resume", type=int, metavar="RUN", help="carry on with a run")
        parser.add_argument("--report", type=int, metavar="RUN", help="report an earlier run")

    def handle(self, *args, **opts):
        translation.activate(opts["lang"])
        if opts["format"] == "xlsx" and not opts["output"]:
            raise CommandError("--format xlsx needs --output FILE (a spreadsheet is binary).")
        for name in ("max_pages", "max_depth", "concurrency", "tasks"):
            if opts[name] is not None and opts[name] < (0 if name == "max_depth" else 1):
                raise CommandError(f"--{name.replace('_', '-')} must be a positive number.")
        run = self._run(opts)
        if run is None:
            return
        self._report(run, opts)
        if run.state != RunState.DONE:
            return
        if report.selected(run, "error").exists():
            sys.exit(1)

    def _run(self, opts) -> ScanRun | None:
        if opts["report"] or opts["resume"]:
            number = opts["report"] or opts["resume"]
            run = ScanRun.objects.filter(pk=number).first()
            if run is None:
                raise CommandError(f"There is no scan run {number}.")
            if opts["report"]:
                return run
            try:
                run = runs.resume(run)
            except ValueError as exc:
                raise CommandError(str(exc)) from None
        else:
            if not opts["sources"]:
                raise CommandError(
                    "Give at least one SOURCE: a start URL, a sitemap URL, a "
                    "folder or a WARC file (or --report/--resume RUN)."
                )
            try:
                run = runs.create(opts["sources"], _options(opts))
            except SourceError as exc:
                raise CommandError(str(exc)) from None
        if opts["queue"]:
            enqueue_run(run, opts["tasks"])
            self.stderr.write(f"Scan run {run.pk} queued for `serviceguiden worker`.")
            if not opts["wait"]:
                return None
            return self._wait(run)
        self._crawl(run)
        run.refresh_from_db()
        return run

    def _crawl(self, run: ScanRun) -> None:
        if not sys.stderr.isatty():
            run_slice(run.pk)
            return
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

        columns = ("{task.description}", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, transient=True) as bar:
            task = bar.add_task(f"Run {run.pk}", total=None)

            def show(counts: dict) -> None:
                bar.update(task, total=counts["total"], completed=counts["done"])

            run_slice(run.pk, progress=show)

    def _wait(self, run: ScanRun) -> ScanRun:
        import time

        while True:
            run.refresh_from_db()
            if not run.is_active:
                return run
            time.sleep(0.5)

    def _report(self, run: ScanRun, opts) -> None:
        fmt, minimum = opts["format"], opts["min_severity"]
        if fmt == "xlsx":
            Path(opts["output"]).write_bytes(report.as_xlsx(run, report.selected(run, minimum)))
            self.stderr.write("\n".join(report.summary_lines(run)))
            return
        if fmt == "json":
            text = json.dumps(report.as_json(run, minimum), ensure_ascii=False, indent=1) + "\n"
        elif fmt == "csv":
            text = report.as_csv(report.selected(run, minimum))
        else:
            text = report.as_text(run, minimum)
        if run.state == RunState.FAILED:
            self.stderr.write(f"Scan run {run.pk} failed: {run.error}")
        if opts["output"]:
            Path(opts["output"]).write_text(text, encoding="utf-8")
            self.stderr.write("\n".join(report.summary_lines(run)))
        else:
            self.stdout.write(text, ending="")


def _options(opts) -> dict:
    options = {
        "concurrency": opts["concurrency"], "delay": opts["delay"],
        "allow_private": opts["allow_private"], "documents": not opts["no_documents"],
        "lang": opts["lang"], "base_url": opts["base_url"],
    }  # fmt: skip
    if opts["max_pages"]:
        options["max_pages"] = opts["max_pages"]
    if opts["max_depth"] is not None:
        options["max_depth"] = opts["max_depth"]
    return options

"""A run's results as JSON, text, CSV or XLSX — for the command line and the editor's
exports alike. Findings covered by an acceptance in force are left out (they are listed
with their reason in the editor)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from serviceguiden.checker.models import Finding, Page, ScanRun
from serviceguiden.checker.rules import SEVERITIES
from serviceguiden.checker.runs import open_findings

CSV_FIELDS = [
    "url", "owner", "page_kind", "value", "kind", "label", "principle", "rule", "severity",
    "state", "message", "fix", "registry_kind", "registry_key", "registry_value", "context",
]  # fmt: skip


def selected(run: ScanRun, min_severity: str = "info", owner: Q | None = None):
    findings = open_findings(run).filter(severity__in=SEVERITIES[SEVERITIES.index(min_severity) :])
    if owner is not None:
        findings = findings.filter(owner)
    return findings.select_related("page", "page__owner").order_by("page__url", "start", "id")


def run_json(run: ScanRun) -> dict:
    return {
        "id": run.pk,
        "sources": run.sources,
        "state": run.state,
        "started_at": run.started_at.isoformat() if run.started_at else None,
        "finished_at": run.finished_at.isoformat() if run.finished_at else None,
        "options": {k: v for k, v in run.options.items() if k != "base_url" or v},
        "summary": run.summary,
    }


def finding_json(f: Finding) -> dict:
    return {
        "url": f.page.url, "value": f.value, "start": f.start, "end": f.end, "kind": f.kind,
        "label": f.label,
        "principle": f.principle, "rule": f.rule, "severity": f.severity, "message": f.message,
        "fix": f.fix, "registry": f.registry, "state": f.state, "evidence": f.evidence,
    }  # fmt: skip


def as_json(run: ScanRun, min_severity: str = "info") -> dict:
    """`{"run": {...}, "pages": [{"url", "owner", "findings": [...]}]}`: every page read,
    with the findings of at least `min_severity`."""
    by_page: dict[int, list[dict]] = {}
    for finding in selected(run, min_severity):
        by_page.setdefault(finding.page_id, []).append(finding_json(finding))
    pages = []
    for page in Page.objects.filter(run=run).select_related("owner").order_by("url"):
        entry = {
            "url": page.url, "owner": page.owner.slug if page.owner else None,
            "kind": page.kind, "title": page.title, "embeds": page.embeds,
            "findings": by_page.get(page.pk, []),
        }  # fmt: skip
        if page.kind == "template":
            entry.update(seen_on=page.seen_on, examples=page.examples)
        pages.append(entry)
    return {"run": run_json(run), "pages": pages}


def rows(findings: Iterable[Finding]) -> Iterator[list]:
    for f in findings:
        yield [
            f.page.url, f.page.owner.slug if f.page.owner else "", f.page.kind, f.value, f.kind,
            f.label, f.principle, f.rule, f.severity, f.state, f.message, f.fix,
            f.registry_kind, f.registry_key, f.registry_value,
            f"{f.context_before}[{f.value}]{f.context_after}",
        ]  # fmt: skip


def as_csv(findings: Iterable[Finding]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_FIELDS)
    writer.writerows(rows(findings))
    return out.getvalue()


def as_xlsx(run: ScanRun, findings: Iterable[Finding]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook(write_only=False)
    sheet = book.active
    sheet.title = "Fynd"
    sheet.append(CSV_FIELDS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows(findings):
        sheet.append([_cell(v) for v in row])
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    about = book.create_sheet("Körning")
    summary = run.summary or {}
    for key in ("pages", "pages_with_errors", "findings", "new", "fixed", "embeds", "seconds"):
        about.append([key, summary.get(key)])
    for name in ("by_principle", "by_severity"):
        for key, value in sorted(summary.get(name, {}).items()):
            about.append([f"{name}.{key}", value])
    about.append(["sources", ", ".join(run.sources)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(value):
    # A cell starting with = + - @ would be read as a formula by spreadsheet programs.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def as_text(run: ScanRun, min_severity: str = "info") -> str:
    lines = []
    current = None
    for f in selected(run, min_severity):
        if f.page_id != current:
            current = f.page_id
            owner = f.page.owner.name if f.page.owner else _("not assigned")
            extra = ""
            if f.page.kind == "template":
                extra = " " + _("(template, on %(n)s pages)") % {"n": f.page.seen_on}
            lines.append(f"\n{f.page.url}{extra} — {owner}")
        where = f" [{f.registry_kind} {f.registry_key}]" if f.registry_kind else ""
        lines.append(f"  {f.start}-{f.end} {f.severity:7} {f.rule}: {f.value}{where}")
        lines.append(f"      {f.message}")
        lines.append(f"      → {f.fix}")
    lines.append("")
    lines.extend(summary_lines(run))
    return "\n".join(lines).lstrip("\n") + "\n"


def summary_lines(run: ScanRun) -> list[str]:
    s = run.summary or {}
    principles = ", ".join(f"{k} {v}" for k, v in sorted(s.get("by_principle", {}).items()))
    counts = s.get("by_severity", {})
    severities = ", ".join(f"{k} {counts.get(k, 0)}" for k in reversed(SEVERITIES))
    out = [
        _(
            "Run %(run)s: %(pages)s pages and documents read in %(seconds)s s, %(templates)s "
            "repeated blocks, %(embeds)s embedded contact boxes."
        )
        % {"run": run.pk, "pages": s.get("pages", 0), "seconds": s.get("seconds", 0),
           "templates": s.get("templates", 0), "embeds": s.get("embeds", 0)},
        _("Findings: %(n)s (%(severities)s); by principle: %(principles)s.")
        % {"n": s.get("findings", 0), "severities": severities, "principles": principles or "–"},
        _("New %(new)s, fixed since the run before %(fixed)s; pages with errors: %(errors)s.")
        % {"new": s.get("new", 0), "fixed": s.get("fixed", 0),
           "errors": s.get("pages_with_errors", 0)},
        _("Skipped %(skipped)s, failed %(failed)s, not queued (--max-pages) %(dropped)s.")
        % {"skipped": s.get("skipped", 0), "failed": s.get("failed", 0),
           "dropped": s.get("not_queued", 0)},
    ]  # fmt: skip
    if s.get("reasons"):
        reasons = "; ".join(f"{k} ({v})" for k, v in s["reasons"].items())
        out.append("  " + _("Why: %(reasons)s") % {"reasons": reasons})
    if s.get("worst"):
        out.append(_("Worst pages:"))
        out.extend(
            "  "
            + ngettext("%(count)s error", "%(count)s errors", w["errors"]) % {"count": w["errors"]}
            + ", "
            + ngettext("%(count)s warning", "%(count)s warnings", w["warnings"])
            % {"count": w["warnings"]}
            + f"  {w['url']}"
            for w in s["worst"]
        )
    return out

"""Export and import of the whole registry as JSON.

The format (`FORMAT`, version 1) keys every entry by its `key` (slug), never by database
ids, so an export imports into any database::

    {"format": "serviceguiden-registry", "format_version": 1, "exported_at": "...",
     "organisations": [...], "external_actors": [...], "exceptions": [...],
     "functions": [{"key": ..., "channels": [...]}, ...], "topics": [...]}

Import is one transaction. Every row is saved through the same domain functions as any
edit (access, validation, history); a row that fails is reported with its path, rule,
message and fix. When any row fails, nothing is imported — unless `partial=True`, which
keeps the rows that passed. Importing a file twice changes nothing the second time.
No user accounts are exported: an account is never published.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, transaction
from django.utils import timezone

from serviceguiden.directory import access, validation
from serviceguiden.directory.editing import (
    delete_channel,
    save_channel,
    save_external_actor,
    save_function,
    save_organisation,
    save_topic,
)
from serviceguiden.directory.errors import Problem, RegistryError, problem
from serviceguiden.directory.lifecycle import archive_function, publish_function
from serviceguiden.directory.models import (
    Channel,
    ExternalActor,
    Function,
    Organisation,
    PolicyException,
    Status,
    Topic,
)
from serviceguiden.directory.policy_exceptions import grant_exception, revoke_exception

logger = logging.getLogger(__name__)

FORMAT = "serviceguiden-registry"
FORMAT_VERSION = 1
SECTIONS = ("organisations", "external_actors", "exceptions", "functions", "topics")


# -- export -----------------------------------------------------------------------------


def export_organisation(org: Organisation) -> dict:
    return {
        "key": org.slug,
        "name": org.name,
        "kind": org.kind,
        "parent": org.parent.slug if org.parent_id else None,
        "general_email": org.general_email,
        "website": org.website,
        "domains": list(org.domains),
    }


def export_actor(actor: ExternalActor) -> dict:
    return {"key": actor.slug, "name": actor.name, "website": actor.website,
            "purpose": actor.purpose, "national_number": actor.national_number}  # fmt: skip


def export_exception(exception: PolicyException) -> dict:
    return {
        "organisation": exception.organisation.slug,
        "value": exception.value,
        "reason": exception.reason,
        "ends_on": exception.ends_on.isoformat(),
        "granted_by": exception.granted_by_name,
        "revoked_at": exception.revoked_at.isoformat() if exception.revoked_at else None,
    }


def export_channel(channel: Channel) -> dict:
    return {"kind": channel.kind, "value": channel.value, "label": channel.label,
            "hours": channel.hours or {},
            "shared_mobile_reason": channel.shared_mobile_reason}  # fmt: skip


def export_function(function: Function) -> dict:
    return {
        "key": function.slug,
        "organisation": function.organisation.slug,
        "name": function.name,
        "description": function.description,
        "status": function.status,
        "review_by": function.review_by.isoformat(),
        "replaced_by": function.replaced_by.slug if function.replaced_by_id else None,
        "is_contact_center": function.is_contact_center,
        "channels": [export_channel(c) for c in function.channels.order_by("position", "id")],
    }


def export_topic(topic: Topic) -> dict:
    return {
        "key": topic.slug,
        "organisation": topic.organisation.slug,
        "name": topic.name,
        "synonyms": list(topic.synonyms),
        "description": topic.description,
        "function": topic.function.slug if topic.function_id else None,
        "external_actor": topic.external_actor.slug if topic.external_actor_id else None,
        "contact_center_first": topic.contact_center_first,
    }


def export_registry() -> dict:
    """The whole registry, in a stable order (so two exports of one registry are equal)."""
    exceptions = PolicyException.objects.select_related("organisation").order_by(
        "organisation__slug", "normalized", "ends_on", "created_at", "id"
    )
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at": timezone.now().isoformat(timespec="seconds"),
        "organisations": [
            export_organisation(o)
            for o in Organisation.objects.select_related("parent").order_by("slug")
        ],
        "external_actors": [export_actor(a) for a in ExternalActor.objects.order_by("slug")],
        "exceptions": [export_exception(e) for e in exceptions],
        "functions": [
            export_function(f)
            for f in Function.objects.select_related("organisation", "replaced_by").order_by("slug")
        ],
        "topics": [
            export_topic(t)
            for t in Topic.objects.select_related(
                "organisation", "function", "external_actor"
            ).order_by("slug")
        ],
    }  # fmt: skip


# -- import -----------------------------------------------------------------------------


@dataclass
class ImportReport:
    created: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SECTIONS, 0))
    updated: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SECTIONS, 0))
    unchanged: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SECTIONS, 0))
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    partial: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def imported(self) -> bool:
        """Whether anything was written (all rows, or with `partial` the good ones)."""
        return self.ok or self.partial

    def as_dict(self) -> dict:
        return {
            "ok": self.ok,
            "imported": self.imported,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "problems": [p.as_dict() for p in self.problems],
            "warnings": [p.as_dict() for p in self.warnings],
        }


class ImportFailed(Exception):
    """Raised inside the import transaction to roll it back; carries the report."""

    def __init__(self, report: ImportReport):
        super().__init__(f"{len(report.problems)} problems")
        self.report = report


class _RowError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems


def _text(row: dict, key: str, *, required: bool = False, default: str = "") -> str:
    value = row.get(key, default)
    if value is None:
        value = default
    if not isinstance(value, str):
        raise _RowError([problem("REG-format", key, detail=f"{key} must be text")])
    if required and not value.strip():
        raise _RowError([problem("REG-required", key, label=key)])
    return value


def _bool(row: dict, key: str, default: bool = False) -> bool:
    """A JSON true or false, strictly: the text "false" is not taken for true."""
    value = row.get(key, default)
    if value is None:
        return default
    if not isinstance(value, bool):
        raise _RowError([problem("REG-format", key, detail=f"{key} must be true or false")])
    return value


def _date(row: dict, key: str) -> dt.date:
    try:
        return dt.date.fromisoformat(_text(row, key, required=True))
    except ValueError:
        raise _RowError([problem("REG-format", key, detail=f"{key}: YYYY-MM-DD")]) from None


def _ref(model, slug: object, key: str, what: str):
    if slug in (None, ""):
        return None
    if not isinstance(slug, str):
        raise _RowError([problem("REG-format", key, detail=f"{key} must be a key (text)")])
    found = model.objects.filter(slug=slug).first()
    if found is None:
        raise _RowError([problem("REG-reference", key, what=what, value=slug)])
    return found


def _key_of(row: object) -> str | None:
    key = row.get("key") if isinstance(row, dict) else None
    return key if isinstance(key, str) else None


def _parent_of(row: object) -> str | None:
    parent = row.get("parent") if isinstance(row, dict) else None
    return parent if isinstance(parent, str) and parent else None


class _Importer:
    def __init__(self, data: dict, user, partial: bool):
        self.data = data
        self.user = user
        self.report = ImportReport(partial=partial)

    def row(self, section: str, index: int, row: object, work: Callable[[dict], str | None]):
        """Run one row in a savepoint; record its outcome or its problems."""
        key = _key_of(row)
        where = f"{section}[{index}]" + (f" ({key[:60]})" if key else "")
        try:
            if not isinstance(row, dict):
                raise _RowError([problem("REG-format", "", detail="each row is an object")])
            with transaction.atomic():
                outcome = work(row)
            if outcome:
                getattr(self.report, outcome)[section] += 1
        except (_RowError, RegistryError) as exc:
            self.report.problems += [p.at(where) for p in exc.problems]
        except PermissionDenied as exc:
            self.report.problems.append(problem("REG-permission", "", detail=str(exc)).at(where))
        except (TypeError, ValueError, ArithmeticError, DatabaseError) as exc:
            # A value of a shape no check foresaw: reported with the row, never a traceback
            # (the row's savepoint is rolled back).
            logger.warning("Import row %s refused: %r", where, exc)
            detail = f"a value of the wrong type or size ({type(exc).__name__})"
            self.report.problems.append(problem("REG-format", "", detail=detail).at(where))

    def warn(self, warnings: list[Problem], where: str) -> None:
        self.report.warnings += [w.at(where) for w in warnings]

    # organisations: parents before children
    def organisations(self) -> None:
        rows = list(enumerate(self.data.get("organisations", [])))
        keys_in_file = {_key_of(r) for _, r in rows} - {None}
        done: set = set()
        while rows:
            ready = [
                (i, r)
                for i, r in rows
                if _parent_of(r) is None
                or _parent_of(r) in done
                or _parent_of(r) not in keys_in_file
            ]
            if not ready:  # a cycle: report each remaining row
                ready = rows
            for index, row in ready:
                self.row("organisations", index, row, self.organisation)
                done.add(_key_of(row))
            rows = [item for item in rows if item not in ready]

    def organisation(self, row: dict) -> str:
        existing = Organisation.objects.filter(slug=_text(row, "key", required=True)).first()
        if existing is not None and export_organisation(existing) == _plain(row, existing):
            return "unchanged"
        org = existing or Organisation(slug=row["key"])
        org.name = _text(row, "name", required=True)
        org.kind = _text(row, "kind", required=True)
        org.parent = _ref(Organisation, row.get("parent"), "parent", "Organisation")
        org.general_email = _text(row, "general_email")
        org.website = _text(row, "website")
        org.domains = row.get("domains") or []
        if not isinstance(org.domains, list):
            raise _RowError([problem("REG-domain-format", "domains", value=str(org.domains)[:80])])
        self.warn(save_organisation(org, self.user), f"organisations ({org.slug})")
        return "updated" if existing else "created"

    def actor(self, row: dict) -> str:
        existing = ExternalActor.objects.filter(slug=_text(row, "key", required=True)).first()
        if existing is not None and export_actor(existing) == _plain(row, existing):
            return "unchanged"
        actor = existing or ExternalActor(slug=row["key"])
        actor.name = _text(row, "name", required=True)
        actor.website = _text(row, "website", required=True)
        actor.purpose = _text(row, "purpose")
        actor.national_number = _text(row, "national_number")
        save_external_actor(actor, self.user)
        return "updated" if existing else "created"

    def exception(self, row: dict) -> str:
        org = _ref(Organisation, _text(row, "organisation", required=True), "organisation",
                   "Organisation")  # fmt: skip
        value = _text(row, "value", required=True)
        ends_on = _date(row, "ends_on")
        key = validation.normalize(validation.exception_kind(value), value)
        existing = PolicyException.objects.filter(
            organisation=org, normalized=key, ends_on=ends_on, reason=_text(row, "reason")
        ).first()
        if existing is not None:
            return "unchanged"
        exception = grant_exception(
            org, value, reason=_text(row, "reason", required=True), ends_on=ends_on,
            user=self.user, check_window=False, granted_by_name=_text(row, "granted_by"),
        )  # fmt: skip
        if row.get("revoked_at"):
            try:
                revoked = dt.datetime.fromisoformat(_text(row, "revoked_at"))
            except ValueError:
                raise _RowError(
                    [problem("REG-format", "revoked_at", detail="revoked_at: ISO date and time")]
                ) from None
            revoke_exception(exception, self.user, at=revoked)
        return "created"

    def function(self, row: dict) -> str:
        existing = Function.objects.filter(slug=_text(row, "key", required=True)).first()
        if existing is not None and export_function(existing) == _plain(row, existing):
            return "unchanged"
        status = _text(row, "status", default=Status.DRAFT)
        if status not in Status.values:
            raise _RowError(
                [problem("REG-choice", "status", value=status, label="status",
                         choices=", ".join(Status.values))]
            )  # fmt: skip
        if existing is not None and existing.status != status and status == Status.DRAFT:
            raise _RowError(
                [problem("REG-status-change", "status",
                         detail_sv=f"{existing.name} är redan {existing.get_status_display()}.",
                         detail_en=f"{existing.name} is already {existing.status}.")]
            )  # fmt: skip
        function = existing or Function(slug=row["key"])
        function.organisation = _ref(
            Organisation, _text(row, "organisation", required=True), "organisation",
            "Organisation",
        )  # fmt: skip
        function.name = _text(row, "name", required=True)
        function.description = _text(row, "description")
        function.review_by = _date(row, "review_by")
        function.is_contact_center = _bool(row, "is_contact_center")
        self.warn(save_function(function, self.user), f"functions ({function.slug})")
        self.channels(function, row.get("channels") or [])
        if status == Status.PUBLISHED and function.status == Status.DRAFT:
            function.refresh_from_db()
            publish_function(function, self.user)
        if status == Status.ARCHIVED and function.status != Status.ARCHIVED:
            self.to_archive.append((function.slug, row.get("replaced_by")))
        return "updated" if existing else "created"

    def channels(self, function: Function, rows: object) -> None:
        if not isinstance(rows, list):
            raise _RowError([problem("REG-format", "channels", detail="channels is a list")])
        current = list(function.channels.order_by("position", "id"))
        problems: list[Problem] = []
        for position, row in enumerate(rows):
            if not isinstance(row, dict):
                problems.append(problem("REG-format", f"channels[{position}]",
                                        detail="each channel is an object"))  # fmt: skip
                continue
            channel = current[position] if position < len(current) else Channel()
            before = export_channel(channel) if channel.pk else None
            try:
                channel.function = function
                channel.kind = _text(row, "kind")
                channel.value = _text(row, "value")
                channel.label = _text(row, "label")
                channel.shared_mobile_reason = _text(row, "shared_mobile_reason")
                channel.hours = row.get("hours") or {}
                if not isinstance(channel.hours, dict):
                    raise _RowError(
                        [problem("REG-format", "hours", detail="hours must be an object")]
                    )
            except _RowError as exc:
                problems += [p.at(f"channels[{position}]") for p in exc.problems]
                continue
            channel.position = position
            if before == export_channel(channel):
                continue
            try:
                warnings = save_channel(channel, self.user, allow_lapsed_exception=True)
                self.warn(warnings, f"functions ({function.slug}).channels[{position}]")
            except RegistryError as exc:
                problems += [p.at(f"channels[{position}]") for p in exc.problems]
        for channel in current[len(rows) :]:
            delete_channel(channel, self.user)
        if problems:
            raise _RowError(problems)

    def archive_pending(self) -> None:
        """Archive after all functions exist; a function before the one that replaces it."""
        pending = list(self.to_archive)
        while pending:
            replaced = {r for _, r in pending}
            ready = [(s, r) for s, r in pending if s not in replaced] or pending
            for slug, replacement_slug in ready:
                index = next(i for i, r in enumerate(self.data["functions"])
                             if isinstance(r, dict) and r.get("key") == slug)  # fmt: skip

                def work(row, slug=slug, replacement_slug=replacement_slug):
                    function = Function.objects.get(slug=slug)
                    replacement = _ref(Function, replacement_slug, "replaced_by", "Funktion")
                    archive_function(function, self.user, replacement=replacement)
                    return None  # the row was counted when it was saved

                self.row("functions", index, self.data["functions"][index], work)
            pending = [item for item in pending if item not in ready]

    def topic(self, row: dict) -> str:
        existing = Topic.objects.filter(slug=_text(row, "key", required=True)).first()
        if existing is not None and export_topic(existing) == _plain(row, existing):
            return "unchanged"
        topic = existing or Topic(slug=row["key"])
        topic.organisation = _ref(
            Organisation, _text(row, "organisation", required=True), "organisation",
            "Organisation",
        )  # fmt: skip
        topic.name = _text(row, "name", required=True)
        topic.synonyms = row.get("synonyms") or []
        topic.description = _text(row, "description")
        topic.function = _ref(Function, row.get("function"), "function", "Funktion")
        topic.external_actor = _ref(
            ExternalActor, row.get("external_actor"), "external_actor", "Extern aktör"
        )
        topic.contact_center_first = _bool(row, "contact_center_first")
        self.warn(save_topic(topic, self.user), f"topics ({topic.slug})")
        return "updated" if existing else "created"

    def run(self) -> ImportReport:
        self.to_archive: list[tuple[str, str | None]] = []
        self.organisations()
        for index, row in enumerate(self.data.get("external_actors", [])):
            self.row("external_actors", index, row, self.actor)
        for index, row in enumerate(self.data.get("exceptions", [])):
            self.row("exceptions", index, row, self.exception)
        for index, row in enumerate(self.data.get("functions", [])):
            self.row("functions", index, row, self.function)
        self.archive_pending()
        for index, row in enumerate(self.data.get("topics", [])):
            self.row("topics", index, row, self.topic)
        return self.report


def _plain(row: dict, existing) -> dict:
    """A row in the exact shape the exporter writes, to tell unchanged rows apart."""
    shape = {
        Organisation: export_organisation,
        ExternalActor: export_actor,
        Function: export_function,
        Topic: export_topic,
    }[type(existing)](existing)
    plain = {name: row.get(name, shape[name]) for name in shape}
    if isinstance(existing, Function) and isinstance(plain["channels"], list):
        # A file written before a channel field existed leaves it out: its default applies.
        defaults = export_channel(Channel())
        plain["channels"] = [
            {**defaults, **c} if isinstance(c, dict) else c for c in plain["channels"]
        ]
    return plain


MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 12  # the export format nests 6 deep (hours' exceptions); anything deeper is not it


class FileRefused(Exception):
    """An import file that cannot be read as an export: a clear message, nothing imported."""


def parse_export(raw: bytes, name: str = "the file") -> object:
    """The data of an export file, or `FileRefused` naming what is wrong and the fix: too big,
    not UTF-8, not JSON, nested deeper than the format ever is."""
    if len(raw) > MAX_FILE_BYTES:
        raise FileRefused(
            f"{name} is {len(raw) // (1024 * 1024)} MiB; at most "
            f"{MAX_FILE_BYTES // (1024 * 1024)} MiB are read. Split the import into several files."
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileRefused(
            f"{name} is not UTF-8 text (byte {exc.start}). Save it as UTF-8 and try again."
        ) from None
    if _nesting(text) > MAX_DEPTH:  # before json.loads: 100,000 brackets never reach it
        raise FileRefused(
            f"{name} nests lists and objects more than {MAX_DEPTH} deep; an export never "
            "does. Start from a file written by `serviceguiden export`."
        )
    try:
        return json.loads(text, parse_constant=_no_constant)
    except (ValueError, RecursionError) as exc:
        raise FileRefused(f"{name} is not valid JSON: {exc}") from None


_STRUCTURE = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _nesting(text: str) -> int:
    """How deep lists and objects nest, brackets inside strings not counted; stops counting
    past MAX_DEPTH."""
    depth = deepest = 0
    for match in _STRUCTURE.finditer(text):
        char = match.group()
        if char in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_DEPTH:
                    break
        elif char in "]}":
            depth -= 1
    return deepest


def _no_constant(name: str):
    raise ValueError(f"{name} is not a JSON value")


def check_format(data: object) -> list[Problem]:
    if not isinstance(data, dict):
        return [problem("REG-format", "", detail="the top level must be an object")]
    problems = []
    if data.get("format") != FORMAT:
        problems.append(problem("REG-format", "format", detail=f"format must be {FORMAT!r}"))
    if data.get("format_version") != FORMAT_VERSION:
        problems.append(
            problem("REG-format", "format_version",
                    detail=f"format_version must be {FORMAT_VERSION}")
        )  # fmt: skip
    for section in SECTIONS:
        if not isinstance(data.get(section, []), list):
            problems.append(problem("REG-format", section, detail=f"{section} must be a list"))
    return problems


def import_registry(data: object, user, *, partial: bool = False) -> ImportReport:
    """Import an export file's data as `user` (a global admin). All or nothing, unless
    `partial`. Returns the report; `report.ok` says whether every row passed."""
    access.require_global_admin(user, "importera / import")
    problems = check_format(data)
    if problems:
        return ImportReport(problems=problems, partial=False)
    importer = _Importer(data, user, partial)
    try:
        with transaction.atomic():
            report = importer.run()
            if report.problems and not partial:
                raise ImportFailed(report)
    except ImportFailed as failed:
        return failed.report
    return report

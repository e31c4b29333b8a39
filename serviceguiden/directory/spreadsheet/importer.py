"""Moving in from a spreadsheet: each row is one function with its contact channels.

Every row goes through the registry's own domain functions (`editing.save_organisation`,
`save_function`, `save_channel`, `lifecycle.publish_function`) — the same access rights and
validation as the editor, never `.save()` directly — each row in its own savepoint, the whole
file in one transaction. A dry run does exactly that and rolls the transaction back, so its
report says what applying would do: per row created, changed, unchanged or refused, and why,
with the row and the column. Applying keeps the rows that pass and leaves the refused ones
out (or nothing at all with `strict`).

A row is matched to the registry by organisation and function name, and values are compared
as the registry normalises them (`031-3650000` is `031-365 00 00`), so importing the same
file again changes nothing. Empty cells never remove anything.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from dataclasses import dataclass, field, fields

from django.db import transaction
from django.utils.text import slugify

from serviceguiden.directory import access, validation
from serviceguiden.directory.editing import save_channel, save_function, save_organisation
from serviceguiden.directory.errors import Problem, RegistryError, problem
from serviceguiden.directory.lifecycle import publish_function
from serviceguiden.directory.models import (
    KINDS_WITH_HOURS,
    Channel,
    ChannelKind,
    Function,
    Organisation,
    OrganisationKind,
    Status,
    default_review_by,
)
from serviceguiden.directory.spreadsheet import columns
from serviceguiden.directory.spreadsheet.hours_text import HoursTextError, parse_hours_text
from serviceguiden.directory.spreadsheet.read import Table

CREATE, CHANGE, UNCHANGED, REFUSE = "create", "change", "unchanged", "refuse"
LINK_KINDS = (ChannelKind.ESERVICE, ChannelKind.WEBSITE, ChannelKind.CHAT)
PUBLISHED_WORDS = {"publicerad", "publicerat", "published", "ja", "yes", "x", "1", "aktiv"}
DRAFT_WORDS = {"utkast", "draft", "nej", "no", "0", "opublicerad"}


def _own(rule: str, field_name: str, sv: str, en: str, fix_sv: str, fix_en: str, principle="REG"):
    return Problem(field_name, rule, "error", sv, en, fix_sv, fix_en, principle)


@dataclass
class Cell:
    """A problem or a note tied to one cell: its column's name as the file writes it."""

    column: str
    problem: Problem


@dataclass
class Change:
    field: str  # a `columns` field key
    old: str
    new: str


@dataclass
class RowResult:
    row: int
    organisation: str
    name: str
    outcome: str = UNCHANGED
    changes: list[Change] = field(default_factory=list)
    problems: list[Cell] = field(default_factory=list)  # errors: the row is refused
    left_out: list[Cell] = field(default_factory=list)  # cells not imported (persons)
    warnings: list[Cell] = field(default_factory=list)


@dataclass
class SpreadsheetReport:
    filename: str
    mapping: list[tuple[str, str]]  # (column name, field key) in the file's order
    rows: list[RowResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # the mapping or the file itself
    applied: bool = False
    seconds: float = 0.0

    def count(self, outcome: str) -> int:
        return sum(1 for row in self.rows if row.outcome == outcome)

    @property
    def counts(self) -> dict[str, int]:
        return {o: self.count(o) for o in (CREATE, CHANGE, UNCHANGED, REFUSE)}

    @property
    def refused(self) -> list[RowResult]:
        return [row for row in self.rows if row.outcome == REFUSE]

    @property
    def left_out(self) -> int:
        return sum(len(row.left_out) for row in self.rows)

    def as_dict(self, lang: str = "en") -> dict:
        def cell(c: Cell) -> dict:
            return {"column": c.column, **c.problem.as_dict(), "text": c.problem.text(lang)}

        return {
            "file": self.filename,
            "applied": self.applied,
            "seconds": round(self.seconds, 2),
            "mapping": [{"column": c, "field": f} for c, f in self.mapping],
            "counts": self.counts,
            "problems": [p.as_dict() for p in self.problems],
            "rows": [
                {
                    "row": r.row, "organisation": r.organisation, "name": r.name,
                    "outcome": r.outcome,
                    "changes": [vars(c) for c in r.changes],
                    "problems": [cell(c) for c in r.problems],
                    "left_out": [cell(c) for c in r.left_out],
                    "warnings": [cell(c) for c in r.warnings],
                }
                for r in self.rows
            ],
        }  # fmt: skip

    @classmethod
    def from_dict(cls, data: dict) -> SpreadsheetReport:
        """The report again from `as_dict` (as a background import keeps it)."""

        def cell(c: dict) -> Cell:
            return Cell(c["column"], problem_from_dict(c))

        report = cls(
            data["file"], [(m["column"], m["field"]) for m in data["mapping"]],
            problems=[problem_from_dict(p) for p in data["problems"]], applied=data["applied"],
            seconds=data["seconds"],
        )  # fmt: skip
        report.rows = [
            RowResult(
                r["row"],
                r["organisation"],
                r["name"],
                r["outcome"],
                changes=[Change(c["field"], c["old"], c["new"]) for c in r["changes"]],
                problems=[cell(c) for c in r["problems"]],
                left_out=[cell(c) for c in r["left_out"]],
                warnings=[cell(c) for c in r["warnings"]],
            )
            for r in data["rows"]
        ]
        return report


def problem_from_dict(data: dict) -> Problem:
    """A problem again from `Problem.as_dict` (extra keys such as a cell's column ignored)."""
    names = {f.name for f in fields(Problem)}
    values = {k: v for k, v in data.items() if k in names}
    return Problem(**{**values, "evidence": tuple(values.get("evidence", ()))})


class _Refused(Exception):
    def __init__(self, cells: list[Cell]):
        self.cells = cells


class MappingError(ValueError):
    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(p.message_en for p in problems))
        self.problems = problems


def check_mapping(table: Table, mapping: dict[int, str], default_organisation) -> None:
    """A mapping the import can work with: a name column, an organisation (a column or a
    default), each field from one column at most."""
    problems = []
    used: dict[str, list[str]] = {}
    for column, key in mapping.items():
        if key not in columns.BY_KEY:
            problems.append(problem("REG-choice", table.headers[column], value=key,
                                    label=table.headers[column],
                                    choices=", ".join(columns.BY_KEY)))  # fmt: skip
        elif key in columns.SINGLE:
            used.setdefault(key, []).append(table.headers[column])
    for key, names in used.items():
        if len(names) > 1:
            problems.append(_own(
                "IMP-mapping-twice", key,
                f"Flera kolumner är kopplade till {columns.BY_KEY[key].label_sv}: "
                f"{', '.join(names)}.",
                f"Several columns are mapped to {columns.BY_KEY[key].label_en}: "
                f"{', '.join(names)}.",
                "Koppla en av dem och låt de andra vara oimporterade.",
                "Map one of them and leave the others out.",
            ))  # fmt: skip
    if columns.NAME not in used:
        problems.append(_own(
            "IMP-mapping-name", columns.NAME,
            "Ingen kolumn är kopplad till funktionens namn.",
            "No column is mapped to the function's name.",
            "Koppla kolumnen som namnger funktionen (t.ex. ”Funktion” eller ”Enhet”).",
            "Map the column that names the function (e.g. 'Funktion' or 'Enhet').",
        ))  # fmt: skip
    if columns.ORGANISATION not in used and default_organisation is None:
        problems.append(_own(
            "IMP-mapping-organisation", columns.ORGANISATION,
            "Ingen kolumn anger organisationen och ingen organisation är vald för hela filen.",
            "No column gives the organisation and none is chosen for the whole file.",
            "Koppla kolumnen med förvaltning eller bolag, eller välj en organisation.",
            "Map the administration or company column, or choose one organisation.",
        ))  # fmt: skip
    if problems:
        raise MappingError(problems)


def import_spreadsheet(
    table: Table, mapping: dict[int, str], user, *, apply: bool = False, publish: bool = True,
    default_organisation: Organisation | None = None, strict: bool = False,
) -> SpreadsheetReport:  # fmt: skip
    """Import `table` as `user` (a global admin): a dry run unless `apply`. New functions are
    published when `publish` (a status column decides per row). With `strict`, nothing is
    applied when any row is refused."""
    started = time.perf_counter()
    access.require_global_admin(user, "importera / import")
    check_mapping(table, mapping, default_organisation)
    report = SpreadsheetReport(
        table.filename, [(table.headers[c], k) for c, k in sorted(mapping.items())]
    )
    importer = _Rows(table, mapping, user, publish, default_organisation)
    with transaction.atomic():
        for number, cells in table.rows:
            report.rows.append(importer.row(number, cells))
        keep = apply and not (strict and report.refused)
        if not keep:
            transaction.set_rollback(True)
    report.applied = keep
    report.seconds = time.perf_counter() - started
    return report


class _Rows:
    def __init__(self, table: Table, mapping, user, publish: bool, default_organisation):
        self.table = table
        self.user = user
        self.publish = publish
        self.default_organisation = default_organisation
        self.column_of = {k: c for c, k in mapping.items() if k in columns.SINGLE}
        self.person_columns = [c for c, k in mapping.items() if k == columns.PERSON]
        self.seen: dict[tuple[int | str, str], int] = {}

    # -- cells --------------------------------------------------------------------------

    def value(self, cells, key: str) -> str:
        column = self.column_of.get(key)
        return self.table.cell(cells, column) if column is not None else ""

    def header(self, key: str) -> str:
        column = self.column_of.get(key)
        return self.table.headers[column] if column is not None else ""

    def at(self, key: str, problems: list[Problem]) -> list[Cell]:
        return [Cell(self.header(key), p) for p in problems]

    # -- one row ------------------------------------------------------------------------

    def row(self, number: int, cells) -> RowResult:
        result = RowResult(number, self.value(cells, columns.ORGANISATION), "")
        result.name = self.value(cells, columns.NAME)
        result.left_out = self.persons(cells)
        try:
            with transaction.atomic():
                self.work(cells, result)
        except _Refused as refused:
            result.outcome, result.changes, result.warnings = REFUSE, [], []
            result.problems = refused.cells
        return result

    def persons(self, cells) -> list[Cell]:
        """Cells of a person column: never stored (P3), reported with their column."""
        left_out = []
        for column in self.person_columns:
            value = self.table.cell(cells, column)
            if value:
                left_out.append(Cell(self.table.headers[column], _own(
                    "P3-person-column", "",
                    f"{value!r} importeras inte: Serviceguiden har inga kontaktuppgifter "
                    f"till enskilda personer.",
                    f"{value!r} is not imported: Serviceguiden holds no contact details of "
                    f"individual persons.",
                    "Låt funktionens brevlåda och telefon stå för kontakten.",
                    "Let the function's mailbox and phone be the contact.", principle="P3",
                )))  # fmt: skip
        return left_out

    def work(self, cells, result: RowResult) -> None:
        if not result.name:
            raise _Refused(self.at(columns.NAME, [
                problem("REG-required", columns.NAME, label=self.header(columns.NAME))
            ]))  # fmt: skip
        organisation = self.organisation(cells, result)
        key = (organisation.pk or organisation.name.casefold(), result.name.casefold())
        if key in self.seen:
            raise _Refused(self.at(columns.NAME, [_own(
                "IMP-duplicate-row", columns.NAME,
                f"Samma funktion som på rad {self.seen[key]}.",
                f"The same function as on row {self.seen[key]}.",
                "Samla funktionens kontaktvägar på en rad.",
                "Put the function's channels on one row.",
            )]))  # fmt: skip
        self.seen[key] = result.row
        wanted = self.channels(cells)
        function = Function.objects.filter(
            organisation=organisation, name__iexact=result.name
        ).first() if organisation.pk else None  # fmt: skip
        if function is None:
            self.create(cells, organisation, wanted, result)
        else:
            self.update(cells, function, wanted, result)
        result.outcome = (CREATE if function is None else CHANGE) if result.changes else UNCHANGED

    def organisation(self, cells, result: RowResult) -> Organisation:
        name = result.organisation
        if not name:
            if self.default_organisation is None:
                raise _Refused(self.at(columns.ORGANISATION, [problem(
                    "REG-required", columns.ORGANISATION, label=self.header(columns.ORGANISATION)
                )]))  # fmt: skip
            result.organisation = self.default_organisation.name
            return self.default_organisation
        found = (
            Organisation.objects.filter(name__iexact=name).first()
            or Organisation.objects.filter(slug=name).first()
        )
        if found is not None:
            result.organisation = found.name
            return found
        organisation = Organisation(
            name=name, slug=_free_slug(Organisation, name), kind=OrganisationKind.ADMINISTRATION
        )
        self.save(columns.ORGANISATION, save_organisation, organisation, result)
        result.changes.append(Change(columns.ORGANISATION, "", name))
        return organisation

    def channels(self, cells) -> dict[str, tuple[str, dict | None]]:
        """Channel kind → (value, hours or None when the file says nothing about hours)."""
        wanted: dict[str, tuple[str, dict | None]] = {}
        problems: list[Cell] = []
        for kind in columns.CHANNEL_FIELDS:
            value = self.value(cells, kind)
            if not value:
                continue
            if kind in LINK_KINDS and re.match(r"^[\w-]+(\.[\w-]+)+(/|$)", value):
                value = "https://" + value  # "goteborg.se/bygglov"
            wanted[kind] = (value, None)
        for hours_key, kind in columns.HOURS_OF.items():
            text = self.value(cells, hours_key)
            if not text:
                continue
            if kind not in wanted:
                problems.append(Cell(self.header(hours_key), _own(
                    "IMP-hours-without-channel", hours_key,
                    f"{columns.BY_KEY[hours_key].label_sv} utan "
                    f"{columns.BY_KEY[kind].label_sv.lower()} på raden.",
                    f"{columns.BY_KEY[hours_key].label_en} without a "
                    f"{columns.BY_KEY[kind].label_en.lower()} on the row.",
                    "Fyll i kontaktvägen som tiderna gäller, eller töm cellen.",
                    "Fill in the channel the hours belong to, or empty the cell.",
                )))  # fmt: skip
                continue
            try:
                wanted[kind] = (wanted[kind][0], parse_hours_text(text))
            except HoursTextError:
                problems.append(Cell(self.header(hours_key), _own(
                    "IMP-hours-text", hours_key,
                    f"Tiderna {text!r} går inte att läsa.",
                    f"The hours {text!r} cannot be read.",
                    "Skriv dem som ”Mån–fre 08.00–16.30; helgdagar stängt”.",
                    "Write them as 'Mån–fre 08.00–16.30; helgdagar stängt'.",
                )))  # fmt: skip
        if problems:
            raise _Refused(problems)
        return wanted

    def review_by(self, cells) -> dt.date | None:
        text = self.value(cells, columns.REVIEW_BY)
        if not text:
            return None
        try:
            return dt.date.fromisoformat(text[:10])
        except ValueError:
            raise _Refused(self.at(columns.REVIEW_BY, [_own(
                "IMP-date", columns.REVIEW_BY,
                f"Datumet {text!r} går inte att läsa.", f"The date {text!r} cannot be read.",
                "Skriv det som ÅÅÅÅ-MM-DD.", "Write it as YYYY-MM-DD.",
            )])) from None  # fmt: skip

    def wants_published(self, cells) -> bool:
        text = self.value(cells, columns.STATUS).casefold()
        if text in PUBLISHED_WORDS:
            return True
        if text in DRAFT_WORDS:
            return False
        if text:
            raise _Refused(self.at(columns.STATUS, [problem(
                "REG-choice", columns.STATUS, value=text, label=self.header(columns.STATUS),
                choices="publicerad, utkast",
            )]))  # fmt: skip
        return self.publish

    # -- writes, through the registry's domain functions --------------------------------

    def save(self, key: str, save, obj, result: RowResult, **kwargs) -> None:
        """Call a domain function; its problems are the row's, at the column they concern."""
        try:
            warnings = save(obj, self.user, **kwargs)
        except RegistryError as exc:
            raise _Refused([Cell(self.column_for(key, p.field), p) for p in exc.problems]) from None
        except access.AccessDenied as exc:
            raise _Refused([Cell("", problem("REG-permission", "", detail=str(exc)))]) from None
        result.warnings += [Cell(self.column_for(key, w.field), w) for w in warnings or []]

    def column_for(self, key: str, problem_field: str) -> str:
        """The column a problem of a save concerns: the hours column for a channel's hours,
        the name or description column for those fields of a function, else `key`'s."""
        hours_key = next((h for h, kind in columns.HOURS_OF.items() if kind == key), None)
        if problem_field == "hours" and hours_key and self.header(hours_key):
            return self.header(hours_key)
        if problem_field in (columns.NAME, columns.DESCRIPTION, columns.REVIEW_BY):
            return self.header(problem_field) or self.header(key)
        return self.header(key)

    def create(self, cells, organisation, wanted, result: RowResult) -> None:
        function = Function(
            organisation=organisation, name=result.name,
            slug=_free_slug(Function, result.name),
            description=self.value(cells, columns.DESCRIPTION),
            review_by=self.review_by(cells) or default_review_by(),
        )  # fmt: skip
        publish = self.wants_published(cells)
        self.save(columns.NAME, save_function, function, result)
        result.changes.append(Change(columns.NAME, "", result.name))
        for position, (kind, (value, hours)) in enumerate(wanted.items()):
            channel = Channel(function=function, kind=kind, value=value, hours=hours or {},
                              position=position)  # fmt: skip
            self.save(kind, save_channel, channel, result)
            result.changes.append(Change(kind, "", channel.value))
        if publish:
            function.refresh_from_db()
            self.save(columns.STATUS, publish_function, function, result)
            result.changes.append(Change(columns.STATUS, "", Status.PUBLISHED))

    def update(self, cells, function: Function, wanted, result: RowResult) -> None:
        changed = False
        description = self.value(cells, columns.DESCRIPTION)
        if description and description != function.description:
            result.changes.append(Change(columns.DESCRIPTION, function.description, description))
            function.description, changed = description, True
        review_by = self.review_by(cells)
        if review_by and review_by != function.review_by:
            result.changes.append(Change(columns.REVIEW_BY, str(function.review_by),
                                         str(review_by)))  # fmt: skip
            function.review_by, changed = review_by, True
        if changed:
            self.save(columns.NAME, save_function, function, result)
        current = list(function.channels.order_by("position", "id"))
        for kind, (value, hours) in wanted.items():
            self.channel(function, current, kind, value, hours, result)
        status_given = bool(self.value(cells, columns.STATUS))
        if function.status == Status.DRAFT and status_given and self.wants_published(cells):
            function.refresh_from_db()
            self.save(columns.STATUS, publish_function, function, result)
            result.changes.append(Change(columns.STATUS, Status.DRAFT, Status.PUBLISHED))

    def channel(self, function, current, kind, value, hours, result: RowResult) -> None:
        """Keep, change or add the function's first channel of `kind`."""
        policy_kind = Channel(kind=kind).policy_kind
        existing = next((c for c in current if c.kind == kind), None)
        if existing is not None:
            same_value = (
                validation.normalize(policy_kind, existing.value)
                == validation.normalize(policy_kind, value)
                or existing.value.strip() == value.strip()
            )
            same_hours = hours is None or kind not in KINDS_WITH_HOURS or existing.hours == hours
            if same_value and same_hours:
                return
            old = existing.value
            existing.value = value
            if hours is not None:
                existing.hours = hours
            self.save(kind, save_channel, existing, result)
            result.changes.append(Change(kind, old, existing.value))
            return
        position = max((c.position for c in current), default=-1) + 1
        channel = Channel(function=function, kind=kind, value=value, hours=hours or {},
                          position=position)  # fmt: skip
        self.save(kind, save_channel, channel, result)
        current.append(channel)
        result.changes.append(Change(kind, "", channel.value))


def _free_slug(model, text: str) -> str:
    base = slugify(text)[:90].strip("-") or "post"
    slug, number = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug

"""Reading a spreadsheet into a table of text cells: XLSX with openpyxl, CSV with the csv
module (the dialect sniffed: `;` as Swedish Excel writes it, `,`, tab; UTF-8 or Windows-1252).

Real exports start with a title row and group headers merged over several columns
("Kontaktvägar" over "Telefon", "E-post" …). The header row is the one in the first rows
whose cells name the most known columns; the rows above it that span only some columns are
group headers and are read into each column's name ("Telefon" + "Tider"); a row spanning
(nearly) every column is a title and is left out. Merged cells are filled with their value.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath

XLSX_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv", ".tsv", ".txt")
SUFFIXES = XLSX_SUFFIXES + CSV_SUFFIXES
HEADER_SCAN_ROWS = 12


class SpreadsheetError(ValueError):
    """A file that cannot be read as a spreadsheet; Swedish and English messages."""

    def __init__(self, message_sv: str, message_en: str):
        super().__init__(message_en)
        self.message_sv = message_sv
        self.message_en = message_en

    def message(self, lang: str) -> str:
        return self.message_en if lang == "en" else self.message_sv


@dataclass(frozen=True)
class Table:
    """The columns' names and the data rows, each with its row number in the file (1-based,
    as the spreadsheet program shows it)."""

    filename: str
    headers: tuple[str, ...]  # with the group headers above: "Telefon Tider"
    own_headers: tuple[str, ...]  # the header row's own cells: "Tider"
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    header_row: int

    def cell(self, row: tuple[str, ...], column: int) -> str:
        return row[column].strip() if column < len(row) else ""


def is_spreadsheet(filename: str) -> bool:
    return PurePath(filename).suffix.lower() in SUFFIXES


def read_table(data: bytes, filename: str, recognise: Callable[[str], bool]) -> Table:
    """The table in `data`; `recognise(header)` tells whether a cell names a known column."""
    suffix = PurePath(filename).suffix.lower()
    if suffix in XLSX_SUFFIXES:
        grid, spans = _xlsx_grid(data)
    elif suffix in CSV_SUFFIXES:
        grid, spans = _csv_grid(data), {}
    else:
        raise SpreadsheetError(
            f"{filename}: läser bara .xlsx och .csv (och JSON-exporten).",
            f"{filename}: only .xlsx and .csv are read (and the JSON export).",
        )
    return _table(filename, grid, spans, recognise)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def _xlsx_grid(data: bytes) -> tuple[list[list[str]], dict[tuple[int, int], int]]:
    """Cell texts of the first sheet, merged cells filled; and, for each merged range's
    top-left cell (row, column), how many columns it spans."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl raises zipfile, KeyError, XML errors …
        raise SpreadsheetError(
            f"Filen går inte att läsa som XLSX ({exc.__class__.__name__}).",
            f"The file cannot be read as XLSX ({exc.__class__.__name__}).",
        ) from None
    sheet = workbook.worksheets[0]
    grid = [[_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    spans: dict[tuple[int, int], int] = {}
    for merged in sheet.merged_cells.ranges:
        value = grid[merged.min_row - 1][merged.min_col - 1]
        spans[merged.min_row - 1, merged.min_col - 1] = merged.max_col - merged.min_col + 1
        for row in range(merged.min_row - 1, merged.max_row):
            for column in range(merged.min_col - 1, merged.max_col):
                grid[row][column] = value
    return grid, spans


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _csv_grid(data: bytes) -> list[list[str]]:
    text = _decode(data)
    sample = "\n".join(text.splitlines()[:50])
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    return [[_text(cell) for cell in row] for row in csv.reader(io.StringIO(text), dialect)]


def _table(filename, grid, spans, recognise) -> Table:
    width = max((len(row) for row in grid), default=0)
    grid = [row + [""] * (width - len(row)) for row in grid]
    known = [sum(1 for cell in row if cell and recognise(cell)) for row in grid[:HEADER_SCAN_ROWS]]
    if not known or max(known) < 2:
        raise SpreadsheetError(
            f"{filename}: ingen rubrikrad med kända kolumner (t.ex. Funktion, Telefon, E-post) "
            f"bland de första {HEADER_SCAN_ROWS} raderna.",
            f"{filename}: no header row with known columns (e.g. Funktion, Telefon, E-post) "
            f"in the first {HEADER_SCAN_ROWS} rows.",
        )
    header_at = known.index(max(known))
    groups = [
        grid[r] if spans else _filled(grid[r])  # XLSX merges are filled already
        for r in range(header_at)
        if not _is_title(grid[r], r, spans)
    ]
    headers = []
    for column in range(width):
        parts: list[str] = []
        for value in [group[column] for group in groups] + [grid[header_at][column]]:
            if value and value not in parts:
                parts.append(value)
        headers.append(" ".join(parts))
    rows = tuple(
        (number + 1, tuple(row))
        for number, row in enumerate(grid)
        if number > header_at and any(cell.strip() for cell in row)
    )
    return Table(filename, tuple(headers), tuple(grid[header_at]), rows, header_at + 1)


def _is_title(row: list[str], index: int, spans: dict) -> bool:
    """A row above the headers with one text only (or nothing): a title, not a group row.
    A merged group that spans some columns repeats its text, so one text over (nearly) the
    whole width counts as a title too."""
    filled = [cell for cell in row if cell]
    if len(set(filled)) > 1:
        return False
    widest = max((span for (r, _c), span in spans.items() if r == index), default=1)
    return len(filled) <= 1 or widest >= len(row) - 1


def _filled(row: list[str]) -> list[str]:
    """A group row with each group's text carried right over the columns it heads (a merged
    cell saved as CSV keeps its text in the first column only)."""
    filled, current = [], ""
    for cell in row:
        current = cell or current
        filled.append(current)
    return filled

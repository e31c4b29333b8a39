"""The column mapping of an import: detected from the column names, overridden by the person
importing, and remembered for that user by the file's column names (`core.ColumnMapping`), so
that the next export of the same shape maps itself."""

from __future__ import annotations

from serviceguiden.core.models import ColumnMapping
from serviceguiden.directory.spreadsheet import columns
from serviceguiden.directory.spreadsheet.read import Table


def detected(table: Table) -> dict[int, str]:
    return columns.detect(table.headers, table.own_headers)


def remembered(user, table: Table) -> dict[int, str] | None:
    """The mapping `user` chose last time for a file with these column names, if any."""
    if user is None or not user.is_authenticated:
        return None
    found = ColumnMapping.objects.filter(
        user=user, signature=columns.signature(table.headers)
    ).first()
    if found is None or len(found.fields) != len(table.headers):
        return None
    return {
        column: key
        for column, key in enumerate(found.fields)
        if key in columns.BY_KEY and table.headers[column]
    }


def mapping_for(user, table: Table) -> tuple[dict[int, str], bool]:
    """The mapping to start from, and whether it was remembered (else detected)."""
    found = remembered(user, table)
    return (found, True) if found is not None else (detected(table), False)


def remember(user, table: Table, mapping: dict[int, str]) -> None:
    fields = [mapping.get(column, columns.IGNORE) for column in range(len(table.headers))]
    ColumnMapping.objects.update_or_create(
        user=user, signature=columns.signature(table.headers), defaults={"fields": fields}
    )


def override(table: Table, mapping: dict[int, str], choices: dict[str, str]) -> dict[int, str]:
    """`mapping` with some columns mapped by hand: {column name or letter: field key}.
    Raises KeyError naming what is not a column of the file."""
    changed = dict(mapping)
    for name, key in choices.items():
        changed[column_index(table, name)] = key
    return changed


def column_index(table: Table, name: str) -> int:
    """A column by its name as the file writes it (case and marks ignored), its own header
    ("Tider" under "Telefon"), or its letter (A, B, … AA)."""
    wanted = columns.normalise(name)
    for candidates in (table.headers, table.own_headers):
        for column, header in enumerate(candidates):
            if header and columns.normalise(header) == wanted:
                return column
    if name.isalpha() and name.isupper() and len(name) <= 2:
        index = 0
        for letter in name:
            index = index * 26 + ord(letter) - ord("A") + 1
        if index <= len(table.headers):
            return index - 1
    raise KeyError(name)

"""Sorting names as Swedes expect (the Swedish alphabet ends ...X, Y, Z, Å, Ä, Ö): a sort
key for Python's `sorted`, so a list reads the same on SQLite and PostgreSQL whatever the
database's collation. W sorts with V's neighbours as its own letter (since 2006), Ü as Y,
Æ as Ä, Ø as Ö; other accents (é, á) sort as their base letter. Case is ignored, then
broken by the text itself so equal names keep a stable order."""

from __future__ import annotations

import unicodedata

_LAST = {"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}", "ü": "y"}  # after z in ASCII


def swedish_key(text: str) -> tuple[str, str]:
    letters = []
    for char in text.casefold():
        if char in _LAST:
            letters.append(_LAST[char])
            continue
        base = unicodedata.normalize("NFD", char)[0]
        letters.append(base)
    return "".join(letters), text


def sorted_by_name(items, name=lambda item: item.name) -> list:
    return sorted(items, key=lambda item: swedish_key(name(item)))

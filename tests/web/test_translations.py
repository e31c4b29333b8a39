"""Every text of the editor, the public pages and the admin has a Swedish translation, and
each compiled catalogue (.mo, committed) matches its source catalogue (.po)."""

from __future__ import annotations

import ast
import gettext
import re
from pathlib import Path

import pytest

import serviceguiden

PACKAGE = Path(serviceguiden.__file__).parent
LOCALE = PACKAGE / "web" / "locale" / "sv" / "LC_MESSAGES"
# The catalogues: the apps' own, and the libraries' texts the admin shows (LOCALE_PATHS).
CATALOGUES = [
    PACKAGE / where / "locale" / "sv" / "LC_MESSAGES"
    for where in ("web", "directory", "publishing", ".")
]


def po_entries(locale: Path = LOCALE) -> list[tuple[str, list[str], str | None]]:
    """(msgid, [msgstr, …], msgctxt) of a Swedish catalogue, header left out."""
    entries, current, key = [], None, None
    for line in (locale / "django.po").read_text(encoding="utf-8").splitlines() + [""]:
        match = re.match(r"^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d\])?) (\".*\")$", line)
        if match:
            key = match.group(1)
            if key == "msgctxt" or (key == "msgid" and (current is None or "msgid" in current)):
                current = {}
            current[key] = ast.literal_eval(match.group(2))
        elif line.startswith('"') and current is not None:
            current[key] += ast.literal_eval(line)
        elif not line.strip() and current is not None:
            strings = [v for k, v in current.items() if k.startswith("msgstr")]
            if current.get("msgid"):
                entries.append((current["msgid"], strings, current.get("msgctxt")))
            current = None
    return entries


def test_the_editor_catalogue_is_the_big_one():
    assert len(po_entries()) > 200


@pytest.mark.parametrize("locale", CATALOGUES, ids=lambda p: p.parents[2].name)
def test_every_text_is_translated_to_swedish(locale):
    entries = po_entries(locale)
    assert entries
    assert [msgid for msgid, strings, _context in entries if not all(strings)] == []


@pytest.mark.parametrize("locale", CATALOGUES, ids=lambda p: p.parents[2].name)
def test_compiled_catalogue_matches_the_source(locale):
    with (locale / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = [
        msgid
        for msgid, strings, context in po_entries(locale)
        if len(strings) == 1
        and (compiled.pgettext(context, msgid) if context else compiled.gettext(msgid))
        != strings[0]
    ]
    assert stale == [], "run msgfmt -o django.mo django.po in " + str(locale)


@pytest.mark.parametrize("locale", CATALOGUES, ids=lambda p: p.parents[2].name)
def test_no_translation_is_a_fuzzy_guess(locale):
    assert "#, fuzzy" not in (locale / "django.po").read_text(encoding="utf-8")

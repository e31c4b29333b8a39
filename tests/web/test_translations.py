"""Every text of the editor and public pages has a Swedish translation, and the compiled
catalogue (.mo, committed) matches the source catalogue (.po)."""

from __future__ import annotations

import ast
import gettext
import re
from pathlib import Path

import serviceguiden.web

LOCALE = Path(serviceguiden.web.__file__).parent / "locale" / "sv" / "LC_MESSAGES"


def po_entries() -> list[tuple[str, list[str]]]:
    """(msgid, [msgstr, …]) of the Swedish catalogue, header left out."""
    entries, current, key = [], None, None
    for line in (LOCALE / "django.po").read_text(encoding="utf-8").splitlines() + [""]:
        match = re.match(r"^(msgid|msgid_plural|msgstr(?:\[\d\])?) (\".*\")$", line)
        if match:
            if match.group(1) == "msgid":
                current = {"msgid": ""}
            key = match.group(1)
            current[key] = ast.literal_eval(match.group(2))
        elif line.startswith('"') and current is not None:
            current[key] += ast.literal_eval(line)
        elif not line.strip() and current is not None:
            strings = [v for k, v in current.items() if k.startswith("msgstr")]
            if current["msgid"]:
                entries.append((current["msgid"], strings))
            current = None
    return entries


def test_every_text_is_translated_to_swedish():
    entries = po_entries()
    assert len(entries) > 200
    assert [msgid for msgid, strings in entries if not all(strings)] == []


def test_compiled_catalogue_matches_the_source():
    with (LOCALE / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = [
        msgid
        for msgid, strings in po_entries()
        if compiled.gettext(msgid) != strings[0] and len(strings) == 1
    ]
    assert stale == [], "run msgfmt -o django.mo django.po in " + str(LOCALE)


def test_no_translation_is_a_fuzzy_guess():
    assert "#, fuzzy" not in (LOCALE / "django.po").read_text(encoding="utf-8")

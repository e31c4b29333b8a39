"""Person names in short names and labels: a function's name, a channel label, an external
actor's or organisation's name, a topic's synonym. Such a field names a function, a place or an
organisation, never a person (P3): 'Anna Svensson, handläggare' and 'Svensson, Anna' are
refused, while places and units named after someone ('Carl Johans kyrka', 'Karl Johansgatan',
'Förskolan Hedda Vinge') are not.
"""

from __future__ import annotations

import re

from serviceguiden.policy import emails, name_words, names

NAME_WORD = name_words.NAME_WORD
PARTICLES = frozenset("von af av de van der el al bin da di du la le".split())
LOWER = name_words.LOWER
# A first name and one or two more capitalised words: 'Anna Svensson', 'Anna Maria Berg',
# 'Karl-Erik af Klint'.
FIRST_LAST = re.compile(
    rf"(?<![\w-])({NAME_WORD})((?: {name_words.PARTICLE}?{NAME_WORD}){{1,2}})(?![\w-])"
)
# A surname, a comma and a first name: 'Svensson, Anna', 'Svensson, Anna Maria'.
LAST_COMMA_FIRST = re.compile(
    rf"(?<![\w-])({NAME_WORD}), ({NAME_WORD})(?: ({NAME_WORD}))?(?![\w-])"
)
# A job title and a name the lists lack: 'Handläggare Oksana Kovalenko'.
TITLE_THEN_NAME = re.compile(
    rf"(?<![\w-])([{LOWER}A-ZÅÄÖ]\w*) ({NAME_WORD}(?: {NAME_WORD}){{1,2}})(?![\w-])"
)
# A name the lists lack and a job title after it: 'Oksana Kovalenko, handläggare'.
NAME_THEN_TITLE = re.compile(
    rf"(?<![\w-])({NAME_WORD}(?: {NAME_WORD}){{1,2}})(?:, ?| \(| - | – )(\w+)"
)
LOWER_WORD_AFTER = re.compile(rf" ([{LOWER}][{LOWER}-]*)")
# Words after a genitive name that make the whole a place or a thing named after someone.
NAMED_AFTER = re.compile(
    r"(?:terminal|terminalen|kyrka|kyrkan|församling|kapell|skola|skolan|gymnasium|gymnasiet|förskola|park|parken|"
    r"torg|torget|plats|platsen|gata|gatan|väg|vägen|bro|kaj|hamn|bad|badet|hall|hallen|museum|"
    r"museet|hus|huset|gård|gården|minne|stiftelse|fond|pris|priset|sal|salen|center|centrum)$"
)


def person_in_name(value: str, function_words: frozenset[str] = frozenset()) -> tuple[str, str]:
    """The person a short name or label names, as (name, evidence); ('', '') when none."""
    for finder in (_first_name_first, surname_first, _titled):
        found = finder(value, function_words)
        if found[0]:
            return found
    return "", ""


def _not_a_surname(word: str, function_words: frozenset[str]) -> bool:
    return (
        word.lower() in name_words.NOT_SURNAMES
        or name_words.TITLES.fullmatch(word) is not None
        or emails.names_a_function(word, function_words)
        or names.fold(word).endswith(name_words.ORG_ENDINGS)
        or NAMED_AFTER.fullmatch(word.lower()) is not None
    )


WORD_START = re.compile(rf"(?<![\w-])[{name_words.UPPER}]")


def _matches(pattern: re.Pattern, value: str):
    """Matches of `pattern` starting at every capitalised word, overlapping ones too: in
    'Stadsarkivet Johan Svensson' the name starts at the second word."""
    for start in WORD_START.finditer(value):
        match = pattern.match(value, start.start())
        if match:
            yield match


def _named_after(value: str, start: int, end: int, last: str) -> bool:
    """'Carl Johans kyrka', 'Gustav Adolfs torg', 'Karl Johansgatan', 'Förskolan Hedda Vinge':
    a place or a unit named after someone, not the person."""
    after = value[end : end + 20]
    if name_words.is_street(last, after) or name_words.after_unit_word(value, start):
        return True
    following = LOWER_WORD_AFTER.match(value, end)
    if following is None:
        return False
    word = following.group(1)
    if name_words.TITLES.fullmatch(word):
        return False  # 'Anna Svensson handläggare'
    return last.endswith("s") or NAMED_AFTER.search(word) is not None


def _first_name_first(value: str, function_words: frozenset[str]) -> tuple[str, str]:
    for match in _matches(FIRST_LAST, value):
        first, rest = match.group(1), match.group(2).split()
        if not names.is_first_name(first) or first.lower() in name_words.NOT_SURNAMES:
            continue
        end = match.end()
        if len(rest) > 1 and name_words.TITLES.fullmatch(rest[-1]):
            end -= len(rest.pop()) + 1  # 'Lisa Grönberg Enhetschef': the title after the name
        last = rest[-1]
        if any(_not_a_surname(w, function_words) for w in rest if w not in PARTICLES):
            continue
        if _named_after(value, match.start(), end, last):
            continue
        return value[match.start() : end], f"first name '{first}' and surname '{last}'"
    return "", ""


def surname_first(value: str, function_words: frozenset[str]) -> tuple[str, str]:
    for match in _matches(LAST_COMMA_FIRST, value):
        surname, first = match.group(1), match.group(2)
        if not names.is_first_name(first) or _not_a_surname(surname, function_words):
            continue
        if names.is_first_name(surname) and not names.is_surname(surname):
            continue  # 'Anna, Eva': two first names
        if _not_a_surname(first, function_words):
            continue
        return match.group(), f"surname '{surname}' and first name '{first}' (surname first)"
    return "", ""


def _plausible_name(words: list[str], function_words: frozenset[str], value: str, end: int):
    return (
        2 <= len(words) <= 3
        and not any(_not_a_surname(w, function_words) for w in words)
        and not _named_after(value, end - len(" ".join(words)), end, words[-1])
    )


def _titled(value: str, function_words: frozenset[str]) -> tuple[str, str]:
    """Names the lists lack, shown with a job title: 'Handläggare Oksana Kovalenko',
    'Oksana Kovalenko, handläggare'."""
    for match in TITLE_THEN_NAME.finditer(value):
        title, name = match.group(1), match.group(2)
        if name_words.TITLES.fullmatch(title) and _plausible_name(
            name.split(), function_words, value, match.end()
        ):
            return name, f"name after the job title '{title}'"
    for match in _matches(NAME_THEN_TITLE, value):
        name, title = match.group(1), match.group(2)
        if name_words.TITLES.fullmatch(title) and _plausible_name(
            name.split(), function_words, value, match.end(1)
        ):
            return name, f"name before the job title '{title}'"
    return "", ""

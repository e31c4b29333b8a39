"""Names listed as contacts without a detail beside each: lines of a list under a contact
heading ('Kontakt – handläggare per område' / 'Hisingen' / 'Amir Haddad – Torslanda …', or
'Nordost (Angered): Samira El-Khoury och Tobias Renström'), names joined by 'och' to a
contact, and the name column of a table ('| Roll | Namn | Organisation |').
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Container

from serviceguiden.policy import emails
from serviceguiden.policy.name_words import (
    DIGIT_PAIR,
    LOWER,
    NAME_WORD,
    PARTICLE,
    TITLES,
    NameMatch,
    is_street,
)

CONTACT_SECTION = re.compile(
    r"\b(?:kontakt\w*|\w*handläggar\w*|ansvariga|presskontakt\w*|projektgrupp\w*|styrgrupp\w*|"
    r"medarbetare|vem gör vad|contacts?|staff)\b",
    re.I,
)
# A list's line holds its name at the start (after a list mark) or after a short label and a
# colon ('Hisingen: Pernilla Dahl', 'Västra Västerås (Hässlö, Skiljebo): Johanna Lindgren').
SLOT_START = re.compile(r"[ \t]*(?:[-*•·–][ \t]+)?\Z")
SLOT_LABEL = re.compile(r"[ \t]*(?:[-*•·–][ \t]+)?[^\n:|]{2,80}:[ \t]*\Z")
# What follows a list's name: the end of the line or a separator ('– Torslanda', ', kurator');
# after a label also a second name ('Nordost: Samira El-Khoury och Tobias Renström').
START_NAME_END = re.compile(r"[ \t]*($|[–,(|:]|- )", re.M)
LABEL_NAME_END = re.compile(r"[ \t]*($|[–,(|:.]|- | och | and )", re.M)
LIST_ITEM = re.compile(r" [–-] |[,|]")  # 'Xiaoyan Liu – Angered, Gunnilse': a list's line
NAME = rf"{NAME_WORD}(?: (?:{PARTICLE})?{NAME_WORD}){{1,2}}(?![{LOWER}])"
SLOT_NAME = re.compile(NAME)
JOINED_AFTER = re.compile(rf"(?:,| och| and) ({NAME})")
JOINED_BEFORE = re.compile(rf"({NAME})(?:,| och| and) \Z")


def _line(text: str, at: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return start, len(text) if end < 0 else end


def _slot(text: str, line_start: int, start: int) -> str:
    """Where a name sits on its line: 'start', 'label' (after 'Area: '), or ''."""
    before = text[line_start:start]
    if SLOT_START.match(before):
        return "start"
    if SLOT_LABEL.match(before) and not DIGIT_PAIR.search(before):
        return "label"
    return ""


def _slot_name(text: str, line_start: int, line_end: int, slot: str):
    """The name-shaped words in a line's slot, or None."""
    at = line_start
    if slot == "label":
        colon = text.find(":", line_start, line_end)
        if colon < 0:
            return None
        at = colon + 1
    lead = re.compile(r"[ \t]*(?:[-*•·–][ \t]+)?").match(text, at, line_end)
    at = lead.end() if lead else at
    match = SLOT_NAME.match(text, at, line_end)
    if match is None or _ends_name(text, match.end(), slot) is None:
        return None
    return match


def _ends_name(text: str, at: int, slot: str) -> str | None:
    """The separator after a list's name ('' at the end of the line), or None."""
    end = (START_NAME_END if slot == "start" else LABEL_NAME_END).match(text, at)
    if end is None:
        return None
    return end.group(1).strip() if slot == "start" else ""


def _plausible(name: str, after: str, function_words: frozenset[str], stop: Container[str]):
    words = name.split()
    return not (
        emails.names_a_function(name, function_words)
        or any(w.lower() in stop or TITLES.fullmatch(w) for w in words)
        or is_street(words[-1], after)
    )


def listed_under_contact_heading(text: str, start: int, end: int, starts: list[int]) -> bool:
    """A name in the slot of a list's line (at least two lines shaped alike), under a heading
    that names contacts, a few headings up at most (sub-headings over sibling lists do not
    count). `starts`: every candidate's start, sorted."""
    line_start, line_end = _line(text, start)
    slot = _slot(text, line_start, start)
    if not slot or line_end - line_start > 160:
        return False
    separator = _ends_name(text, end, slot)
    if separator is None:
        return False  # 'Eva Berg och Olle Lind invigde …': a sentence, not a list's line

    def alike(at: int) -> bool:
        a, b = _line(text, at)
        if a == line_start or not text[a:b].strip():
            return False
        match = _slot_name(text, a, b, slot)
        return match is not None and _ends_name(text, match.end(), slot) == separator

    neighbours = []  # two lines up and two down (a number may wrap onto a line of its own)
    up, down = line_start, line_end
    for _ in range(2):
        if up > 0:
            up = _line(text, up - 1)[0]
            neighbours.append(up)
        if down + 1 < len(text):
            down = _line(text, down + 1)[1]
            neighbours.append(_line(text, down)[0])
    if not any(alike(at) for at in neighbours):
        return False
    at, headings = line_start, 0
    while at > 0 and start - at < 2500 and headings < 3:
        above = text.rfind("\n", 0, at - 1) + 1
        line = text[above : at - 1].strip()
        follows, above_end = at, at - 1
        at = above
        heading = len(line) <= 70 and not line.endswith((".", ","))
        if not line or not heading or DIGIT_PAIR.search(line):
            continue
        if CONTACT_SECTION.search(line):
            return True
        index = bisect_left(starts, above)
        named = index < len(starts) and starts[index] < above + len(line) + 2
        if named or LIST_ITEM.search(line) or _slot_name(text, above, above_end, "label"):
            continue  # a line of a list
        if not _heads_a_list(text, follows, slot):
            headings += 1
    return False


TITLED_NAME_END = re.compile(r"[ \t]*(?:$|[–,(|]|- )", re.M)


def titled_under_contact_heading(text: str, start: int, end: int, titled: bool) -> bool:
    """A name right after a job title ('Uthyrare Oliver Törnqvist – nås via kundcenter',
    'Bokbussförare' / 'Gunnar Mattsson') on a short line of a section under a heading that
    names contacts ('Medarbetare', 'Kontakta oss'): a role holder presented as a contact.
    `titled`: is the word before the name a job title."""
    line_start, line_end = _line(text, start)
    line = text[line_start:line_end].strip()
    if not titled or len(line) > 100 or line.endswith("."):
        return False
    if TITLED_NAME_END.match(text, end) is None:
        return False  # 'Ordförande Kerstin Hermansson svarar på frågor …': a sentence
    at = line_start
    for _ in range(15):
        if at <= 0 or start - at > 800:
            return False
        above = text.rfind("\n", 0, at - 1) + 1
        above_line = text[above : at - 1].strip()
        at = above
        if len(above_line) > 120:
            return False  # prose: the section has ended
        heading = len(above_line) <= 70 and not above_line.endswith((".", ","))
        if heading and not DIGIT_PAIR.search(above_line) and CONTACT_SECTION.search(above_line):
            return not DECIDING_BODY.search(above_line)
    return False


# A steering group's or a board's chair is named for the decisions, not as a contact.
DECIDING_BODY = re.compile(r"\bstyrgrupp\w*|\bstyrelse\w*", re.I)


def _heads_a_list(text: str, at: int, slot: str) -> bool:
    """Is the first non-empty line from `at` a list's line with a name in `slot` (a heading
    over a sibling list: 'Nordost' / 'Xiaoyan Liu – Angered')?"""
    while at < len(text) and text[at] == "\n":
        at += 1
    a, b = _line(text, at)
    return at < len(text) and _slot_name(text, a, b, slot) is not None


def alike_lines(
    text: str, found: list[NameMatch], function_words: frozenset[str], stop: Container[str]
) -> list[NameMatch]:
    """The lines of a contact list shaped like a listed name's line hold names too, even
    names the lists lack ('Xiaoyan Liu – Angered …' beside 'Petra Nordström – Bergsjön …'),
    across the list's sub-headings."""
    taken = {n.start for n in found}
    extra: list[NameMatch] = []
    for name in found:
        if "in a list of names under a contact heading" not in name.evidence:
            continue
        line_start, _ = _line(text, name.start)
        slot = _slot(text, line_start, name.start)
        separator = _ends_name(text, name.end, slot) if slot else None
        if separator is None:
            continue
        for step in (-1, 1):
            at, misses = line_start, 0
            for _ in range(30):
                if step < 0:
                    if at == 0:
                        break
                    at = _line(text, at - 1)[0]
                else:
                    nxt = text.find("\n", at)
                    if nxt < 0:
                        break
                    at = nxt + 1
                a, b = _line(text, at)
                line = text[a:b].strip()
                if not line:
                    continue
                match = _slot_name(text, a, b, slot)
                if match is None or _ends_name(text, match.end(), slot) != separator:
                    misses += 1
                    if misses > 1 or len(line) > 70 or line.endswith("."):
                        break  # more than one sub-heading, or a sentence: the list has ended
                    continue
                misses = 0
                if match.start() in taken:
                    continue
                if not _plausible(match.group(), text[match.end() : match.end() + 12],
                                  function_words, stop):  # fmt: skip
                    break
                taken.add(match.start())
                extra.append(NameMatch(match.start(), match.end(), match.group(),
                                       ("same layout as the names around it",)))  # fmt: skip
    return extra


def joined_names(
    text: str, found: list[NameMatch], function_words: frozenset[str], stop: Container[str]
) -> list[NameMatch]:
    """'Roya Karimi och Mattias Ekholm', 'Jovana Stanković, Henrik Åslund och Sanna Leinonen':
    a name-shaped pair of words joined to a contact by 'och' or a comma is a contact too."""
    taken = {n.start for n in found}
    extra: list[NameMatch] = []
    queue = list(found)
    while queue:
        name = queue.pop()
        line_start, line_end = _line(text, name.start)
        for match in (
            JOINED_BEFORE.search(text, max(line_start, name.start - 50), name.start),
            JOINED_AFTER.match(text, name.end, line_end),
        ):
            if match is None or match.start(1) in taken:
                continue
            after = text[match.end(1) : match.end(1) + 12]
            if not _plausible(match.group(1), after, function_words, stop):
                continue
            if LABEL_NAME_END.match(text, match.end(1)) is None:
                continue
            taken.add(match.start(1))
            joined = NameMatch(match.start(1), match.end(1), match.group(1),
                               ("named together with a contact",))  # fmt: skip
            extra.append(joined)
            queue.append(joined)
    return extra


TABLE_ROW = re.compile(r"^[ \t]*\|(.*)\|[ \t]*$", re.M)
NAME_HEADER = re.compile(
    r"(?:namn|name|kontakt|kontaktperson|contact|contact person|ansvarig|handläggare)", re.I
)
CELL_PERSON = re.compile(rf"(?:(?:Dr|Prof|Mr|Ms|Mrs)\.? )?({NAME})(?:, [a-zåäö][^|]*)?")


def table_column_names(
    text: str, function_words: frozenset[str], stop: Container[str]
) -> list[tuple[int, int, str]]:
    """The cells of a Markdown table's name column ('| Roll | Namn | Organisation |', '|
    Förvaltning | Kontakt | Telefon |') that hold a name."""
    if "|" not in text:
        return []
    out = []
    rows = list(TABLE_ROW.finditer(text))
    index = 0
    while index < len(rows):
        header = rows[index]
        cells = [c.strip(" *") for c in header.group(1).split("|")]
        column = next((i for i, c in enumerate(cells) if NAME_HEADER.fullmatch(c)), None)
        index += 1
        if column is None:
            continue
        previous_end = header.end()
        while index < len(rows) and text[previous_end : rows[index].start()].strip() == "":
            row = rows[index]
            previous_end = row.end()
            index += 1
            at = row.start(1)
            for position, cell in enumerate(row.group(1).split("|")):
                if position == column:
                    stripped = cell.strip()
                    match = CELL_PERSON.fullmatch(stripped)
                    offset = at + cell.index(stripped) if stripped else at
                    if match and _plausible(match.group(1), "", function_words, stop):
                        s = offset + match.start(1)
                        out.append((s, s + len(match.group(1)), match.group(1)))
                    break
                at += len(cell) + 1
    return out

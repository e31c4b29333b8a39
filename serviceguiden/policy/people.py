"""Person names presented as contacts ("Kontakt: Anna Svensson, handläggare, 031-…"),
told apart from names only quoted ("…, säger Anna Svensson") and photo credits.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from serviceguiden.policy import emails, names
from serviceguiden.policy.contact_lists import (
    alike_lines,
    joined_names,
    listed_under_contact_heading,
    table_column_names,
    titled_under_contact_heading,
)
from serviceguiden.policy.name_shapes import (
    candidate_names,
    caps_surname_first,
    cell_names,
    cued_names,
    initial_names,
    names_of_addresses,
    outside,
    surname_first,
    title_before,
    with_given_name_before,
)
from serviceguiden.policy.name_words import (
    CREDIT,
    CUE,
    HEADING,
    HONORIFICS,
    LOWER,
    NAME_WORD,
    NOT_SURNAMES,
    ORG_ENDINGS,
    PARAGRAPH_BREAK,
    SPEECH,
    NameMatch,
    after_unit_word,
    block_end,
    is_street,
    short_line,
)


def contact_names(
    text: str,
    detail_starts: list[int],
    local_parts: set[str],
    function_words: frozenset[str] = frozenset(),
    place_words: frozenset[str] = frozenset(),
) -> list[NameMatch]:
    """Names presented as someone to contact. `detail_starts` are offsets of phone numbers and
    e-mail addresses found in the text; `local_parts` the e-mail local parts found;
    `place_words` the city's own place names, which are never surnames ('Lunds')."""
    stop = NOT_SURNAMES | place_words
    candidates = (
        candidate_names(text, stop)
        + names_of_addresses(text, local_parts)
        + surname_first(text, function_words, stop)
    )
    caps = caps_surname_first(text, stop)
    if caps:  # the capitals' given name is found by the lists too: keep the whole name
        candidates = outside(candidates, caps) + caps
    cells = cell_names(text, function_words, stop)
    if cells:  # a whole cell is the whole name: 'Nguyen, Van Tuan', not 'Nguyen, Van'
        candidates = outside(candidates, cells) + cells
    columns = table_column_names(text, function_words, stop)
    if columns:  # '| Ordförande | Margareta Öberg | …' under '| Roll | Namn | …'
        candidates = outside(candidates, columns) + columns
    in_column = {start for start, _, _ in columns}
    candidates = [with_given_name_before(text, c, function_words, stop) for c in candidates]
    taken = {start for start, _, _ in candidates}
    spans = sorted(candidates)
    for cued in cued_names(text, detail_starts, function_words, stop) + initial_names(
        text, detail_starts, function_words, stop
    ):
        if cued[0] not in taken and outside([cued], spans):  # not 'Å. Claesson' of 'Björn Å. …'
            taken.add(cued[0])
            candidates.append(cued)
    candidates.sort()
    starts = [c[0] for c in candidates]
    breaks = [m.start() for m in PARAGRAPH_BREAK.finditer(text)] if candidates else []
    found = []
    for index, (start, end, name) in enumerate(candidates):
        if name.startswith(HONORIFICS):  # 'Mr Asif Chaudhry'
            cut = name.index(" ") + 1
            start, name = start + cut, name[cut:]
        if any(names.fold(w).endswith(ORG_ENDINGS) for w in name.split()):
            continue  # 'Markgruppen Väst'
        if after_unit_word(text, start):
            continue  # 'Förskolan Hedda Vinge': a unit named after someone
        line_start = text.rfind("\n", 0, start) + 1
        before_line = text[line_start:start]
        before = text[max(0, start - 40) : start]
        if SPEECH.search(before) or re.search(r"[”\"»]\s*,?\s*$", before):
            continue
        if CREDIT.search(before_line[-30:]) and not CUE.search(before_line):
            continue
        evidence: list[str] = []
        if CUE.search(before_line[-70:]):
            evidence.append("contact words before the name")
        head_from = max(0, line_start - 220)
        heading_zone = text[head_from:line_start]
        if HEADING.search(heading_zone) and "\n\n\n" not in heading_zone:
            evidence.append("under a contact heading")
        folded = names.fold(name).replace(" ", ".")
        parts = folded.split(".")
        if folded in local_parts or f"{parts[0]}.{parts[-1]}" in local_parts:
            evidence.append("matches an e-mail address")
        at = bisect_right(breaks, start)  # the paragraph breaks, found once
        para_start = breaks[at - 1] + 2 if at else 0
        para_end = len(text)
        if at < len(breaks):
            later = bisect_right(breaks, end - 1)
            para_end = breaks[later] if later < len(breaks) else len(text)
        if para_end - para_start <= 200 and short_line(text[para_start:para_end].strip()):
            para_end = block_end(text, para_end)  # a name alone in its paragraph
        next_name = candidates[index + 1][0] if index + 1 < len(candidates) else len(text)
        limit = min(para_end, next_name, end + 180)
        if any(end <= d < limit for d in detail_starts):
            evidence.append("followed by a phone number or e-mail address")
        elif "|" in text[line_start:start]:
            line_end = text.find("\n", end)
            line_end = len(text) if line_end < 0 else line_end
            if any(line_start <= d < line_end for d in detail_starts):
                evidence.append("in a table row with a phone number or e-mail address")
        if start in in_column:
            evidence.append("in the name column of a table")
        if not evidence and listed_under_contact_heading(text, start, end, starts):
            evidence.append("in a list of names under a contact heading")
        if not evidence and titled_under_contact_heading(
            text, start, end, title_before(text, start)
        ):
            evidence.append("a job title before the name under a contact heading")
        if evidence:
            found.append(NameMatch(start, end, name, tuple(evidence)))
    if found:
        found = _mentions_dropped(text, found, starts)
        found += alike_lines(text, found, function_words, stop)
        found += joined_names(text, found, function_words, stop)
        found.sort(key=lambda n: n.start)
    if "BEGIN:VCARD" in text.upper():
        known = {n.start for n in found}
        found += [n for n in _vcard_names(text) if n.start not in known]
        found.sort(key=lambda n: n.start)
    return _names_by_layout(text, found, detail_starts, function_words)


MAILBOX_ONLY = ("matches an e-mail address",)


def _mentions_dropped(text: str, found: list[NameMatch], starts: list[int]) -> list[NameMatch]:
    """A name in a list of names (a protocol's attendees: 'Pernilla Stålberg, förvaltnings-
    direktör' / 'Linnea Carlberg Saeed, nämndsekreterare') whose only evidence is a mailbox on
    the page is a mention where the page presents the same name as a contact elsewhere
    ('Frågor besvaras av nämndsekreterare …, 031-…, …@…')."""
    presented = {n.name for n in found if n.evidence != MAILBOX_ONLY}

    def in_a_list_of_names(n: NameMatch) -> bool:
        line_start = text.rfind("\n", 0, n.start) + 1
        above = text.rfind("\n", 0, max(0, line_start - 1)) + 1
        below = text.find("\n", n.end)
        below_end = text.find("\n", below + 1) if below >= 0 else -1
        below_end = len(text) if below_end < 0 else below_end
        near = starts[bisect_left(starts, above) : bisect_left(starts, below_end)]
        return any(s != n.start for s in near)

    return [
        n
        for n in found
        if n.evidence != MAILBOX_ONLY or n.name not in presented or not in_a_list_of_names(n)
    ]


VCARD_NAME = re.compile(r"^(?:FN|N)(?:;[^:\n]*)?:([^\n]+)$", re.M | re.I)
VCARD_BEGIN = re.compile(r"^BEGIN:VCARD", re.M | re.I)
VCARD_NOT_PERSON = re.compile(r"^KIND:(?:org|group|location)\s*$", re.M | re.I)


def _vcard_end(text: str, start: int) -> int:
    end = text.upper().find("END:VCARD", start)
    return len(text) if end < 0 else end


def _vcard_names(text: str) -> list[NameMatch]:
    """A vCard pasted into a page names a person in FN ('Adaeze Okonkwo') and N
    ('Okonkwo;Adaeze;;;', reported without the empty parts)."""
    out = []
    not_persons = [
        (m.start(), _vcard_end(text, m.start()))
        for m in VCARD_BEGIN.finditer(text)
        if VCARD_NOT_PERSON.search(text, m.start(), _vcard_end(text, m.start()))
    ]
    for match in VCARD_NAME.finditer(text):
        if any(a <= match.start() < b for a, b in not_persons):
            continue  # RFC 6350 KIND:org, group or location: no person's card
        value = match.group(1).rstrip(" ;\r")
        if not value or not any(ch.isalpha() for ch in value):
            continue
        if emails.names_a_function(value.replace(";", " ")):
            continue  # an organisation's card: 'FN:Kulturskolan Göteborg'
        start = match.start(1)
        parts = value.split(";")
        name = f"{parts[1]} {parts[0]}" if len(parts) > 1 and parts[1] else value  # N: order
        out.append(NameMatch(start, start + len(value), name, ("name field of a vCard",)))
    return out


LINE_NAME = re.compile(rf"[ \t]*({NAME_WORD}(?:,? {NAME_WORD}){{1,2}})(?![{LOWER}])")


def _names_by_layout(
    text: str, found: list[NameMatch], detail_starts: list[int], function_words: frozenset[str]
):
    """A staff list whose lines share one layout ('Name (languages), 031-…'): a line shaped like
    its neighbours' name lines names a person too, even one the name lists lack."""
    if not found:
        return found
    known = {(n.start, n.end) for n in found}
    extra = []
    for name in found:
        line_start = text.rfind("\n", 0, name.start) + 1
        if text[line_start : name.start].strip():
            continue  # the name does not open its line
        separator = text[name.end : name.end + 2]
        if len(separator) < 2 or separator[0] not in " ,:(–-" or separator[1].isalnum():
            continue
        for step in (-1, 1):
            at = line_start
            for _ in range(6):  # a few lines up and down while the layout holds
                if step < 0:
                    if at == 0:
                        break
                    at = text.rfind("\n", 0, at - 1) + 1
                else:
                    nxt = text.find("\n", at)
                    if nxt < 0:
                        break
                    at = nxt + 1
                line_end = text.find("\n", at)
                line_end = len(text) if line_end < 0 else line_end
                match = LINE_NAME.match(text, at, line_end)
                if not match or text[match.end(1) : match.end(1) + 2] != separator:
                    break
                span = match.span(1)
                if span in known:
                    continue
                if not any(span[1] <= d < line_end for d in detail_starts):
                    break
                if emails.names_a_function(match.group(1), function_words) or any(
                    is_street(w, text[span[1] : span[1] + 12]) for w in match.group(1).split()
                ):
                    break  # 'Förskolan Ängen', 'Kungsgatan 12'
                known.add(span)
                evidence = ("same layout as the names around it",)
                extra.append(NameMatch(span[0], span[1], match.group(1), evidence))
    return sorted(found + extra, key=lambda n: n.start)

"""Context across a block: which person a detail is shown with (a name before it in the
same paragraph, a name in brackets after it, a vCard, a contact block laid out a line a
paragraph), the heading a list sits under, and what that makes of the person and the details.
"""

from __future__ import annotations

import re

from serviceguiden.policy import name_words
from serviceguiden.policy.cues import (
    AFTER_DETAIL,
    CLUB,
    DETAIL_LABEL,
    DETAIL_LABEL_WORD,
    EXTERNAL_WORDS,
    NUMBER_ON_LINE,
    VCARD,
    city_words,
    mentioned,
    private_companies,
)
from serviceguiden.policy.items import Item


def label_people(t, name_items, phone_items, email_items, profile) -> None:
    """A name's label follows its organisation; details shown with a person become theirs."""
    starts = [n.start for n in name_items]
    private = private_companies(t, profile) if name_items else None
    details_of: dict[int, list[Item]] = {i: [] for i in range(len(name_items))}
    cards = [m.span() for m in VCARD.finditer(t)] if "BEGIN:VCARD" in t.upper() else []
    for detail in phone_items + email_items:
        card = next(((a, b) for a, b in cards if a <= detail.start < b), None)
        if card is not None:
            # In a vCard every TEL and EMAIL is the card's person's.
            in_card = [i for i, s in enumerate(starts) if card[0] <= s < detail.start]
            owner = in_card[-1] if in_card else None
        else:
            owner = _owner(t, detail, name_items, starts)
        if owner is not None:
            details_of[owner].append(detail)
    for index, person in enumerate(name_items):
        details = details_of[index]
        line_start, line_end = line_span(t, person.start)
        context = t[line_start:line_end]
        line_end = line_span(t, min(len(t), line_end + 1))[1]
        if len(context.strip(" |*-:,")) <= len(person.normalized) + 2:
            # A name alone on its line: its title and organisation are on the next line (the
            # next paragraph when every line is one).
            next_start = line_end + 1
            while next_start < len(t) and t[next_start] == "\n":
                next_start += 1
            context = t[line_start : line_span(t, next_start)[1]]
        # Around the name only: a page scraped into one long line must not be searched whole
        # for every person on it.
        lo = max(0, person.start - line_start - 300)
        context = context[lo : person.end - line_start + 300]
        # Not past the person's sentence: 'Pressansvarig X, 070-…. Ackrediteringar hanteras av
        # respektive förening' names no organisation of X's.
        later = SENTENCE_END.search(context, person.end - line_start - lo)
        context = context[: later.start() + 1] if later else context
        external = next((d for d in details if d.label == "external" and not d.mobile), None)
        company_detail = next((d for d in details if d.label == "city_company"), None)
        prev_start = line_span(t, max(0, line_start - 1))[0]
        heading = t[prev_start:line_start] if line_start - prev_start < 70 else ""
        own_end = line_span(t, person.start)[1]
        if own_end - line_start <= 120 and not t[line_start:own_end].rstrip().endswith("."):
            heading += _block_heading(t, line_start)  # a list under its heading
        city_detail = any(
            d.label in ("function", "personal") and not d.mobile and d.org is None for d in details
        )
        # A number only the area code places says less than an organisation named beside it
        # ('entreprenören Rörteknik Väst AB. Platschef X nås på 0300-54 12 90').
        placed_by_city = any(
            d.label in ("function", "personal")
            and not d.mobile
            and d.org is None
            and not any(e.startswith(AREA_CODE_ONLY) for e in d.evidence)
            for d in details
        )
        company = mentioned(context, profile.city_companies)
        if company is None and not city_detail:
            company = mentioned(heading, profile.city_companies)
        own_org = (
            EXTERNAL_WORDS.search(context)
            or city_words(profile).search(context)
            or (private is not None and private.search(context))
        )
        if company is None and not own_org and not city_detail:
            # No organisation on the person's lines: the paragraph's city company, if it names
            # one ('Visit Göteborg & Co …\nPress enquiries: Annika …').
            para_start = max(t.rfind("\n\n", 0, line_start), line_start - 300, 0)
            company = mentioned(t[para_start:line_start], profile.city_companies)
        if external is not None and (external.org is not None or external.kind == "email"):
            person.label, person.org = "external", external.org
            person.evidence.append("contact details of a known external organisation")
        elif (org := company_detail.org if company_detail is not None else company) is not None:
            person.label, person.org = "city_company", org
            person.evidence.append(f"at city company {org.name}")
        elif external is not None:
            person.label = "external"
            person.evidence.append("contact details outside the city's domains and series")
        elif (
            not placed_by_city
            and (EXTERNAL_WORDS.search(scope := heading + context) or CLUB.search(scope))
            and not city_words(profile).search(scope)
        ):
            person.label = "external"
            person.org = mentioned(scope, profile.external_actors)
            person.evidence.append("at an external organisation")
        elif (
            private is not None
            and not placed_by_city
            and (named := private.search(t, max(line_start, person.start - 80), person.start))
        ):
            person.label = "external"
            person.evidence.append(f"at the company {named.group()}")
        else:
            person.label = "personal"
            person.evidence.append("individual presented as a contact")
        for detail in details:
            if (
                detail.kind == "phone"
                and detail.label in ("function", "unknown", "external")
                and (detail.org is None)
            ):
                if detail.label == "external" and person.label == "personal":
                    continue
                detail.label = person.label
                detail.person = True
                detail.evidence.append(f"shown with the person '{person.normalized}'")
    _same_person_same_label(name_items, details_of)


def _block_heading(t: str, line_start: int) -> str:
    """The short line above the block of lines a person's line is in ('Styrelsen' over
    'Ordförande: …' / 'Kassör: …'), or ''."""
    at = line_start
    for _ in range(12):  # up the block
        if at <= 0:
            return ""
        above = line_span(t, at - 1)[0]
        if not t[above : at - 1].strip():
            break
        at = above
    else:
        return ""
    while at > 0 and not t[line_span(t, at - 1)[0] : at - 1].strip():  # over the blank lines
        at = line_span(t, at - 1)[0]
        if at <= 0:
            return ""
    head_start = line_span(t, at - 1)[0]
    head = t[head_start : at - 1].strip()
    return f"\n{head}\n" if 0 < len(head) < 70 and name_words.short_line(head) else ""


def _same_person_same_label(name_items, details_of) -> None:
    """A name shown again without anything that places it ('Från: Björn Sahlin Idrizi' in a
    quoted e-mail) belongs where its other occurrence on the page placed it."""
    placed = {n.normalized: n for n in name_items if n.label in ("external", "city_company")}
    for index, person in enumerate(name_items):
        other = placed.get(person.normalized)
        if other is None or person.label != "personal":
            continue
        person.label, person.org = other.label, other.org
        person.evidence.append("placed by the same name elsewhere on the page")
        for detail in details_of[index]:
            if detail.label == "personal" and detail.kind == "phone" and detail.org is None:
                detail.label, detail.org = other.label, other.org
                detail.evidence.append(f"shown with '{person.normalized}', placed elsewhere")


def line_span(t: str, at: int) -> tuple[int, int]:
    start = t.rfind("\n", 0, at) + 1
    end = t.find("\n", at)
    return start, len(t) if end < 0 else end


def _owner(t: str, detail: Item, name_items, starts) -> int | None:
    """The name a detail is shown with: a name in brackets right after it ('0762-11 40 93
    (Rikard Lövgren, badmästare)'), else the nearest name before it in the same paragraph."""
    best = None
    for index, start in enumerate(starts):
        if start >= detail.start:
            if start - detail.end <= 4 and AFTER_DETAIL.fullmatch(t, detail.end, start):
                return index
            break
        best = index
    if best is None:
        return None
    person = name_items[best]
    gap = t[person.end : detail.start]
    if detail.start - person.end > 180:
        return None
    if re.search(r"\n\s*\n", gap) and not _block_lines(gap):
        return None
    if ("@" in gap or re.search(r"\d\d", gap)) and name_words.FUNCTION_MARKERS.search(
        DETAIL_LABEL_WORD.sub(" ", gap)
    ):
        return None  # '…, 031-366 92 05 Mottagningen (tidsbokning) 031-…': a new row
    if VIA.search(gap) or (
        len(gap) > 40 and SENTENCE_END.search(gap) and ("@" in gap or re.search(r"\d\d", gap))
    ):
        return None  # 'nås via pressjouren 042-…'; '…@gotland.se Vill du ansöka? … 0498-…'
    if PLACEHOLDER_LINE.search(gap):
        return None  # 'Name' / '–' / '–' / 'Fritids' / '070-…': the person's slots were empty
    if "\n" in gap:
        if t[max(0, person.start - 3) : person.start].rstrip().endswith("("):
            return None  # '(Rikard Lövgren, badmästare)' names the detail before it only
        # On a later line a detail is the person's only after a plain label ('Telefon:'), also
        # after another detail on that line ('Direkt: 031-366 71 83 | Mobil: 0761-…').
        label = NUMBER_ON_LINE.sub(" ", gap[gap.rfind("\n") + 1 :])
        if not all(DETAIL_LABEL.fullmatch(part) for part in re.split(r"[|·,]", label)):
            return None
    return best


AREA_CODE_ONLY = "in the city's area code"
# The detail is reached through someone else ('nås via pressjouren', 'via växeln').
VIA = re.compile(r"\bvia\b[^\n@]{0,40}\Z", re.I)
SENTENCE_END = re.compile(r"[.?!]\s+[A-ZÅÄÖ]")
PLACEHOLDER_LINE = re.compile(r"\n[ \t]*[–—-][ \t]*\n")


def _block_lines(gap: str) -> bool:
    """A contact block laid out one paragraph a line ('Name' / 'Presschef, Renova' /
    '0709-…'): between a name and its detail only a few short lines without sentences, or
    the person's own detail lines."""
    lines = [line.strip() for line in gap.split("\n")[1:-1] if line.strip()]
    if len(lines) > 3:
        return False
    details = False
    for line in lines:
        if _detail_line(line):
            details = True
        elif details or not name_words.short_line(line):
            return False  # a line after the person's details starts someone else's block
    return True


def _detail_line(line: str) -> bool:
    """A line of the person's own details ('Telefon: 0980-707 41', 'E-post: a.b@kiruna.se'),
    before their next detail ('Mobil: 070-…')."""
    bare = NUMBER_ON_LINE.sub(" ", re.sub(r"\S+@\S+", " ", line))
    return bare != line and bool(DETAIL_LABEL.fullmatch(bare))

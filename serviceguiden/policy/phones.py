"""Swedish phone numbers: finding them in running text (the values' parsing and formatting
are `phone_numbers`).

`phonenumbers` validates and types numbers; finding them is ours, because Swedish pages write
numbers in ways its matcher misreads (opening hours, dotted dates) and because numbers without
an area code ("Tel 15 00 17") and short numbers ("114 14") need the surrounding words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from serviceguiden.policy.phone_numbers import (
    KNOWN_SHORT,
    area_code_of,
    format_phone,
    is_mobile,
    is_valid_foreign,
    is_valid_national,
    national_digits,
    phone_e164,
)

__all__ = [  # the values' helpers, re-exported: callers read numbers through this module
    "KNOWN_SHORT", "PhoneMatch", "area_code_of", "digit_runs", "find_phones",
    "find_series_locals", "format_phone", "is_mobile", "is_valid_national", "national_digits",
    "phone_e164",
]  # fmt: skip

DASHES = "-–—‑‐−"
# A run of digits with the separators Swedish pages put inside numbers.
RUN = re.compile(r"[+(]?\d[\d \-–—‑‐−/()]*\d")
GROUP = re.compile(r"\+?\d+")
# Words right before a number without area code that make it a phone number.
PHONE_CUE = re.compile(
    r"(?:telefon(?:nummer|nr)?|tel|tfn|tlf|vxl|växel|växeln|ring|ringa|ringer|mobil(?:nummer)?"
    r"|mob|puh|sms|fax|nummer|nummret|numret|jour(?:nummer)?|direkt)\.?\s*(?:nr\.?)?\s*[:.]?\s*$",
    re.I,
)
# Words right before digits that make them something other than a phone number.
NOT_PHONE_CUE = re.compile(
    r"\b(?:dnr|diarienummer|diarienr|ärendenummer|ärendenr|ärende|bankgiro|bg|plusgiro|pg|"
    r"postgiro|org\.?\s?nr|organisationsnummer|orgnr|org\.nummer|personnummer|pnr|"
    r"samordningsnummer|ocr|faktura(?:nummer|nr)?|kundnummer|kundnr|referens(?:nummer)?|ref|"
    r"konto(?:nummer|nr)?|clearing(?:nummer|nr)?|iban|postnummer|box|sfs|isbn|issn|"
    r"kl|klockan|mellan|år|vecka|v|nr|nummer\s+\d+|sida|sidan|s|kapitel|kap|§|paragraf)"
    r"\.?\s*[:.]?\s*$",
    re.I,
)


def _not_phone_cue(context: str) -> bool:
    """A word that makes the digits something else, on the number's own line ('Dnr 0263/20'),
    or alone on the line above it ('Bankgiro' / '5050-1055'); not a word that merely ends the
    line above ('1–3 år' / '0709-48 22 61' in a table)."""
    newline = context.rfind("\n")
    own_line = context[newline + 1 :]
    if NOT_PHONE_CUE.search(own_line):
        return True
    if newline < 0 or own_line.strip():
        return False
    above = context[context.rfind("\n", 0, newline) + 1 : newline].strip()
    cue = NOT_PHONE_CUE.search(above)
    return cue is not None and cue.start() == 0


UNIT_AFTER = re.compile(
    r"^\s?(?:kr\b|kronor|sek\b|:-|%|procent|st\b|stycken|personer|invånare|barn|elever|år\b|"
    r"m2|m²|kvm|kvadrat|meter|km|ton|kg|anläggningar|bostäder|lägenheter|platser|timmar|"
    r"minuter|dagar|veckor|ansökningar|deltagare|besökare|miljoner|miljarder|tkr|mkr|mdkr|"
    r"besök\b|arrangemang|evenemang|exemplar|utlån|medlemmar|ärenden|resor|träd|bilar)",
    re.I,
)
QUANTITY_BEFORE = re.compile(r"(?:\d\s?|\bår|\bi|\bsedan|\bfrån|\btill|\bcirka|\bca\.?|\bav)\s*$")
PERSONNUMMER_SHAPE = re.compile(r"^(?:\d{2})?\d{6}\s?[-+]\s?\d{4}$")


@dataclass(frozen=True)
class PhoneMatch:
    start: int  # text offsets
    end: int
    national: str  # national digits, '0313650000'; short numbers as they are, '11414'
    kind: str  # 'national', 'local' (area code added), 'short'
    cue: str  # the words that made a number without area code a phone number


DATES = re.compile(r"(?:19|20)\d\d-[01]\d(?:-[0-3]\d)?(?!\d)|\d{1,2}/\d{1,2}(?:/\d{2,4})?(?!\d)")


def digit_runs(text: str) -> list[re.Match]:
    """Runs of digits with the separators numbers are written with; shared by the extractors
    of phone numbers, identity numbers and street addresses (one pass over the text)."""
    return list(RUN.finditer(text))


def find_phones(
    text: str, area_code: str, blocked: list[tuple[int, int]], runs: list[re.Match] | None = None
) -> list[PhoneMatch]:
    """Phone numbers in `text`; spans in `blocked` (personnummer, org.nr) are never numbers."""
    found: list[PhoneMatch] = []
    for run in digit_runs(text) if runs is None else runs:
        start, end = run.span()
        dates = [
            m.span()
            for m in DATES.finditer(text, start, end)
            if not (m.start() and text[m.start() - 1].isdigit())
        ]
        if dates:
            blocked = blocked + dates
        if _overlaps(start, end, blocked):
            found.extend(
                m
                for m in _numbers_in_run(text, start, end, area_code)
                if not _overlaps(m.start, m.end, blocked)
            )
            continue
        before = text[max(0, start - 1) : start]
        if before and (before.isdigit() or before in ".,"):
            continue
        if start >= 2 and text[start - 1] in ":" + DASHES and text[start - 2].isdigit():
            continue
        after = text[end : end + 2]
        if len(after) == 2 and after[0] in ".,:" and after[1].isdigit():
            # 08.00, 12,5, 12:30: times, decimals and dotted dates. A number can still stand
            # before one: '0700-55 12 83 (14.00–18.00)' ends the run with '(14'.
            cut = text.rfind("(", start, end)
            while cut > start and text[cut - 1] == " ":
                cut -= 1
            if cut <= start:
                continue
            end = cut
        if not _may_hold_number(text[start:end], text, start):
            continue
        found.extend(_numbers_in_run(text, start, end, area_code))
    return found


def _may_hold_number(run: str, text: str, start: int) -> bool:
    """Cheap test before parsing: enough digits for a number with area code, a known short
    number, or a phone word right before."""
    digits = sum(ch.isdigit() for ch in run)
    if digits >= 8 and ("0" in run[:3] or "+" in run[:1]):
        return True
    if 3 <= digits <= 6 and run.replace(" ", "")[:6] in _SHORT_PREFIXES:
        return True
    return digits >= 5 and PHONE_CUE.search(text[max(0, start - 24) : start]) is not None


_SHORT_PREFIXES = (
    frozenset(number[:size] for number in KNOWN_SHORT for size in range(3, len(number) + 1))
    | KNOWN_SHORT
)


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(a < end and start < b for a, b in spans)


def _numbers_in_run(text: str, run_start: int, run_end: int, area_code: str) -> list[PhoneMatch]:
    run = text[run_start:run_end]
    if PERSONNUMMER_SHAPE.match(run.strip("() ")):
        return []
    groups = [(m.group(), run_start + m.start(), run_start + m.end()) for m in GROUP.finditer(run)]
    results: list[PhoneMatch] = []
    i = 0
    while i < len(groups):
        match, used = _number_at(text, groups, i, area_code)
        if match is None:
            i += 1
            continue
        results.append(match)
        i += used
    return results


def _separator(text: str, groups, j: int) -> str:
    return text[groups[j - 1][2] : groups[j][1]]


def _number_at(text: str, groups, i: int, area_code: str) -> tuple[PhoneMatch | None, int]:
    first, start, _ = groups[i]
    international = False
    skip_zero = False
    if first.startswith("+46") or first.startswith("0046"):
        international = True
        digits = "0" + first[3:] if first.startswith("+") else "0" + first[4:]
        if digits == "0" and i + 1 < len(groups) and groups[i + 1][0] == "0":
            skip_zero = True  # '+46 (0)31 …'
    elif first.startswith("+"):
        return _foreign_at(text, groups, i)
    else:
        digits = first
    # Collect the groups that can belong to one number.
    parts = [(digits, groups[i][2])]
    j = i + 1
    if skip_zero:
        j += 1
    total = len(digits)
    while j < len(groups):
        sep = _separator(text, groups, j)
        group = groups[j][0]
        area_slash = (
            j == i + 1 and sep.strip() == "/" and digits.startswith("0") and len(digits) <= 4
        )
        if ("/" in sep and not area_slash) or group.startswith("+") or sep.count(" ") > 2:
            break  # '031/368 23 40' is a number; '0263/20' (Dnr) is too short to be one
        if (
            group.startswith("0")
            and len(group) >= 3
            and not any(d in sep for d in DASHES)
            and is_valid_national("".join(p[0] for p in parts))
        ):
            break  # a new number starts: '08-12 34 56 031-…'
        if total + len(group) > 10:
            break
        total += len(group)
        parts.append((group, groups[j][2]))
        j += 1
    prefix_start = start
    if start > 0 and text[start - 1] == "(" and text[groups[i][2] : groups[i][2] + 1] == ")":
        prefix_start = start - 1  # '(031) 365 00 00'

    context = text[max(0, prefix_start - 40) : prefix_start]
    if not international and _not_phone_cue(context):
        return None, len(parts)
    if digits.startswith("0"):
        # Longest valid prefix of the groups, at least 8 digits.
        for k in range(len(parts), 0, -1):
            candidate = "".join(p[0] for p in parts[:k])
            if len(candidate) < 8:
                break
            slashed = "/" in text[parts[0][1] : parts[-1][1]]
            if slashed and len(candidate) - len(parts[0][0]) < 5:
                break  # after a slash only a full subscriber number makes it a phone number
            if is_valid_national(candidate) and not _looks_like_times(text, parts[:k], start):
                end = parts[k - 1][1]
                if UNIT_AFTER.match(text[end : end + 14]):
                    return None, k
                used = k + (1 if skip_zero else 0)
                return PhoneMatch(prefix_start, end, candidate, "national", ""), used
        return None, 1
    # No area code: short numbers, or local numbers after a phone word.
    cue = PHONE_CUE.search(context[-24:])
    local = "".join(p[0] for p in parts)
    for k in range(len(parts), 0, -1):
        candidate = "".join(p[0] for p in parts[:k])
        end = parts[k - 1][1]
        if UNIT_AFTER.match(text[end : end + 14]):
            continue
        # A known short number first: '116 111' after 'Telefon:' is a national service
        # number, not a local number of the city's area code.
        if candidate in KNOWN_SHORT and k <= 2 and _short_context_ok(text, start, end, cue):
            return PhoneMatch(start, end, candidate, "short", cue.group().strip() if cue else ""), k
        if cue and 5 <= len(candidate) <= 8 and is_valid_national(area_code + candidate):
            if len(local) > 8:
                break
            return PhoneMatch(start, end, area_code + candidate, "local", cue.group().strip()), k
    return None, 1


def _foreign_at(text: str, groups, i: int) -> tuple[PhoneMatch | None, int]:
    """'+47 77 79 00 00', '+358 8 558 410': another country's number, kept as '+' and its
    E.164 digits; the longest run of groups that makes a valid number."""
    parts = [(groups[i][0][1:], groups[i][2])]
    for j in range(i + 1, min(len(groups), i + 7)):
        sep = _separator(text, groups, j)
        if len(sep) > 3 or sep.strip(" -()") or groups[j][0].startswith("+"):
            break
        parts.append((groups[j][0], groups[j][2]))
    for k in range(len(parts), 0, -1):
        digits = "".join(p[0] for p in parts[:k]).replace("(0)", "")
        if is_valid_foreign(digits):
            return PhoneMatch(groups[i][1], parts[k - 1][1], "+" + digits, "national", ""), k
    return None, 1


def _looks_like_times(text: str, parts, start: int) -> bool:
    """'0800-1630' after 'kl.' or as two clock times is opening hours, not a number."""
    if len(parts) != 2:
        return False
    a, b = parts[0][0], parts[1][0]
    if len(a) == 4 and len(b) == 4 and int(a[:2]) < 24 and int(b[:2]) < 24:
        return int(a[2:]) < 60 and int(b[2:]) < 60
    return False


def _short_context_ok(text: str, start: int, end: int, cue) -> bool:
    if cue:
        return True
    after = text[end : end + 20]
    if re.match(r"\s?(?:[a-zåäö]{3,})", after) and not re.match(
        r"\s?(?:eller|och|om|för|dygnet|direkt|vid|när|dag|dagar)\b", after
    ):
        return False  # '112 personer', '1177 besök'
    before = text[max(0, start - 30) : start]
    return not re.search(
        r"(?:\d\s?|\bår|\bi|\bsedan|\bfrån|\btill|\bcirka|\bca\.?|\bav)\s*$", before
    )


LOCAL_SHAPE = re.compile(r"\d{2,3} \d{2} \d{2}")


def find_series_locals(
    text: str, runs: list[re.Match], found: list[PhoneMatch], area_code: str, blocked
) -> list[PhoneMatch]:
    """Numbers written without area code in a list ('Kart- och mätenheten 359 52 10') where
    the page shows numbers of the same series with it ('046-359 70 00'): without a phone word
    before them, the series on the page is what makes them phone numbers."""
    series = {
        m.national[len(area_code) : len(area_code) + 2]
        for m in found
        if m.kind == "national" and m.national.startswith(area_code)
    }
    if not series:
        return []
    taken = [(m.start, m.end) for m in found] + list(blocked)
    out = []
    for run in runs:
        start, end = run.span()
        if not LOCAL_SHAPE.fullmatch(text, start, end) or text[start:end][:2] not in series:
            continue
        if _overlaps(start, end, taken) or (start and text[start - 1] in ".,:-–/+"):
            continue
        if UNIT_AFTER.match(text[end : end + 14]) or QUANTITY_BEFORE.search(
            text[max(0, start - 12) : start]
        ):
            continue
        national = area_code + re.sub(r"\D", "", text[start:end])
        if is_valid_national(national) and not _not_phone_cue(text[max(0, start - 40) : start]):
            out.append(PhoneMatch(start, end, national, "local", "same series on the page"))
    return out

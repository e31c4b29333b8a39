"""Hours as people write them in a spreadsheet cell, read into the registry's stored form
(`directory/hours.py`): "Mån–fre 08.00–16.30", "mån-fre 8-12 och 13-16; fre 8-15",
"Vardagar 9–15. Helgdagar stängt", "Dygnet runt", "Midsommarafton stängt".

Whatever cannot be read is refused with the part that could not be read; it is never
guessed. The registry validates the result like any other hours.
"""

from __future__ import annotations

import re
import unicodedata

from serviceguiden.directory.hours import DAYS, HOLIDAYS, PUBLIC_HOLIDAYS


class HoursTextError(ValueError):
    def __init__(self, part: str):
        super().__init__(part)
        self.part = part


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


DAY_WORDS = {
    "man": 0, "mandag": 0, "mandagar": 0, "tis": 1, "tisdag": 1, "tisdagar": 1,
    "ons": 2, "onsdag": 2, "onsdagar": 2, "tor": 3, "tors": 3, "torsdag": 3, "torsdagar": 3,
    "fre": 4, "fredag": 4, "fredagar": 4, "lor": 5, "lordag": 5, "lordagar": 5,
    "son": 6, "sondag": 6, "sondagar": 6,
}  # fmt: skip
DAY_GROUPS = {
    "vardagar": range(0, 5), "helgfria vardagar": range(0, 5), "alla dagar": range(0, 7),
    "dagligen": range(0, 7), "alla veckans dagar": range(0, 7), "helger": range(5, 7),
    "veckoslut": range(5, 7),
}  # fmt: skip
HOLIDAY_WORDS = {_fold(sv): key for key, (sv, _en, _public) in HOLIDAYS.items()}
HOLIDAY_WORDS.update(
    {
        "helgdagar": PUBLIC_HOLIDAYS,
        "helgdag": PUBLIC_HOLIDAYS,
        "roda dagar": PUBLIC_HOLIDAYS,
        "allmanna helgdagar": PUBLIC_HOLIDAYS,
    }
)
EVES = ("midsommarafton", "julafton", "nyarsafton")
CLOSED = ("stangt", "stangd", "stanger", "closed")
AROUND_THE_CLOCK = ("dygnet runt", "alltid oppet", "24/7", "dygnet runt alla dagar")

_DASH = r"\s*(?:-|–|—|till)\s*"
_CLOCK = r"(?:kl\.?\s*)?(\d{1,2})(?:[.:](\d{2}))?"
_INTERVAL = re.compile(rf"^{_CLOCK}{_DASH}{_CLOCK}$")
_DAY = "|".join(sorted(DAY_WORDS, key=len, reverse=True))


def parse_hours_text(text: str) -> dict:
    """The stored form of `text`; {} for an empty cell. Raises `HoursTextError`. A later
    part about the same day wins ("mån–fre 8–16; fre 8–15")."""
    per_day: list[list[tuple[str, str]]] = [[] for _ in DAYS]
    exceptions: list[dict] = []
    for clause in _clauses(_fold(text)):
        if clause in AROUND_THE_CLOCK:
            per_day = [[("00:00", "24:00")] for _ in DAYS]
            continue
        holiday = _holiday_clause(clause)
        if holiday is not None:
            exceptions += holiday
            continue
        days, rest = _days(clause)
        intervals = [] if rest in CLOSED else _intervals(rest, clause)
        for day in days:
            per_day[day] = intervals
    result: dict = {}
    weekly = _weekly(per_day)
    if weekly:
        result["weekly"] = weekly
    if exceptions:
        result["exceptions"] = exceptions
    return result


def _weekly(per_day: list[list[tuple[str, str]]]) -> list[dict]:
    """Runs of days with the same times as one entry each ("mon-fri")."""
    weekly = []
    day = 0
    while day < len(DAYS):
        last = day
        while last + 1 < len(DAYS) and per_day[last + 1] == per_day[day]:
            last += 1
        days = DAYS[day] if day == last else f"{DAYS[day]}-{DAYS[last]}"
        weekly += [{"days": days, "opens": o, "closes": c} for o, c in per_day[day]]
        day = last + 1
    return weekly


def _clauses(text: str) -> list[str]:
    """'mån–fre 8–16. helgdagar stängt; lör 10-14' → one clause each. A comma or full stop
    ends a clause only when a day or holiday word follows and the clause so far has its times
    (or says closed): 'mån, tis 10–18' is one clause, '8.00' is no full stop."""
    starts = "|".join([_DAY, *map(re.escape, DAY_GROUPS), *map(re.escape, HOLIDAY_WORDS),
                       "helgdagsaftnar", "aftnar"])  # fmt: skip
    separator = re.compile(rf"[.,]\s+(?=(?:{starts})\b)")
    clauses = []
    for part in text.replace("\n", ";").split(";"):
        start = 0
        for found in separator.finditer(part):
            so_far = part[start : found.start()]
            if re.search(r"\d", so_far) or any(word in so_far for word in CLOSED):
                clauses.append(so_far)
                start = found.end()
        clauses.append(part[start:])
    return [c.strip(" .,") for c in clauses if c.strip(" .,")]


def _holiday_clause(clause: str) -> list[dict] | None:
    for word in sorted([*HOLIDAY_WORDS, "helgdagsaftnar", "aftnar"], key=len, reverse=True):
        if clause.startswith(word):
            rest = clause[len(word) :].strip(" :")
            keys = EVES if word in ("helgdagsaftnar", "aftnar") else (HOLIDAY_WORDS[word],)
            if rest in CLOSED:
                return [{"holiday": key, "closed": True} for key in keys]
            return [
                {"holiday": key, "opens": opens, "closes": closes}
                for key in keys
                for opens, closes in _intervals(rest, clause)[:1]
            ]
    return None


_DAY_ITEM = re.compile(rf"^({_DAY})(?:{_DASH}({_DAY}))?\b")
_DAY_JOIN = re.compile(r"^\s*(?:,|och|&|samt)\s*")


def _days(clause: str) -> tuple[list[int], str]:
    """The days a clause starts with ("mån–fre", "vardagar", "mån, ons och fre") and the
    rest of it."""
    for group, days in sorted(DAY_GROUPS.items(), key=lambda g: -len(g[0])):
        if clause.startswith(group):
            return list(days), clause[len(group) :].strip(" :")
    days: list[int] = []
    rest = clause
    while True:
        match = _DAY_ITEM.match(rest)
        if match is None:
            break
        first = DAY_WORDS[match.group(1)]
        last = DAY_WORDS[match.group(2)] if match.group(2) else first
        if last < first:
            raise HoursTextError(clause)
        days += range(first, last + 1)
        rest = rest[match.end() :]
        joined = _DAY_JOIN.match(rest)
        if joined is None or _DAY_ITEM.match(rest[joined.end() :]) is None:
            break
        rest = rest[joined.end() :]
    if not days:
        raise HoursTextError(clause)
    return days, rest.strip(" :")


def _intervals(text: str, clause: str) -> list[tuple[str, str]]:
    parts = [p.strip() for p in re.split(r"\s+och\s+|\s*,\s*|\s*&\s*", text) if p.strip()]
    if not parts:
        raise HoursTextError(clause)
    intervals = []
    for part in parts:
        match = _INTERVAL.match(part)
        if match is None:
            raise HoursTextError(clause)
        intervals.append((_clock(match.group(1), match.group(2), clause),
                          _clock(match.group(3), match.group(4), clause)))  # fmt: skip
    return intervals


def _clock(hour: str, minute: str | None, clause: str) -> str:
    value = f"{int(hour):02d}:{minute or '00'}"
    if int(hour) > 24 or (int(hour) == 24 and (minute or "00") != "00"):
        raise HoursTextError(clause)
    return value

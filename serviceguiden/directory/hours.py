"""Opening and phone hours: a structured weekly schedule plus exceptions, and how people
write them in Swedish ("Mån–fre 08.00–16.30") and English ("Mon–Fri 08:00–16:30").

Pure Python, no Django: the registry validates with `parse_hours`, the publishing layer
renders with `render_hours` / `hours_text` and answers "open now?" with `is_open`.

The stored form (JSON on a channel) is::

    {
      "weekly": [
        {"days": ["mon", "tue", "wed", "thu", "fri"], "opens": "08:00", "closes": "16:30"}
      ],
      "exceptions": [
        {"holiday": "midsommarafton", "closed": true},
        {"holiday": "public_holidays", "closed": true},
        {"date": "2026-12-23", "opens": "08:00", "closes": "12:00"}
      ],
      "note": ""
    }

Days not named in `weekly` are closed. A day may have several intervals (a lunch break).
An exception names a recurring holiday (see `HOLIDAYS`; `public_holidays` means every
Swedish public holiday) or one date, and is either closed or has its own interval.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_SV = ("mån", "tis", "ons", "tors", "fre", "lör", "sön")
DAY_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTH_SV = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)  # fmt: skip

# Recurring days an exception may name: key -> (Swedish, English, is a public holiday).
HOLIDAYS: dict[str, tuple[str, str, bool]] = {
    "nyarsdagen": ("nyårsdagen", "New Year's Day", True),
    "trettondagsafton": ("trettondagsafton", "Twelfth Night", False),
    "trettondedag_jul": ("trettondedag jul", "Epiphany", True),
    "skartorsdagen": ("skärtorsdagen", "Maundy Thursday", False),
    "langfredagen": ("långfredagen", "Good Friday", True),
    "paskafton": ("påskafton", "Easter Eve", False),
    "paskdagen": ("påskdagen", "Easter Sunday", True),
    "annandag_pask": ("annandag påsk", "Easter Monday", True),
    "valborgsmassoafton": ("valborgsmässoafton", "Walpurgis Night", False),
    "forsta_maj": ("första maj", "May Day", True),
    "kristi_himmelsfardsdag": ("Kristi himmelsfärdsdag", "Ascension Day", True),
    "pingstdagen": ("pingstdagen", "Whit Sunday", True),
    "nationaldagen": ("nationaldagen", "National Day", True),
    "midsommarafton": ("midsommarafton", "Midsummer Eve", False),
    "midsommardagen": ("midsommardagen", "Midsummer Day", True),
    "alla_helgons_dag": ("alla helgons dag", "All Saints' Day", True),
    "julafton": ("julafton", "Christmas Eve", False),
    "juldagen": ("juldagen", "Christmas Day", True),
    "annandag_jul": ("annandag jul", "Boxing Day", True),
    "nyarsafton": ("nyårsafton", "New Year's Eve", False),
}
PUBLIC_HOLIDAYS = "public_holidays"
PUBLIC_HOLIDAYS_TEXT = ("helgdagar", "public holidays")

_TIME = re.compile(r"^([01]\d|2[0-3])[:.]([0-5]\d)$|^(24)[:.](00)$")


class HoursError(ValueError):
    """Hours that cannot be understood; carries a Swedish and an English message."""

    def __init__(self, message_sv: str, message_en: str):
        super().__init__(message_en)
        self.message_sv = message_sv
        self.message_en = message_en


@dataclass(frozen=True)
class Interval:
    opens: dt.time
    closes: dt.time  # 24:00 is stored as time.max

    def contains(self, moment: dt.time) -> bool:
        return self.opens <= moment < self.closes


@dataclass(frozen=True)
class SpecialDay:
    holiday: str = ""  # a HOLIDAYS key or PUBLIC_HOLIDAYS
    date: dt.date | None = None
    intervals: tuple[Interval, ...] = ()  # empty = closed

    @property
    def closed(self) -> bool:
        return not self.intervals


@dataclass(frozen=True)
class Hours:
    weekly: tuple[tuple[Interval, ...], ...] = ((),) * 7  # index 0 = Monday
    exceptions: tuple[SpecialDay, ...] = ()
    note: str = ""
    raw: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def is_empty(self) -> bool:
        return not any(self.weekly) and not self.exceptions and not self.note


# -- parsing ----------------------------------------------------------------------------


def _time(value: object, where: str) -> dt.time:
    if not isinstance(value, str) or not _TIME.match(value.strip()):
        raise HoursError(
            f"{where}: {value!r} är ingen tid; skriv den som 08:00 eller 16.30.",
            f"{where}: {value!r} is not a time; write it as 08:00 or 16.30.",
        )
    text = value.strip().replace(".", ":")
    if text == "24:00":
        return dt.time.max
    hour, minute = text.split(":")
    return dt.time(int(hour), int(minute))


def _interval(item: dict, where: str) -> Interval:
    opens = _time(item.get("opens"), f"{where}.opens")
    closes = _time(item.get("closes"), f"{where}.closes")
    if closes <= opens:
        raise HoursError(
            f"{where}: stängningstiden måste vara senare än öppningstiden.",
            f"{where}: the closing time must be later than the opening time.",
        )
    return Interval(opens, closes)


def _days(value: object, where: str) -> list[int]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        raise HoursError(
            f"{where}.days: ange minst en veckodag (mon … sun).",
            f"{where}.days: name at least one weekday (mon … sun).",
        )
    result = []
    for day in value:
        if isinstance(day, str) and "-" in day:
            first, _, last = day.partition("-")
            if first in DAYS and last in DAYS and DAYS.index(first) <= DAYS.index(last):
                result.extend(range(DAYS.index(first), DAYS.index(last) + 1))
                continue
        if day not in DAYS:
            raise HoursError(
                f"{where}.days: {day!r} är ingen veckodag; använd mon, tue, … sun.",
                f"{where}.days: {day!r} is not a weekday; use mon, tue, … sun.",
            )
        result.append(DAYS.index(day))
    return result


def _sorted_no_overlap(intervals: list[Interval], where: str) -> tuple[Interval, ...]:
    ordered = sorted(intervals, key=lambda i: i.opens)
    for before, after in zip(ordered, ordered[1:], strict=False):
        if after.opens < before.closes:
            raise HoursError(
                f"{where}: tiderna överlappar varandra.",
                f"{where}: the intervals overlap.",
            )
    return tuple(ordered)


def parse_hours(data: object) -> Hours:
    """Validate the stored JSON form and return `Hours`; raises `HoursError`."""
    if data in (None, "", {}):
        return Hours(raw={})
    if not isinstance(data, dict):
        raise HoursError("Tiderna måste vara ett JSON-objekt.", "Hours must be a JSON object.")
    unknown = set(data) - {"weekly", "exceptions", "note"}
    if unknown:
        names = ", ".join(sorted(unknown))
        raise HoursError(f"Okända fält i tiderna: {names}.", f"Unknown fields in hours: {names}.")
    per_day: list[list[Interval]] = [[] for _ in DAYS]
    for index, item in enumerate(data.get("weekly") or []):
        where = f"weekly[{index}]"
        if not isinstance(item, dict):
            raise HoursError(f"{where} måste vara ett objekt.", f"{where} must be an object.")
        interval = _interval(item, where)
        for day in _days(item.get("days"), where):
            per_day[day].append(interval)
    weekly = tuple(
        _sorted_no_overlap(intervals, f"weekly ({DAY_SV[day]})")
        for day, intervals in enumerate(per_day)
    )
    exceptions = []
    for index, item in enumerate(data.get("exceptions") or []):
        exceptions.append(_exception(item, f"exceptions[{index}]"))
    note = data.get("note") or ""
    if not isinstance(note, str):
        raise HoursError("note måste vara text.", "note must be text.")
    return Hours(weekly=weekly, exceptions=tuple(exceptions), note=note.strip(), raw=data)


def _exception(item: object, where: str) -> SpecialDay:
    if not isinstance(item, dict):
        raise HoursError(f"{where} måste vara ett objekt.", f"{where} must be an object.")
    holiday = item.get("holiday") or ""
    day = None
    if holiday:
        if holiday != PUBLIC_HOLIDAYS and holiday not in HOLIDAYS:
            raise HoursError(
                f"{where}: {holiday!r} är ingen känd helgdag; se listan i hours.HOLIDAYS.",
                f"{where}: {holiday!r} is not a known holiday; see hours.HOLIDAYS.",
            )
    elif item.get("date"):
        try:
            day = dt.date.fromisoformat(str(item["date"]))
        except ValueError:
            raise HoursError(
                f"{where}: datumet {item['date']!r} ska skrivas ÅÅÅÅ-MM-DD.",
                f"{where}: write the date {item['date']!r} as YYYY-MM-DD.",
            ) from None
    else:
        raise HoursError(
            f"{where}: ange en helgdag (holiday) eller ett datum (date).",
            f"{where}: give a holiday or a date.",
        )
    if item.get("closed"):
        if "opens" in item or "closes" in item:
            raise HoursError(
                f"{where}: en stängd dag kan inte ha öppettider.",
                f"{where}: a closed day cannot have opening times.",
            )
        return SpecialDay(holiday=holiday, date=day)
    return SpecialDay(holiday=holiday, date=day, intervals=(_interval(item, where),))


# -- the calendar -----------------------------------------------------------------------


def easter_sunday(year: int) -> dt.date:
    """Gregorian Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month = (h + ell - 7 * m + 114) // 31
    day = (h + ell - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)


def _weekday_between(year: int, month: int, first_day: int, weekday: int) -> dt.date:
    start = dt.date(year, month, first_day)
    return start + dt.timedelta(days=(weekday - start.weekday()) % 7)


def swedish_holidays(year: int) -> dict[str, dt.date]:
    """Every day in `HOLIDAYS` for one year."""
    easter = easter_sunday(year)
    midsummer_eve = _weekday_between(year, 6, 19, 4)
    all_saints = _weekday_between(year, 10, 31, 5)
    days = {
        "nyarsdagen": dt.date(year, 1, 1),
        "trettondagsafton": dt.date(year, 1, 5),
        "trettondedag_jul": dt.date(year, 1, 6),
        "skartorsdagen": easter - dt.timedelta(days=3),
        "langfredagen": easter - dt.timedelta(days=2),
        "paskafton": easter - dt.timedelta(days=1),
        "paskdagen": easter,
        "annandag_pask": easter + dt.timedelta(days=1),
        "valborgsmassoafton": dt.date(year, 4, 30),
        "forsta_maj": dt.date(year, 5, 1),
        "kristi_himmelsfardsdag": easter + dt.timedelta(days=39),
        "pingstdagen": easter + dt.timedelta(days=49),
        "nationaldagen": dt.date(year, 6, 6),
        "midsommarafton": midsummer_eve,
        "midsommardagen": midsummer_eve + dt.timedelta(days=1),
        "alla_helgons_dag": all_saints,
        "julafton": dt.date(year, 12, 24),
        "juldagen": dt.date(year, 12, 25),
        "annandag_jul": dt.date(year, 12, 26),
        "nyarsafton": dt.date(year, 12, 31),
    }
    return days


def _exception_for(hours: Hours, day: dt.date) -> SpecialDay | None:
    holidays = swedish_holidays(day.year)
    names = {key for key, date in holidays.items() if date == day}
    is_public = any(HOLIDAYS[key][2] for key in names)
    # The most specific exception wins: a date, then a named day, then all public holidays.
    for exception in hours.exceptions:
        if exception.date == day:
            return exception
    for exception in hours.exceptions:
        if exception.holiday in names:
            return exception
    for exception in hours.exceptions:
        if exception.holiday == PUBLIC_HOLIDAYS and is_public:
            return exception
    return None


def intervals_on(hours: Hours, day: dt.date) -> tuple[Interval, ...]:
    """The opening intervals that apply on one calendar day."""
    exception = _exception_for(hours, day)
    if exception is not None:
        return exception.intervals
    return hours.weekly[day.weekday()]


def is_open(hours: Hours, moment: dt.datetime) -> bool:
    """Whether the channel is open at a local (naive or aware, in local time) moment."""
    return any(i.contains(moment.time()) for i in intervals_on(hours, moment.date()))


# -- rendering --------------------------------------------------------------------------


def _clock(value: dt.time, lang: str) -> str:
    if value == dt.time.max:
        return "24.00" if lang == "sv" else "24:00"
    sep = "." if lang == "sv" else ":"
    return f"{value.hour:02d}{sep}{value.minute:02d}"


def _intervals_text(intervals: tuple[Interval, ...], lang: str) -> str:
    joiner = " och " if lang == "sv" else " and "
    return joiner.join(f"{_clock(i.opens, lang)}–{_clock(i.closes, lang)}" for i in intervals)


def _closed(lang: str) -> str:
    return "stängt" if lang == "sv" else "closed"


def _day_range(first: int, last: int, lang: str) -> str:
    names = DAY_SV if lang == "sv" else DAY_EN
    if first == last:
        return names[first]
    return f"{names[first]}–{names[last]}"


def _special_day_name(exception: SpecialDay, lang: str) -> str:
    if exception.holiday == PUBLIC_HOLIDAYS:
        return PUBLIC_HOLIDAYS_TEXT[0 if lang == "sv" else 1]
    if exception.holiday:
        return HOLIDAYS[exception.holiday][0 if lang == "sv" else 1]
    if lang == "sv":
        return f"{exception.date.day} {MONTH_SV[exception.date.month - 1]}"
    return exception.date.strftime("%-d %B")


def _listed(names: list[str], lang: str) -> str:
    """'a, b och c' / 'a, b and c'."""
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + (" och " if lang == "sv" else " and ") + names[-1]


def _closed_days(exceptions: list[SpecialDay], lang: str) -> list[str]:
    """Closed days in one sentence per kind: 'Stängt på helgdagar, midsommarafton och
    julafton', 'Stängt den 23 december'."""
    lines = []
    named = [_special_day_name(e, lang) for e in exceptions if e.holiday]
    dated = [_special_day_name(e, lang) for e in exceptions if not e.holiday]
    if named:
        lines.append(("Stängt på " if lang == "sv" else "Closed on ") + _listed(named, lang))
    if dated:
        lines.append(("Stängt den " if lang == "sv" else "Closed on ") + _listed(dated, lang))
    return lines


def render_hours(hours: Hours, lang: str = "sv", *, show_closed: bool = True) -> list[str]:
    """Lines as people write them: ['Mån–fre 08.00–16.30', 'Lör–sön stängt', 'Stängt på
    helgdagar och midsommarafton']. Consecutive days with the same hours are grouped; the
    days an exception closes are named in one line. Join them with `sentences()`."""
    lines: list[str] = []
    if any(hours.weekly):
        day = 0
        while day < 7:
            last = day
            while last + 1 < 7 and hours.weekly[last + 1] == hours.weekly[day]:
                last += 1
            intervals = hours.weekly[day]
            if intervals or show_closed:
                text = _intervals_text(intervals, lang) if intervals else _closed(lang)
                lines.append(f"{_day_range(day, last, lang)} {text}")
            day = last + 1
    for exception in hours.exceptions:
        if exception.intervals:
            name = _special_day_name(exception, lang)
            lines.append(f"{name} {_intervals_text(exception.intervals, lang)}")
    lines += _closed_days([e for e in hours.exceptions if e.closed], lang)
    if hours.note:
        lines.append(hours.note)
    return [line[:1].upper() + line[1:] for line in lines]


def sentences(lines) -> str:
    """Lines as sentences: 'Mån–fre 08.00–16.30. Stängt på helgdagar.' (a line that already
    ends a sentence keeps its own mark)."""
    return " ".join(line if line.endswith((".", "!", "?")) else line + "." for line in lines)


def hours_text(hours: Hours, lang: str = "sv") -> str:
    """One line: 'Mån–fre 08.00–16.30. Lör–sön stängt.'"""
    return sentences(render_hours(hours, lang))

"""Opening and phone hours as form fields a contact owner can fill in: a few weekly rows
("Monday–Friday 08:00–16:30"), closed on public holidays, closed on the eves, and a note.
They are turned into the registry's stored form (see `directory/hours.py`), which the
registry then validates like every other write. Exceptions on single dates that the rows
cannot show are kept as they are.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from serviceguiden.directory import hours as hours_module

DAY_LABELS = (
    _("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"), _("Saturday"),
    _("Sunday"),
)  # fmt: skip
DAY_CHOICES = [("", "–")] + list(zip(hours_module.DAYS, DAY_LABELS, strict=True))
EVES = ("midsommarafton", "julafton", "nyarsafton")
ROWS = 2


def _clock(value) -> str:
    return "24:00" if value.hour == 23 and value.minute == 59 else value.strftime("%H:%M")


def weekly_rows(stored: dict) -> list[dict]:
    """The stored schedule as rows: consecutive days with the same interval become one row."""
    try:
        parsed = hours_module.parse_hours(stored)
    except hours_module.HoursError:
        return []
    rows = []
    day = 0
    while day < 7:
        last = day
        while last + 1 < 7 and parsed.weekly[last + 1] == parsed.weekly[day]:
            last += 1
        for interval in parsed.weekly[day]:
            rows.append(
                {
                    "first": hours_module.DAYS[day],
                    "last": hours_module.DAYS[last],
                    "opens": _clock(interval.opens),
                    "closes": _clock(interval.closes),
                }
            )
        day = last + 1
    return rows


def _holiday_closed(exceptions: list, holiday: str) -> bool:
    return any(
        isinstance(e, dict) and e.get("holiday") == holiday and e.get("closed") for e in exceptions
    )


class HoursFieldsMixin:
    """Adds `hours_<n>_first/last/opens/closes`, `closed_holidays`, `closed_eves` and
    `hours_note` to a channel form, and builds `instance.hours` from them in `clean()`."""

    def add_hours_fields(self, stored: dict) -> None:
        stored = stored if isinstance(stored, dict) else {}
        rows = weekly_rows(stored)
        self.hour_rows = max(ROWS, len(rows))
        for index in range(self.hour_rows):
            row = rows[index] if index < len(rows) else {}
            prefix = f"hours_{index}_"
            self.fields[prefix + "first"] = forms.ChoiceField(
                label=_("From"), choices=DAY_CHOICES, required=False, initial=row.get("first")
            )
            self.fields[prefix + "last"] = forms.ChoiceField(
                label=_("To"), choices=DAY_CHOICES, required=False, initial=row.get("last")
            )
            self.fields[prefix + "opens"] = forms.CharField(
                label=_("Opens"), required=False, initial=row.get("opens"),
                widget=forms.TimeInput(attrs={"type": "time"}),
            )  # fmt: skip
            self.fields[prefix + "closes"] = forms.CharField(
                label=_("Closes"), required=False, initial=row.get("closes"),
                widget=forms.TimeInput(attrs={"type": "time"}),
            )  # fmt: skip
        exceptions = list(stored.get("exceptions") or [])
        self.fields["closed_holidays"] = forms.BooleanField(
            label=_("Closed on public holidays"), required=False,
            initial=_holiday_closed(exceptions, hours_module.PUBLIC_HOLIDAYS),
        )  # fmt: skip
        self.fields["closed_eves"] = forms.BooleanField(
            label=_("Closed on Midsummer Eve, Christmas Eve and New Year's Eve"),
            required=False, initial=all(_holiday_closed(exceptions, eve) for eve in EVES),
        )  # fmt: skip
        self.fields["hours_note"] = forms.CharField(
            label=_("Note on the hours"), required=False, max_length=200,
            initial=stored.get("note", ""),
        )  # fmt: skip
        handled = {hours_module.PUBLIC_HOLIDAYS, *EVES}
        self.kept_exceptions = [
            e for e in exceptions if not (isinstance(e, dict) and e.get("holiday") in handled)
        ]

    def hour_row_fields(self):
        """[(number, first, last, opens, closes, errors)] of bound fields, for the template."""
        rows = []
        for index in range(self.hour_rows):
            fields = [
                self[f"hours_{index}_{part}"] for part in ("first", "last", "opens", "closes")
            ]
            errors = sorted({str(e) for field in fields for e in field.errors})
            rows.append((index + 1, *fields, errors))
        return rows

    def kept_exception_lines(self) -> list[str]:
        try:
            parsed = hours_module.parse_hours({"exceptions": self.kept_exceptions})
        except hours_module.HoursError:
            return []
        return hours_module.render_hours(parsed, self.lang)

    def build_hours(self) -> dict:
        data = self.cleaned_data
        weekly = []
        for index in range(self.hour_rows):
            prefix = f"hours_{index}_"
            first, last = data.get(prefix + "first"), data.get(prefix + "last")
            opens, closes = data.get(prefix + "opens"), data.get(prefix + "closes")
            if not any((first, last, opens, closes)):
                continue
            missing = [
                part for part, value in (("first", first), ("opens", opens), ("closes", closes))
                if not value
            ]  # fmt: skip
            for part in missing:
                self.add_error(prefix + part, _("Fill in the day and both times of this row."))
            if missing:
                continue
            last = last or first
            days = first if first == last else f"{first}-{last}"
            weekly.append({"days": days, "opens": opens, "closes": closes})
        exceptions = list(self.kept_exceptions)
        if data.get("closed_holidays"):
            exceptions.append({"holiday": hours_module.PUBLIC_HOLIDAYS, "closed": True})
        if data.get("closed_eves"):
            exceptions += [{"holiday": eve, "closed": True} for eve in EVES]
        note = (data.get("hours_note") or "").strip()
        result: dict = {}
        if weekly:
            result["weekly"] = weekly
        if exceptions:
            result["exceptions"] = exceptions
        if note:
            result["note"] = note
        return result

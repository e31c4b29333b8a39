import datetime as dt

import pytest

from serviceguiden.directory.hours import (
    HoursError,
    hours_text,
    is_open,
    parse_hours,
    render_hours,
    sentences,
    swedish_holidays,
)

OFFICE = {
    "weekly": [
        {"days": ["mon", "tue", "wed", "thu"], "opens": "08:00", "closes": "16:30"},
        {"days": "fri", "opens": "08:00", "closes": "15:00"},
    ],
    "exceptions": [
        {"holiday": "midsommarafton", "closed": True},
        {"holiday": "julafton", "closed": True},
        {"date": "2026-12-23", "opens": "08:00", "closes": "12:00"},
    ],
}


def test_weekdays_render_as_people_write_them():
    hours = parse_hours({"weekly": [{"days": "mon-fri", "opens": "08:00", "closes": "16:30"}]})
    assert render_hours(hours) == ["Mån–fre 08.00–16.30", "Lör–sön stängt"]
    assert render_hours(hours, "en") == ["Mon–Fri 08:00–16:30", "Sat–Sun closed"]
    assert render_hours(hours, show_closed=False) == ["Mån–fre 08.00–16.30"]


def test_groups_days_exceptions_and_lunch_breaks():
    hours = parse_hours(OFFICE)
    assert render_hours(hours) == [
        "Mån–tors 08.00–16.30",
        "Fre 08.00–15.00",
        "Lör–sön stängt",
        "23 december 08.00–12.00",
        "Stängt på midsommarafton och julafton",
    ]
    lunch = parse_hours({"weekly": [
        {"days": "mon-fri", "opens": "13:00", "closes": "16:00"},
        {"days": "mon-fri", "opens": "09:00", "closes": "12:00"},
    ]})  # fmt: skip
    assert render_hours(lunch)[0] == "Mån–fre 09.00–12.00 och 13.00–16.00"
    holidays = parse_hours({"exceptions": [{"holiday": "public_holidays", "closed": True}]})
    assert hours_text(holidays) == "Stängt på helgdagar."


def test_swedish_holidays_move_with_easter_and_midsummer():
    days = swedish_holidays(2026)
    assert days["paskdagen"] == dt.date(2026, 4, 5)
    assert days["langfredagen"] == dt.date(2026, 4, 3)
    assert days["kristi_himmelsfardsdag"] == dt.date(2026, 5, 14)
    assert days["midsommarafton"] == dt.date(2026, 6, 19)
    assert days["alla_helgons_dag"] == dt.date(2026, 10, 31)
    assert swedish_holidays(2027)["midsommarafton"] == dt.date(2027, 6, 25)


def test_is_open_applies_the_most_specific_exception():
    closed_on_holidays = {"holiday": "public_holidays", "closed": True}
    hours = parse_hours({**OFFICE, "exceptions": [*OFFICE["exceptions"], closed_on_holidays]})
    assert is_open(hours, dt.datetime(2026, 6, 18, 9, 0))  # Thursday
    assert not is_open(hours, dt.datetime(2026, 6, 19, 9, 0))  # midsommarafton
    assert not is_open(hours, dt.datetime(2026, 4, 6, 9, 0))  # annandag påsk, a Monday
    assert is_open(hours, dt.datetime(2026, 12, 23, 11, 0))
    assert not is_open(hours, dt.datetime(2026, 12, 23, 13, 0))
    assert not is_open(hours, dt.datetime(2026, 6, 20, 9, 0))  # Saturday


@pytest.mark.parametrize(
    "data, fragment",
    [
        ({"weekly": [{"days": "mon", "opens": "8", "closes": "16:00"}]}, "is not a time"),
        ({"weekly": [{"days": "mon", "opens": "16:00", "closes": "08:00"}]}, "later than"),
        ({"weekly": [{"days": "monday", "opens": "08:00", "closes": "16:00"}]}, "not a weekday"),
        (
            {
                "weekly": [
                    {"days": "mon", "opens": "08:00", "closes": "12:00"},
                    {"days": "mon", "opens": "11:00", "closes": "16:00"},
                ]
            },
            "overlap",
        ),  # fmt: skip
        ({"exceptions": [{"holiday": "lucia", "closed": True}]}, "not a known holiday"),
        ({"exceptions": [{"date": "24/12", "closed": True}]}, "YYYY-MM-DD"),
        ({"exceptions": [{"closed": True}]}, "holiday or a date"),
        ({"open": "always"}, "Unknown fields"),
        (["mon"], "JSON object"),
    ],
)
def test_bad_hours_are_refused_with_a_reason(data, fragment):
    with pytest.raises(HoursError) as error:
        parse_hours(data)
    assert fragment in error.value.message_en
    assert error.value.message_sv


def test_a_channel_renders_its_hours(cast):
    phone = cast.function_a.channels.get(kind="phone")
    assert phone.hours_lines() == ["Mån–fre 08.00–16.30", "Lör–sön stängt"]
    assert phone.hours_lines("en")[0] == "Mon–Fri 08:00–16:30"
    assert cast.function_a.channels.get(kind="email").hours_lines() == []


def test_closed_days_are_one_sentence_that_ends_with_a_full_stop():
    hours = parse_hours({
        "weekly": [{"days": "mon-fri", "opens": "08:00", "closes": "16:30"}],
        "exceptions": [
            {"holiday": "public_holidays", "closed": True},
            {"holiday": "midsommarafton", "closed": True},
            {"holiday": "julafton", "closed": True},
            {"holiday": "nyarsafton", "closed": True},
            {"date": "2026-12-28", "closed": True},
        ],
        "note": "Drop-in på tisdagar",
    })  # fmt: skip
    assert hours_text(hours) == (
        "Mån–fre 08.00–16.30. Lör–sön stängt. "
        "Stängt på helgdagar, midsommarafton, julafton och nyårsafton. "
        "Stängt den 28 december. Drop-in på tisdagar."
    )
    assert sentences(render_hours(hours, "en", show_closed=False)) == (
        "Mon–Fri 08:00–16:30. "
        "Closed on public holidays, Midsummer Eve, Christmas Eve and New Year's Eve. "
        "Closed on 28 December. Drop-in på tisdagar."
    )


def test_a_note_that_ends_its_own_sentence_gets_no_second_full_stop():
    hours = parse_hours({"note": "Ring först!"})
    assert hours_text(hours) == "Ring först!"
    assert sentences(["Mån–fre 08.00–16.30", "Stängt på helgdagar."]) == (
        "Mån–fre 08.00–16.30. Stängt på helgdagar."
    )

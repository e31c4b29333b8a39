"""Hours as form fields: stored schedules become rows and come back unchanged; exceptions
the rows cannot show (single dates) are kept."""

from __future__ import annotations

import pytest

from serviceguiden.directory.models import Channel
from serviceguiden.web.forms import ChannelEditForm
from serviceguiden.web.hours_fields import weekly_rows

pytestmark = pytest.mark.django_db

STORED = {
    "weekly": [
        {"days": ["mon", "tue", "wed", "thu"], "opens": "08:00", "closes": "16:30"},
        {"days": "fri", "opens": "08:00", "closes": "15:00"},
    ],
    "exceptions": [
        {"holiday": "public_holidays", "closed": True},
        {"date": "2026-12-23", "opens": "08:00", "closes": "12:00"},
    ],
    "note": "Drop-in på torsdagar",
}


def test_consecutive_days_with_the_same_hours_become_one_row():
    assert weekly_rows(STORED) == [
        {"first": "mon", "last": "thu", "opens": "08:00", "closes": "16:30"},
        {"first": "fri", "last": "fri", "opens": "08:00", "closes": "15:00"},
    ]


def test_lunch_break_gives_two_rows_for_the_same_days():
    stored = {
        "weekly": [
            {"days": "mon-fri", "opens": "08:00", "closes": "12:00"},
            {"days": "mon-fri", "opens": "13:00", "closes": "16:00"},
        ]
    }
    rows = weekly_rows(stored)
    assert [(r["first"], r["last"], r["opens"]) for r in rows] == [
        ("mon", "fri", "08:00"),
        ("mon", "fri", "13:00"),
    ]


def test_an_unchanged_form_gives_back_the_same_schedule_and_keeps_date_exceptions(cast):
    channel = Channel.objects.get(function=cast.function_a, kind="phone")
    channel.hours = STORED
    channel.save()
    form = ChannelEditForm(instance=channel)
    data = {
        name: ("on" if value is True else value)
        for name, value in ((n, form[n].value()) for n in form.fields)
        if value not in (None, False)
    }
    bound = ChannelEditForm(data, instance=channel)
    bound.instance.function = cast.function_a
    assert bound.is_valid(), bound.errors
    hours = bound.instance.hours
    assert hours["weekly"] == [
        {"days": "mon-thu", "opens": "08:00", "closes": "16:30"},
        {"days": "fri", "opens": "08:00", "closes": "15:00"},
    ]
    assert {"date": "2026-12-23", "opens": "08:00", "closes": "12:00"} in hours["exceptions"]
    assert {"holiday": "public_holidays", "closed": True} in hours["exceptions"]
    assert hours["note"] == "Drop-in på torsdagar"
    assert "23 december 08.00–12.00" in " ".join(form.kept_exception_lines())

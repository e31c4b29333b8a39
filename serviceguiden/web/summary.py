"""The error summary at the top of every form page (the GOV.UK pattern): one box above the
heading that lists every problem of the page, each a link to its field; the page's title
starts with "Fel:", and focus moves to the box (`autofocus`, and `editor.js`).

A conflict (someone else saved the entry after it was opened) is said once, in plain
words, with the time of their save and a link to what they changed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from serviceguiden.web.i18n import page_lang

CONFLICT = "REG-conflict"
_HOURS_FIELD = re.compile(r"^hours_(\d+)_")


@dataclass(frozen=True)
class ErrorLink:
    text: str
    href: str
    where: str = ""


@dataclass(frozen=True)
class Conflict:
    """Someone else saved `name` at `when`; `changes_url` shows what they changed."""

    name: str
    when: dt.datetime | None
    changes_url: str = ""

    def message(self) -> str:
        if self.when is None:
            return _("Someone else saved changes to %(name)s") % {"name": self.name}
        local = timezone.localtime(self.when)
        time = local.strftime("%H.%M" if page_lang() == "sv" else "%H:%M")
        if local.date() == timezone.localdate():
            return _("Someone else saved changes to %(name)s at %(time)s") % {
                "name": self.name, "time": time,
            }  # fmt: skip
        day = date_format(local.date(), "j F")
        return _("Someone else saved changes to %(name)s on %(day)s at %(time)s") % {
            "name": self.name, "day": day, "time": time,
        }  # fmt: skip


def conflict_with(obj, changes_url: str = "") -> Conflict:
    """The conflict note for an entry someone else saved: its name and time as stored now
    (the form's instance holds the editor's own, unsaved, values)."""
    record = obj.history.order_by("-history_date", "-history_id").first()
    if record is None:
        return Conflict(str(obj), None, changes_url)
    return Conflict(getattr(record, "name", str(obj)), record.history_date, changes_url)


def has_conflict(*forms) -> bool:
    return any(
        error.code == CONFLICT
        for form in _each_form(forms)
        for error in form.non_field_errors().as_data()
    )


def shown_non_field_errors(form) -> list[str]:
    """A form's own errors as shown inside it: a conflict is said once, in the summary."""
    return [
        message
        for error in form.non_field_errors().as_data()
        if error.code != CONFLICT
        for message in error.messages
    ]


def form_errors_id(form) -> str:
    return f"{form.prefix or 'form'}-errors"


def error_links(*forms) -> list[ErrorLink]:
    """Every error of the given forms and formsets, in page order, each linked to its field
    (or to the form's own error box when it belongs to no field)."""
    links = []
    for form in forms:
        if form is None:
            continue
        if hasattr(form, "forms"):  # a formset, numbered as the page shows its forms
            shown = form.in_order() if hasattr(form, "in_order") else form.forms
            for index, member in enumerate(shown):
                links += _links(member, _formset_member_name(member, index))
            for message in form.non_form_errors():
                links.append(ErrorLink(message, f"#{form.prefix}-errors"))
        else:
            links += _links(form, "")
    return links


def _each_form(forms):
    for form in forms:
        if form is None:
            continue
        if hasattr(form, "forms"):
            yield from form.forms
        else:
            yield form


def _formset_member_name(form, index: int) -> str:
    if form.instance.pk is not None:
        return _("Channel %(n)s") % {"n": index + 1}
    return _("New channel")


def _links(form, where: str) -> list[ErrorLink]:
    if not form.is_bound or not form.errors:
        return []
    links = []
    for name, errors in form.errors.as_data().items():
        for error in errors:
            if error.code == CONFLICT:
                continue
            for message in error.messages:
                links.append(_link(form, name, message, where))
    return links


def _link(form, name: str, message: str, where: str) -> ErrorLink:
    if name == NON_FIELD_ERRORS or name not in form.fields:
        return ErrorLink(message, f"#{form_errors_id(form)}", where)
    bound = form[name]
    label = str(bound.label)
    row = _HOURS_FIELD.match(name)
    if row:
        label = _("Hours, row %(number)s") % {"number": int(row.group(1)) + 1} + ": " + label
    place = f"{where}, {label}" if where else label
    return ErrorLink(message, f"#{bound.id_for_label or bound.auto_id}", place)

"""History: who changed what, when (django-simple-history records every save made through
the domain functions with the acting user and a reason), and restoring an earlier version.

A function is the editing unit: every channel change also writes a function history
record, so restoring a function version brings back its fields *and* its channels as they
were at that moment. Restoring goes through the same save functions as any edit — same
rights, same validation — so an old personal address whose exception has ended is refused.
Status (draft/published/archived) is not restored: it changes only through `lifecycle`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from serviceguiden.directory import access
from serviceguiden.directory.editing import (
    delete_channel,
    save_channel,
    save_external_actor,
    save_function,
    save_organisation,
    save_topic,
)
from serviceguiden.directory.models import Channel, ExternalActor, Function, Organisation, Topic

_NOT_DIFFED = ["updated_at", "created_at", "version"]
_KIND = {"+": "created", "~": "changed", "-": "deleted"}


@dataclass(frozen=True)
class Change:
    history_id: int
    when: dt.datetime
    who: str
    kind: str  # created | changed | deleted
    reason: str
    version: int | None
    diffs: tuple[tuple[str, object, object], ...] = field(default=())


def _who(record) -> str:
    return record.history_user.get_username() if record.history_user else "system"


def changes(obj) -> list[Change]:
    """Every recorded change of `obj`, oldest first, with a field-by-field diff."""
    records = list(obj.history.order_by("history_date", "history_id"))
    result = []
    previous = None
    for record in records:
        diffs: tuple = ()
        if previous is not None:
            delta = record.diff_against(previous, excluded_fields=_NOT_DIFFED)
            diffs = tuple((c.field, c.old, c.new) for c in delta.changes)
        result.append(
            Change(
                record.history_id, record.history_date, _who(record),
                _KIND[record.history_type], record.history_change_reason or "",
                getattr(record, "version", None), diffs,
            )
        )  # fmt: skip
        previous = record
    return result


def channel_changes(function: Function) -> list[Change]:
    """Changes of the channels of one function (including deleted channels), oldest first."""
    records = Channel.history.filter(function_id=function.pk).order_by("history_date", "history_id")
    previous_by_channel: dict[int, object] = {}
    result = []
    for record in records:
        previous = previous_by_channel.get(record.id)
        if record.history_type == "-":
            diffs = (("value", record.value, None),)
        elif previous is None:
            diffs = (("value", None, record.value),)
        else:
            delta = record.diff_against(previous, excluded_fields=[*_NOT_DIFFED, "normalized"])
            diffs = tuple((c.field, c.old, c.new) for c in delta.changes)
        result.append(
            Change(
                record.history_id, record.history_date, _who(record),
                _KIND[record.history_type], f"{record.kind} #{record.id}",
                record.version, diffs,
            )
        )  # fmt: skip
        previous_by_channel[record.id] = record
    return result


# -- saved versions ---------------------------------------------------------------------

# A save on the editor's screen may write several records: the function's own fields, then
# one channel record and one function record ("touch") per changed channel, all in one
# transaction and by one user. A touch record changes none of the function's own fields.
SAVE_WINDOW = dt.timedelta(seconds=10)


@dataclass(frozen=True)
class Version:
    """One save of an entry as its editor made it: its own changed fields and the channels
    saved with it. Restoring it (`restore_version(obj, version.history_id, user)`) brings
    back all of that saved version, not a part of it."""

    history_id: int  # the last record of the save
    when: dt.datetime  # when the save was done: its last record's time
    who: str
    kind: str  # created | changed | deleted (of the entry's first record in the save)
    reason: str  # the first record's reason that is not a channel's own
    version: int | None  # the entry's version after the save
    diffs: tuple[tuple[str, object, object], ...] = ()
    channel_changes: tuple[Change, ...] = ()
    first_version: int | None = None  # the entry's version after the save's first record


def versions(obj) -> list[Version]:
    """The saved versions of `obj`, oldest first (a function's with its channels)."""
    channels = channel_changes(obj) if isinstance(obj, Function) else []
    groups: list[list[tuple[Change, list[Change]]]] = []
    for change in changes(obj):
        # the channel records written just before this record are what it records
        with_it = [c for c in channels if c.when <= change.when]
        channels = channels[len(with_it) :]
        is_touch = bool(with_it) and not change.diffs and change.kind == "changed"
        previous = groups[-1][-1][0] if groups else None
        if (
            is_touch
            and previous is not None
            and previous.who == change.who
            and change.when - previous.when <= SAVE_WINDOW
        ):
            groups[-1].append((change, with_it))
        else:
            groups.append([(change, with_it)])
    if channels and groups:  # channel records after the last function record
        groups[-1].append((groups[-1][-1][0], channels))
    return [_version(group) for group in groups]


def _version(group: list[tuple[Change, list[Change]]]) -> Version:
    (first, first_channels), (last, _) = group[0], group[-1]
    diffs: dict[str, tuple[str, object, object]] = {}
    for change, _channels in group:
        for name, old, new in change.diffs:
            diffs[name] = (name, diffs.get(name, (name, old, new))[1], new)
    # a record written for a channel says what the channel lines say already
    reason = "" if first_channels and not first.diffs else first.reason
    return Version(
        last.history_id, last.when, first.who, first.kind, reason, last.version,
        tuple(diffs.values()), tuple(c for _change, cs in group for c in cs), first.version,
    )  # fmt: skip


def restored_reason(moment: dt.datetime) -> str:
    """The history reason of a restore, with the restored version's local time."""
    local = timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")
    return f"återställd till {local} / restored to {local}"


# -- restore ----------------------------------------------------------------------------

_RESTORED_FIELDS = {
    Function: ["name", "description", "review_by", "organisation_id"],
    Topic: [
        "name", "synonyms", "description", "organisation_id", "function_id",
        "external_actor_id", "contact_center_first",
    ],
    Organisation: ["name", "kind", "parent_id", "general_email", "website", "domains"],
    ExternalActor: ["name", "website", "purpose"],
}  # fmt: skip
_SAVE = {
    Function: save_function,
    Topic: save_topic,
    Organisation: save_organisation,
    ExternalActor: save_external_actor,
}


@transaction.atomic
def restore_version(obj, history_id: int, user):
    """Bring `obj` back to how it was in history record `history_id`. Returns warnings."""
    model = type(obj)
    record = obj.history.get(history_id=history_id)
    for name in _RESTORED_FIELDS[model]:
        setattr(obj, name, getattr(record, name))
    reason = restored_reason(record.history_date)
    if model is Function:
        warnings = save_function(obj, user, reason=reason)
        warnings += _restore_channels(obj, record.history_date, user)
        return warnings
    if model is Topic:
        return save_topic(obj, user, reason=reason)
    return _SAVE[model](obj, user)


def _restore_channels(function: Function, moment: dt.datetime, user) -> list:
    access.require_edit_entries(user, function.organisation)
    then = {c.id: c for c in Channel.history.as_of(moment).filter(function_id=function.pk)}
    now = {c.id: c for c in function.channels.all()}
    warnings = []
    for channel_id, current in now.items():
        if channel_id not in then:
            delete_channel(current, user)
    fields = ("kind", "value", "label", "hours", "position")
    for channel_id, past in then.items():
        current = now.get(channel_id)
        if current is not None and all(getattr(current, n) == getattr(past, n) for n in fields):
            continue
        channel = current or Channel(function=function)
        for name in fields:
            setattr(channel, name, getattr(past, name))
        warnings += save_channel(channel, user)
    return warnings

"""Readable changes: what a pending edit will change (the preview before saving) and what
the history says was changed, field by field, in the editor's language."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from serviceguiden.directory import hours as hours_module
from serviceguiden.directory.models import ExternalActor, Function, Organisation
from serviceguiden.web import labels


@dataclass(frozen=True)
class Line:
    what: str
    old: str = ""
    new: str = ""


def hours_text(value, lang: str) -> str:
    if not value:
        return ""
    try:
        return " ".join(hours_module.render_hours(hours_module.parse_hours(value), lang))
    except hours_module.HoursError:
        return str(value)


_REFERENCES = {
    "organisation": Organisation,
    "replaced_by": Function,
    "function": Function,
    "external_actor": ExternalActor,
}


def shown(field: str, value, lang: str) -> str:
    """A stored value as a person reads it."""
    if value in (None, "", [], {}):
        return ""
    if field == "hours":
        return hours_text(value, lang)
    if field == "kind":
        return str(labels.CHANNEL_KINDS.get(value, value))
    if field == "status":
        return str(labels.STATUSES.get(value, value))
    if field.removesuffix("_id") in _REFERENCES:
        model = _REFERENCES[field.removesuffix("_id")]
        pk = getattr(value, "pk", value)
        found = model.objects.filter(pk=pk).first()
        return str(getattr(found, "name", found) or pk)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def field_label(field: str) -> str:
    return str(labels.FIELDS.get(field.removesuffix("_id"), field))


def form_changes(form, lang: str, skip=("expected_version",)) -> list[Line]:
    lines = []
    for name in form.changed_data:
        if name in skip:
            continue
        old = form.initial.get(name)
        lines.append(
            Line(
                field_label(name),
                shown(name, old, lang),
                shown(name, form.cleaned_data.get(name), lang),
            )
        )
    return lines


def function_changes(form, formset, lang: str) -> list[Line]:
    """The pending change of a function screen, line by line; empty when nothing changed."""
    lines = form_changes(form, lang)
    for channel_form in formset.forms:
        instance = channel_form.instance
        kind_label = shown("kind", channel_form.cleaned_data.get("kind") or instance.kind, lang)
        if channel_form in formset.deleted_forms:
            if instance.pk is not None:
                lines.append(
                    Line(
                        _("Channel removed: %(kind)s") % {"kind": kind_label},
                        channel_form.initial.get("value", ""),
                        "",
                    )
                )
            continue
        if not channel_form.has_changed():
            continue
        if instance.pk is None:
            new = channel_form.cleaned_data.get("value", "")
            lines.append(Line(_("Channel added: %(kind)s") % {"kind": kind_label}, "", new))
            if instance.hours:
                lines.append(Line(field_label("hours"), "", hours_text(instance.hours, lang)))
            continue
        for name in ("kind", "value", "label", "position"):
            if name in channel_form.changed_data:
                lines.append(
                    Line(
                        f"{kind_label}: {field_label(name)}",
                        shown(name, channel_form.initial.get(name), lang),
                        shown(name, channel_form.cleaned_data.get(name), lang),
                    )
                )
        before, after = (
            hours_text(channel_form.stored_hours, lang),
            hours_text(instance.hours, lang),
        )
        if before != after:
            lines.append(Line(f"{kind_label}: {field_label('hours')}", before, after))
    return lines


@dataclass(frozen=True)
class Entry:
    history_id: int
    when: object
    who: str
    kind: str
    reason: str
    lines: tuple[Line, ...]
    restorable: bool


def history_entries(main, channel_changes=(), lang: str = "sv") -> list[Entry]:
    """History of an entry (and its channels), newest first. Versions of the entry itself,
    except the newest, can be restored."""
    newest = main[-1].history_id if main else None
    entries = []
    for change in main:
        entries.append(
            _entry(
                change, lang, restorable=change.history_id != newest and change.kind != "deleted"
            )
        )
    for change in channel_changes:
        entries.append(_entry(change, lang, restorable=False, channel=True))
    entries.sort(key=lambda e: (e.when, e.history_id), reverse=True)
    return entries


def _entry(change, lang: str, *, restorable: bool, channel: bool = False) -> Entry:
    lines = tuple(
        Line(field_label(field), shown(field, old, lang), shown(field, new, lang))
        for field, old, new in change.diffs
        if field not in ("normalized",)
    )
    reason = change.reason
    if channel:
        kind, _sep, _rest = reason.partition(" #")
        reason = _("Channel: %(kind)s") % {"kind": shown("kind", kind, lang)}
    kind = str(labels.CHANGE_KINDS.get(change.kind, change.kind))
    return Entry(change.history_id, change.when, change.who, kind, reason, lines, restorable)

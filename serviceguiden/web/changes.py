"""Readable changes: what a pending edit will change (the preview before saving) and what
the history says was changed, field by field, in the editor's language."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from serviceguiden.directory import hours as hours_module
from serviceguiden.directory.models import (
    ExternalActor,
    Function,
    Organisation,
    OrganisationKind,
    PolicyException,
)
from serviceguiden.web import labels, reasons


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
    "exception": PolicyException,
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
        if value in labels.CHANNEL_KINDS:
            return str(labels.CHANNEL_KINDS[value])
        return str(dict(OrganisationKind.choices).get(value, value))
    if field == "status":
        return str(labels.STATUSES.get(value, value))
    if field == "role":
        return str(labels.ROLES.get(value, value))
    if field in ("user", "user_id"):
        found = get_user_model().objects.filter(pk=getattr(value, "pk", value)).first()
        return found.get_username() if found else str(value)
    if field.removesuffix("_id") in _REFERENCES:
        model = _REFERENCES[field.removesuffix("_id")]
        pk = getattr(value, "pk", value)
        found = model.objects.filter(pk=pk).first()
        return str(getattr(found, "name", None) or getattr(found, "value", None) or pk)
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


def _order_line(formset, lang: str) -> list[Line]:
    """One line for a changed order of the channels: the kinds before and after."""
    kept = [
        f for f in formset.forms if f.instance.pk is not None and f not in formset.deleted_forms
    ]
    if not any("position" in f.changed_data for f in kept):
        return []

    def names(key) -> str:
        ordered = sorted(kept, key=lambda f: (key(f), f.instance.pk))
        return ", ".join(shown("kind", f.instance.kind, lang) for f in ordered)

    before = names(lambda f: f.initial.get("position", 0))
    after = names(lambda f: f.cleaned_data.get("position", 0))
    return [Line(field_label("position"), before, after)] if before != after else []


def function_changes(form, formset, lang: str) -> list[Line]:
    """The pending change of a function screen, line by line; empty when nothing changed."""
    lines = form_changes(form, lang) + _order_line(formset, lang)
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
        for name in ("kind", "value", "label"):
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
    history_id: int  # restore_version(subject, history_id) restores this whole saved version
    when: object
    who: str
    kind: str
    reason: str
    lines: tuple[Line, ...]
    restorable: bool
    version: int | None = None


def history_entries(versions, lang: str = "sv", since: int | None = None) -> list[Entry]:
    """History of an entry, one entry per save (with the channels saved with it), newest
    first; with `since`, only the saves after that version. Every save but the newest (the
    entry as it is now) can be restored."""
    newest = versions[-1].history_id if versions else None
    entries = [
        _entry(v, lang, restorable=v.history_id != newest and v.kind != "deleted")
        for v in versions
        if since is None or (v.version or 0) > since
    ]
    return entries[::-1]


def _entry(version, lang: str, *, restorable: bool) -> Entry:
    lines = [
        Line(field_label(field), shown(field, old, lang), shown(field, new, lang))
        for field, old, new in version.diffs
        if field not in ("normalized",)
    ]
    for change in version.channel_changes:
        lines += _channel_lines(change, lang)
    kind = str(labels.CHANGE_KINDS.get(version.kind, version.kind))
    return Entry(
        version.history_id, version.when, version.who, kind, reasons.reason_text(version.reason),
        tuple(lines), restorable, version.version,
    )  # fmt: skip


def _channel_lines(change, lang: str) -> list[Line]:
    kind_key, _sep, _rest = change.reason.partition(" #")
    kind = reasons.channel_kind(kind_key)
    values = {field: (old, new) for field, old, new in change.diffs}
    old_value, new_value = values.get("value", ("", ""))
    if change.kind == "created":
        return [Line(_("%(kind)s added") % {"kind": kind}, "", shown("value", new_value, lang))]
    if change.kind == "deleted":
        return [Line(_("%(kind)s removed") % {"kind": kind}, shown("value", old_value, lang), "")]
    return [
        Line(f"{kind}: {field_label(field)}", shown(field, old, lang), shown(field, new, lang))
        for field, (old, new) in values.items()
        if field != "normalized"
    ]

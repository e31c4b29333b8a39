"""Saving entries. Each function takes the domain object as the editor left it and the
acting user, and in one transaction: checks access (`access.py`), locks the stored row and
compares versions (optimistic locking), validates (`validation.py`), saves and records
history with the user. It returns the warnings; errors raise `RegistryError`, a lost update
raises `ConflictError`, missing rights raise `AccessDenied`. Nothing is half-saved.

Admin, forms, import and CLI call these; so will the API and the editor.
"""

from __future__ import annotations

from django.db import transaction

from serviceguiden.directory import access, signals, validation
from serviceguiden.directory.errors import (
    ConflictError,
    Problem,
    RegistryError,
    problem,
    raise_for_errors,
)
from serviceguiden.directory.models import (
    Channel,
    ExternalActor,
    Function,
    Membership,
    Organisation,
    Status,
    Topic,
)


def stored_version(obj):
    """The stored row, locked until the transaction ends; None for a new object."""
    if obj._state.adding:
        return None
    stored = type(obj).objects.select_for_update().filter(pk=obj.pk).first()
    if stored is None:
        raise ConflictError(
            [problem("REG-conflict", "", what=str(obj), expected=obj.version, current="–")]
        )
    return stored


def check_version(obj, stored, expected_version: int | None) -> None:
    """Raise `ConflictError` unless the editor started from the stored version. The new
    version is applied by `record` when the save actually happens."""
    if stored is None:
        obj._next_version = 1
        return
    expected = obj.version if expected_version is None else expected_version
    if stored.version != expected:
        raise ConflictError(
            [
                problem(
                    "REG-conflict", "", what=str(stored), expected=expected,
                    current=stored.version,
                )
            ]
        )  # fmt: skip
    obj._next_version = stored.version + 1


HISTORY_REASON_MAX = 100  # django-simple-history's history_change_reason


def history_reason(reason: str) -> str:
    """A reason as the history keeps it: at most its column's 100 characters (a channel's
    long e-service address would otherwise fail the save on PostgreSQL)."""
    reason = reason or ""
    return reason if len(reason) <= HISTORY_REASON_MAX else reason[: HISTORY_REASON_MAX - 1] + "…"


def record(obj, user, reason: str = "") -> None:
    """Save with the acting user and a reason in the history, and announce the change
    (`signals.registry_changed`, in the same transaction: publishing records it there)."""
    obj._history_user = user if user is not None and user.is_authenticated else None
    obj._change_reason = history_reason(reason)
    previous = getattr(obj, "version", None)
    if hasattr(obj, "_next_version"):
        obj.version = obj._next_version
    try:
        obj.save()
    except Exception:
        if previous is not None:
            obj.version = previous
        raise
    for attribute in ("_history_user", "_change_reason", "_next_version"):
        if hasattr(obj, attribute):
            delattr(obj, attribute)
    signals.announce([signals.entry_of(obj)], sender=type(obj))


def record_delete(obj, user, reason: str = "") -> None:
    """Delete with the acting user and a reason in the history, and announce it."""
    entry = signals.entry_of(obj)  # taken before the delete, while the object has its key
    obj._history_user = user if user is not None and user.is_authenticated else None
    obj._change_reason = history_reason(reason)
    obj.delete()
    signals.announce([entry], sender=type(obj))


# -- organisations ----------------------------------------------------------------------

_GLOBAL_ORGANISATION_FIELDS = ("slug", "kind", "parent_id", "domains")


@transaction.atomic
def save_organisation(org: Organisation, user, *, expected_version=None) -> list[Problem]:
    stored = stored_version(org)
    if stored is None:
        access.require_global_admin(user, "skapa organisationer / create organisations")
    else:
        access.require_change_organisation(user, stored)
        changed = [f for f in _GLOBAL_ORGANISATION_FIELDS if getattr(stored, f) != getattr(org, f)]
        if changed:
            access.require_global_admin(
                user, f"ändra {', '.join(changed)} / change {', '.join(changed)}"
            )
    check_version(org, stored, expected_version)
    warnings = raise_for_errors(validation.validate_organisation(org))
    record(org, user)
    return warnings


# -- functions and channels -------------------------------------------------------------


def _frozen_if_archived(function: Function, field: str = "") -> None:
    if function.status == Status.ARCHIVED:
        raise validation_error("REG-archived-frozen", field, function=function.name)


def validation_error(rule: str, field: str = "", **values) -> RegistryError:
    return RegistryError([problem(rule, field, **values)])


@transaction.atomic
def save_function(
    function: Function, user, *, expected_version=None, reason: str = ""
) -> list[Problem]:
    """Create or change a function's own fields. Status and replacement change only through
    `lifecycle.publish_function` / `archive_function`."""
    stored = stored_version(function)
    if function.organisation_id is not None:
        access.require_edit_entries(user, function.organisation)
    was_center = stored.is_contact_center if stored is not None else False
    if function.is_contact_center != was_center:
        access.require_global_admin(
            user, "ändra vilken funktion som är kontaktcenter / change which function is the "
            "contact center",
        )  # fmt: skip
    if stored is not None:
        access.require_edit_entries(user, stored.organisation)
        _frozen_if_archived(stored)
        if stored.status != function.status or stored.replaced_by_id != function.replaced_by_id:
            raise validation_error(
                "REG-status-change", "status",
                detail_sv="publicera eller arkivera funktionen i stället.",
                detail_en="publish or archive the function instead.",
            )  # fmt: skip
    elif function.status != Status.DRAFT or function.replaced_by_id is not None:
        raise validation_error(
            "REG-status-change", "status",
            detail_sv="en ny funktion börjar som utkast.",
            detail_en="a new function starts as a draft.",
        )  # fmt: skip
    check_version(function, stored, expected_version)
    warnings = raise_for_errors(validation.validate_function(function))
    record(function, user, reason)
    return warnings


def touch_function(function: Function, user, reason: str) -> None:
    """A channel changed: the function (the editing unit) gets a new version and a history
    record, so that every version of the entry can be restored with its channels."""
    stored = Function.objects.select_for_update().get(pk=function.pk)
    stored.version += 1
    record(stored, user, reason)
    function.version = stored.version


@transaction.atomic
def save_channel(
    channel: Channel, user, *, expected_version=None, allow_lapsed_exception: bool = False
) -> list[Problem]:
    """Create or change one contact channel of a function; validates the value through the
    policy engine (P2–P4) and applies an active personal-details exception if there is one."""
    stored = stored_version(channel)
    function = channel.function
    access.require_edit_entries(user, function.organisation)
    if stored is not None and stored.function_id != channel.function_id:
        access.require_edit_entries(user, stored.function.organisation)
    _frozen_if_archived(function, "value")
    check_version(channel, stored, expected_version)
    problems, exception = validation.validate_channel(
        channel, allow_lapsed_exception=allow_lapsed_exception
    )
    warnings = raise_for_errors(problems)
    channel.value = validation.display_value(channel)
    channel.normalized = validation.normalize(channel.policy_kind, channel.value)
    channel.exception = exception
    record(channel, user)
    verb = "tillagd / added" if stored is None else "ändrad / changed"
    touch_function(function, user, f"{channel.kind} {verb}: {channel.value}")
    return warnings


@transaction.atomic
def delete_channel(channel: Channel, user, *, expected_version=None) -> None:
    stored = stored_version(channel)
    function = stored.function
    access.require_edit_entries(user, function.organisation)
    _frozen_if_archived(function, "value")
    check_version(channel, stored, expected_version)
    record_delete(stored, user)
    touch_function(function, user, f"{stored.kind} borttagen / removed: {stored.value}")


# -- topics and external actors ---------------------------------------------------------


@transaction.atomic
def save_topic(topic: Topic, user, *, expected_version=None, reason: str = "") -> list[Problem]:
    stored = stored_version(topic)
    if topic.organisation_id is not None:
        access.require_edit_entries(user, topic.organisation)
    if stored is not None:
        access.require_edit_entries(user, stored.organisation)
    check_version(topic, stored, expected_version)
    warnings = raise_for_errors(validation.validate_topic(topic))
    record(topic, user, reason)
    return warnings


@transaction.atomic
def delete_topic(topic: Topic, user, *, expected_version=None) -> None:
    stored = stored_version(topic)
    access.require_edit_entries(user, stored.organisation)
    check_version(topic, stored, expected_version)
    record_delete(stored, user)


@transaction.atomic
def save_external_actor(actor: ExternalActor, user, *, expected_version=None) -> list[Problem]:
    access.require_global_admin(user, "ändra externa aktörer / change external actors")
    stored = stored_version(actor)
    check_version(actor, stored, expected_version)
    warnings = raise_for_errors(validation.validate_external_actor(actor))
    record(actor, user)
    return warnings


# -- members ----------------------------------------------------------------------------


@transaction.atomic
def set_membership(organisation: Organisation, member, role: str, user) -> Membership:
    """Give `member` a role in `organisation` (or change it)."""
    access.require_manage_members(user, organisation)
    membership = Membership.objects.filter(user=member, organisation=organisation).first()
    membership = membership or Membership(user=member, organisation=organisation)
    membership.role = role
    membership.full_clean(exclude=["user", "organisation"])
    record(membership, user)
    return membership


@transaction.atomic
def remove_membership(membership: Membership, user) -> None:
    access.require_manage_members(user, membership.organisation)
    record_delete(membership, user)

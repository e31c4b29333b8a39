"""What the registry announces: `registry_changed`, sent inside the write's transaction after
each save or delete, with the entries the change touched. The registry imports nothing of the
layers built on it; publishing connects to this signal (its `AppConfig.ready()`) and records the
change in its outbox in the same transaction.

    registry_changed.send(sender=Function, entries=[Entry("function", 12, "bygglov")])
"""

from __future__ import annotations

from dataclasses import dataclass

from django.dispatch import Signal

from serviceguiden.directory.models import (
    Channel,
    ExternalActor,
    Function,
    Organisation,
    PolicyException,
    Topic,
)

registry_changed = Signal()

TOPIC, FUNCTION, ORGANISATION, EXTERNAL_ACTOR = (
    "topic",
    "function",
    "organisation",
    "external_actor",
)
_KINDS = {
    Topic: TOPIC,
    Function: FUNCTION,
    Organisation: ORGANISATION,
    ExternalActor: EXTERNAL_ACTOR,
}


@dataclass(frozen=True)
class Entry:
    """A changed entry by kind, key and slug (the slug outlives a delete)."""

    kind: str
    pk: int | None
    slug: str = ""


def entry_of(obj) -> Entry | None:
    """The entry a changed object stands for: a channel for its function, an exception for
    its organisation (it decides what is shown); None for what is never published."""
    if isinstance(obj, Channel):
        return Entry(FUNCTION, obj.function_id)
    if isinstance(obj, PolicyException):
        return Entry(ORGANISATION, obj.organisation_id)
    kind = _KINDS.get(type(obj))
    return Entry(kind, obj.pk, obj.slug) if kind else None


def announce(entries, sender=None) -> None:
    entries = [e for e in entries if e is not None]
    if entries:
        registry_changed.send(sender=sender, entries=entries)

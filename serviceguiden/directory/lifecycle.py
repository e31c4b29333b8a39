"""A function's life: draft → published → archived (with a replacement when topics route to
it) and back from the archive, review, and hard delete for drafts only. Plain functions
over domain objects and the acting user, each one transaction.

Safe retirement: archiving moves every topic that routes to the function to its
replacement, and `resolve.follow_replacements` sends anything still pointing at the archived
function (an embed, a bookmark) to the replacement, so no topic is ever left without a route.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from serviceguiden.directory import access, validation
from serviceguiden.directory.editing import (
    check_version,
    record,
    record_delete,
    stored_version,
    validation_error,
)
from serviceguiden.directory.errors import Problem, RegistryError, raise_for_errors
from serviceguiden.directory.models import Function, Status, default_review_by


@transaction.atomic
def publish_function(function: Function, user, *, expected_version=None) -> list[Problem]:
    stored = stored_version(function)
    access.require_edit_entries(user, stored.organisation)
    if stored.status == Status.ARCHIVED:
        raise validation_error("REG-archived-frozen", "status", function=stored.name)
    check_version(function, stored, expected_version)
    if not stored.channels.exists():
        raise validation_error("REG-publish-empty", "status", function=stored.name)
    function.status = Status.PUBLISHED
    warnings = raise_for_errors(validation.validate_function(function))
    record(function, user, "publicerad / published")
    return warnings


@transaction.atomic
def archive_function(
    function: Function, user, *, replacement: Function | None = None, expected_version=None
) -> int:
    """Archive `function`; topics that route to it move to `replacement` (required when
    there are any). Returns the number of topics moved."""
    stored = stored_version(function)
    access.require_archive_function(user, stored)
    if stored.status == Status.ARCHIVED:
        raise validation_error("REG-archived-frozen", "status", function=stored.name)
    check_version(function, stored, expected_version)
    topics = list(stored.topics.select_for_update())
    if replacement is not None:
        _check_replacement(stored, replacement)
    elif topics:
        raise validation_error(
            "REG-retire-replacement", "replaced_by", count=len(topics), function=stored.name
        )
    for topic in topics:
        topic.function = replacement
        topic.version += 1
        raise_for_errors(validation.validate_topic(topic))
        record(topic, user, f"flyttad: {stored.name} arkiverad / moved: {stored.name} archived")
    function.status = Status.ARCHIVED
    function.replaced_by = replacement
    record(function, user, "arkiverad / archived")
    return len(topics)


NOT_ARCHIVED = Problem(
    field="status", rule="REG-not-archived", severity="error",
    message_sv="Funktionen är inte arkiverad, så det finns inget att ta tillbaka.",
    message_en="The function is not archived, so there is nothing to take back.",
    fix_sv="Ladda om sidan och se funktionens status.",
    fix_en="Reload the page and look at the function's status.",
)  # fmt: skip


@transaction.atomic
def unarchive_function(function: Function, user, *, expected_version=None) -> str:
    """Take an archived function back, with the same right as archiving it: published again
    when it was published before it was archived and still has a channel, otherwise as a
    draft. Its replacement is forgotten; topics that moved to the replacement stay there.
    Returns the status it got."""
    stored = stored_version(function)
    access.require_archive_function(user, stored)
    if stored.status != Status.ARCHIVED:
        raise RegistryError([NOT_ARCHIVED])
    check_version(function, stored, expected_version)
    before = stored.history.exclude(status=Status.ARCHIVED).order_by("-history_date").first()
    was_published = before is not None and before.status == Status.PUBLISHED
    function.status = (
        Status.PUBLISHED if was_published and stored.channels.exists() else Status.DRAFT
    )
    function.replaced_by = None
    raise_for_errors(validation.validate_function(function))
    record(function, user, "återtagen från arkivet / taken back from the archive")
    return function.status


def _check_replacement(function: Function, replacement: Function) -> None:
    reason = None
    if replacement.pk == function.pk:
        reason = ("den kan inte ersätta sig själv", "it cannot replace itself")
    elif replacement.status != Status.PUBLISHED:
        reason = (
            f"den är {replacement.get_status_display()}, inte publicerad",
            f"it is {replacement.status}, not published",
        )
    if reason:
        raise validation_error(
            "REG-replacement-invalid", "replaced_by", replacement=replacement.name,
            function=function.name, reason_sv=reason[0], reason_en=reason[1],
        )  # fmt: skip


@transaction.atomic
def delete_function(function: Function, user) -> None:
    """Hard delete: drafts only, and only when no topic routes to them. History stays."""
    stored = stored_version(function)
    access.require_edit_entries(user, stored.organisation)
    if stored.status != Status.DRAFT:
        raise validation_error(
            "REG-delete-not-draft", "status", function=stored.name,
            status=stored.get_status_display(),
        )  # fmt: skip
    count = stored.topics.count()
    if count:
        raise validation_error(
            "REG-in-use", "", what=stored.name, count=count, users="ärenden / topics"
        )
    for channel in stored.channels.all():
        record_delete(channel, user, "funktionen raderad / function deleted")
    record_delete(stored, user, "raderad / deleted")


@transaction.atomic
def mark_reviewed(
    function: Function, user, *, review_by: dt.date | None = None, expected_version=None
) -> None:
    """The owner has checked the entry: the next review is due in 12 months (or `review_by`)."""
    stored = stored_version(function)
    access.require_edit_entries(user, stored.organisation)
    if stored.status == Status.ARCHIVED:
        raise validation_error("REG-archived-frozen", "review_by", function=stored.name)
    check_version(function, stored, expected_version)
    function.review_by = review_by or default_review_by()
    raise_for_errors(validation.validate_function(function))
    record(function, user, "granskad / reviewed")

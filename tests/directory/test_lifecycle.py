"""Publish, archive with a replacement (safe retirement), delete drafts only, review."""

import datetime as dt

import pytest

from directory.factories import make_function, make_topic
from serviceguiden.directory.editing import save_channel, save_function, save_topic
from serviceguiden.directory.errors import RegistryError
from serviceguiden.directory.lifecycle import (
    archive_function,
    delete_function,
    mark_reviewed,
    publish_function,
)
from serviceguiden.directory.models import Channel, Function, Status, add_months
from serviceguiden.directory.resolve import resolve_function


def rule_of(call) -> str:
    with pytest.raises(RegistryError) as error:
        call()
    return error.value.problems[0].rule


def test_archiving_a_function_with_topics_requires_a_replacement(cast):
    assert rule_of(lambda: archive_function(cast.function_a, cast.admin_a)) == (
        "REG-retire-replacement"
    )
    cast.function_a.refresh_from_db()
    assert cast.function_a.status == Status.PUBLISHED


def test_archiving_moves_every_topic_to_the_replacement(cast):
    other = make_topic(cast.root, cast.org_b, "buller", "Buller", function=cast.function_a)
    moved = archive_function(cast.function_a, cast.admin_a, replacement=cast.center_function)
    assert moved == 2
    for topic in (cast.topic_a, other):
        topic.refresh_from_db()
        assert topic.function == cast.center_function
    cast.function_a.refresh_from_db()
    assert cast.function_a.status == Status.ARCHIVED
    assert cast.function_a.replaced_by == cast.center_function
    # An embed of the archived function follows the replacement.
    resolution = resolve_function(cast.function_a)
    assert resolution.primary.function == cast.center_function
    # History survives archiving.
    assert cast.function_a.history.count() >= 4


def test_a_replacement_must_be_another_published_function(cast):
    draft = make_function(cast.root, cast.org_a, "utkast", "Utkast", publish=False)
    assert (
        rule_of(lambda: archive_function(cast.function_a, cast.admin_a, replacement=draft))
        == "REG-replacement-invalid"
    )
    assert (
        rule_of(
            lambda: archive_function(cast.function_a, cast.admin_a, replacement=cast.function_a)
        )
        == "REG-replacement-invalid"
    )


def test_a_function_without_topics_archives_without_replacement(cast):
    assert archive_function(cast.function_b, cast.root) == 0


def test_an_archived_function_is_frozen(cast):
    archive_function(cast.function_b, cast.root)
    cast.function_b.name = "Nytt namn"
    assert rule_of(lambda: save_function(cast.function_b, cast.root)) == "REG-archived-frozen"
    channel = Channel(function=cast.function_b, kind="email", value="ny@goteborg.se")
    assert rule_of(lambda: save_channel(channel, cast.root)) == "REG-archived-frozen"
    assert rule_of(lambda: publish_function(cast.function_b, cast.root)) == "REG-archived-frozen"
    topic = cast.topic_a
    topic.function = cast.function_b
    assert rule_of(lambda: save_topic(topic, cast.editor_a)) == "REG-route-archived"


def test_only_drafts_are_hard_deleted(cast):
    assert rule_of(lambda: delete_function(cast.function_a, cast.editor_a)) == (
        "REG-delete-not-draft"
    )
    draft = make_function(
        cast.root, cast.org_a, "utkast", "Utkast",
        channels=[("email", "utkast@sbk.goteborg.se")], publish=False,
    )  # fmt: skip
    make_topic(cast.root, cast.org_a, "rivning", "Rivning", function=draft)
    assert rule_of(lambda: delete_function(draft, cast.editor_a)) == "REG-in-use"
    lonely = make_function(cast.root, cast.org_a, "ensam", "Ensam", publish=False)
    delete_function(lonely, cast.editor_a)
    assert not Function.objects.filter(slug="ensam").exists()
    assert Function.history.filter(slug="ensam", history_type="-").count() == 1


def test_status_changes_only_through_the_lifecycle(cast):
    cast.function_a.status = Status.DRAFT
    assert rule_of(lambda: save_function(cast.function_a, cast.editor_a)) == "REG-status-change"
    born_published = Function(organisation=cast.org_a, slug="x", name="X", status="published")
    assert rule_of(lambda: save_function(born_published, cast.editor_a)) == "REG-status-change"


def test_publishing_needs_a_channel(cast):
    empty = make_function(cast.root, cast.org_a, "tom", "Tom", publish=False)
    assert rule_of(lambda: publish_function(empty, cast.editor_a)) == "REG-publish-empty"


def test_review_moves_the_date_a_year_ahead(cast, today):
    function = cast.function_a
    function.review_by = today - dt.timedelta(days=3)
    save_function(function, cast.root)
    assert Function.objects.review_overdue().filter(pk=function.pk).exists()
    mark_reviewed(function, cast.editor_a)
    function.refresh_from_db()
    assert function.review_by == add_months(today, 12)
    assert not function.is_review_overdue
    assert function.history.first().history_change_reason == "granskad / reviewed"


def test_add_months_keeps_the_end_of_month():
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2026, 11, 15), 12) == dt.date(2027, 11, 15)


@pytest.mark.parametrize("role", ["editor_a", "viewer_a", "editor_b", "outsider"])
def test_only_an_organisation_admin_takes_a_function_back_from_the_archive(cast, role):
    from serviceguiden.directory.access import AccessDenied
    from serviceguiden.directory.lifecycle import archive_function, unarchive_function

    archive_function(cast.function_a, cast.admin_a, replacement=cast.center_function)
    archived = Function.objects.get(pk=cast.function_a.pk)
    with pytest.raises(AccessDenied):
        unarchive_function(archived, cast.user(role))
    assert Function.objects.get(pk=archived.pk).status == "archived"
    assert unarchive_function(archived, cast.admin_a) == "published"
    archived.refresh_from_db()
    assert archived.replaced_by is None and archived.version > cast.function_a.version


def test_taking_back_needs_the_version_opened(cast):
    from serviceguiden.directory.errors import ConflictError
    from serviceguiden.directory.lifecycle import archive_function, unarchive_function

    archive_function(cast.function_a, cast.admin_a, replacement=cast.center_function)
    archived = Function.objects.get(pk=cast.function_a.pk)
    with pytest.raises(ConflictError):
        unarchive_function(archived, cast.admin_a, expected_version=archived.version - 1)

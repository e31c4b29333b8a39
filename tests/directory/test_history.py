"""Every change records who, when and what; any earlier version can be restored, through
the same rights and rules as an edit."""

import datetime as dt

import pytest

from serviceguiden.directory.access import AccessDenied
from serviceguiden.directory.editing import delete_channel, save_channel, save_function, save_topic
from serviceguiden.directory.errors import RegistryError
from serviceguiden.directory.history import changes, channel_changes, restore_version
from serviceguiden.directory.models import Channel, Function
from serviceguiden.directory.policy_exceptions import grant_exception, revoke_exception


def test_changes_record_who_when_and_what(cast):
    function = cast.function_a
    function.description = "Lov för att bygga."
    save_function(function, cast.editor_a)
    last = changes(function)[-1]
    assert last.who == "editor_a"
    assert last.kind == "changed"
    assert ("description", "", "Lov för att bygga.") in last.diffs
    assert changes(function)[0].kind == "created"
    phone = function.channels.get(kind="phone")
    phone.value = "031-368 00 09"
    save_channel(phone, cast.admin_a)
    assert changes(Function.objects.get(pk=function.pk))[-1].reason == (
        "phone ändrad / changed: 031-368 00 09"
    )
    channel_diff = channel_changes(function)[-1]
    assert channel_diff.who == "admin_a"
    assert ("value", "031-368 00 00", "031-368 00 09") in channel_diff.diffs


def test_restore_brings_back_fields_and_channels(cast):
    function = cast.function_a
    published = function.history.order_by("-history_date").first()  # as the cast left it
    function.name = "Bygglov och rivning"
    save_function(function, cast.editor_a)
    delete_channel(function.channels.get(kind="email"), cast.editor_a)
    save_channel(Channel(function=function, kind="eservice",
                         value="https://goteborg.se/bygglov/ansok"), cast.editor_a)  # fmt: skip
    restore_version(Function.objects.get(pk=function.pk), published.history_id, cast.editor_a)
    function.refresh_from_db()
    assert function.name == "Bygglov"
    assert sorted(function.channels.values_list("kind", "value")) == [
        ("email", "bygglov@sbk.goteborg.se"),
        ("phone", "031-368 00 00"),
    ]
    assert function.status == "published"
    assert changes(function)[-1].who == "editor_a"


def test_restore_needs_the_right_to_edit(cast):
    first = cast.function_a.history.earliest("history_date")
    with pytest.raises(AccessDenied):
        restore_version(cast.function_a, first.history_id, cast.editor_b)


def test_restore_refuses_a_personal_detail_whose_exception_has_ended(cast):
    function = cast.function_a
    exception = grant_exception(
        cast.org_a, "anna.svensson@goteborg.se", reason="Ensam handläggare, vikarie saknas.",
        ends_on=dt.date.today() + dt.timedelta(days=10), user=cast.root,
    )  # fmt: skip
    save_channel(Channel(function=function, kind="email", value="anna.svensson@goteborg.se"),
                 cast.editor_a)  # fmt: skip
    with_person = Function.objects.get(pk=function.pk).history.latest("history_date")
    delete_channel(function.channels.get(value="anna.svensson@goteborg.se"), cast.editor_a)
    revoke_exception(exception, cast.root)
    with pytest.raises(RegistryError) as error:
        restore_version(Function.objects.get(pk=function.pk), with_person.history_id, cast.editor_a)
    assert "P3-personal-email" in {p.rule for p in error.value.problems}
    assert not function.channels.filter(value="anna.svensson@goteborg.se").exists()


def test_topics_restore_too(cast):
    topic = cast.topic_a
    original = topic.history.earliest("history_date")
    topic.synonyms = ["trall"]
    topic.function = cast.center_function
    save_topic(topic, cast.editor_a)
    restore_version(topic, original.history_id, cast.editor_a)
    topic.refresh_from_db()
    assert topic.synonyms == ["altan", "uteplats"]
    assert topic.function == cast.function_a


def _name_and_label_in_one_save(function, user):
    """What the editor's screen does for one save: the function's fields, then a channel."""
    from django.db import transaction

    with transaction.atomic():
        function.name = "Bygglov och rivning"
        save_function(function, user)
        phone = function.channels.get(kind="phone")
        phone.label = "Växel"
        save_channel(phone, user)


def test_one_save_of_fields_and_channels_is_one_version(cast):
    from serviceguiden.directory.history import versions

    before = len(versions(cast.function_a))
    _name_and_label_in_one_save(cast.function_a, cast.editor_a)
    found = versions(Function.objects.get(pk=cast.function_a.pk))
    assert len(found) == before + 1
    last = found[-1]
    assert ("name", "Bygglov", "Bygglov och rivning") in last.diffs
    assert [c.diffs for c in last.channel_changes] == [(("label", "", "Växel"),)]
    assert last.reason == "" and last.who == "editor_a"
    assert (
        last.history_id
        == Function.objects.get(pk=cast.function_a.pk).history.latest("history_date").history_id
    )


def test_restoring_a_version_brings_back_all_of_that_save(cast):
    """An edit that changed a name and a label: restoring the version before it restores
    both; restoring the edit's own version (after a later change) brings back both too."""
    from serviceguiden.directory.history import versions

    function = cast.function_a
    before_edit = versions(function)[-1].history_id
    _name_and_label_in_one_save(function, cast.editor_a)
    the_edit = versions(Function.objects.get(pk=function.pk))[-1].history_id

    restore_version(Function.objects.get(pk=function.pk), before_edit, cast.editor_a)
    function.refresh_from_db()
    assert function.name == "Bygglov"
    assert function.channels.get(kind="phone").label == ""

    restore_version(Function.objects.get(pk=function.pk), the_edit, cast.editor_a)
    function.refresh_from_db()
    assert function.name == "Bygglov och rivning"
    assert function.channels.get(kind="phone").label == "Växel"


def test_saves_by_other_people_or_later_are_separate_versions(cast):
    from serviceguiden.directory.history import versions

    before = len(versions(cast.function_a))
    phone = cast.function_a.channels.get(kind="phone")
    phone.label = "Växel"
    save_channel(phone, cast.editor_a)
    phone.refresh_from_db()
    phone.label = "Bygglovsfrågor"
    save_channel(phone, cast.admin_a)
    found = versions(Function.objects.get(pk=cast.function_a.pk))
    assert len(found) == before + 2
    assert [c.who for c in found[-1].channel_changes] == ["admin_a"]


def test_restore_reason_carries_the_local_time_of_the_version(cast, settings):
    from django.utils import timezone

    from serviceguiden.directory.history import restored_reason

    settings.TIME_ZONE = "Europe/Stockholm"
    moment = timezone.datetime(2026, 5, 4, 4, 44, tzinfo=dt.UTC)
    assert restored_reason(moment) == (
        "återställd till 2026-05-04 06:44 / restored to 2026-05-04 06:44"
    )


def test_a_deleted_channel_shows_the_value_it_had(cast):
    delete_channel(cast.function_a.channels.get(kind="email"), cast.editor_a)
    last = channel_changes(cast.function_a)[-1]
    assert last.kind == "deleted"
    assert last.diffs == (("value", "bygglov@sbk.goteborg.se", None),)

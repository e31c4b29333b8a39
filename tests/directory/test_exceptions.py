"""The only way past a P3 refusal: a global admin's exception with a reason and an end
date; listed, and ending by itself."""

import datetime as dt

import pytest

from serviceguiden.directory.editing import save_channel
from serviceguiden.directory.errors import RegistryError
from serviceguiden.directory.models import Channel, PolicyException
from serviceguiden.directory.policy_exceptions import (
    exceptions_listing,
    grant_exception,
    revoke_exception,
)
from serviceguiden.directory.resolve import resolve_function

PERSON = "anna.svensson@goteborg.se"


def grant(cast, value=PERSON, days=30, reason="Ensam handläggare, vikarie saknas."):
    return grant_exception(
        cast.org_a, value, reason=reason, ends_on=dt.date.today() + dt.timedelta(days=days),
        user=cast.root,
    )  # fmt: skip


def refused_rules(call) -> set[str]:
    with pytest.raises(RegistryError) as error:
        call()
    return {p.rule for p in error.value.problems}


def test_without_an_exception_a_personal_mailbox_is_refused(cast):
    channel = Channel(function=cast.function_a, kind="email", value=PERSON)
    assert refused_rules(lambda: save_channel(channel, cast.editor_a)) == {"P3-personal-email"}


def test_an_active_exception_lets_it_through_with_a_warning(cast):
    exception = grant(cast)
    channel = Channel(function=cast.function_a, kind="email", value=PERSON)
    warnings = save_channel(channel, cast.editor_a)
    assert [w.rule for w in warnings] == ["REG-exception-used"]
    assert channel.exception == exception
    assert Channel.objects.live().filter(pk=channel.pk).exists()


def test_the_exception_covers_only_its_own_organisation(cast):
    grant(cast)
    channel = Channel(function=cast.function_b, kind="email", value=PERSON)
    assert refused_rules(lambda: save_channel(channel, cast.editor_b)) == {"P3-personal-email"}


def test_an_ended_exception_hides_the_channel_and_refuses_new_use(cast, today):
    exception = grant(cast, days=5)
    channel = Channel(function=cast.function_a, kind="email", value=PERSON, position=0)
    save_channel(channel, cast.editor_a)
    later = today + dt.timedelta(days=6)
    assert not Channel.objects.live(later).filter(pk=channel.pk).exists()
    shown = resolve_function(cast.function_a, later).primary.channels
    assert PERSON not in [c.value for c in shown]
    revoke_exception(exception, cast.root)
    again = Channel(function=cast.function_a, kind="email", value=PERSON)
    assert refused_rules(lambda: save_channel(again, cast.editor_a)) == {"P3-personal-email"}
    assert exception in exceptions_listing()["ended"]


def test_exceptions_need_reason_end_date_and_a_personal_value(cast):
    assert refused_rules(lambda: grant(cast, reason="för att")) == {"REG-exception-reason"}
    assert refused_rules(lambda: grant(cast, days=0)) == {"REG-exception-end"}
    assert refused_rules(lambda: grant(cast, days=400)) == {"REG-exception-end"}
    assert refused_rules(lambda: grant(cast, value="bygglov@sbk.goteborg.se")) == {
        "REG-exception-not-needed"
    }
    assert refused_rules(lambda: grant(cast, value="info@polisen.se")) == {
        "REG-exception-not-allowed"
    }
    assert not PolicyException.objects.exists()


def test_the_listing_groups_active_ending_and_ended(cast):
    soon = grant(cast, days=10)
    later = grant(cast, value="karin.berg@goteborg.se", days=200)
    listing = exceptions_listing()
    assert listing["active"] == [soon, later]
    assert listing["ending_soon"] == [soon]
    assert listing["ended"] == []

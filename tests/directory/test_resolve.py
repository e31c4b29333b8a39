"""P1: a topic always resolves to a contact — routed function, else its organisation's
general mailbox, else the contact center; the contact center first when it answers first."""

import datetime as dt

from directory.factories import make_function, make_topic
from serviceguiden.directory.editing import delete_channel, save_function, save_organisation
from serviceguiden.directory.lifecycle import archive_function
from serviceguiden.directory.models import Organisation
from serviceguiden.directory.resolve import (
    CONTACT_CENTER,
    EXTERNAL_ACTOR,
    FUNCTION,
    GENERAL_MAILBOX,
    resolve_topic,
)


def sources(resolution):
    return [c.source for c in resolution.contacts]


def test_a_topic_shows_its_function(cast):
    resolution = resolve_topic(cast.topic_a)
    assert sources(resolution) == [FUNCTION]
    assert [c.value for c in resolution.primary.channels] == [
        "bygglov@sbk.goteborg.se", "031-368 00 00",
    ]  # fmt: skip


def test_the_contact_center_first_when_it_answers_first(cast):
    cast.topic_a.contact_center_first = True
    resolution = resolve_topic(cast.topic_a)
    assert sources(resolution) == [CONTACT_CENTER, FUNCTION]
    assert resolution.primary.channels[0].value == "031-365 00 00"


def test_a_function_without_shown_channels_falls_back_to_the_general_mailbox(cast):
    for channel in cast.function_a.channels.all():
        delete_channel(channel, cast.editor_a)
    resolution = resolve_topic(cast.topic_a)
    assert sources(resolution) == [GENERAL_MAILBOX]
    assert resolution.primary.channels[0].value == "stadsbyggnadskontoret@sbk.goteborg.se"
    assert "no channel" in resolution.notes[0]


def test_without_a_general_mailbox_the_contact_center_answers(cast):
    for channel in cast.function_a.channels.all():
        delete_channel(channel, cast.editor_a)
    org = Organisation.objects.get(pk=cast.org_a.pk)
    org.general_email = ""
    save_organisation(org, cast.admin_a)
    topic = type(cast.topic_a).objects.get(pk=cast.topic_a.pk)
    assert sources(resolve_topic(topic)) == [CONTACT_CENTER]


def test_the_profile_contact_center_when_the_registry_has_none(cast):
    archive_function(cast.center_function, cast.root)
    function = make_function(cast.root, cast.org_b, "tomt", "Tomt", publish=False)
    topic = make_topic(cast.root, cast.org_b, "tomt", "Tomt ärende", function=function)
    org = Organisation.objects.get(pk=cast.org_b.pk)
    org.general_email = ""
    save_organisation(org, cast.root)
    topic.refresh_from_db()
    primary = resolve_topic(topic).primary
    assert primary.source == CONTACT_CENTER
    assert primary.name == "Göteborgs Stads kontaktcenter"
    assert primary.channels[0].value == "031-365 00 00"


def test_a_long_overdue_function_is_not_shown(cast, today, settings):
    function = cast.function_a
    function.review_by = today - dt.timedelta(days=settings.SERVICEGUIDEN_REVIEW_GRACE_DAYS + 1)
    save_function(function, cast.root)
    cast.topic_a.refresh_from_db()
    resolution = resolve_topic(cast.topic_a)
    assert sources(resolution) == [GENERAL_MAILBOX]
    assert "review overdue" in resolution.notes[0]


def test_an_external_actor_is_a_link_then_the_contact_center(cast):
    topic = make_topic(cast.root, cast.org_a, "pass", "Pass", actor=cast.actor)
    resolution = resolve_topic(topic)
    assert sources(resolution) == [EXTERNAL_ACTOR, CONTACT_CENTER]
    assert resolution.primary.website == "https://polisen.se"
    assert resolution.primary.channels == ()

"""Plain factories that create entries through the registry's own domain functions, so
test data is valid by the same rules as everything else."""

from django.contrib.auth import get_user_model

from serviceguiden.directory.editing import (
    save_channel,
    save_external_actor,
    save_function,
    save_organisation,
    save_topic,
)
from serviceguiden.directory.lifecycle import publish_function
from serviceguiden.directory.models import Channel, ExternalActor, Function, Organisation, Topic


def make_user(username: str, *, superuser: bool = False, email: str = ""):
    return get_user_model().objects.create_user(
        username=username,
        email=email or f"{username}@example.org",
        password="a-long-test-password",
        is_superuser=superuser,
        is_staff=superuser,
    )


def make_organisation(root, slug: str, name: str, *, kind="administration", **fields):
    org = Organisation(slug=slug, name=name, kind=kind, **fields)
    save_organisation(org, root)
    return org


def make_function(
    root, organisation, slug: str, name: str, *, channels=(), publish=True,
    is_contact_center=False,
):  # fmt: skip
    """`channels`: (kind, value) pairs or (kind, value, hours) triples."""
    function = Function(
        organisation=organisation, slug=slug, name=name, is_contact_center=is_contact_center
    )
    save_function(function, root)
    for position, spec in enumerate(channels):
        kind, value, *rest = spec
        channel = Channel(function=function, kind=kind, value=value, position=position)
        if rest:
            channel.hours = rest[0]
        save_channel(channel, root)
    if publish:
        function.refresh_from_db()
        publish_function(function, root)
    function.refresh_from_db()
    return function


def make_topic(root, organisation, slug, name, *, function=None, actor=None, **fields):
    topic = Topic(
        organisation=organisation, slug=slug, name=name, function=function,
        external_actor=actor, **fields,
    )  # fmt: skip
    save_topic(topic, root)
    return topic


def make_actor(root, slug="polisen", name="Polisen", website="https://polisen.se"):
    actor = ExternalActor(slug=slug, name=name, website=website, purpose="Pass och id-kort.")
    save_external_actor(actor, root)
    return actor

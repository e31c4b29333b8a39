"""`resolve.Resolver`: many topics and functions resolved with a fixed number of queries,
each to exactly what the one-at-a-time functions give."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.factories import make_function, make_topic
from serviceguiden.directory.demo.loader import load_demo
from serviceguiden.directory.editing import save_function
from serviceguiden.directory.lifecycle import archive_function
from serviceguiden.directory.models import Function, Topic
from serviceguiden.directory.resolve import Resolver, resolve_function, resolve_topic

# The replacement chain (one per step of the longest chain; the demo's are one step), the
# shown channels, and the contact center (organisation, its functions, their channels).
DEMO_QUERIES = 5


def topics():
    return list(Topic.objects.select_related("function__organisation", "external_actor"))


def functions():
    return list(Function.objects.select_related("organisation"))


def same(batch, single):
    assert batch.contacts == single.contacts
    assert batch.notes == single.notes
    assert batch.topic == single.topic


@pytest.fixture
def demo(db):
    report = load_demo()
    assert report.ok
    return report


def test_every_demo_topic_and_function_resolves_as_on_its_own(demo):
    all_topics, all_functions = topics(), functions()
    assert len(all_topics) > 150
    resolver = Resolver().prefetch(topics=all_topics, functions=all_functions)
    for topic in all_topics:
        same(resolver.topic(topic), resolve_topic(topic))
    for function in all_functions:
        same(resolver.function(function), resolve_function(function))


def test_the_demo_resolves_with_a_fixed_number_of_queries(demo, django_assert_max_num_queries):
    all_topics, all_functions = topics(), functions()
    with django_assert_max_num_queries(DEMO_QUERIES):
        resolver = Resolver().prefetch(topics=all_topics, functions=all_functions)
        for topic in all_topics:
            resolver.topic(topic)
        for function in all_functions:
            resolver.function(function)


def test_the_query_count_does_not_grow_with_the_topics(cast):
    def queries_for(count):
        for index in range(count):
            make_topic(
                cast.root, cast.org_b, f"extra-{count}-{index}", f"Extra {count} {index}",
                function=cast.function_b, contact_center_first=index % 2 == 0,
            )  # fmt: skip
        all_topics = topics()
        with CaptureQueriesContext(connection) as captured:
            resolver = Resolver().prefetch(topics=all_topics)
            for topic in all_topics:
                resolver.topic(topic)
        return len(captured.captured_queries)

    assert queries_for(2) == queries_for(40)


def test_replacement_chains_resolve_as_on_their_own(cast, django_assert_max_num_queries):
    """Archived → archived → published: two steps, each one query; every function of the
    chain resolves to the last one, as `resolve_function` says."""
    middle = make_function(
        cast.root, cast.org_a, "bygglov-2", "Bygglov 2", channels=[("email", "b2@goteborg.se")]
    )
    last = make_function(
        cast.root, cast.org_a, "bygglov-3", "Bygglov 3", channels=[("email", "b3@goteborg.se")]
    )
    archive_function(cast.function_a, cast.root, replacement=middle)
    archive_function(Function.objects.get(pk=middle.pk), cast.root, replacement=last)
    chain = list(Function.objects.filter(pk=cast.function_a.pk))  # replacements not loaded
    with django_assert_max_num_queries(2 + 1 + 3):  # two steps, channels, contact center
        resolver = Resolver().prefetch(functions=chain)
        batch = resolver.function(chain[0])
    assert batch.primary.channels[0].value == "b3@goteborg.se"
    same(batch, resolve_function(chain[0]))


def test_fallbacks_resolve_as_on_their_own(cast, today, settings):
    """A draft, a long-overdue function and one without channels fall back alike."""
    overdue = make_function(
        cast.root, cast.org_a, "gammal", "Gammal", channels=[("email", "g@goteborg.se")]
    )
    overdue.review_by = today - dt.timedelta(days=settings.SERVICEGUIDEN_REVIEW_GRACE_DAYS + 1)
    save_function(overdue, cast.root)
    draft = make_function(cast.root, cast.org_b, "utkast", "Utkast", publish=False)
    for index, function in enumerate([overdue, draft, cast.center_function, cast.function_b]):
        make_topic(
            cast.root, function.organisation, f"t-{index}", f"Ärende {index}",
            function=function, contact_center_first=index % 2 == 1,
        )  # fmt: skip
    make_topic(cast.root, cast.org_a, "pass", "Pass", actor=cast.actor)
    all_topics, all_functions = topics(), functions()
    resolver = Resolver().prefetch(topics=all_topics, functions=all_functions)
    for topic in all_topics:
        same(resolver.topic(topic), resolve_topic(topic))
    for function in all_functions:
        same(resolver.function(function), resolve_function(function))


def test_the_contact_center_is_resolved_once_per_resolver(cast, contact_center_calls):
    make_topic(cast.root, cast.org_a, "pass", "Pass", actor=cast.actor)
    resolver = Resolver().prefetch(topics=topics())
    for topic in topics():
        resolver.topic(topic)
    resolver.contact_center()
    assert len(contact_center_calls) == 1

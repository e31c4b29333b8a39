"""Two editors save the same entry: the second gets a clear conflict; nothing is lost."""

import pytest

from serviceguiden.directory.editing import save_channel, save_function, save_topic
from serviceguiden.directory.errors import ConflictError
from serviceguiden.directory.forms import FunctionForm
from serviceguiden.directory.models import Function, Topic


def test_the_second_save_of_the_same_version_is_a_conflict(cast):
    first = Function.objects.get(pk=cast.function_a.pk)
    second = Function.objects.get(pk=cast.function_a.pk)
    first.description = "Ansök om bygglov, rivningslov och marklov."
    save_function(first, cast.editor_a)
    second.description = "Något annat."
    with pytest.raises(ConflictError) as conflict:
        save_function(second, cast.admin_a)
    (problem,) = conflict.value.problems
    assert problem.rule == "REG-conflict"
    assert "someone else" in problem.message_en and problem.fix_en
    stored = Function.objects.get(pk=cast.function_a.pk)
    assert stored.description == "Ansök om bygglov, rivningslov och marklov."


def test_a_channel_change_is_a_change_of_the_function(cast):
    opened = Function.objects.get(pk=cast.function_a.pk)
    channel = cast.function_a.channels.get(kind="phone")
    channel.label = "Bygglovsrådgivning"
    save_channel(channel, cast.editor_a)
    opened.name = "Bygglov och lov"
    with pytest.raises(ConflictError):
        save_function(opened, cast.admin_a)


def test_the_form_reports_a_conflict_next_to_the_entry(cast):
    function = Function.objects.get(pk=cast.function_a.pk)
    opened_version = function.version
    function.description = "Ändrad av någon annan."
    save_function(function, cast.root)
    data = {
        "organisation": cast.org_a.pk, "name": "Bygglov", "slug": "bygglov",
        "description": "Min ändring.", "review_by": function.review_by.isoformat(),
        "expected_version": opened_version,
    }  # fmt: skip
    form = FunctionForm(data, instance=Function.objects.get(pk=function.pk))
    assert not form.is_valid()
    assert "[REG-conflict]" in form.non_field_errors()[0]


def test_an_explicit_expected_version_is_honoured(cast):
    topic = Topic.objects.get(pk=cast.topic_a.pk)
    stale = topic.version
    topic.synonyms = ["altan", "trall"]
    save_topic(topic, cast.editor_a)
    topic.synonyms = ["altan"]
    with pytest.raises(ConflictError):
        save_topic(topic, cast.editor_a, expected_version=stale)
    save_topic(topic, cast.editor_a, expected_version=topic.version)


@pytest.mark.django_db(transaction=True)
def test_two_editors_at_the_same_moment_on_postgresql(cast):
    """Two threads load the same version and save at once: the row lock makes the second
    wait and then see the first one's version, so exactly one is saved and one conflicts."""
    import threading

    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's; SQLite serialises writers (BEGIN IMMEDIATE)")
    barrier = threading.Barrier(2)
    results = {}

    def edit(user, text):
        try:
            function = Function.objects.get(pk=cast.function_a.pk)
            barrier.wait(timeout=10)
            function.description = text
            save_function(function, user)
            results[text] = "saved"
        except ConflictError:
            results[text] = "conflict"
        finally:
            connection.close()

    threads = [
        threading.Thread(target=edit, args=(cast.editor_a, "Från redaktören.")),
        threading.Thread(target=edit, args=(cast.admin_a, "Från administratören.")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(results.values()) == ["conflict", "saved"]
    saved = next(text for text, outcome in results.items() if outcome == "saved")
    assert Function.objects.get(pk=cast.function_a.pk).description == saved

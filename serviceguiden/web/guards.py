"""Loading entries for the editor's views, with the visible guard each page needs. The
answers come from the registry's one access module (`directory/access.py`); the domain
functions ask it again when they save."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from serviceguiden.directory import access
from serviceguiden.directory.errors import RegistryError
from serviceguiden.directory.models import Function, Organisation, Topic


def viewable_function(user, slug: str) -> Function:
    function = get_object_or_404(
        Function.objects.select_related("organisation", "replaced_by"), slug=slug
    )
    if not access.can_view_organisation(user, function.organisation):
        raise PermissionDenied
    return function


def editable_function(user, slug: str) -> Function:
    function = viewable_function(user, slug)
    if not access.can_edit_function(user, function):
        raise PermissionDenied
    return function


def viewable_topic(user, slug: str) -> Topic:
    topic = get_object_or_404(
        Topic.objects.select_related("organisation", "function", "external_actor"), slug=slug
    )
    if not access.can_view_organisation(user, topic.organisation):
        raise PermissionDenied
    return topic


def editable_topic(user, slug: str) -> Topic:
    topic = viewable_topic(user, slug)
    if not access.can_edit_topic(user, topic):
        raise PermissionDenied
    return topic


def viewable_organisation(user, slug: str) -> Organisation:
    organisation = get_object_or_404(Organisation, slug=slug)
    if not access.can_view_organisation(user, organisation):
        raise PermissionDenied
    return organisation


def is_conflict(error: RegistryError) -> bool:
    return any(p.rule == "REG-conflict" for p in error.problems)


def problem_texts(error: RegistryError) -> list[str]:
    return [p.text() for p in error.problems]

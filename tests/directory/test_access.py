"""The permission matrix: every write operation of the registry × every role, including
cross-organisation attempts (organisation B's editor on A's entries, and A's editor on B's).
Each operation is the domain function every path (admin, forms, import, CLI) calls."""

import datetime as dt

import pytest

from directory.factories import make_function, make_user
from serviceguiden.directory import access
from serviceguiden.directory.editing import (
    delete_channel,
    delete_topic,
    save_channel,
    save_external_actor,
    save_function,
    save_organisation,
    save_topic,
    set_membership,
)
from serviceguiden.directory.history import restore_version
from serviceguiden.directory.lifecycle import (
    archive_function,
    delete_function,
    mark_reviewed,
    publish_function,
)
from serviceguiden.directory.models import Channel, Function, Organisation, Topic
from serviceguiden.directory.policy_exceptions import grant_exception, revoke_exception
from serviceguiden.directory.transfer import export_registry, import_registry


def _rename(function):
    function.name = "Bygglov och rivningslov"
    return function


def _draft(cast):
    return make_function(
        cast.root, cast.org_a, "utkast", "Utkast",
        channels=[("email", "utkast@sbk.goteborg.se")], publish=False,
    )  # fmt: skip


def _restore(cast, user):
    function = cast.function_a
    first = function.history.order_by("history_date").first()
    _rename(function)
    save_function(function, cast.root)
    restore_version(function, first.history_id, user)


def _exception(cast):
    return grant_exception(
        cast.org_a, "anna.svensson@goteborg.se", reason="Ensam handläggare under 2026.",
        ends_on=dt.date.today() + dt.timedelta(days=30), user=cast.root,
    )  # fmt: skip


OPERATIONS = {
    "edit function A": lambda c, u: save_function(_rename(c.function_a), u),
    "edit function B": lambda c, u: save_function(_rename(c.function_b), u),
    "move function A to B": lambda c, u: save_function(_set(c.function_a, organisation=c.org_b), u),
    "create function in A": lambda c, u: save_function(
        Function(organisation=c.org_a, slug="ny", name="Ny"), u
    ),
    "add channel to A": lambda c, u: save_channel(
        Channel(function=c.function_a, kind="email", value="planbesked@sbk.goteborg.se"), u
    ),
    "delete channel of A": lambda c, u: delete_channel(c.function_a.channels.first(), u),
    "publish draft in A": lambda c, u: publish_function(_draft(c), u),
    "mark A reviewed": lambda c, u: mark_reviewed(c.function_a, u),
    "delete draft in A": lambda c, u: delete_function(_draft(c), u),
    "archive A": lambda c, u: archive_function(c.function_a, u, replacement=c.center_function),
    "restore A": lambda c, u: _restore(c, u),
    "edit topic of A": lambda c, u: save_topic(_set(c.topic_a, synonyms=["altan"]), u),
    "create topic in A": lambda c, u: save_topic(
        Topic(organisation=c.org_a, slug="rivning", name="Rivning", function=c.function_a), u
    ),
    "delete topic of A": lambda c, u: delete_topic(c.topic_a, u),
    "edit A's details": lambda c, u: save_organisation(
        _set(c.org_a, website="https://goteborg.se/sbk"), u
    ),
    "change A's domains": lambda c, u: save_organisation(_set(c.org_a, domains=["sbk.se"]), u),
    "create organisation": lambda c, u: save_organisation(
        Organisation(slug="ny", name="Ny förvaltning", kind="administration"), u
    ),
    "manage A's members": lambda c, u: set_membership(c.org_a, c.outsider, "viewer", u),
    "edit external actor": lambda c, u: save_external_actor(
        _set(c.actor, purpose="Pass, id-kort och polisanmälan."), u
    ),
    "grant exception": lambda c, u: grant_exception(
        c.org_a,
        "anna.svensson@goteborg.se",
        reason="Ensam handläggare under 2026.",
        ends_on=dt.date.today() + dt.timedelta(days=30),
        user=u,
    ),  # fmt: skip
    "revoke exception": lambda c, u: revoke_exception(_exception(c), u),
    "import": lambda c, u: _import_ok(import_registry(export_registry(), u)),
}


def _set(obj, **fields):
    for name, value in fields.items():
        setattr(obj, name, value)
    return obj


def _import_ok(report):
    assert report.ok, report.problems


EDITOR_OPS = {
    "edit function A", "create function in A", "add channel to A", "delete channel of A",
    "publish draft in A", "mark A reviewed", "delete draft in A", "restore A",
    "edit topic of A", "create topic in A", "delete topic of A",
}  # fmt: skip
ADMIN_OPS = EDITOR_OPS | {"archive A", "edit A's details", "manage A's members"}
ALLOWED = {
    "global_admin": set(OPERATIONS),
    "admin_a": ADMIN_OPS,
    "editor_a": EDITOR_OPS,
    "viewer_a": set(),
    "editor_b": {"edit function B"},
    "outsider": set(),
    "anonymous": set(),
}


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
@pytest.mark.parametrize("role", sorted(ALLOWED))
def test_permission_matrix(cast, role, operation):
    user = cast.user(role)
    if user is None:
        from django.contrib.auth.models import AnonymousUser

        user = AnonymousUser()
    if operation in ALLOWED[role]:
        OPERATIONS[operation](cast, user)
    else:
        with pytest.raises(access.AccessDenied) as denied:
            OPERATIONS[operation](cast, user)
        assert "global" in str(denied.value)  # names who can grant the right (sv or en)


def test_a_refused_write_changes_nothing(cast):
    before = export_registry()
    for name, operation in OPERATIONS.items():
        if name in {"publish draft in A", "delete draft in A", "revoke exception", "restore A"}:
            continue  # these set up their own entries as the global admin first
        with pytest.raises(access.AccessDenied):
            operation(cast, cast.outsider)
    after = export_registry()
    assert {k: v for k, v in before.items() if k != "exported_at"} == {
        k: v for k, v in after.items() if k != "exported_at"
    }


def test_editable_organisations(cast):
    assert list(access.editable_organisations(cast.editor_a)) == [cast.org_a]
    assert list(access.editable_organisations(cast.viewer_a)) == []
    assert list(access.editable_organisations(cast.outsider)) == []
    assert access.editable_organisations(cast.root).count() == 3


def test_an_inactive_global_admin_has_no_rights(cast):
    cast.root.is_active = False
    assert not access.is_global_admin(cast.root)
    other = make_user("former", superuser=True)
    other.is_active = False
    other.save()
    with pytest.raises(access.AccessDenied):
        save_function(_rename(cast.function_a), other)


def _form_cases(cast):
    from serviceguiden.directory.forms import (
        ExternalActorForm,
        FunctionForm,
        OrganisationForm,
        PolicyExceptionForm,
        TopicForm,
    )

    function = cast.function_a
    return [
        (FunctionForm, function, {
            "organisation": cast.org_a.pk, "name": "Bygglov", "slug": "bygglov",
            "description": "Ny text.", "review_by": function.review_by.isoformat(),
            "expected_version": function.version,
        }),
        (TopicForm, cast.topic_a, {
            "organisation": cast.org_a.pk, "name": "Bygga altan", "slug": "bygga-altan",
            "synonyms": "altan\ntrall", "function": function.pk,
            "expected_version": cast.topic_a.version,
        }),
        (OrganisationForm, cast.org_a, {
            "name": cast.org_a.name, "slug": "sbk", "kind": "administration",
            "general_email": "stadsbyggnadskontoret@sbk.goteborg.se",
            "expected_version": cast.org_a.version,
        }),
        (ExternalActorForm, cast.actor, {
            "name": "Polisen", "slug": "polisen", "website": "https://polisen.se",
            "purpose": "Pass.", "expected_version": cast.actor.version,
        }),
        (PolicyExceptionForm, None, {
            "organisation": cast.org_a.pk, "value": "anna.svensson@goteborg.se",
            "reason": "Ensam handläggare under 2026.",
            "ends_on": (dt.date.today() + dt.timedelta(days=30)).isoformat(),
        }),
    ]  # fmt: skip


def test_every_form_commits_through_the_access_checks(cast):
    """The forms (used by the admin and the editor) validate, then save through the domain
    functions: a valid form committed by an outsider is refused and saves nothing."""
    before = export_registry()
    for form_class, instance, data in _form_cases(cast):
        form = form_class(data, instance=instance)
        assert form.is_valid(), (form_class.__name__, form.errors)
        with pytest.raises(access.AccessDenied):
            form.commit(cast.outsider)
    after = export_registry()
    assert {k: v for k, v in before.items() if k != "exported_at"} == {
        k: v for k, v in after.items() if k != "exported_at"
    }
    for form_class, instance, data in _form_cases(cast):
        form = form_class(data, instance=instance and type(instance).objects.get(pk=instance.pk))
        assert form.is_valid(), (form_class.__name__, form.errors)
        form.commit(cast.root)


def test_refusals_speak_swedish_and_english(cast):
    from django.utils import translation

    with translation.override("sv"), pytest.raises(access.AccessDenied) as swedish:
        save_function(_rename(cast.function_a), cast.outsider)
    assert "Du får inte ändra poster i Stadsbyggnadskontoret" in str(swedish.value)
    with translation.override("en"), pytest.raises(access.AccessDenied) as english:
        save_function(_rename(cast.function_a), cast.outsider)
    assert "You may not change entries in Stadsbyggnadskontoret" in str(english.value)

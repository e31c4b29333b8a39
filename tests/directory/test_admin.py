"""The Django admin: global admins only, and every save goes through the registry's forms
and domain functions (validation, versions, history), never straight to the database."""

import pytest
from django.urls import reverse

from serviceguiden.directory.models import Channel, Function, Topic

ROLES = ["admin_a", "editor_a", "viewer_a", "editor_b", "outsider"]


def admin_urls(cast):
    pk = cast.function_a.pk
    return [
        reverse("admin:index"),
        reverse("admin:directory_function_changelist"),
        reverse("admin:directory_function_add"),
        reverse("admin:directory_function_change", args=[pk]),
        reverse("admin:directory_function_versions", args=[pk]),
        reverse("admin:directory_function_archive", args=[pk]),
        reverse("admin:directory_topic_change", args=[cast.topic_a.pk]),
        reverse("admin:directory_organisation_change", args=[cast.org_a.pk]),
        reverse("admin:directory_externalactor_changelist"),
        reverse("admin:directory_policyexception_add"),
    ]


@pytest.mark.parametrize("role", ROLES + ["anonymous"])
def test_only_global_admins_get_in(cast, client, role):
    user = cast.user(role)
    if user is not None:
        client.force_login(user)
    for url in admin_urls(cast):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/admin/login/" in response["Location"]


def test_every_admin_page_renders_for_a_global_admin(cast, client):
    client.force_login(cast.root)
    for url in admin_urls(cast):
        assert client.get(url).status_code == 200, url


def function_post(cast, function, *, channels, expected_version=None, **fields):
    data = {
        "organisation": function.organisation_id,
        "name": function.name,
        "slug": function.slug,
        "description": function.description,
        "review_by": function.review_by.isoformat(),
        "expected_version": function.version if expected_version is None else expected_version,
        "channels-TOTAL_FORMS": len(channels),
        "channels-INITIAL_FORMS": sum(1 for c in channels if c.get("id")),
        "channels-MIN_NUM_FORMS": 0,
        "channels-MAX_NUM_FORMS": 1000,
    }
    data.update(fields)
    for index, channel in enumerate(channels):
        for key, value in channel.items():
            data[f"channels-{index}-{key}"] = value
        data.setdefault(f"channels-{index}-function", function.pk)
        data.setdefault(f"channels-{index}-hours", "{}")
    return data


def existing_channels(function):
    return [
        {"id": c.pk, "kind": c.kind, "value": c.value, "label": c.label, "position": c.position,
         "hours": __import__("json").dumps(c.hours), "expected_version": c.version}
        for c in function.channels.all()
    ]  # fmt: skip


def test_admin_refuses_a_personal_mailbox_with_the_rule(cast, client):
    client.force_login(cast.root)
    function = cast.function_a
    channels = existing_channels(function) + [
        {"kind": "email", "value": "anna.svensson@goteborg.se", "position": 5}
    ]
    url = reverse("admin:directory_function_change", args=[function.pk])
    response = client.post(url, function_post(cast, function, channels=channels))
    assert response.status_code == 200
    assert "[P3-personal-email]" in response.content.decode()
    assert not Channel.objects.filter(value="anna.svensson@goteborg.se").exists()


def test_admin_saves_through_the_domain_functions(cast, client):
    client.force_login(cast.root)
    function = cast.function_a
    channels = existing_channels(function) + [
        {"kind": "eservice", "value": "https://goteborg.se/bygglov/ansok", "position": 5}
    ]
    url = reverse("admin:directory_function_change", args=[function.pk])
    data = function_post(cast, function, channels=channels, description="Lov för att bygga.")
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    function.refresh_from_db()
    assert function.description == "Lov för att bygga."
    assert function.channels.filter(kind="eservice").exists()
    assert function.history.first().history_user == cast.root
    assert function.history.first().history_change_reason.startswith("eservice tillagd")


def test_admin_reports_a_conflict_instead_of_overwriting(cast, client):
    client.force_login(cast.root)
    function = cast.function_a
    stale = function.version
    function.description = "Någon annans ändring."
    from serviceguiden.directory.editing import save_function

    save_function(function, cast.editor_a)
    url = reverse("admin:directory_function_change", args=[function.pk])
    data = function_post(cast, function, channels=existing_channels(function),
                         expected_version=stale, description="Min ändring.")  # fmt: skip
    response = client.post(url, data)
    assert "[REG-conflict]" in response.content.decode()
    function.refresh_from_db()
    assert function.description == "Någon annans ändring."


def test_admin_archive_needs_a_replacement_and_moves_topics(cast, client):
    client.force_login(cast.root)
    url = reverse("admin:directory_function_archive", args=[cast.function_a.pk])
    response = client.post(url, {"expected_version": cast.function_a.version})
    assert "[REG-retire-replacement]" in response.content.decode()
    response = client.post(
        url, {"expected_version": cast.function_a.version, "replacement": cast.function_b.pk}
    )
    assert response.status_code == 302
    assert Topic.objects.get(pk=cast.topic_a.pk).function == cast.function_b
    assert Function.objects.get(pk=cast.function_a.pk).status == "archived"


def test_admin_restores_an_earlier_version(cast, client):
    client.force_login(cast.root)
    function = cast.function_a
    first_name = function.history.earliest("history_date")
    from serviceguiden.directory.editing import save_function

    function.name = "Bygglovsenheten"
    save_function(function, cast.root)
    url = reverse("admin:directory_function_versions", args=[function.pk])
    assert "Bygglovsenheten" in client.get(url).content.decode()
    response = client.post(url, {"history_id": first_name.history_id})
    assert response.status_code == 302
    function.refresh_from_db()
    assert function.name == "Bygglov"


def test_admin_only_deletes_drafts(cast, client):
    client.force_login(cast.root)
    url = reverse("admin:directory_function_delete", args=[cast.function_a.pk])
    assert client.get(url).status_code == 403


def test_admin_topic_and_exception_forms_show_registry_rules(cast, client):
    client.force_login(cast.root)
    response = client.post(
        reverse("admin:directory_topic_add"),
        {"organisation": cast.org_a.pk, "name": "Pass", "slug": "pass", "synonyms": "",
         "function": cast.function_a.pk, "external_actor": cast.actor.pk},
    )  # fmt: skip
    assert "[REG-route]" in response.content.decode()
    assert not Topic.objects.filter(slug="pass").exists()
    response = client.post(
        reverse("admin:directory_policyexception_add"),
        {"organisation": cast.org_a.pk, "value": "info@polisen.se", "reason": "kort",
         "ends_on": "2020-01-01"},
    )  # fmt: skip
    content = response.content.decode()
    assert "[REG-exception-reason]" in content and "[REG-exception-end]" in content


def test_admin_deletes_a_draft_but_explains_why_not_when_in_use(cast, client):
    from directory.factories import make_function, make_topic

    client.force_login(cast.root)
    draft = make_function(cast.root, cast.org_a, "utkast", "Utkast", publish=False)
    make_topic(cast.root, cast.org_a, "rivning", "Rivning", function=draft)
    url = reverse("admin:directory_function_delete", args=[draft.pk])
    response = client.post(url, {"post": "yes"}, follow=True)
    assert "Rivning" in response.content.decode()  # the admin lists the protected topic
    assert Function.objects.filter(pk=draft.pk).exists()
    Topic.objects.filter(slug="rivning").delete()
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not Function.objects.filter(pk=draft.pk).exists()

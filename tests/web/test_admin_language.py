"""The admin speaks Swedish: every app, model, column and filter of every admin page, also
those of the libraries (sign-in attempts, background jobs), and every history page is the
registry's readable one."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.admin.utils import label_for_field
from django.test import Client
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

# Words that are the same in both languages.
SAME = {"organisation", "status", "id", "sms", "http accept", "url"}
ENGLISH_IN_THE_ISSUE = [
    "Publishing", "Channels", "Webhook deliveries", "Where used", "Tasks Database Backend",
    "Task Results", "Access attempts", "Axes", "Expected version", "View history",
]  # fmt: skip


def admin_client(cast, lang: str) -> Client:
    client = Client()
    client.force_login(cast.root)
    client.cookies["django_language"] = lang
    return client


def test_every_app_and_model_has_a_swedish_name():
    untranslated = []
    for model in admin.site._registry:
        names = []
        for lang in ("sv", "en"):
            with translation.override(lang):
                names.append(
                    (str(model._meta.app_config.verbose_name),
                     str(model._meta.verbose_name_plural))
                )  # fmt: skip
        (app_sv, model_sv), (app_en, model_en) = names
        if app_sv == app_en or (model_sv == model_en and model_sv.lower() not in SAME):
            untranslated.append(f"{model.__name__}: {names}")
    assert untranslated == []


def test_the_admin_index_has_no_english_left(cast):
    page = admin_client(cast, "sv").get(reverse("admin:index")).content.decode()
    assert [word for word in ENGLISH_IN_THE_ISSUE if word in page] == []
    for swedish in ("Publicering", "Kanaler", "Webhook-leveranser", "Var det visas",
                    "Bakgrundsjobb", "Inloggningsförsök"):  # fmt: skip
        assert swedish in page


def list_words(model, model_admin, request) -> list[str]:
    """The column headers and filter titles of a model's list, in the active language."""
    columns = [
        str(label_for_field(name, model, model_admin))
        for name in model_admin.get_list_display(request)
        if name not in ("__str__", "action_checkbox")
    ]
    changelist = model_admin.get_changelist_instance(request)
    filters = [str(spec.title) for spec in changelist.get_filters(request)[0]]
    return columns + filters


def test_every_column_and_filter_of_every_list_is_swedish(cast, rf):
    untranslated = []
    for model, model_admin in admin.site._registry.items():
        request = rf.get("/")
        request.user = cast.root
        words = []
        for lang in ("sv", "en"):
            with translation.override(lang):
                words.append(list_words(model, model_admin, request))
        same = [sv for sv, en in zip(*words, strict=True) if sv == en and sv.lower() not in SAME]
        if same:
            untranslated.append(f"{model.__name__}: {same}")
    assert untranslated == []


def test_django_groups_and_permissions_are_not_offered(cast):
    """Rights come from the superuser flag and memberships only."""
    client = admin_client(cast, "sv")
    page = client.get(reverse("admin:auth_user_change", args=[cast.editor_a.pk])).content
    page = page.decode()
    assert "Can add" not in page and "user_permissions" not in page and 'name="groups"' not in page
    assert client.get("/admin/auth/group/").status_code == 404


@pytest.mark.parametrize("model", ["function", "topic", "organisation", "membership"])
def test_every_history_page_is_the_readable_one(cast, model):
    obj = {
        "function": cast.function_a, "topic": cast.topic_a, "organisation": cast.org_a,
        "membership": cast.editor_a.memberships.first(),
    }[model]  # fmt: skip
    client = admin_client(cast, "sv")
    page = client.get(reverse(f"admin:directory_{model}_history", args=[obj.pk])).content
    page = page.decode()
    assert "Varje sparad ändring" in page
    assert "Change reason" not in page and " / " not in page

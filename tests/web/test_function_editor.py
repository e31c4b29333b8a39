"""Editing a function on one screen: preview with impact, save, validation, conflicts."""

from __future__ import annotations

import pytest

from serviceguiden.directory.models import Channel, Function

pytestmark = pytest.mark.django_db


def form_data(client, slug: str) -> dict:
    """The edit form as the browser would submit it unchanged."""
    response = client.get(f"/redigera/funktion/{slug}/")
    form = response.context["form"]
    formset = response.context["formset"]
    data = {}
    for bound in [*form, *formset.management_form]:
        value = bound.value()
        data[bound.html_name] = "" if value is None else value
    for channel_form in formset.forms:
        for bound in channel_form:
            value = bound.value()
            if bound.widget_type == "checkbox":
                if value:
                    data[bound.html_name] = "on"
                continue
            data[bound.html_name] = "" if value is None else value
    return data


def phone_field(data: dict) -> str:
    return next(k for k, v in data.items() if k.endswith("-kind") and v == "phone")[:-5] + "-value"


def test_preview_shows_change_and_impact_and_saves_nothing(published, client_as):
    client = client_as("editor_a")
    data = form_data(client, "bygglov")
    data[phone_field(data)] = "031-368 11 11"
    response = client.post("/redigera/funktion/bygglov/", {**data, "step": "preview"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "031-368 11 11" in html
    assert "påverkar 1 ärende" in html
    assert Channel.objects.filter(value="031-368 00 00").exists()


def test_save_changes_the_phone_and_publishes_it(
    published, client_as, django_capture_on_commit_callbacks
):
    client = client_as("editor_a")
    data = form_data(client, "bygglov")
    data[phone_field(data)] = "0313681111"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/redigera/funktion/bygglov/", {**data, "step": "save"})
    assert response.status_code == 302
    assert Channel.objects.filter(function__slug="bygglov", value="031-368 11 11").exists()
    page = client.get("/amne/bygga-altan").content.decode()
    assert "031-368 11 11" in page and "031-368 00 00" not in page


def test_personal_mailbox_shows_rule_and_nothing_is_saved(published, client_as):
    client = client_as("editor_a")
    data = form_data(client, "bygglov")
    field = next(k for k, v in data.items() if k.endswith("-kind") and v == "email")[:-5]
    data[f"{field}-value"] = "anna.svensson@sbk.goteborg.se"
    data["f-name"] = "Bygglov och lov"
    response = client.post("/redigera/funktion/bygglov/", {**data, "step": "save"})
    assert response.status_code == 200
    assert "P3-personal-email" in response.content.decode()
    function = Function.objects.get(slug="bygglov")
    assert function.name == "Bygglov"
    assert not Channel.objects.filter(value__startswith="anna.").exists()


def test_new_channel_with_hours_is_saved_with_the_structured_hours(published, client_as):
    client = client_as("editor_a")
    data = form_data(client, "bygglov")
    data.update(
        {
            "channels-2-kind": "visiting_address",
            "channels-2-value": "Köpmansgatan 20, Göteborg",
            "channels-2-hours_0_first": "mon",
            "channels-2-hours_0_last": "thu",
            "channels-2-hours_0_opens": "08:00",
            "channels-2-hours_0_closes": "16:00",
            "channels-2-closed_holidays": "on",
            "step": "save",
        }
    )
    response = client.post("/redigera/funktion/bygglov/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    channel = Channel.objects.get(function__slug="bygglov", kind="visiting_address")
    assert channel.hours == {
        "weekly": [{"days": "mon-thu", "opens": "08:00", "closes": "16:00"}],
        "exceptions": [{"holiday": "public_holidays", "closed": True}],
    }


def test_half_filled_hours_row_is_an_error(published, client_as):
    client = client_as("editor_a")
    data = form_data(client, "bygglov")
    prefix = phone_field(data)[: -len("-value")]
    data[f"{prefix}-hours_1_first"] = "sat"
    response = client.post("/redigera/funktion/bygglov/", {**data, "step": "save"})
    assert response.status_code == 200
    assert "Fill in the day and both times" in response.content.decode() or "Fyll i dagen" in (
        response.content.decode()
    )


def test_second_editor_gets_a_conflict_not_a_lost_update(published, client_as, cast):
    first, second = client_as("editor_a"), client_as("admin_a")
    stale = form_data(second, "bygglov")
    data = form_data(first, "bygglov")
    data["f-name"] = "Bygglov (första)"
    assert first.post("/redigera/funktion/bygglov/", {**data, "step": "save"}).status_code == 302
    stale["f-name"] = "Bygglov (andra)"
    response = second.post("/redigera/funktion/bygglov/", {**stale, "step": "save"})
    assert response.status_code == 200
    assert response.context["conflict"].name == "Bygglov (första)"
    assert "Någon annan sparade ändringar i Bygglov (första)" in response.content.decode()
    assert Function.objects.get(slug="bygglov").name == "Bygglov (första)"


def test_nothing_changed_saves_nothing(published, client_as):
    client = client_as("editor_a")
    before = Function.objects.get(slug="bygglov").version
    data = form_data(client, "bygglov")
    response = client.post("/redigera/funktion/bygglov/", {**data, "step": "save"})
    assert response.status_code == 302
    assert Function.objects.get(slug="bygglov").version == before

"""The function screen without a number field for the order: channels move up and down
with buttons (a form post, so no JavaScript is needed); the empty new-channel row is
optional; archived functions can be taken back; a replacement or a routed function is
found by typing its name; the dashboard lists archived functions last."""

from __future__ import annotations

import re

import pytest

from serviceguiden.directory.lifecycle import archive_function
from serviceguiden.directory.models import Channel, Function, Status, Topic
from web.test_function_editor import form_data

pytestmark = pytest.mark.django_db


def shown_order(html: str) -> list[str]:
    """The values of the channel rows, in the order the page shows them."""
    return re.findall(r'name="channels-\d+-value" value="([^"]*)"', html)


def stored_order(slug: str = "bygglov") -> list[str]:
    return list(
        Channel.objects.filter(function__slug=slug)
        .order_by("position", "id")
        .values_list("value", flat=True)
    )


def row_of(data: dict, value: str) -> str:
    key = next(k for k, v in data.items() if k.endswith("-value") and v == value)
    return key.split("-")[1]


def test_there_is_no_order_number_to_type(published, client_as):
    html = client_as("editor_a").get("/redigera/funktion/bygglov/").content.decode()
    assert 'type="number"' not in html
    assert re.search(r'<input type="hidden" name="channels-0-position"', html)
    assert "Flytta ner" in html and "Flytta upp" in html


def test_moving_a_channel_changes_the_form_then_saving_keeps_the_order(
    published, client_as, django_capture_on_commit_callbacks
):
    client = client_as("editor_a")
    assert stored_order() == ["bygglov@sbk.goteborg.se", "031-368 00 00"]
    data = form_data(client, "bygglov")
    data["f-description"] = "Lov för att bygga."  # an unsaved edit survives the move
    row = row_of(data, "031-368 00 00")
    response = client.post("/redigera/funktion/bygglov/", {**data, "move": f"{row}:up"})
    html = response.content.decode()
    assert response.status_code == 200
    assert shown_order(html)[:2] == ["031-368 00 00", "bygglov@sbk.goteborg.se"]
    assert "Lov för att bygga." in html
    assert re.search(rf'value="{row}:down" class="secondary" autofocus', html)  # focus stays
    assert stored_order() == ["bygglov@sbk.goteborg.se", "031-368 00 00"]  # nothing saved yet

    moved = {k: v for k, v in response.context["formset"].data.items() if k != "move"}
    preview = client.post("/redigera/funktion/bygglov/", {**moved, "step": "preview"})
    preview = preview.content.decode()
    assert "<dt>Ordning</dt><dd><del>Funktionsbrevlåda, Funktionstelefon</del> → " in preview
    assert "<ins>Funktionstelefon, Funktionsbrevlåda</ins>" in preview
    with django_capture_on_commit_callbacks(execute=True):
        saved = client.post("/redigera/funktion/bygglov/", {**moved, "step": "save"})
    assert saved.status_code == 302
    assert stored_order() == ["031-368 00 00", "bygglov@sbk.goteborg.se"]
    assert Function.objects.get(slug="bygglov").description == "Lov för att bygga."
    page = client.get("/amne/bygga-altan").content.decode()
    box = page[page.index('<section class="sg-kontakt"') :]
    assert box.index("031-368 00 00") < box.index("bygglov@sbk.goteborg.se")


def test_the_first_cannot_move_up_nor_the_last_down(published, client_as):
    html = client_as("editor_a").get("/redigera/funktion/bygglov/").content.decode()
    rows = re.findall(r'name="move" value="(\d+):(up|down)"', html)
    assert rows == [("0", "down"), ("1", "up")]


def test_a_new_channel_goes_last(published, client_as):
    client = client_as("editor_a")
    data = form_data(client, "bygglov")
    link = "https://goteborg.se/bygglov/ansok"
    data.update({"channels-2-kind": "eservice", "channels-2-value": link, "step": "save"})
    assert client.post("/redigera/funktion/bygglov/", data).status_code == 302
    assert stored_order()[-1] == link


def test_the_empty_new_channel_row_marks_nothing_required(published, client_as):
    html = client_as("editor_a").get("/redigera/funktion/bygglov/").content.decode()
    new_row = html[html.index('class="channel new-channel"') :]
    new_row = new_row[: new_row.index("</fieldset>")]
    assert "valfri" in new_row
    assert '<span aria-hidden="true">*</span>' not in new_row
    existing = html[html.index('id="channels-0"') :]
    assert '<span aria-hidden="true">*</span>' in existing[: existing.index("</fieldset>")]


def test_an_organisation_admin_takes_an_archived_function_back(published, client_as, cast):
    archive_function(cast.function_a, cast.admin_a, replacement=cast.center_function)
    function = Function.objects.get(pk=cast.function_a.pk)
    url = "/redigera/funktion/bygglov/ta-tillbaka/"
    for refused in ("outsider", "editor_a", "viewer_a", "editor_b"):
        assert client_as(refused).post(url).status_code == 403, refused
    assert Function.objects.get(pk=function.pk).status == Status.ARCHIVED

    page = client_as("admin_a").get("/redigera/funktion/bygglov/").content.decode()
    assert url in page
    response = client_as("admin_a").post(url, {"expected_version": function.version}, follow=True)
    assert "publicerad igen" in response.content.decode()
    function.refresh_from_db()
    assert function.status == Status.PUBLISHED and function.replaced_by is None
    assert Topic.objects.get(pk=cast.topic_a.pk).function == cast.center_function  # stays
    assert (
        "Återtagen från arkivet"
        in client_as("admin_a").get("/redigera/funktion/bygglov/historik/").content.decode()
    )


def test_a_draft_that_was_archived_comes_back_as_a_draft(published, client_as, cast):
    from directory.factories import make_function

    mailbox = [("email", "strandskydd@sbk.goteborg.se")]
    draft = make_function(
        cast.root, cast.org_a, "strandskydd", "Strandskydd", channels=mailbox, publish=False
    )
    archive_function(draft, cast.admin_a)
    client_as("admin_a").post("/redigera/funktion/strandskydd/ta-tillbaka/")
    assert Function.objects.get(slug="strandskydd").status == Status.DRAFT


def test_taking_back_a_function_that_is_not_archived_is_explained(published, client_as):
    response = client_as("admin_a").post("/redigera/funktion/bygglov/ta-tillbaka/", follow=True)
    assert "REG-not-archived" in response.content.decode()


def test_the_replacement_is_found_by_typing_its_name(published, client_as, cast):
    client = client_as("admin_a")
    page = client.get("/redigera/funktion/bygglov/arkivera/").content.decode()
    assert 'list="replacement-choices"' in page and '<datalist id="replacement-choices">' in page
    assert '<option value="Miljötillsyn (Miljöförvaltningen)">' in page
    assert "<select" not in page
    url = "/redigera/funktion/bygglov/arkivera/"
    data = {"expected_version": cast.function_a.version}
    unknown = client.post(url, {**data, "replacement": "Miljö"}).content.decode()
    assert "Ingen publicerad funktion heter Miljö" in unknown
    response = client.post(url, {**data, "replacement": "miljötillsyn"})
    assert response.status_code == 302
    assert Function.objects.get(pk=cast.function_a.pk).replaced_by == cast.function_b


def test_two_functions_with_one_name_need_the_organisation(published, client_as, cast):
    from directory.factories import make_function

    make_function(cast.root, cast.org_b, "bygglov-miljo", "Kontaktcenter",
                  channels=[("email", "kc@goteborg.se")])  # fmt: skip
    url = "/redigera/funktion/bygglov/arkivera/"
    data = {"expected_version": cast.function_a.version}
    page = client_as("admin_a").post(url, {**data, "replacement": "Kontaktcenter"})
    assert "Flera funktioner heter Kontaktcenter" in page.content.decode()
    label = f"Kontaktcenter ({cast.center.name})"
    assert client_as("admin_a").post(url, {**data, "replacement": label}).status_code == 302
    assert Function.objects.get(pk=cast.function_a.pk).replaced_by == cast.center_function


def test_the_topic_editor_speaks_plainly_and_finds_functions_by_name(published, client_as, cast):
    client = client_as("editor_a")
    page = client.get("/redigera/amne/bygga-altan/").content.decode()
    assert "(P1)" not in page and "---------" not in page
    assert 'value="Bygglov (Stadsbyggnadskontoret)"' in page  # the current routing, readable
    data = {"name": "Bygga altan", "synonyms": "altan", "description": "",
            "function": "Miljötillsyn (Miljöförvaltningen)",
            "expected_version": cast.topic_a.version, "step": "save"}  # fmt: skip
    assert client.post("/redigera/amne/bygga-altan/", data).status_code == 302
    assert Topic.objects.get(pk=cast.topic_a.pk).function == cast.function_b


def test_the_dashboard_lists_archived_functions_last(published, client_as, cast):
    from directory.factories import make_function

    make_function(cast.root, cast.org_a, "adress", "Adressättning",
                  channels=[("email", "adress@sbk.goteborg.se")])  # fmt: skip
    archive_function(Function.objects.get(slug="adress"), cast.admin_a)
    html = client_as("editor_a").get("/redigera/organisation/sbk/").content.decode()
    table = html[html.index('id="functions-heading"') : html.index('id="topics-heading"')]
    assert re.findall(r'/redigera/funktion/([^/]+)/"', table) == ["bygglov", "adress"]

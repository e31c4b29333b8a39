"""The error summary on every form (GOV.UK pattern): one box at the top listing every
problem, each linked to its field; the title starts with "Fel:"; a conflict is said once in
plain words with the time of the other save and a link to what changed."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import timezone

from serviceguiden.directory.editing import save_function
from serviceguiden.directory.models import Function, Topic
from web.test_function_editor import form_data, phone_field

pytestmark = pytest.mark.django_db


def summary_of(html: str) -> str:
    match = re.search(r'<div class="error-summary".*?</div>', html, re.S)
    assert match, "no error summary on the page"
    return match.group(0)


def summary_links(html: str) -> list[tuple[str, str]]:
    """(target id, link text) of every link in the summary; each target exists once."""
    links = re.findall(r'<a href="#([^"]+)">(.*?)</a>', summary_of(html), re.S)
    assert links, "the summary lists no problem"
    for target, _text in links:
        assert html.count(f'id="{target}"') == 1, f"#{target} is not on the page"
    return links


def title_of(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1)


def test_preview_with_a_refused_value_puts_the_error_at_the_top(published, client_as):
    client = client_as("editor_a")
    data = form_data(client, "bygglov")
    field = next(k for k, v in data.items() if k.endswith("-kind") and v == "email")[:-5]
    data[f"{field}-value"] = "anna.svensson@sbk.goteborg.se"
    html = client.post("/redigera/funktion/bygglov/", {**data, "step": "preview"}).content.decode()
    assert title_of(html).startswith("Fel: ")
    links = summary_links(html)
    assert links[0][0] == f"id_{field}-value"
    assert "P3-personal-email" in links[0][1] and "Kontaktväg 1, Kontaktuppgift" in links[0][1]
    assert html.index('class="error-summary"') < html.index("<h1")
    assert "autofocus" in summary_of(html)
    # the field says it too, and its input points at the message
    field_id = f"id_{field}-value"
    described = rf'<input[^>]*aria-describedby="[^"]*{field_id}_error"[^>]*id="{field_id}"'
    assert re.search(described, html) and f'id="{field_id}_error"' in html
    assert 'id="preview"' not in html


def test_a_half_filled_hours_row_links_to_the_missing_time(published, client_as):
    client = client_as("editor_a")
    data = form_data(client, "bygglov")
    prefix = phone_field(data)[: -len("-value")]
    data[f"{prefix}-hours_1_first"] = "sat"
    html = client.post("/redigera/funktion/bygglov/", {**data, "step": "save"}).content.decode()
    targets = [target for target, _ in summary_links(html)]
    assert f"id_{prefix}-hours_1_opens" in targets
    assert f"id_{prefix}-hours_1_closes" in targets
    assert "Tider, rad 2: Öppnar" in summary_of(html)


def test_a_conflict_is_one_plain_message_with_the_time_and_a_link_to_the_changes(
    published, client_as, cast
):
    first, second = client_as("editor_a"), client_as("admin_a")
    stale = form_data(second, "bygglov")
    opened = stale["f-expected_version"]
    data = form_data(first, "bygglov")
    data["f-name"] = "Bygglov (första)"
    assert first.post("/redigera/funktion/bygglov/", {**data, "step": "save"}).status_code == 302
    stale["f-name"] = "Bygglov (andra)"
    response = second.post("/redigera/funktion/bygglov/", {**stale, "step": "save"})
    html = response.content.decode()
    saved = Function.objects.get(slug="bygglov")
    assert saved.name == "Bygglov (första)"
    when = timezone.localtime(saved.history.latest("history_date").history_date)
    expected = f"Någon annan sparade ändringar i Bygglov (första) kl. {when:%H.%M}"
    assert html.count(expected) == 1
    assert f'href="/redigera/funktion/bygglov/historik/?sedan={opened}"' in summary_of(html)
    assert "se vad som ändrats" in summary_of(html)
    assert "→" not in summary_of(html) and "REG-conflict" not in html
    assert html.count("ändrats av någon annan") == 0  # the rule's own text is not repeated
    assert title_of(html).startswith("Fel: ")


def test_a_topic_conflict_after_preview_is_said_once(published, client_as, cast):
    from web.test_editor import topic_data

    stale = topic_data(cast.topic_a, name="Bygga altan eller uteplats", step="preview")
    cast.topic_a.synonyms = ["altan"]
    from serviceguiden.directory.editing import save_topic

    save_topic(cast.topic_a, cast.root)
    html = client_as("editor_a").post("/redigera/amne/bygga-altan/", stale).content.decode()
    assert html.count("Någon annan sparade ändringar i Bygga altan") == 1
    assert "/redigera/amne/bygga-altan/historik/?sedan=" in summary_of(html)
    assert Topic.objects.get(pk=cast.topic_a.pk).name == "Bygga altan"


def test_a_conflict_from_another_day_names_the_day(published, client_as, cast):
    stale = form_data(client_as("admin_a"), "bygglov")
    cast.function_a.description = "Lov för att bygga."
    save_function(cast.function_a, cast.root)
    then = timezone.make_aware(timezone.datetime(2025, 3, 4, 9, 5))
    for age, record in enumerate(cast.function_a.history.order_by("-history_date")):
        record.history_date = then - timezone.timedelta(minutes=age)
        record.save()
    html = (
        client_as("admin_a")
        .post("/redigera/funktion/bygglov/", {**stale, "f-name": "B", "step": "save"})
        .content.decode()
    )
    assert "Någon annan sparade ändringar i Bygglov den 4 mars kl. 09.05" in html


@pytest.mark.parametrize(
    ("role", "url", "data", "target"),
    [
        ("editor_a", "/redigera/organisation/sbk/ny-funktion/", {"name": ""}, "id_name"),
        ("admin_a", "/redigera/funktion/bygglov/arkivera/", {"expected_version": "1"},
         "id_replacement"),
        ("editor_a", "/redigera/organisation/sbk/nytt-amne/", {"name": "", "step": "preview"},
         "id_name"),
        ("admin_a", "/redigera/organisation/sbk/medlemmar/", {"username": "nobody",
         "role": "editor"}, "id_username"),
        ("global_admin", "/redigera/externa-aktorer/ny/", {"name": "Staden",
         "website": "https://goteborg.se"}, "id_website"),
    ],
)  # fmt: skip
def test_every_form_lists_its_errors_at_the_top(cast, client_as, role, url, data, target):
    html = client_as(role).post(url, data).content.decode()
    assert target in [t for t, _ in summary_links(html)]
    assert title_of(html).startswith("Fel: ")


def test_the_organisation_form_links_the_refused_mailbox(cast, client_as):
    data = {
        "name": cast.org_a.name, "website": "", "expected_version": cast.org_a.version,
        "general_email": "lena.berg@sbk.goteborg.se",
    }  # fmt: skip
    html = client_as("admin_a").post("/redigera/organisation/sbk/uppgifter/", data)
    links = summary_links(html.content.decode())
    assert links[0][0] == "id_general_email" and "P3-personal-email" in links[0][1]


def test_a_wrong_password_is_summarised_and_the_summary_is_in_english_too(cast):
    client = Client()
    html = client.post(
        "/redigera/logga-in/", {"username": "editor_a", "password": "wrong"}
    ).content.decode()
    assert summary_links(html)[0][0] == "form-errors"
    assert "Det finns ett problem" in html
    client.cookies["django_language"] = "en"
    html = client.post("/redigera/logga-in/", {"username": "", "password": ""}).content.decode()
    assert "There is a problem" in html
    assert {t for t, _ in summary_links(html)} == {"id_username", "id_password"}
    assert title_of(html).startswith("Error: ")


def test_a_page_without_errors_has_no_summary(published, client_as):
    html = client_as("editor_a").get("/redigera/funktion/bygglov/").content.decode()
    assert "error-summary" not in html
    assert not title_of(html).startswith("Fel")


def test_the_summary_numbers_channels_as_the_page_shows_them(published, client_as):
    """After a move the page shows the phone first; an error in the mailbox names the
    mailbox's place on the page (channel 2), as its fieldset's legend does."""
    client = client_as("editor_a")
    data = form_data(client, "bygglov")
    phone_row = phone_field(data).split("-")[1]
    mailbox = next(k for k, v in data.items() if k.endswith("-kind") and v == "email")[:-5]
    data[f"{mailbox}-value"] = "anna.svensson@sbk.goteborg.se"
    html = client.post("/redigera/funktion/bygglov/", {**data, "move": f"{phone_row}:up"})
    html = html.content.decode()
    link = dict(summary_links(html))[f"id_{mailbox}-value"]
    assert link.startswith("Kontaktväg 2, Kontaktuppgift:")
    fieldset = html[html.index(f'<fieldset class="channel" id="{mailbox}">') :]
    assert fieldset.index("<legend>Kontaktväg 2") < fieldset.index("</legend>")

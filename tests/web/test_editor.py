"""The rest of the editor: "Min organisation", live validation, topic routing with preview,
archive with a replacement, history and restore, drafts, members, external actors,
sign-in with brute-force protection and the OpenID Connect configuration check."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.checks import run_checks
from django.test import Client

from serviceguiden.directory.editing import save_function, save_topic
from serviceguiden.directory.history import versions
from serviceguiden.directory.models import (
    Channel,
    ExternalActor,
    Function,
    Membership,
    Status,
    Topic,
)

pytestmark = pytest.mark.django_db


# -- Min organisation -------------------------------------------------------------------


def test_dashboard_lists_functions_topics_overdue_and_who_changed_what(published, client_as, cast):
    cast.function_a.review_by = dt.date(2020, 1, 1)
    save_function(cast.function_a, cast.editor_a, reason="granskningsdatum")
    response = client_as("viewer_a").get("/redigera/organisation/sbk/")
    html = response.content.decode()
    assert list(response.context["overdue"]) == [Function.objects.get(slug="bygglov")]
    assert "Granskning försenad" in html and "2020-01-01" in html
    assert "Bygga altan" in html
    assert response.context["recent"][0]["who"] == "editor_a"
    assert "/ny-funktion/" not in html  # a viewer gets no edit controls


def test_editor_home_goes_straight_to_the_only_organisation(cast, client_as):
    response = client_as("editor_a").get("/redigera/")
    assert response["Location"] == "/redigera/organisation/sbk/"


# -- live validation --------------------------------------------------------------------


@pytest.mark.parametrize(
    "kind,value,rule",
    [
        ("email", "anna.svensson@sbk.goteborg.se", "P3-personal-email"),
        ("phone", "070-123 45 67", "REG-mobile-unstated"),
        ("phone", "0771-567 567", "P4-external-phone"),
        ("phone", "114 14", None),
        ("email", "info@skatteverket.se", "P4-external-email"),
        ("email", "inte-en-adress", "FMT-email"),
        ("email", "bygglov@sbk.goteborg.se", None),
        ("phone", "031-368 00 00", None),
        ("text", "Ring Anna Svensson på 070-123 45 67", "P3-person-name"),
    ],
)
def test_live_check_returns_the_rule_message_and_fix(cast, client_as, kind, value, rule):
    response = client_as("editor_a").get(
        "/redigera/kontrollera", {"organisation": "sbk", "kind": kind, "value": value}
    )
    assert response.status_code == 200
    problems = response.json()["problems"]
    rules = [p["rule"] for p in problems]
    if rule is None:
        assert [p for p in problems if p["severity"] == "error"] == []
    else:
        assert rule in rules
        found = next(p for p in problems if p["rule"] == rule)
        assert found["message"] and found["fix"]


def test_live_check_speaks_the_editors_language(cast, client_as):
    client = client_as("editor_a")
    query = {"organisation": "sbk", "kind": "email", "value": "anna.svensson@sbk.goteborg.se"}
    swedish = client.get("/redigera/kontrollera", query).json()["problems"][0]["message"]
    english = client.get("/redigera/kontrollera", {**query, "lang": "en"}).json()["problems"][0]
    assert swedish != english["message"]
    assert "person" in english["message"].lower()


def test_live_check_refuses_an_unknown_kind(cast, client_as):
    response = client_as("editor_a").get(
        "/redigera/kontrollera", {"organisation": "sbk", "kind": "fax", "value": "x"}
    )
    assert response.status_code == 400


# -- topics -----------------------------------------------------------------------------


def topic_data(topic: Topic, **changes) -> dict:
    data = {
        "name": topic.name,
        "synonyms": "\n".join(topic.synonyms),
        "description": topic.description,
        "function": topic.function_id or "",
        "external_actor": topic.external_actor_id or "",
        "expected_version": topic.version,
    }
    if topic.contact_center_first:
        data["contact_center_first"] = "on"
    return {**data, **changes}


def test_topic_preview_shows_the_box_as_visitors_will_and_saves_nothing(published, client_as, cast):
    data = topic_data(cast.topic_a, contact_center_first="on", step="preview")
    response = client_as("editor_a").post("/redigera/amne/bygga-altan/", data)
    html = response.content.decode()
    preview = html[html.index('id="preview"') :]
    assert preview.index("031-365 00 00") < preview.index("031-368 00 00")
    assert "Kontaktcenter svarar först" in preview
    assert not Topic.objects.get(pk=cast.topic_a.pk).contact_center_first


def test_topic_routing_is_saved_and_published(
    published, client_as, cast, django_capture_on_commit_callbacks
):
    data = topic_data(cast.topic_a, function=cast.function_b.pk, step="save")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("editor_a").post("/redigera/amne/bygga-altan/", data)
    assert response.status_code == 302
    assert Topic.objects.get(pk=cast.topic_a.pk).function == cast.function_b
    assert (
        "miljotillsyn@goteborg.se"
        in client_as("anonymous").get("/amne/bygga-altan").content.decode()
    )


def test_topic_routed_to_both_a_function_and_an_actor_is_refused(published, client_as, cast):
    data = topic_data(cast.topic_a, external_actor=cast.actor.pk, step="save")
    response = client_as("editor_a").post("/redigera/amne/bygga-altan/", data)
    assert response.status_code == 200
    assert "REG-route" in response.content.decode()
    assert Topic.objects.get(pk=cast.topic_a.pk).external_actor is None


def test_new_topic_gets_a_key_from_its_name(published, client_as, cast):
    data = {"name": "Riva hus", "synonyms": "rivning", "function": cast.function_a.pk}
    client = client_as("editor_a")
    client.post("/redigera/organisation/sbk/nytt-amne/", {**data, "step": "save"})
    topic = Topic.objects.get(slug="riva-hus")
    assert topic.organisation == cast.org_a and topic.synonyms == ["rivning"]


# -- archive, history, restore, drafts --------------------------------------------------


def test_archive_needs_a_replacement_when_topics_route_to_the_function(published, client_as, cast):
    client = client_as("admin_a")
    version = cast.function_a.version
    response = client.post("/redigera/funktion/bygglov/arkivera/", {"expected_version": version})
    assert response.status_code == 200
    assert Function.objects.get(pk=cast.function_a.pk).status == Status.PUBLISHED
    response = client.post(
        "/redigera/funktion/bygglov/arkivera/",
        {"expected_version": version, "replacement": cast.function_b.pk},
    )
    assert response.status_code == 302
    assert Function.objects.get(pk=cast.function_a.pk).status == Status.ARCHIVED
    assert Topic.objects.get(pk=cast.topic_a.pk).function == cast.function_b


def test_history_shows_readable_diffs_and_restores_in_one_click(published, client_as, cast):
    old_name = cast.function_a.name
    first = versions(cast.function_a)[-1].history_id  # the function as the cast made it
    cast.function_a.name = "Bygglov och rivning"
    save_function(cast.function_a, cast.editor_a)
    client = client_as("editor_a")
    html = client.get("/redigera/funktion/bygglov/historik/").content.decode()
    assert "<del>Bygglov</del> → <ins>Bygglov och rivning</ins>" in html
    assert f"/historik/{first}/aterstall/" in html
    response = client.post(f"/redigera/funktion/bygglov/historik/{first}/aterstall/")
    assert response.status_code == 302
    assert Function.objects.get(pk=cast.function_a.pk).name == old_name


def test_topic_restores_from_its_history_and_an_outsider_is_refused(published, client_as, cast):
    first = cast.topic_a.history.order_by("history_date").first().history_id
    cast.topic_a.synonyms = ["uteplats"]
    save_topic(cast.topic_a, cast.editor_a)
    url = f"/redigera/amne/bygga-altan/historik/{first}/aterstall/"
    assert client_as("editor_b").post(url).status_code == 403
    assert Topic.objects.get(pk=cast.topic_a.pk).synonyms == ["uteplats"]
    response = client_as("editor_a").post(url)
    assert response.status_code == 302
    assert response["Location"] == "/redigera/amne/bygga-altan/"
    assert Topic.objects.get(pk=cast.topic_a.pk).synonyms == ["altan", "uteplats"]


def test_function_restore_is_refused_to_another_organisation(published, client_as, cast):
    first = cast.function_a.history.order_by("history_date").first().history_id
    cast.function_a.name = "Bygglov och rivning"
    save_function(cast.function_a, cast.editor_a)
    response = client_as("editor_b").post(f"/redigera/funktion/bygglov/historik/{first}/aterstall/")
    assert response.status_code == 403
    assert Function.objects.get(pk=cast.function_a.pk).name == "Bygglov och rivning"


def test_viewer_sees_history_without_restore_buttons(published, client_as):
    html = client_as("viewer_a").get("/redigera/funktion/bygglov/historik/").content.decode()
    assert "<del>" in html or "skapad" in html
    assert "/aterstall/" not in html


def test_a_new_function_is_a_draft_that_can_be_published(published, client_as, cast):
    client = client_as("editor_a")
    response = client.post(
        "/redigera/organisation/sbk/ny-funktion/", {"name": "Strandskydd", "description": ""}
    )
    assert response["Location"] == "/redigera/funktion/strandskydd/"
    function = Function.objects.get(slug="strandskydd")
    assert function.status == Status.DRAFT
    client.post("/redigera/funktion/strandskydd/publicera/")
    assert Function.objects.get(pk=function.pk).status == Status.DRAFT  # no channel yet
    Channel.objects.create(function=function, kind="email", value="strandskydd@sbk.goteborg.se")
    client.post("/redigera/funktion/strandskydd/publicera/")
    assert Function.objects.get(pk=function.pk).status == Status.PUBLISHED


def test_mark_reviewed_moves_the_review_date(published, client_as, cast, today):
    cast.function_a.review_by = today
    save_function(cast.function_a, cast.editor_a)
    client_as("editor_a").post("/redigera/funktion/bygglov/granskad/")
    assert Function.objects.get(pk=cast.function_a.pk).review_by > today + dt.timedelta(days=300)


# -- members and external actors --------------------------------------------------------


def test_organisation_admin_adds_changes_and_removes_a_member(cast, client_as):
    client = client_as("admin_a")
    client.post("/redigera/organisation/sbk/medlemmar/", {"username": "outsider", "role": "editor"})
    membership = Membership.objects.get(user=cast.outsider, organisation=cast.org_a)
    assert membership.role == "editor"
    url = f"/redigera/organisation/sbk/medlemmar/{membership.pk}/"
    client.post(url, {f"m{membership.pk}-role": "viewer"})
    assert Membership.objects.get(pk=membership.pk).role == "viewer"
    client.post(url, {"remove": "1"})
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_adding_an_unknown_account_is_explained(cast, client_as):
    response = client_as("admin_a").post(
        "/redigera/organisation/sbk/medlemmar/", {"username": "nobody", "role": "editor"}
    )
    assert "nobody" in response.content.decode()
    assert Membership.objects.count() == 4


def test_a_membership_of_another_organisation_cannot_be_changed_through_mine(cast, client_as):
    foreign = Membership.objects.get(user=cast.editor_b)
    response = client_as("admin_a").post(
        f"/redigera/organisation/sbk/medlemmar/{foreign.pk}/", {"remove": "1"}
    )
    assert response.status_code == 404
    assert Membership.objects.filter(pk=foreign.pk).exists()


def test_external_actor_form_has_only_name_website_purpose_and_a_national_number(cast, client_as):
    """P4: no e-mail, phone or address of an actor; a national service number fixed by law
    (112, 1177) is no actor's own detail and may be given."""
    response = client_as("global_admin").get("/redigera/externa-aktorer/ny/")
    assert set(response.context["form"].fields) == {
        "name", "slug", "website", "purpose", "national_number", "expected_version",
    }  # fmt: skip


def test_external_actor_is_saved_and_a_city_website_is_refused(cast, client_as):
    client = client_as("global_admin")
    client.post(
        "/redigera/externa-aktorer/ny/",
        {
            "name": "Skatteverket",
            "website": "skatteverket.se",
            "purpose": "Skatt och folkbokföring.",
        },
    )
    assert ExternalActor.objects.get(slug="skatteverket").website == "https://skatteverket.se"
    response = client.post(
        "/redigera/externa-aktorer/ny/", {"name": "Staden", "website": "https://goteborg.se"}
    )
    assert "REG-external-own-domain" in response.content.decode()
    assert not ExternalActor.objects.filter(name="Staden").exists()


# -- signing in -------------------------------------------------------------------------


def test_sign_in_with_an_account_goes_to_the_editor(cast):
    client = Client()
    response = client.post(
        "/redigera/logga-in/", {"username": "editor_a", "password": "a-long-test-password"}
    )
    assert response.status_code == 302 and response["Location"] == "/redigera/"


def test_repeated_wrong_passwords_lock_the_account_out(cast, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post("/redigera/logga-in/", {"username": "editor_a", "password": "fel"})
        assert response.status_code in (200, 429)
    response = client.post(
        "/redigera/logga-in/", {"username": "editor_a", "password": "a-long-test-password"}
    )
    assert response.status_code == 429
    assert "För många misslyckade inloggningar" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sign_out_needs_a_post(cast, client_as):
    client = client_as("editor_a")
    assert client.get("/redigera/logga-ut/").status_code == 405
    assert client.post("/redigera/logga-ut/").status_code == 302
    assert client.get("/redigera/").status_code == 302


def test_half_an_oidc_configuration_stops_start_up(settings):
    settings.OIDC_RP_CLIENT_ID = "serviceguiden"
    errors = [e for e in run_checks() if e.id == "serviceguiden.E101"]
    assert errors and "OIDC_RP_CLIENT_SECRET" in errors[0].msg


def test_no_oidc_configuration_is_fine():
    assert [e for e in run_checks() if e.id == "serviceguiden.E101"] == []


def test_dashboard_links_a_topic_owned_elsewhere_to_its_public_page(published, client_as, cast):
    """org A's topic routed to org B's function: org B's editor sees it, without an edit link."""
    from serviceguiden.directory.editing import save_topic

    cast.topic_a.function = cast.function_b
    save_topic(cast.topic_a, cast.root)
    html = client_as("editor_b").get("/redigera/organisation/miljo/").content.decode()
    assert 'href="/amne/bygga-altan"' in html
    assert "/redigera/amne/bygga-altan/" not in html


def test_organisation_admin_changes_the_general_mailbox_but_not_to_a_person(cast, client_as):
    client = client_as("admin_a")
    url = "/redigera/organisation/sbk/uppgifter/"
    data = {"name": cast.org_a.name, "website": "", "expected_version": cast.org_a.version}
    response = client.post(url, {**data, "general_email": "lena.berg@sbk.goteborg.se"})
    assert "P3-personal-email" in response.content.decode()
    response = client.post(url, {**data, "general_email": "sbk@sbk.goteborg.se"})
    assert response.status_code == 302
    cast.org_a.refresh_from_db()
    assert cast.org_a.general_email == "sbk@sbk.goteborg.se"
    assert cast.org_a.kind == "administration" and cast.org_a.slug == "sbk"


def test_function_and_topic_pages_show_embed_codes_and_where_they_are_shown(
    published, client_as, cast, today
):
    from serviceguiden.publishing.models import Usage

    Usage.objects.create(
        day=today, kind="topic", slug="bygga-altan", page="https://intranat.example.se/bygga",
        channel="https://intranat.example.se", hits=12,
    )  # fmt: skip
    client = client_as("editor_a")
    function_page = client.get("/redigera/funktion/bygglov/").content.decode()
    assert "https://intranat.example.se/bygga" in function_page
    assert "påverkar 1 ärende som visas på 1 sida i 1 kanal" in function_page
    assert "/embed/functions/bygglov" in function_page and "&lt;sg-kontakt" in function_page
    topic_page = client.get("/redigera/amne/bygga-altan/").content.decode()
    assert "https://intranat.example.se/bygga" in topic_page
    assert "/embed/topics/bygga-altan/frame" in topic_page and "&lt;iframe" in topic_page

"""The editor's permission matrix: every editor URL × role × method. Denied requests get
403 (anonymous ones are sent to sign in) and write nothing; allowed ones never get 403."""

from __future__ import annotations

import pytest

from serviceguiden.directory.models import (
    Channel,
    ExternalActor,
    Function,
    Membership,
    Organisation,
    Topic,
)

from .conftest import ROLES

pytestmark = pytest.mark.django_db

VIEWERS = {"viewer_a", "editor_a", "admin_a", "global_admin"}
EDITORS = {"editor_a", "admin_a", "global_admin"}
ADMINS = {"admin_a", "global_admin"}
SIGNED_IN = set(ROLES) - {"anonymous"}
GLOBAL = {"global_admin"}
ANY_EDITOR = EDITORS | {"editor_b"}  # an editor of any organisation

# (url, roles allowed to GET it)
PAGES = [
    ("/redigera/", SIGNED_IN),
    ("/redigera/guide/", SIGNED_IN),
    ("/redigera/organisation/sbk/", VIEWERS),
    ("/redigera/organisation/sbk/medlemmar/", ADMINS),
    ("/redigera/organisation/sbk/uppgifter/", ADMINS),
    ("/redigera/organisation/sbk/ny-funktion/", EDITORS),
    ("/redigera/organisation/sbk/nytt-amne/", EDITORS),
    ("/redigera/funktion/bygglov/", VIEWERS),
    ("/redigera/funktion/bygglov/historik/", VIEWERS),
    ("/redigera/funktion/bygglov/arkivera/", ADMINS),
    ("/redigera/amne/bygga-altan/", VIEWERS),
    ("/redigera/amne/bygga-altan/historik/", VIEWERS),
    ("/redigera/externa-aktorer/", SIGNED_IN),
    ("/redigera/externa-aktorer/ny/", GLOBAL),
    ("/redigera/externa-aktorer/polisen/", GLOBAL),
    ("/redigera/kontrollera?organisation=sbk&kind=email&value=a%40b.se", EDITORS),
    ("/redigera/importera/", GLOBAL),
    ("/redigera/sokningar-utan-traff/", ANY_EDITOR),
]


def writes(cast) -> list[tuple[str, dict, set]]:
    """(url, POST data, roles allowed) for every write path of the editor, aimed at org A."""
    function = cast.function_a
    first_version = function.history.order_by("history_date").first().history_id
    topic_version = cast.topic_a.history.order_by("history_date").first().history_id
    membership = Membership.objects.get(user=cast.viewer_a)
    phone = Channel.objects.get(function=function, kind="phone")
    members = "/redigera/organisation/sbk/medlemmar/"
    return [
        (
            "/redigera/funktion/bygglov/",
            {
                "f-name": "Bygglov ändrad", "f-description": "", "f-review_by": "2030-01-01",
                "f-expected_version": function.version, "channels-TOTAL_FORMS": "0",
                "channels-INITIAL_FORMS": "0", "step": "save",
            },
            EDITORS,
        ),
        ("/redigera/funktion/bygglov/publicera/", {}, EDITORS),
        ("/redigera/funktion/bygglov/granskad/", {}, EDITORS),
        (
            "/redigera/funktion/bygglov/arkivera/",
            {"replacement": cast.center_function.pk, "expected_version": function.version},
            ADMINS,
        ),
        ("/redigera/funktion/bygglov/radera/", {}, EDITORS),
        ("/redigera/funktion/bygglov/ta-tillbaka/", {}, ADMINS),
        (f"/redigera/funktion/bygglov/historik/{first_version}/aterstall/", {}, EDITORS),
        (
            "/redigera/amne/bygga-altan/",
            {
                "name": "Bygga altan", "synonyms": "altan", "description": "",
                "function": cast.function_b.pk, "expected_version": cast.topic_a.version,
                "step": "save",
            },
            EDITORS,
        ),
        (f"/redigera/amne/bygga-altan/historik/{topic_version}/aterstall/", {}, EDITORS),
        (
            "/redigera/organisation/sbk/ny-funktion/",
            {"name": "Strandskydd", "slug": "strandskydd", "description": ""},
            EDITORS,
        ),
        (
            "/redigera/organisation/sbk/nytt-amne/",
            {"name": "Ny topic", "slug": "ny", "function": function.pk, "step": "save"},
            EDITORS,
        ),
        (members, {"username": "outsider", "role": "admin"}, ADMINS),
        (f"{members}{membership.pk}/", {f"m{membership.pk}-role": "admin"}, ADMINS),
        (f"{members}{membership.pk}/", {"remove": "1"}, ADMINS),
        (
            "/redigera/externa-aktorer/ny/",
            {"name": "Skatteverket", "slug": "skatteverket", "website": "https://skatteverket.se"},
            GLOBAL,
        ),
        (
            "/redigera/externa-aktorer/polisen/",
            {"name": "Polisen", "slug": "polisen", "website": "https://polisen.se/ny",
             "expected_version": cast.actor.version},
            GLOBAL,
        ),
        (f"/redigera/funktion/bygglov/?phone={phone.pk}", {"step": "preview"}, EDITORS),
        (
            "/redigera/organisation/sbk/uppgifter/",
            {"name": "SBK", "general_email": "sbk@sbk.goteborg.se",
             "expected_version": cast.org_a.version},
            ADMINS,
        ),
    ]  # fmt: skip


def snapshot() -> tuple:
    """Everything a write would touch: the history of every registry entry."""
    return tuple(
        model.history.count()
        for model in (Function, Channel, Topic, Organisation, ExternalActor, Membership)
    )


def expect(response, role: str, allowed: set) -> None:
    if role in allowed:
        assert response.status_code in (200, 302), (role, response.status_code)
        if response.status_code == 302:
            assert "/logga-in/" not in response["Location"]
    elif role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith("/redigera/logga-in/")
    else:
        assert response.status_code == 403, (role, response.status_code)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url,allowed", PAGES, ids=[p[0] for p in PAGES])
def test_pages(cast, client_as, role, url, allowed):
    expect(client_as(role).get(url), role, allowed)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("index", range(18))
def test_writes(cast, client_as, role, index):
    url, data, allowed = writes(cast)[index]
    before = snapshot()
    response = client_as(role).post(url, data)
    expect(response, role, allowed)
    if role not in allowed:
        assert snapshot() == before, "a refused request wrote something"


def test_every_editor_url_is_in_the_matrix():
    """A new editor URL must be added to PAGES or writes()."""
    from serviceguiden.web.urls import urlpatterns

    editor = {str(p.pattern) for p in urlpatterns if str(p.pattern).startswith("redigera/")}
    covered = {
        "redigera/", "redigera/logga-in/", "redigera/logga-ut/", "redigera/guide/",
        "redigera/organisation/<slug:slug>/", "redigera/organisation/<slug:slug>/medlemmar/",
        "redigera/organisation/<slug:slug>/uppgifter/",
        "redigera/organisation/<slug:slug>/medlemmar/<int:pk>/",
        "redigera/organisation/<slug:organisation>/ny-funktion/",
        "redigera/organisation/<slug:organisation>/nytt-amne/",
        "redigera/funktion/<slug:slug>/", "redigera/funktion/<slug:slug>/publicera/",
        "redigera/funktion/<slug:slug>/granskad/", "redigera/funktion/<slug:slug>/arkivera/",
        "redigera/funktion/<slug:slug>/radera/", "redigera/funktion/<slug:slug>/historik/",
        "redigera/funktion/<slug:slug>/ta-tillbaka/",
        "redigera/funktion/<slug:slug>/historik/<int:history_id>/aterstall/",
        "redigera/amne/<slug:slug>/", "redigera/amne/<slug:slug>/historik/",
        "redigera/amne/<slug:slug>/historik/<int:history_id>/aterstall/",
        "redigera/externa-aktorer/", "redigera/externa-aktorer/ny/",
        "redigera/externa-aktorer/<slug:slug>/", "redigera/kontrollera", "redigera/importera/",
        "redigera/importera/<int:pk>/", "redigera/importera/<int:pk>.json",  # test_import_page
        "redigera/sokningar-utan-traff/",
        "redigera/sokningar-utan-traff/<int:pk>/dolj/",  # test_missed_searches_page
    }  # fmt: skip
    assert editor == covered


def test_editor_of_another_organisation_sees_no_edit_controls(published, client_as):
    client = client_as("editor_b")
    topic_page = client.get("/amne/bygga-altan").content.decode()
    assert "/redigera/amne/bygga-altan/" not in topic_page
    dashboard = client.get("/redigera/organisation/miljo/").content.decode()
    assert "/redigera/funktion/bygglov/" not in dashboard
    own = client_as("editor_a").get("/amne/bygga-altan").content.decode()
    assert "/redigera/amne/bygga-altan/" in own


def test_viewer_sees_the_function_without_a_form(published, client_as):
    response = client_as("viewer_a").get("/redigera/funktion/bygglov/")
    assert response.context["form"] is None
    html = response.content.decode()
    assert 'name="step"' not in html and "/publicera/" not in html and "/arkivera/" not in html


def test_editor_sees_no_archive_control_but_admin_does(published, client_as):
    assert (
        "/arkivera/"
        not in client_as("editor_a").get("/redigera/funktion/bygglov/").content.decode()
    )
    assert "/arkivera/" in client_as("admin_a").get("/redigera/funktion/bygglov/").content.decode()


def test_a_channel_of_another_organisation_cannot_be_smuggled_into_a_form(
    published, client_as, cast
):
    """editor_b edits their own function but names org A's channel id in the formset."""
    foreign = Channel.objects.get(function=cast.function_a, kind="phone")
    client = client_as("editor_b")
    own = cast.function_b
    data = {
        "f-name": own.name, "f-description": "", "f-review_by": own.review_by.isoformat(),
        "f-expected_version": own.version, "channels-TOTAL_FORMS": "1",
        "channels-INITIAL_FORMS": "1", "channels-0-id": foreign.pk,
        "channels-0-function": own.pk, "channels-0-kind": "phone",
        "channels-0-value": "031-999 99 99", "channels-0-position": "0",
        "channels-0-expected_version": foreign.version, "step": "save",
    }  # fmt: skip
    client.post(f"/redigera/funktion/{own.slug}/", data)
    foreign.refresh_from_db()
    assert foreign.value == "031-368 00 00"

"""The history as people read it: one entry per save (fields and channels together), in
the reader's language and local time; restoring an entry restores all of that save."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from serviceguiden.directory.history import versions
from serviceguiden.directory.lifecycle import mark_reviewed
from serviceguiden.directory.models import Channel, Function
from serviceguiden.web.i18n import when_text
from web.test_function_editor import form_data

pytestmark = pytest.mark.django_db


def history(client, slug="bygglov") -> str:
    return client.get(f"/redigera/funktion/{slug}/historik/").content.decode()


def entries(html: str) -> list[str]:
    return re.findall(r'<li id="v\d+">(.*?)</li>(?=<li|\n</ol>)', html, re.S)


def save_name_and_label(client):
    data = form_data(client, "bygglov")
    phone = next(k for k, v in data.items() if k.endswith("-kind") and v == "phone")[:-5]
    data["f-name"] = "Bygglov och rivning"
    data[f"{phone}-label"] = "Växel"
    response = client.post("/redigera/funktion/bygglov/", {**data, "step": "save"})
    assert response.status_code == 302


def test_a_save_of_a_name_and_a_label_is_one_entry_and_restores_whole(published, client_as):
    client = client_as("editor_a")
    save_name_and_label(client)
    newest, before = entries(history(client))[:2]
    assert "<del>Bygglov</del> → <ins>Bygglov och rivning</ins>" in newest
    assert "Funktionstelefon: Etikett" in newest and "<ins>Växel</ins>" in newest
    assert "/aterstall/" not in newest  # the function as it is now
    restore = re.search(r'action="([^"]+/aterstall/)"', before).group(1)
    assert client.post(restore).status_code == 302
    function = Function.objects.get(slug="bygglov")
    assert function.name == "Bygglov"
    assert function.channels.get(kind="phone").label == ""


def test_history_speaks_the_readers_language(published, client_as, cast):
    client = client_as("editor_a")
    data = form_data(client, "bygglov")
    data.update(
        {
            "channels-2-kind": "visiting_address",
            "channels-2-value": "Köpmansgatan 20, Göteborg",
            "step": "save",
        }
    )
    assert client.post("/redigera/funktion/bygglov/", data).status_code == 302
    mark_reviewed(Function.objects.get(slug="bygglov"), cast.editor_a)
    html = history(client)
    assert "Besöksadress tillagd" in html and "<ins>Köpmansgatan 20, Göteborg</ins>" in html
    assert "Markerad som granskad" in html and "Publicerad" in html
    for internal in ("visiting_address", " / ", "published", "tillagd / added"):
        assert internal not in html, internal
    client.cookies["django_language"] = "en"
    html = history(client)
    assert "Visiting address added" in html and "Marked as reviewed" in html
    assert "Published" in html and "Besöksadress" not in html


def test_the_restore_note_and_the_list_show_the_same_local_time(published, client_as, settings):
    settings.TIME_ZONE = "Europe/Stockholm"
    client = client_as("editor_a")
    save_name_and_label(client)
    target = versions(Function.objects.get(slug="bygglov"))[-2]
    local = timezone.localtime(target.when)
    shown = when_text(target.when)
    assert shown.endswith(f"kl. {local:%H.%M}") and local.utcoffset().total_seconds() > 0
    assert f">{shown}</h2>" in history(client)  # the list

    url = f"/redigera/funktion/bygglov/historik/{target.history_id}/aterstall/"
    page = client.post(url, follow=True).content.decode()
    assert f"Versionen från {shown} är återställd och publicerad." in page  # the note
    newest = entries(history(client))[0]
    assert f"Återställd till versionen från {shown}" in newest  # the history's own note
    stored = versions(Function.objects.get(slug="bygglov"))[-1].reason
    assert stored.startswith(f"återställd till {local:%Y-%m-%d %H:%M}")


def test_a_restore_note_stored_in_utc_is_shown_in_local_time(published, client_as, settings):
    settings.TIME_ZONE = "Europe/Stockholm"
    record = Function.objects.get(slug="bygglov").history.latest("history_date")
    record.history_change_reason = "återställd till 2026-05-04 04:44:00 / restored"
    record.save()
    html = history(client_as("editor_a"))
    assert "Återställd till versionen från 4 maj 2026 kl. 06.44" in html


def test_since_shows_only_what_was_saved_after_the_version_opened(published, client_as):
    client = client_as("editor_a")
    opened = Function.objects.get(slug="bygglov").version
    save_name_and_label(client)
    html = client.get(f"/redigera/funktion/bygglov/historik/?sedan={opened}").content.decode()
    assert len(entries(html)) == 1 and "Bygglov och rivning" in entries(html)[0]
    assert "Visa hela historiken" in html
    assert len(entries(history(client))) > 1


def test_the_admin_versions_page_uses_the_same_words(published, client_as, cast):
    client = client_as("global_admin")
    save_name_and_label(client)
    html = client.get(f"/admin/directory/function/{cast.function_a.pk}/versions/").content
    html = html.decode()
    assert "Funktionstelefon: Etikett" in html and "Publicerad" in html
    assert "published" not in html and "phone ändrad" not in html


def test_channel_removed_is_said_with_its_kind(published, client_as):
    client = client_as("editor_a")
    data = form_data(client, "bygglov")
    email = next(k for k, v in data.items() if k.endswith("-kind") and v == "email")[:-5]
    data[f"{email}-DELETE"] = "on"
    assert client.post("/redigera/funktion/bygglov/", {**data, "step": "save"}).status_code == 302
    assert not Channel.objects.filter(function__slug="bygglov", kind="email").exists()
    newest = entries(history(client))[0]
    assert "Funktionsbrevlåda borttagen" in newest
    assert "<del>bygglov@sbk.goteborg.se</del>" in newest

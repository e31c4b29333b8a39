"""The editor's spreadsheet import: global admins only; upload → mapping and dry run (nothing
written) → apply; the mapping is remembered for the next upload of the same export."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from serviceguiden.core.models import ColumnMapping
from serviceguiden.directory.models import Function

pytestmark = pytest.mark.django_db

URL = "/redigera/importera/"
ROWS = [
    ["Förvaltning", "Funktion", "Tel. växel", "E-post", "Kontaktperson"],
    ["Stadsbyggnadskontoret", "Kartor", "031-368 10 00", "kartor@sbk.goteborg.se", "Anna Svensson"],
    ["Stadsbyggnadskontoret", "Trasig", "031-36", "", ""],
]


def upload(rows=ROWS, name="kontakter.csv") -> SimpleUploadedFile:
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(rows)
    return SimpleUploadedFile(name, out.getvalue().encode("utf-8"))


def carried(html: str) -> dict:
    """The hidden fields and the column choices of the mapping form, as the browser posts."""
    data = dict(re.findall(r'<input type="hidden" name="(data|filename)" value="([^"]*)"', html))
    data["header"] = re.findall(r'<input type="hidden" name="header" value="([^"]*)"', html)
    for name, value in re.findall(
        r'<select name="(column_\d+)"[^>]*>.*?<option value="([^"]+)"[^>]*selected', html, re.S
    ):
        data[name] = value
    data["publish"] = "on"
    return data


@pytest.mark.parametrize("role", ["anonymous", "outsider", "viewer_a", "editor_a", "admin_a"])
def test_only_global_admins_may_open_or_post_the_import(published, client_as, role):
    client = client_as(role)
    for response in (client.get(URL), client.post(URL, {"file": upload()})):
        assert response.status_code == (302 if role == "anonymous" else 403)
    assert not Function.objects.filter(name="Kartor").exists()


def test_the_menu_shows_the_import_to_global_admins_only(published, client_as):
    assert URL in client_as("global_admin").get("/redigera/externa-aktorer/").content.decode()
    assert URL not in client_as("admin_a").get("/redigera/externa-aktorer/").content.decode()


def test_upload_shows_the_mapping_and_a_dry_run_then_applies(published, client_as):
    client = client_as("global_admin")
    response = client.post(URL, {"file": upload(), "publish": "on"})
    html = response.content.decode()
    assert response.status_code == 200
    report = response.context["report"]
    assert not report.applied and report.counts["create"] == 1 and report.counts["refuse"] == 1
    assert not Function.objects.filter(name="Kartor").exists()  # a dry run
    assert "FMT-phone" in html and "Tel. växel" in html  # refused with rule and column
    assert 'value="person" selected' in html  # the contact person is never imported
    response = client.post(URL, {**carried(html), "action": "apply"})
    assert response.context["report"].applied
    assert Function.objects.get(name="Kartor").channels.count() == 2
    assert not Function.objects.filter(name="Trasig").exists()
    assert ColumnMapping.objects.filter(user__username="root").count() == 1


def test_a_changed_mapping_is_tried_again_and_remembered(published, client_as):
    client = client_as("global_admin")
    html = client.post(URL, {"file": upload()}).content.decode()
    posted = {**carried(html), "column_2": "ignore", "action": "preview"}
    del posted["publish"]  # drafts: a function without a channel may be one
    response = client.post(URL, posted)
    assert response.context["report"].counts["refuse"] == 0  # the bad number is left out
    client.post(URL, {**posted, "action": "apply"})
    again = client.post(URL, {"file": upload()})
    assert again.context["remembered"]
    assert 'name="column_2"' in again.content.decode()
    assert again.context["report"].counts["unchanged"] == 2  # both rows, as applied


def test_a_file_that_is_no_spreadsheet_says_what_to_do(published, client_as):
    client = client_as("global_admin")
    response = client.post(URL, {"file": SimpleUploadedFile("kontakter.pdf", b"%PDF")})
    assert "Upload an .xlsx or .csv file" in response.content.decode() or "xlsx" in (
        response.content.decode()
    )
    response = client.post(URL, {"file": upload([["a", "b"], ["1", "2"]])})
    assert "rubrikrad" in response.content.decode()
    assert not Function.objects.filter(name="Kartor").exists()

"""The editor's spreadsheet import: global admins only; upload → the dry run runs in the
background worker (nothing written) → its report and the mapping on the job's page → apply,
also in the worker; the mapping is remembered for the next upload of the same export. A job
is its uploader's alone, and a failed one says what happened."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tasks_db.models import DBTaskResult
from publishing.conftest import run_worker

from serviceguiden.core.models import ImportJob
from serviceguiden.directory.models import Function

pytestmark = pytest.mark.django_db(transaction=True)  # the worker closes its connection

URL = "/redigera/importera/"
DETECTED = {  # the mapping the column names give
    "column_0": "organisation", "column_1": "name", "column_2": "phone", "column_3": "email",
    "column_4": "person", "publish": "on",
}  # fmt: skip
ROWS = [
    ["Förvaltning", "Funktion", "Tel. växel", "E-post", "Kontaktperson"],
    ["Stadsbyggnadskontoret", "Kartor", "031-368 10 00", "kartor@sbk.goteborg.se", "Anna Svensson"],
    ["Stadsbyggnadskontoret", "Trasig", "031-36", "", ""],
]


def upload(rows=ROWS, name="kontakter.csv") -> SimpleUploadedFile:
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(rows)
    return SimpleUploadedFile(name, out.getvalue().encode("utf-8"))


def mapping_posted(html: str) -> dict:
    """The mapping form's choices, as the browser posts them."""
    data = {}
    for name, value in re.findall(
        r'<select name="(column_\d+)"[^>]*>.*?<option value="([^"]+)"[^>]*selected', html, re.S
    ):
        data[name] = value
    data["publish"] = "on"
    return data


def uploaded(client, **fields) -> str:
    """Upload the file; the URL of the job's page it is sent to."""
    response = client.post(URL, {"file": upload(), "publish": "on", **fields})
    assert response.status_code == 302
    return response["Location"]


@pytest.mark.parametrize("role", ["anonymous", "outsider", "viewer_a", "editor_a", "admin_a"])
def test_only_global_admins_may_open_or_post_the_import(published, client_as, role):
    client = client_as(role)
    for response in (client.get(URL), client.post(URL, {"file": upload()})):
        assert response.status_code == (302 if role == "anonymous" else 403)
    assert not ImportJob.objects.exists()
    assert not Function.objects.filter(name="Kartor").exists()


def test_the_menu_shows_the_import_to_global_admins_only(published, client_as):
    assert URL in client_as("global_admin").get("/redigera/externa-aktorer/").content.decode()
    assert URL not in client_as("admin_a").get("/redigera/externa-aktorer/").content.decode()


def test_the_dry_run_and_the_import_run_in_the_background_worker(published, client_as):
    client = client_as("global_admin")
    job_url = uploaded(client)
    job = ImportJob.objects.get()
    assert job_url == f"{URL}{job.pk}/" and job.state == "queued" and job.step == "dry_run"
    assert DBTaskResult.objects.filter(queue_name="imports", status="READY").count() == 1
    waiting = client.get(job_url)
    html = waiting.content.decode()
    assert waiting.context["report"] is None
    assert f'href="{job_url}">Uppdatera</a>' in html  # follows the job without JavaScript
    assert "web/import.js" in html and 'role="status"' in html
    assert client.get(f"{URL}{job.pk}.json").json() == {"state": "queued", "step": "dry_run"}

    run_worker()
    response = client.get(job_url)
    html = response.content.decode()
    report = response.context["report"]
    assert not report.applied and report.counts["create"] == 1 and report.counts["refuse"] == 1
    assert not Function.objects.filter(name="Kartor").exists()  # a dry run
    assert "FMT-phone" in html and "Tel. växel" in html  # refused with rule and column
    assert 'value="person" selected' in html  # the contact person is never imported
    assert "Uppdatera" not in html and "web/import.js" not in html

    response = client.post(job_url, {**mapping_posted(html), "action": "apply"})
    assert response.status_code == 302 and response["Location"] == job_url
    assert not Function.objects.filter(name="Kartor").exists()  # queued, not run in the request
    assert ImportJob.objects.get().step == "apply"
    run_worker()
    response = client.get(job_url)
    assert response.context["report"].applied and "Importerat" in response.content.decode()
    assert Function.objects.get(name="Kartor").channels.count() == 2
    assert not Function.objects.filter(name="Trasig").exists()
    job = ImportJob.objects.get()
    assert job.applied and bytes(job.data) == b""  # the file is not kept once imported
    assert job.user.column_mappings.count() == 1


def test_a_changed_mapping_is_tried_again_and_remembered(published, client_as):
    client = client_as("global_admin")
    job_url = uploaded(client)
    run_worker()
    html = client.get(job_url).content.decode()
    posted = {**mapping_posted(html), "column_2": "ignore", "action": "preview"}
    del posted["publish"]  # drafts: a function without a channel may be one
    client.post(job_url, posted)
    run_worker()
    assert client.get(job_url).context["report"].counts["refuse"] == 0  # the number left out
    client.post(job_url, {**posted, "action": "apply"})
    run_worker()
    assert ImportJob.objects.get().applied
    again = client.get(uploaded(client))
    assert again.context["job"].remembered
    run_worker()
    again = client.get(again.request["PATH_INFO"])
    assert 'name="column_2"' in again.content.decode()
    assert again.context["report"].counts["unchanged"] == 2  # both rows, as applied


def test_a_mapping_changed_at_apply_is_tried_first(published, client_as):
    client = client_as("global_admin")
    job_url = uploaded(client)
    run_worker()
    posted = mapping_posted(client.get(job_url).content.decode())
    client.post(job_url, {**posted, "column_2": "ignore", "action": "apply"})
    job = ImportJob.objects.get()
    assert job.step == "dry_run"  # not what the user read: a new dry run, not the import
    run_worker()
    assert not Function.objects.filter(name="Kartor").exists()


def test_a_step_is_not_queued_twice_nor_applied_before_its_dry_run(published, client_as):
    client = client_as("global_admin")
    job_url = uploaded(client)
    response = client.post(job_url, {**DETECTED, "action": "apply"}, follow=True)
    assert "Förra steget pågår fortfarande" in response.content.decode()
    assert DBTaskResult.objects.filter(queue_name="imports").count() == 1
    run_worker()
    posted = mapping_posted(client.get(job_url).content.decode())
    client.post(job_url, {**posted, "action": "apply"})
    run_worker()
    response = client.post(job_url, {**posted, "action": "apply"}, follow=True)
    assert "redan importerad" in response.content.decode()
    assert DBTaskResult.objects.filter(queue_name="imports").count() == 2


@pytest.mark.parametrize("role", ["outsider", "viewer_a", "editor_a", "admin_a", "other_admin"])
def test_a_job_is_its_uploaders_alone(published, client_as, role):
    from directory.factories import make_user

    job_url = uploaded(client_as("global_admin"))
    run_worker()
    job = ImportJob.objects.get()
    if role == "other_admin":
        client = client_as("anonymous")
        client.force_login(make_user("root2", superuser=True))
        refused = 404  # another global admin: not even told the job exists
    else:
        client = client_as(role)
        refused = 403
    posted = {**DETECTED, "action": "apply"}
    for response in (
        client.get(job_url),
        client.get(f"{URL}{job.pk}.json"),
        client.post(job_url, posted),
    ):
        assert response.status_code == refused
    assert ImportJob.objects.get().step == "dry_run"
    assert DBTaskResult.objects.filter(queue_name="imports").count() == 1
    assert not Function.objects.filter(name="Kartor").exists()
    if role == "other_admin":
        assert job.filename not in client.get(URL).content.decode()  # not in their list


def test_a_failed_job_says_what_happened_and_saves_nothing(published, client_as, monkeypatch):
    from serviceguiden.directory.spreadsheet import jobs

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    client = client_as("global_admin")
    job_url = uploaded(client)
    run_worker()
    posted = mapping_posted(client.get(job_url).content.decode())
    client.post(job_url, {**posted, "action": "apply"})
    monkeypatch.setattr(jobs, "import_spreadsheet", broken)
    run_worker()
    response = client.get(job_url)
    html = response.content.decode()
    assert ImportJob.objects.get().state == "failed"
    assert "Importen misslyckades" in html and "RuntimeError: disk full" in html
    assert "Inget har sparats" in html and 'role="alert"' in html
    assert "/redigera/importera/" in html  # the way to start again
    assert not Function.objects.filter(name="Kartor").exists()
    assert client.get(f"{URL}{ImportJob.objects.get().pk}.json").json()["state"] == "failed"


def test_a_mapping_without_a_name_column_is_shown_as_a_problem(published, client_as):
    client = client_as("global_admin")
    job_url = uploaded(client)
    run_worker()
    posted = {**mapping_posted(client.get(job_url).content.decode()), "column_1": "ignore"}
    client.post(job_url, {**posted, "action": "preview"})
    run_worker()
    response = client.get(job_url)
    assert "IMP-mapping-name" in response.content.decode()
    assert response.context["report"] is None and ImportJob.objects.get().state == "done"


def test_a_file_that_is_no_spreadsheet_says_what_to_do(published, client_as):
    client = client_as("global_admin")
    response = client.post(URL, {"file": SimpleUploadedFile("kontakter.pdf", b"%PDF")})
    assert response.status_code == 200 and "xlsx" in response.content.decode()
    response = client.post(URL, {"file": upload([["a", "b"], ["1", "2"]])})
    assert response.status_code == 200 and "rubrikrad" in response.content.decode()
    assert not ImportJob.objects.exists()
    assert not Function.objects.filter(name="Kartor").exists()

"""Review cycle: overdue entries per organisation; `serviceguiden remind` tells owners."""

import datetime as dt
import json
from io import StringIO

from django.core import mail
from django.core.management import call_command

from serviceguiden.directory.editing import save_channel, save_function
from serviceguiden.directory.models import Channel
from serviceguiden.directory.policy_exceptions import grant_exception
from serviceguiden.directory.review import overdue_by_organisation, reminders


def make_overdue(cast, today):
    function = cast.function_a
    function.review_by = today - dt.timedelta(days=1)
    save_function(function, cast.root)
    return function


def test_overdue_entries_are_listed_per_organisation(cast, today):
    function = make_overdue(cast, today)
    assert overdue_by_organisation() == {cast.org_a: [function]}


def test_reminders_go_to_the_organisations_editors(cast, today):
    make_overdue(cast, today)
    exception = grant_exception(
        cast.org_a, "anna.svensson@goteborg.se", reason="Ensam handläggare, vikarie saknas.",
        ends_on=today + dt.timedelta(days=3), user=cast.root,
    )  # fmt: skip
    save_channel(Channel(function=cast.function_a, kind="email", value=exception.value),
                 cast.editor_a)  # fmt: skip
    (reminder,) = reminders()
    assert reminder.organisation == cast.org_a
    assert reminder.recipients == ["admin_a@example.org", "editor_a@example.org"]
    assert reminder.exceptions_ending == [exception]
    later = reminders(today + dt.timedelta(days=4))
    assert [c.value for c in later[0].channels_lapsed] == ["anna.svensson@goteborg.se"]


def test_remind_sends_one_mail_per_organisation(cast, today):
    make_overdue(cast, today)
    out = StringIO()
    call_command("remind", stdout=out)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["admin_a@example.org", "editor_a@example.org"]
    assert "Bygglov" in message.body and "Granskning försenad" in message.body
    assert "1 reminders sent." in out.getvalue()


def test_remind_dry_run_as_json_sends_nothing(cast, today):
    make_overdue(cast, today)
    out = StringIO()
    call_command("remind", "--dry-run", "--json", stdout=out)
    payload = json.loads(out.getvalue())
    assert payload["sent"] == 0
    assert payload["reminders"][0]["overdue"] == ["bygglov"]
    assert mail.outbox == []


def test_nothing_to_remind_when_everything_is_fresh(cast):
    assert reminders() == []

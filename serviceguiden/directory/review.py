"""The review cycle: every published function has a review-by date (12 months after it was
created or last reviewed). Owners are reminded of entries overdue or due soon and of
exceptions ending soon or already ended; `serviceguiden remind` sends the e-mails.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail

from serviceguiden.directory.models import (
    Channel,
    Function,
    Membership,
    Organisation,
    PolicyException,
    Role,
    today,
)


@dataclass
class Reminder:
    organisation: Organisation
    recipients: list[str]
    overdue: list[Function] = field(default_factory=list)
    due_soon: list[Function] = field(default_factory=list)
    exceptions_ending: list[PolicyException] = field(default_factory=list)
    channels_lapsed: list[Channel] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.overdue or self.due_soon or self.exceptions_ending or self.channels_lapsed)

    def subject(self) -> str:
        return f"Serviceguiden: {self.organisation.name} – kontaktuppgifter att se över"

    def body(self) -> str:
        lines = [
            f"Hej! Det här behöver ses över för {self.organisation.name} i Serviceguiden.",
            "",
        ]
        sections = [
            ("Granskning försenad", [f"{f.name} (senast {f.review_by})" for f in self.overdue]),
            ("Granskas snart", [f"{f.name} (senast {f.review_by})" for f in self.due_soon]),
            (
                "Undantag som snart upphör",
                [f"{e.value} (till {e.ends_on})" for e in self.exceptions_ending],
            ),
            (
                "Visas inte längre: undantaget har upphört",
                [f"{c.function.name}: {c.value}" for c in self.channels_lapsed],
            ),
        ]
        for title, items in sections:
            if items:
                lines += [f"{title}:", *(f"  - {item}" for item in items), ""]
        lines.append(f"Logga in: {settings.SITE_URL}/admin/")
        return "\n".join(lines)

    def as_dict(self) -> dict:
        return {
            "organisation": self.organisation.slug,
            "recipients": self.recipients,
            "overdue": [f.slug for f in self.overdue],
            "due_soon": [f.slug for f in self.due_soon],
            "exceptions_ending": [e.value for e in self.exceptions_ending],
            "channels_lapsed": [c.value for c in self.channels_lapsed],
        }


def overdue_by_organisation(on: dt.date | None = None) -> dict[Organisation, list[Function]]:
    """Published functions past their review date, per organisation."""
    result: dict[Organisation, list[Function]] = {}
    for function in Function.objects.review_overdue(on).select_related("organisation"):
        result.setdefault(function.organisation, []).append(function)
    return result


def _recipients(organisation: Organisation) -> list[str]:
    owners = Membership.objects.filter(
        organisation=organisation, role__in=[Role.EDITOR, Role.ADMIN], user__is_active=True
    ).select_related("user")
    emails = sorted({m.user.email for m in owners if m.user.email})
    if not emails:  # nobody owns it: the global admins hear about it
        admins = get_user_model().objects.filter(is_superuser=True, is_active=True)
        emails = sorted({u.email for u in admins if u.email})
    return emails


def reminders(on: dt.date | None = None, *, days_ahead: int | None = None) -> list[Reminder]:
    on = on or today()
    days_ahead = settings.SERVICEGUIDEN_REMIND_DAYS_AHEAD if days_ahead is None else days_ahead
    soon = on + dt.timedelta(days=days_ahead)
    result = []
    for organisation in Organisation.objects.order_by("name"):
        functions = Function.objects.published().for_organisation(organisation)
        reminder = Reminder(
            organisation,
            _recipients(organisation),
            overdue=list(functions.filter(review_by__lt=on)),
            due_soon=list(functions.filter(review_by__gte=on, review_by__lte=soon)),
            exceptions_ending=list(
                PolicyException.objects.active(on).filter(
                    organisation=organisation, ends_on__lte=soon
                )
            ),
            channels_lapsed=list(
                Channel.objects.exception_lapsed(on)
                .filter(function__organisation=organisation)
                .exclude(function__status="archived")
                .select_related("function")
            ),
        )
        if not reminder.is_empty:
            result.append(reminder)
    return result


def send_reminders(items: list[Reminder]) -> int:
    """Send one e-mail per organisation; returns how many were sent."""
    sent = 0
    for reminder in items:
        if reminder.recipients:
            sent += send_mail(
                reminder.subject(), reminder.body(), settings.DEFAULT_FROM_EMAIL,
                reminder.recipients,
            )  # fmt: skip
    return sent

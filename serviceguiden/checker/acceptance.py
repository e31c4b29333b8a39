"""Accepting a finding: a global admin's dated decision that one finding may stay for now,
with a reason — as for the registry's exceptions to the personal-details rule. While it is
in force the finding is listed as accepted and not counted; on `ends_on` it counts again.
Nothing else writes `AcceptedFinding`."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from serviceguiden.checker.models import AcceptedFinding, TrackedFinding
from serviceguiden.directory import access
from serviceguiden.directory.errors import Problem, RegistryError
from serviceguiden.directory.models import today


def problems(reason: str, ends_on: dt.date | None) -> list[Problem]:
    found = []
    if not reason.strip():
        found.append(
            Problem(
                "reason", "SCAN-accept-reason", "error",
                "Ange varför fyndet får finnas kvar.", "Say why the finding may stay.",
                "Skriv skälet, t.ex. ett beslut eller en lag som kräver uppgiften.",
                "Write the reason, e.g. a decision or a law that requires the detail.",
            )
        )  # fmt: skip
    longest = settings.SERVICEGUIDEN_EXCEPTION_MAX_DAYS
    if ends_on is None or not (today() < ends_on <= today() + dt.timedelta(days=longest)):
        found.append(
            Problem(
                "ends_on", "SCAN-accept-window", "error",
                f"Slutdatumet måste ligga efter i dag och högst {longest} dagar fram.",
                f"The end date must be after today and at most {longest} days ahead.",
                "Välj ett kortare slutdatum; förnya beslutet när det löper ut.",
                "Choose an earlier end date; renew the decision when it ends.",
            )
        )  # fmt: skip
    return found


@transaction.atomic
def accept(tracked: TrackedFinding, user, *, reason: str, ends_on: dt.date | None):
    access.require_global_admin(user, "godta fynd / accept findings")
    found = problems(reason, ends_on)
    if found:
        raise RegistryError(found)
    return AcceptedFinding.objects.create(
        tracked=tracked, reason=reason.strip(), ends_on=ends_on, granted_by=user,
        granted_by_name=user.get_username(),
    )  # fmt: skip


@transaction.atomic
def revoke(acceptance: AcceptedFinding, user) -> None:
    access.require_global_admin(user, "återkalla godkännanden / revoke acceptances")
    acceptance = AcceptedFinding.objects.select_for_update().get(pk=acceptance.pk)
    if acceptance.revoked_at is None:
        acceptance.revoked_at = timezone.now()
        acceptance.save(update_fields=["revoked_at"])

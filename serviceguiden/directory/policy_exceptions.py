"""The one way past a P3 refusal: a global admin's exception for one personal contact
detail of one organisation, with a reason and an end date. It ends by itself: after
`ends_on` the channels relying on it are no longer shown (`Channel.objects.live()`), and
`serviceguiden remind` tells the owners before and after.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from serviceguiden.directory import access, validation
from serviceguiden.directory.editing import record
from serviceguiden.directory.errors import raise_for_errors
from serviceguiden.directory.models import Organisation, PolicyException, today


@transaction.atomic
def grant_exception(
    organisation: Organisation, value: str, *, reason: str, ends_on: dt.date, user,
    check_window: bool = True, granted_by_name: str | None = None,
) -> PolicyException:  # fmt: skip
    """`check_window` and `granted_by_name` are for import, which restores exceptions as
    they were exported (possibly already ended, granted by someone else)."""
    access.require_global_admin(user, "bevilja undantag / grant exceptions")
    exception = PolicyException(
        organisation=organisation,
        value=value.strip(),
        reason=reason.strip(),
        ends_on=ends_on,
        granted_by=user,
        granted_by_name=user.get_username() if granted_by_name is None else granted_by_name,
    )
    raise_for_errors(validation.validate_exception(exception, check_window=check_window))
    exception.normalized = validation.normalize(
        validation.exception_kind(exception.value), exception.value
    )
    record(exception, user, "beviljat / granted")
    return exception


@transaction.atomic
def revoke_exception(exception: PolicyException, user, *, at: dt.datetime | None = None) -> None:
    """End an exception now (import passes the exported `at`); channels relying on it stop
    being shown."""
    access.require_global_admin(user, "återkalla undantag / revoke exceptions")
    exception = PolicyException.objects.select_for_update().get(pk=exception.pk)
    if exception.revoked_at is None:
        exception.revoked_at = at or timezone.now()
        record(exception, user, "återkallat / revoked")


def exceptions_listing(on: dt.date | None = None, *, soon_days: int = 30) -> dict[str, list]:
    """Every exception, grouped: active, ending within `soon_days`, ended."""
    on = on or today()
    everything = PolicyException.objects.select_related("organisation").order_by("ends_on")
    active = [e for e in everything if e.revoked_at is None and e.ends_on >= on]
    soon = [e for e in active if e.ends_on <= on + dt.timedelta(days=soon_days)]
    ended = [e for e in everything if not (e.revoked_at is None and e.ends_on >= on)]
    return {"active": active, "ending_soon": soon, "ended": ended}

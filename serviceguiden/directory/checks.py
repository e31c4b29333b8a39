"""System checks for the registry's settings: a bad value stops start-up with a clear error."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

# setting -> (smallest, largest allowed value)
LIMITS = {
    "SERVICEGUIDEN_REVIEW_MONTHS": (1, 60),
    "SERVICEGUIDEN_REVIEW_GRACE_DAYS": (0, 3650),
    "SERVICEGUIDEN_EXCEPTION_MAX_DAYS": (1, 730),
    "SERVICEGUIDEN_REMIND_DAYS_AHEAD": (0, 365),
}


@register()
def check_registry_settings(app_configs, **kwargs):
    errors = []
    for name, (low, high) in LIMITS.items():
        value = getattr(settings, name)
        if not low <= value <= high:
            errors.append(
                Error(
                    f"{name} is {value}; it must be between {low} and {high}.",
                    hint=f"Set the environment variable {name} to a value in that range.",
                    id="serviceguiden.E101",
                )
            )
    return errors


@register(Tags.database)
def check_contact_center(app_configs, databases=None, **kwargs):
    """Exactly one function is named the city's contact center (P1's first line). Runs with
    `check --database default`, at `migrate` and when `serve` starts."""
    from django.db.utils import DatabaseError

    from serviceguiden.directory.models import Function

    try:
        named = list(Function.objects.contact_center().values_list("name", flat=True)[:3])
    except DatabaseError:  # not migrated yet: `migrate` runs the check again afterwards
        return []
    if len(named) == 1:
        return []
    if not named:
        return [
            Warning(
                "No function is named the city's contact center: every 'contact center answers "
                "first' contact and every last fallback shows the city profile's contact center.",
                hint="In the admin, open the contact center's function and tick 'is the city's "
                "contact center' (global admins).",
                id="serviceguiden.W110",
            )
        ]
    return [
        Error(
            f"More than one function is named the city's contact center: {', '.join(named)}.",
            hint="Clear the mark on all but one of them in the admin.",
            id="serviceguiden.E110",
        )
    ]

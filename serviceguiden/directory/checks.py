"""System checks for the registry's settings: a bad value stops start-up with a clear error."""

from django.conf import settings
from django.core.checks import Error, register

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

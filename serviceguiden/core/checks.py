"""System checks: configuration problems are reported at start-up, not at first use."""

from django.conf import settings
from django.core.checks import Error, register

from serviceguiden.policy.profile import ProfileError, load_profile


@register()
def check_city_profile(app_configs, **kwargs):
    try:
        load_profile(settings.SERVICEGUIDEN_PROFILE or None)
    except ProfileError as exc:
        return [
            Error(
                f"The city profile cannot be used: {exc}",
                hint="Set SERVICEGUIDEN_PROFILE to a valid profile TOML file, or unset it "
                "to use the Gothenburg profile.",
                id="serviceguiden.E001",
            )
        ]
    return []

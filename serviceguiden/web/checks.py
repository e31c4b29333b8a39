"""Start-up checks of the sign-in configuration."""

from django.conf import settings
from django.core.checks import Error, register

OIDC_REQUIRED = (
    "OIDC_RP_CLIENT_ID",
    "OIDC_RP_CLIENT_SECRET",
    "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "OIDC_OP_TOKEN_ENDPOINT",
    "OIDC_OP_USER_ENDPOINT",
    "OIDC_OP_JWKS_ENDPOINT",
)


@register()
def oidc_configuration(app_configs, **kwargs):
    """OpenID Connect is on only with every variable set; half a configuration is an error."""
    given = [name for name in OIDC_REQUIRED if getattr(settings, name, "")]
    if not given or len(given) == len(OIDC_REQUIRED):
        return []
    missing = ", ".join(name for name in OIDC_REQUIRED if name not in given)
    return [
        Error(
            f"OpenID Connect sign-in is half configured: {missing} not set.",
            hint="Set every OIDC_* variable (README, 'The editor and public pages') or none.",
            id="serviceguiden.E101",
        )
    ]

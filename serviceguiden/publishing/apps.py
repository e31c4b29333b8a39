from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    """The published read model and every channel that reads it: renderer, published store,
    read API, embeds, change feed, webhooks and where-used counts."""

    name = "serviceguiden.publishing"
    verbose_name = _("Publishing")

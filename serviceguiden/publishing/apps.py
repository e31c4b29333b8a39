from django.apps import AppConfig


class PublishingConfig(AppConfig):
    """The published read model and every channel that reads it: renderer, published store,
    read API, embeds, change feed, webhooks and where-used counts."""

    name = "serviceguiden.publishing"
    verbose_name = "Publishing"

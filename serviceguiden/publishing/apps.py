from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _record_registry_change(sender, entries, **kwargs) -> None:
    """The registry announced a change (inside its transaction): into the outbox with it."""
    from serviceguiden.publishing.publish import Changed, publish_after_commit

    publish_after_commit([Changed(e.kind, e.pk, e.slug) for e in entries])


class PublishingConfig(AppConfig):
    """The published read model and every channel that reads it: renderer, published store,
    read API, embeds, change feed, webhooks and where-used counts."""

    name = "serviceguiden.publishing"
    verbose_name = _("Publishing")

    def ready(self) -> None:
        from serviceguiden.directory.signals import registry_changed

        registry_changed.connect(_record_registry_change, dispatch_uid="publishing-outbox")

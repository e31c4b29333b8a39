from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    """The registry: organisations, functions, channels, topics, external actors."""

    name = "serviceguiden.directory"
    verbose_name = _("Registry")

    def ready(self) -> None:
        from serviceguiden.directory import checks  # noqa: F401  (registers system checks)

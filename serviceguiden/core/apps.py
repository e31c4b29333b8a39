from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Project-wide pieces: system checks and the CLI verbs that belong to no single app."""

    name = "serviceguiden.core"
    verbose_name = "Serviceguiden"

    def ready(self) -> None:
        from serviceguiden.core import checks  # noqa: F401  (registers system checks)

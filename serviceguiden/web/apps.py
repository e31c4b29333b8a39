from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "serviceguiden.web"
    label = "web"
    verbose_name = "Serviceguiden – editor and public pages"

    def ready(self):
        from serviceguiden.web import checks  # noqa: F401  (registers the system checks)

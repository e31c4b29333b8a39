from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CheckerConfig(AppConfig):
    """Site compliance scans: crawl the city's pages and documents, hold every contact detail
    against the registry, and keep the findings across runs."""

    name = "serviceguiden.checker"
    verbose_name = _("Site scans")

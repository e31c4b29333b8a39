"""Template helpers of the spreadsheet import page (and its link in the editor's menu)."""

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from serviceguiden.directory import access
from serviceguiden.directory.spreadsheet import columns, importer

register = template.Library()


@register.filter
def can_import(user) -> bool:
    return access.can_import(user)


@register.filter
def field_label(key: str) -> str:
    field = columns.BY_KEY.get(str(key))
    lang = "en" if (get_language() or "sv").startswith("en") else "sv"
    return field.label(lang) if field else str(key)


@register.filter
def outcome_label(outcome: str) -> str:
    return {
        importer.CREATE: _("created"),
        importer.CHANGE: _("changed"),
        importer.UNCHANGED: _("unchanged"),
        importer.REFUSE: _("refused"),
    }.get(outcome, outcome)


@register.filter
def problem_text(problem) -> str:
    lang = "en" if (get_language() or "sv").startswith("en") else "sv"
    return problem.text(lang)

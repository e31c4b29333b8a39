from django import template
from django.utils.http import urlencode

from serviceguiden.web import reasons, summary
from serviceguiden.web.i18n import when_text

register = template.Library()


@register.simple_tag(takes_context=True)
def path_without_lang(context) -> str:
    """The current path and query without `lang`, where the language button returns to."""
    request = context["request"]
    query = [(k, v) for k, values in request.GET.lists() if k != "lang" for v in values]
    return request.path + (f"?{urlencode(query)}" if query else "")


@register.simple_tag(takes_context=True)
def page_errors(context) -> list:
    """The error summary's entries for the page's `form` and `formset` (web/summary.py)."""
    return summary.error_links(context.get("form"), context.get("formset"))


@register.filter
def shown_errors(form) -> list[str]:
    """A form's own (non-field) errors, a conflict left to the summary."""
    return summary.shown_non_field_errors(form)


@register.filter
def errors_id(form) -> str:
    return summary.form_errors_id(form)


@register.filter
def when(moment) -> str:
    """A moment in local time as people read it: '4 maj 2026 kl. 10.42'."""
    return when_text(moment) if moment else ""


@register.filter
def reason(text: str) -> str:
    """A stored history reason in the reader's language (web/reasons.py)."""
    return reasons.reason_text(text)

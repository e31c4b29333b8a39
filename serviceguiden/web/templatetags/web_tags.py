from django import template
from django.utils.http import urlencode

register = template.Library()


@register.simple_tag(takes_context=True)
def path_without_lang(context) -> str:
    """The current path and query without `lang`, where the language button returns to."""
    request = context["request"]
    query = [(k, v) for k, values in request.GET.lists() if k != "lang" for v in values]
    return request.path + (f"?{urlencode(query)}" if query else "")

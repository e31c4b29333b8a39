"""Language: Swedish unless the visitor chose English.

Django's LocaleMiddleware would follow the browser's Accept-Language; a Swedish city's
pages start in Swedish instead. A visitor switches with the language button (a cookie set
by Django's `set_language`) or a shareable `?lang=en` link.
"""

from django.conf import settings
from django.utils import translation

LANGS = {code for code, _ in settings.LANGUAGES}


def swedish_by_default(get_response):
    def middleware(request):
        asked = request.GET.get("lang", "")
        if asked in LANGS:
            language = asked
        elif request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) in LANGS:
            language = request.COOKIES[settings.LANGUAGE_COOKIE_NAME]
        else:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        return get_response(request)

    return middleware

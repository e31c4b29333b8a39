"""The page's language, for the renderer's `sv` / `en` artifacts, and moments as people
read them: local time (the site's TIME_ZONE, Europe/Stockholm), Swedish or English."""

import datetime as dt

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language


def page_lang() -> str:
    return "en" if (get_language() or "sv").startswith("en") else "sv"


def contact_title(name: str, lang: str) -> str:
    return ("Kontakt: " if lang == "sv" else "Contact: ") + name


def when_text(moment: dt.datetime) -> str:
    """'4 maj 2026 kl. 10.42' / '4 May 2026 10:42', in local time."""
    local = timezone.localtime(moment)
    day = date_format(local.date(), "j F Y")
    if page_lang() == "sv":
        return f"{day} kl. {local:%H.%M}"
    return f"{day} {local:%H:%M}"

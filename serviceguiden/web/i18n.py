"""The page's language, for the renderer's `sv` / `en` artifacts."""

from django.utils.translation import get_language


def page_lang() -> str:
    return "en" if (get_language() or "sv").startswith("en") else "sv"


def contact_title(name: str, lang: str) -> str:
    return ("Kontakt: " if lang == "sv" else "Contact: ") + name

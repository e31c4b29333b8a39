"""The rules catalogue: stable ids, the principle each serves, severity, and a message and a
concrete fix in Swedish and English. Fix texts name the city's own fallbacks from the profile.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from serviceguiden.policy.profile import CityProfile

if TYPE_CHECKING:
    from serviceguiden.policy.items import Item


@dataclass(frozen=True)
class Rule:
    id: str
    principle: str  # P1-P4, or FMT for malformed input
    severity: str  # error, warning, info
    message_sv: str
    message_en: str
    fix_sv: str
    fix_en: str

    def message(self, lang: str = "sv") -> str:
        return self.message_en if lang == "en" else self.message_sv

    def fix(self, profile: CityProfile, lang: str = "sv", **values: str) -> str:
        template = self.fix_en if lang == "en" else self.fix_sv
        return template.format(**fallbacks(profile), **values)


def fallbacks(profile: CityProfile) -> dict[str, str]:
    """The city's own fallbacks for fix texts: its general contact (the contact center, or the
    switchboard and website a profile knows) and an example of its own number form."""
    center = profile.contact_center
    email = center.emails[0] if center.emails else ""
    general = [center.name, center.display_phone, email or center.website]
    return {
        "general": ", ".join(part for part in general if part),
        "cc_phone": center.display_phone or f"{profile.area_code}-12 34 56",
        "city": profile.name,
        "city_domain": profile.own_domains[0] if profile.own_domains else "",
    }


_FALLBACK_SV = (
    "Använd verksamhetens funktionsbrevlåda eller funktionstelefon (en adress på "
    "{city_domain} som namnger verksamheten, inte personen), eller en generell kontaktväg: "
    "{general}."
)
_FALLBACK_EN = (
    "Use the unit's function mailbox or function phone (an address on {city_domain} that "
    "names the unit, not the person), or a general contact: {general}."
)
_LINK_SV = "Ta bort kontaktuppgiften och länka i stället till aktörens egen webbplats{website_sv}."
_LINK_EN = "Remove the contact detail and link to the actor's own website instead{website_en}."
_REGISTRY_SV = (
    "Hämta uppgiften från Serviceguiden (bädda in funktionens eller ärendets kontaktruta) "
    "i stället för att skriva in den för hand."
)
_REGISTRY_EN = (
    "Take the detail from Serviceguiden (embed the function's or topic's contact box) instead "
    "of typing it in by hand."
)

RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in [
        Rule(
            "P3-personal-email",
            "P3",
            "error",
            "E-postadressen ser ut att tillhöra en enskild person.",
            "The e-mail address looks like an individual person's.",
            _FALLBACK_SV,
            _FALLBACK_EN,
        ),
        Rule(
            "P3-personal-phone",
            "P3",
            "error",
            "Telefonnumret presenteras som en enskild persons nummer.",
            "The phone number is presented as an individual person's number.",
            _FALLBACK_SV,
            _FALLBACK_EN,
        ),
        Rule(
            "P3-person-name",
            "P3",
            "error",
            "En enskild person anges som kontakt.",
            "An individual person is given as the contact.",
            "Ange funktionen i stället för personen. " + _FALLBACK_SV,
            "Name the function instead of the person. " + _FALLBACK_EN,
        ),
        Rule(
            "P3-personnummer",
            "P3",
            "error",
            "Texten innehåller ett personnummer.",
            "The text contains a Swedish personal identity number.",
            "Ta bort personnumret. Personnummer publiceras aldrig och lagras inte i Serviceguiden.",
            "Remove the personal identity number. It is never published nor stored in "
            "Serviceguiden.",
        ),
        Rule(
            "P3-mobile-number",
            "P3",
            "warning",
            "Mobilnumret kan tillhöra en enskild person.",
            "The mobile number may belong to an individual person.",
            "Kontrollera att numret är en funktionstelefon. " + _FALLBACK_SV,
            "Check that the number is a function phone. " + _FALLBACK_EN,
        ),
        Rule(
            "P3-city-company-person",
            "P3",
            "error",
            "En enskild person på ett kommunalt bolag anges som kontakt.",
            "An individual person at a city-owned company is given as the contact.",
            "Länka till bolagets webbplats{website_sv} eller ange bolagets funktionsbrevlåda.",
            "Link to the company's website{website_en} or give the company's function mailbox.",
        ),
        Rule(
            "P4-external-email",
            "P4",
            "error",
            "E-postadressen tillhör en extern aktör.",
            "The e-mail address belongs to an external actor.",
            _LINK_SV,
            _LINK_EN,
        ),
        Rule(
            "P4-external-phone",
            "P4",
            "error",
            "Telefonnumret tillhör en extern aktör (utanför stadens nummerserier).",
            "The phone number belongs to an external actor (outside the city's number series).",
            _LINK_SV,
            _LINK_EN,
        ),
        Rule(
            "P4-external-address",
            "P4",
            "error",
            "Adressen tillhör en extern aktör.",
            "The address belongs to an external actor.",
            _LINK_SV,
            _LINK_EN,
        ),
        Rule(
            "P4-external-person",
            "P4",
            "error",
            "En person hos en extern aktör anges som kontakt.",
            "A person at an external actor is given as the contact.",
            _LINK_SV,
            _LINK_EN,
        ),
        Rule(
            "P4-external-link",
            "P4",
            "info",
            "Länk till en extern aktörs webbplats: så ska externa aktörer hänvisas till.",
            "Link to an external actor's website: the right way to refer to external actors.",
            "Inget att åtgärda.",
            "Nothing to fix.",
        ),
        Rule(
            "INFO-national-number",
            "P4",
            "info",
            "Ett nationellt servicenummer (som 112, 1177 eller 114 14). Det är fastställt "
            "nationellt och får visas.",
            "A national service number (such as 112, 1177 or 114 14). It is fixed nationally "
            "and may be shown.",
            "Inget att åtgärda.",
            "Nothing to fix.",
        ),
        Rule(
            "P2-contact-center",
            "P2",
            "info",
            "Kontaktcentrets kontaktuppgift är inskriven i texten.",
            "The contact center's contact detail is typed into the text.",
            _REGISTRY_SV,
            _REGISTRY_EN,
        ),
        Rule(
            "P2-function-contact",
            "P2",
            "info",
            "En funktions kontaktuppgift är inskriven i texten.",
            "A function's contact detail is typed into the text.",
            _REGISTRY_SV,
            _REGISTRY_EN,
        ),
        Rule(
            "P2-own-website",
            "P2",
            "info",
            "Länk till stadens egen webbplats.",
            "Link to the city's own website.",
            "Inget att åtgärda.",
            "Nothing to fix.",
        ),
        Rule(
            "P2-web-form",
            "P2",
            "info",
            "Länk till en e-tjänst eller ett formulär.",
            "Link to an e-service or web form.",
            "Registrera e-tjänsten som kontaktväg för funktionen i Serviceguiden.",
            "Register the e-service as a contact channel of the function in Serviceguiden.",
        ),
        Rule(
            "P2-city-company-contact",
            "P2",
            "warning",
            "Kontaktuppgiften tillhör ett kommunalt bolag, som har egna kontaktvägar.",
            "The contact detail belongs to a city-owned company, which keeps its own channels.",
            "Länka till bolagets webbplats{website_sv} eller hämta uppgiften från Serviceguiden.",
            "Link to the company's website{website_en} or take the detail from Serviceguiden.",
        ),
        Rule(
            "P2-unknown-contact",
            "P2",
            "warning",
            "Kontaktuppgiften kan inte knytas till staden, ett kommunalt bolag eller en känd "
            "extern aktör.",
            "The contact detail cannot be tied to the city, a city-owned company or a known "
            "external actor.",
            "Kontrollera vems uppgiften är. Är den stadens: lägg in den i Serviceguiden. "
            "Är den extern: länka till aktörens webbplats.",
            "Check whose detail it is. The city's: register it in Serviceguiden. External: link "
            "to the actor's website.",
        ),
        Rule(
            "FMT-email",
            "FMT",
            "error",
            "Det här är ingen giltig e-postadress.",
            "This is not a valid e-mail address.",
            "Skriv adressen som namn@doman.se, utan mellanslag.",
            "Write the address as name@domain.se, without spaces.",
        ),
        Rule(
            "FMT-phone",
            "FMT",
            "error",
            "Det här är inget giltigt svenskt telefonnummer.",
            "This is not a valid Swedish phone number.",
            "Skriv numret med riktnummer, t.ex. {cc_phone}.",
            "Write the number with its area code, e.g. {cc_phone}.",
        ),
        Rule(
            "FMT-website",
            "FMT",
            "error",
            "Det här är ingen giltig webbadress.",
            "This is not a valid web address.",
            "Skriv hela adressen med https://, t.ex. https://{city_domain}.",
            "Write the full address with https://, e.g. https://{city_domain}.",
        ),
    ]
}


LINKS = frozenset({"website", "web_form"})
ADDRESSES = frozenset({"postal_address", "visiting_address"})
ANY = None
# Which rule a labelled detail breaks or meets: (kinds, labels, flag, rule id), the first row
# that fits. The flag is an attribute of the detail that must be true ('person', 'mobile').
RULE_TABLE: tuple[tuple[frozenset | None, frozenset | None, str, str], ...] = (
    (frozenset({"personnummer"}), ANY, "", "P3-personnummer"),
    (frozenset({"person_name"}), frozenset({"external"}), "", "P4-external-person"),
    (ANY, frozenset({"personal"}), "company_person", "P3-city-company-person"),
    (frozenset({"person_name"}), ANY, "", "P3-person-name"),
    (LINKS, frozenset({"external"}), "", "P4-external-link"),
    (LINKS, frozenset({"city_company"}), "", "P2-city-company-contact"),
    (frozenset({"web_form"}), ANY, "", "P2-web-form"),
    (frozenset({"website"}), ANY, "", "P2-own-website"),
    (frozenset({"email"}), frozenset({"personal"}), "", "P3-personal-email"),
    (ANY, frozenset({"personal"}), "", "P3-personal-phone"),
    (ADDRESSES, frozenset({"external"}), "", "P4-external-address"),
    (frozenset({"email"}), frozenset({"external"}), "", "P4-external-email"),
    (ANY, frozenset({"external"}), "", "P4-external-phone"),
    (ANY, frozenset({"city_company"}), "", "P2-city-company-contact"),
    (ANY, frozenset({"contact_center"}), "", "P2-contact-center"),
    (ANY, frozenset({"national"}), "", "INFO-national-number"),
    (ANY, frozenset({"function", "unknown"}), "mobile", "P3-mobile-number"),
    (ANY, frozenset({"function"}), "", "P2-function-contact"),
    (ANY, ANY, "", "P2-unknown-contact"),
)


def settle_person(item: Item) -> None:
    """P3 applies to persons whoever employs them: a city company's employee and the details
    shown as theirs are personal (the company stays in `org`, for the message and the fix)."""
    if item.label == "city_company" and (item.person or item.kind == "person_name"):
        item.label = "personal"
        item.company_person = True


def rule_for(item: Item) -> str:
    """The one place that maps a detail's kind and label to its rule: used by `scan` and by
    `check_field`."""
    for kinds, labels, flag, rule in RULE_TABLE:
        if (
            (kinds is None or item.kind in kinds)
            and (labels is None or item.label in labels)
            and (not flag or getattr(item, flag))
        ):
            return rule
    raise AssertionError("the last row fits every detail")

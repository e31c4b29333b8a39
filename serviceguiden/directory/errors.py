"""Structured validation errors: field, rule id, message and fix in Swedish and English.

Policy rules (P2–P4, FMT) come from `serviceguiden.policy.check_field`; the registry's own
rules (REG-*) are catalogued here. `RegistryError` is a Django `ValidationError`, so forms
and the admin show it as field errors, while import, CLI and the API read `.problems`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import get_language


def current_lang() -> str:
    return "en" if (get_language() or "sv").startswith("en") else "sv"


@dataclass(frozen=True)
class Problem:
    field: str
    rule: str
    severity: str  # "error" blocks the save, "warning" is shown
    message_sv: str
    message_en: str
    fix_sv: str = ""
    fix_en: str = ""
    principle: str = "REG"
    evidence: tuple[str, ...] = ()

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def message(self, lang: str | None = None) -> str:
        return self.message_en if (lang or current_lang()) == "en" else self.message_sv

    def fix(self, lang: str | None = None) -> str:
        return self.fix_en if (lang or current_lang()) == "en" else self.fix_sv

    def text(self, lang: str | None = None) -> str:
        """'[P3-personal-email] <message> Fix: <fix>' in the current language."""
        lang = lang or current_lang()
        fix_word = "Fix" if lang == "en" else "Åtgärd"
        fix = self.fix(lang)
        return f"[{self.rule}] {self.message(lang)}" + (f" {fix_word}: {fix}" if fix else "")

    def at(self, prefix: str) -> Problem:
        """The same problem, its field path prefixed (for import rows)."""
        field = f"{prefix}.{self.field}" if self.field else prefix
        return Problem(**{**asdict(self), "field": field})

    def as_dict(self) -> dict:
        data = asdict(self)
        data["evidence"] = list(self.evidence)
        return data


class RegistryError(ValidationError):
    """One or more blocking problems; nothing was saved."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        by_field: dict[str, list[ValidationError]] = {}
        for problem in self.problems:
            by_field.setdefault(problem.field or "__all__", []).append(
                ValidationError(problem.text(), code=problem.rule)
            )
        super().__init__(by_field)

    def __str__(self) -> str:
        return "; ".join(f"{p.field or '-'}: {p.text()}" for p in self.problems)


class ConflictError(RegistryError):
    """Someone else saved the entry after it was opened (optimistic locking)."""


# The registry's own rules: id -> (message sv, message en, fix sv, fix en). Messages are
# str.format templates filled by `problem(rule, field, **values)`.
RULES: dict[str, tuple[str, str, str, str]] = {
    "REG-required": (
        "{label} måste fyllas i.",
        "{label} is required.",
        "Fyll i fältet.",
        "Fill in the field.",
    ),
    "REG-duplicate": (
        "Det finns redan {what} med {label} {value!r}.",
        "There is already {what} with {label} {value!r}.",
        "Välj ett annat värde eller ändra den befintliga posten.",
        "Choose another value or edit the existing entry.",
    ),
    "REG-reference": (
        "{what} {value!r} finns inte i registret.",
        "{what} {value!r} is not in the registry.",
        "Skapa den först eller rätta referensen.",
        "Create it first or correct the reference.",
    ),
    "REG-choice": (
        "{value!r} är inget giltigt värde för {label}.",
        "{value!r} is not a valid value for {label}.",
        "Välj ett av: {choices}.",
        "Choose one of: {choices}.",
    ),
    "REG-hours": (
        "Tiderna går inte att tolka: {detail_sv}",
        "The hours cannot be read: {detail_en}",
        "Ange veckoschema och undantag i formatet som beskrivs i hours.py, t.ex. "
        '{{"weekly": [{{"days": "mon-fri", "opens": "08:00", "closes": "16:30"}}]}}.',
        "Give a weekly schedule and exceptions in the format described in hours.py, e.g. "
        '{{"weekly": [{{"days": "mon-fri", "opens": "08:00", "closes": "16:30"}}]}}.',
    ),
    "REG-hours-kind": (
        "Kanaltypen {kind} har inga öppet- eller telefontider.",
        "The channel kind {kind} has no opening or phone hours.",
        "Ta bort tiderna, eller lägg dem på telefon-, chatt- eller besöksadresskanalen.",
        "Remove the hours, or put them on the phone, chat or visiting-address channel.",
    ),
    "REG-route": (
        "Ett ärende måste hänvisa till exakt en funktion eller en extern aktör.",
        "A topic must route to exactly one function or one external actor.",
        "Välj den funktion som ger bäst service (eller den externa aktören), inte båda.",
        "Choose the function that gives the best service (or the external actor), not both.",
    ),
    "REG-route-archived": (
        "Ärendet kan inte hänvisa till den arkiverade funktionen {function!r}.",
        "The topic cannot route to the archived function {function!r}.",
        "Hänvisa till funktionen som ersatte den{replacement}.",
        "Route it to the function that replaced it{replacement}.",
    ),
    "REG-retire-replacement": (
        "{count} ärenden hänvisar till {function!r}; den kan inte arkiveras utan ersättare.",
        "{count} topics route to {function!r}; it cannot be archived without a replacement.",
        "Välj en publicerad funktion som ersätter den; ärendena flyttas dit.",
        "Choose a published function to replace it; the topics move there.",
    ),
    "REG-replacement-invalid": (
        "{replacement!r} kan inte ersätta {function!r}: {reason_sv}.",
        "{replacement!r} cannot replace {function!r}: {reason_en}.",
        "Välj en annan, publicerad funktion.",
        "Choose another, published function.",
    ),
    "REG-delete-not-draft": (
        "{function!r} är {status}; bara utkast kan raderas.",
        "{function!r} is {status}; only drafts can be deleted.",
        "Arkivera funktionen i stället; historiken finns kvar.",
        "Archive the function instead; its history is kept.",
    ),
    "REG-in-use": (
        "{what!r} används fortfarande av {count} {users}.",
        "{what!r} is still used by {count} {users}.",
        "Flytta dem först.",
        "Move them first.",
    ),
    "REG-status-change": (
        "Status ändras inte genom att spara: {detail_sv}",
        "Status does not change by saving: {detail_en}",
        "Använd publicera eller arkivera.",
        "Use publish or archive.",
    ),
    "REG-archived-frozen": (
        "{function!r} är arkiverad och kan inte ändras.",
        "{function!r} is archived and cannot be changed.",
        "Ändra funktionen som ersatte den, eller skapa en ny funktion.",
        "Change the function that replaced it, or create a new function.",
    ),
    "REG-publish-empty": (
        "{function!r} har ingen kontaktväg och kan inte publiceras.",
        "{function!r} has no contact channel and cannot be published.",
        "Lägg till minst en funktionsbrevlåda, funktionstelefon eller e-tjänst först.",
        "Add at least one function mailbox, function phone or e-service first.",
    ),
    "REG-conflict": (
        "{what!r} har ändrats av någon annan sedan du öppnade den (version {expected} → "
        "{current}).",
        "{what!r} was changed by someone else after you opened it (version {expected} → "
        "{current}).",
        "Ladda om, se över ändringarna och gör din ändring igen.",
        "Reload, look at the changes and make your change again.",
    ),
    "REG-exception-used": (
        "Personlig kontaktuppgift tillåten genom undantag till {ends_on} ({reason}).",
        "Personal contact detail allowed by an exception until {ends_on} ({reason}).",
        "Byt till en funktionsbrevlåda eller funktionstelefon innan undantaget löper ut.",
        "Replace it with a function mailbox or function phone before the exception ends.",
    ),
    "REG-exception-lapsed": (
        "Undantaget för {value!r} gällde till {ends_on} och visas inte längre.",
        "The exception for {value!r} ended on {ends_on}; it is no longer shown.",
        "Byt till en funktionsbrevlåda eller funktionstelefon.",
        "Replace it with a function mailbox or function phone.",
    ),
    "REG-exception-reason": (
        "Ett undantag kräver en motivering (minst {min} tecken).",
        "An exception needs a reason (at least {min} characters).",
        "Förklara varför ingen funktionsbrevlåda eller funktionstelefon går att använda.",
        "Explain why no function mailbox or function phone can be used.",
    ),
    "REG-exception-end": (
        "Slutdatumet måste ligga efter i dag och högst {max_days} dagar fram.",
        "The end date must be after today and at most {max_days} days ahead.",
        "Välj ett slutdatum senast {latest}.",
        "Choose an end date no later than {latest}.",
    ),
    "REG-exception-not-needed": (
        "{value!r} är ingen personlig kontaktuppgift; ett undantag behövs inte.",
        "{value!r} is not a personal contact detail; no exception is needed.",
        "Spara kontaktuppgiften direkt på funktionen.",
        "Save the contact detail on the function directly.",
    ),
    "REG-exception-not-allowed": (
        "Undantag gäller bara personliga kontaktuppgifter (P3); {value!r} bryter mot {rules}.",
        "Exceptions only cover personal contact details (P3); {value!r} breaks {rules}.",
        "Rätta kontaktuppgiften; externa aktörer får bara en länk till sin webbplats.",
        "Correct the contact detail; external actors only get a link to their website.",
    ),
    "REG-own-domain-external": (
        "Domänen {value!r} tillhör en extern aktör ({actor}) och kan inte vara egen.",
        "The domain {value!r} belongs to an external actor ({actor}) and cannot be owned.",
        "Ta bort domänen.",
        "Remove the domain.",
    ),
    "REG-domain-format": (
        "{value!r} är inget domännamn.",
        "{value!r} is not a domain name.",
        "Skriv domänen utan protokoll och snedstreck, t.ex. goteborgenergi.se.",
        "Write the domain without protocol or slashes, e.g. goteborgenergi.se.",
    ),
    "REG-external-own-domain": (
        "{value!r} är stadens egen webbplats, inte en extern aktörs.",
        "{value!r} is the city's own website, not an external actor's.",
        "Lägg stadens verksamheter som organisationer och funktioner i stället.",
        "Register the city's own units as organisations and functions instead.",
    ),
    "REG-url": (
        "{value!r} är ingen fullständig webbadress.",
        "{value!r} is not a complete web address.",
        "Skriv adressen med https://, t.ex. https://polisen.se.",
        "Write the address with https://, e.g. https://polisen.se.",
    ),
    "REG-parent-cycle": (
        "{organisation!r} kan inte ligga under sig själv eller under en egen underorganisation.",
        "{organisation!r} cannot be placed under itself or one of its own children.",
        "Välj en annan överordnad organisation.",
        "Choose another parent organisation.",
    ),
    "REG-one-contact-center": (
        "Det finns redan ett kontaktcenter: {existing!r}.",
        "There is already a contact center: {existing!r}.",
        "Ändra den befintliga organisationen i stället.",
        "Edit the existing organisation instead.",
    ),
    "REG-synonyms": (
        "Synonymer ska vara en lista med korta texter.",
        "Synonyms must be a list of short texts.",
        "Skriv en synonym per rad.",
        "Write one synonym per line.",
    ),
    "REG-permission": (
        "{detail}",
        "{detail}",
        "Be en organisationsadministratör eller global administratör om behörighet.",
        "Ask an organisation admin or a global admin for the right.",
    ),
    "REG-key": (
        "Nyckeln {value!r} går inte att använda.",
        "The key {value!r} cannot be used.",
        "Använd 1–{max} tecken: små bokstäver a–z, siffror och bindestreck (t.ex. "
        "'bygglov-villa'), aldrig snedstreck, punkter eller mellanslag.",
        "Use 1–{max} characters: lower-case letters a–z, digits and hyphens (e.g. "
        "'bygglov-villa'), never slashes, dots or spaces.",
    ),
    "REG-too-long": (
        "{label} är {length} tecken lång; högst {max} tecken får plats.",
        "{label} is {length} characters long; at most {max} fit.",
        "Korta texten till högst {max} tecken.",
        "Shorten the text to at most {max} characters.",
    ),
    "REG-control-characters": (
        "{label} innehåller osynliga styrtecken (radbrytning, tabb eller riktningstecken).",
        "{label} contains invisible control characters (line break, tab or direction marks).",
        "Skriv texten på en rad utan styrtecken; klistra in den som oformaterad text.",
        "Write the text on one line without control characters; paste it as plain text.",
    ),
    "REG-mobile-unstated": (
        "{value} är ett mobilnummer. Ett mobilnummer räknas som en persons (P3) tills du "
        "intygar att hela funktionen delar det.",
        "{value} is a mobile number. A mobile counts as a person's (P3) until you state that "
        "the whole function shares it.",
        "Kryssa i 'Delad funktionsmobil' och skriv varför (t.ex. 'jourtelefon som går "
        "mellan handläggarna'), eller ange funktionens fasta nummer.",
        "Tick 'Shared function mobile' and say why (e.g. 'on-call phone passed between the "
        "case officers'), or give the function's landline number.",
    ),
    "REG-mobile-reason": (
        "Skälet till att mobilen är en delad funktionsmobil är för kort.",
        "The reason why the mobile is a shared function mobile is too short.",
        "Skriv minst {min} tecken om vem som svarar och varför (det sparas i historiken).",
        "Write at least {min} characters on who answers and why (it is kept in the history).",
    ),
    "REG-contact-center-function": (
        "Bara en funktion i en organisation av typen kontaktcenter kan vara stadens "
        "kontaktcenter; {organisation!r} är inte det.",
        "Only a function of an organisation of kind contact center can be the city's contact "
        "center; {organisation!r} is not one.",
        "Flytta funktionen till kontaktcentrets organisation, eller välj kontaktcentrets funktion.",
        "Move the function to the contact center's organisation, or choose the contact "
        "center's function.",
    ),
    "REG-one-contact-center-function": (
        "{existing!r} är redan stadens kontaktcenter.",
        "{existing!r} is already the city's contact center.",
        "Ta bort markeringen på {existing!r} först (en global administratör), så att det "
        "alltid finns exakt ett kontaktcenter.",
        "Clear the mark on {existing!r} first (a global admin), so that there is always "
        "exactly one contact center.",
    ),
    "REG-national-number": (
        "{value!r} är inget nationellt tjänstenummer i stadens profil.",
        "{value!r} is not a national service number in the city's profile.",
        "En extern aktör får bara ha ett av de nationella numren ({numbers}); andra nummer "
        "till dem visas aldrig (P4) — länka till deras webbplats.",
        "An external actor may only carry one of the national numbers ({numbers}); no other "
        "number of theirs is shown (P4) — link to their website.",
    ),
    "REG-format": (
        "Filen har inte registrets exportformat: {detail}",
        "The file is not in the registry's export format: {detail}",
        "Exportera med `serviceguiden export` och utgå från den filen.",
        "Export with `serviceguiden export` and start from that file.",
    ),
}


def problem(rule: str, field: str = "", *, severity: str = "error", **values) -> Problem:
    """A registry problem from the catalogue, its templates filled with `values`."""
    message_sv, message_en, fix_sv, fix_en = RULES[rule]
    return Problem(
        field=field,
        rule=rule,
        severity=severity,
        message_sv=message_sv.format(**values),
        message_en=message_en.format(**values),
        fix_sv=fix_sv.format(**values),
        fix_en=fix_en.format(**values),
    )


def raise_for_errors(problems: list[Problem]) -> list[Problem]:
    """Raise `RegistryError` if any problem is an error; otherwise return the warnings."""
    errors = [p for p in problems if p.is_error]
    if errors:
        raise RegistryError(errors)
    return problems

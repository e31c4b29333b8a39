"""The publish gate: the last line of defence for the principles on what a visitor reads.

Every field is validated when it is saved, but a future field, template or import path could
still let a person's or an external actor's contact detail through. So before any artifact of
a subject is written, the policy engine reads what the subject's cards show — once per
language, since every format (HTML, JSON, JSON-LD, vCard, text) renders the same card — and a
subject with a finding is not published: its previous artifacts stay, and the block is recorded
(`BlockedPublish`) for the organisation's editors and the admin.

What the gate reads per card: the plain-text rendering (heading, every contact's name,
organisation, intro, every channel's label, value and hours, websites, an organisation's
function names) plus the fields only the JSON formats carry (description, synonyms).

What passes although the engine reports it: a value a global admin has excused with an active
personal-details exception (P3), national service numbers (information, not an error).
"""

from __future__ import annotations

from dataclasses import dataclass

from serviceguiden.directory import validation
from serviceguiden.directory.models import Channel, PolicyException
from serviceguiden.policy import scan
from serviceguiden.publishing import render

BLOCKING_SEVERITY = "error"
NO_WEBSITE = {"website_sv": "", "website_en": ""}


@dataclass(frozen=True)
class GateFinding:
    lang: str
    value: str
    kind: str
    label: str
    rule: str
    principle: str
    message_sv: str
    message_en: str
    fix_sv: str
    fix_en: str

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def shown_text(card: render.Card) -> str:
    """Every detail a card shows, as plain text (the same card renders every format)."""
    parts = [render.render_text(card).decode()]
    if card.description:
        parts.append(card.description)
    parts += list(card.synonyms)
    return "\n\n".join(parts)


def excused_values() -> frozenset[str]:
    """Normalised values a visitor may see although the engine calls them personal: the
    values of live channels that rely on an active exception."""
    active = PolicyException.objects.active().values_list("normalized", flat=True)
    live = Channel.objects.live().filter(exception__isnull=False)
    return frozenset(active) & frozenset(live.values_list("normalized", flat=True))


class Gate:
    """One per publish: the profile and the excused values are read once."""

    def __init__(self):
        from serviceguiden.policy import RULES

        self.profile = validation.city_profile()
        self.excused = excused_values()
        self.rules = RULES
        self.scanned = 0

    def _excused(self, finding) -> bool:
        key = finding.normalized or validation.normalize(finding.kind, finding.value)
        return bool(key) and key in self.excused

    def inspect(self, cards: dict[str, render.Card]) -> list[GateFinding]:
        """The blocking findings in a subject's cards (empty: it may be published)."""
        found: list[GateFinding] = []
        for lang, card in cards.items():
            self.scanned += 1
            for finding in scan(shown_text(card), self.profile, fmt="text", lang=lang):
                if finding.severity != BLOCKING_SEVERITY or self._excused(finding):
                    continue
                rule = self.rules[finding.rule]
                found.append(
                    GateFinding(
                        lang=lang,
                        value=finding.value,
                        kind=finding.kind,
                        label=finding.label,
                        rule=finding.rule,
                        principle=finding.principle,
                        message_sv=rule.message_sv,
                        message_en=rule.message_en,
                        fix_sv=rule.fix(self.profile, "sv", **NO_WEBSITE),
                        fix_en=rule.fix(self.profile, "en", **NO_WEBSITE),
                    )
                )
        return found

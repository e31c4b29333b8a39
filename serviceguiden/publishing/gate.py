"""The publish gate: the last line of defence for the principles on what a visitor reads.

Every field is validated when it is saved, but a future field, template or import path could
still let a person's or an external actor's contact detail through. So before any artifact of
a subject is written, the policy engine reads what the subject's cards show — once per
language, since every format (HTML, JSON, JSON-LD, vCard, text) renders the same card — and a
subject with a finding is not published: its previous artifacts stay, and the block is recorded
(`BlockedPublish`) for the organisation's editors and the admin.

What the gate reads per card (see `Gate`): the plain-text rendering of its contacts (every
contact's name, organisation, intro, every channel's label, value and hours, websites) and the
subject's own words (name, and the fields only some formats carry: description, synonyms, an
organisation's function names).

What passes although the engine reports it: a value a global admin has excused with an active
personal-details exception (P3), national service numbers (information, not an error).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from serviceguiden.directory import validation
from serviceguiden.directory.models import Channel, PolicyException
from serviceguiden.policy import check_field, scan
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


def excused_values() -> frozenset[str]:
    """Normalised values a visitor may see although the engine calls them personal: the
    values of live channels that rely on an active exception."""
    active = PolicyException.objects.active().values_list("normalized", flat=True)
    live = Channel.objects.live().filter(exception__isnull=False)
    return frozenset(active) & frozenset(live.values_list("normalized", flat=True))


# (profile identity, language, text) -> (the profile, the engine's blocking findings), kept
# between publishes; an entry holds its profile, so no other profile can take its identity.
_SCANNED: dict[tuple[int, str, str], tuple[object, list]] = {}
_SCANNED_LIMIT = 20_000


class Gate:
    """One per publish: the profile and the excused values are read once, and each distinct
    text is read once. A card is read in two parts: its contacts (names, channels, hours,
    websites — shared by every topic routed alike, so a contact center change over 1,600 topics
    reads the few distinct contact blocks once) with `scan`, and the subject's own words (name,
    description, synonyms, an organisation's function names) with the strict name check of
    `check_field("name")`, under which a person's name alone is already a finding."""

    def __init__(self):
        from serviceguiden.policy import RULES

        self.profile = validation.city_profile()
        self.excused = excused_values()
        self.rules = RULES
        self.scanned = 0  # cards inspected
        self.read = 0  # distinct texts the engine actually read
        self._seen: dict[tuple[str, str, str], list[GateFinding]] = {}
        self._by_identity: dict[tuple[str, int], tuple] = {}
        self._digest: tuple[render.Card | None, str] = (None, "")

    def _excused(self, finding) -> bool:
        key = finding.normalized or validation.normalize(finding.kind, finding.value)
        return bool(key) and key in self.excused

    def inspect(self, cards: dict[str, render.Card], passed_words: str = "") -> list[GateFinding]:
        """The blocking findings in a subject's cards (empty: it may be published).
        `passed_words`: the digest of the subject's own words when they last passed the gate;
        words that have not changed since are not read again."""
        found: list[GateFinding] = []
        digest = self.words_digest(next(iter(cards.values()))) if passed_words else ""
        for lang, card in cards.items():
            self.scanned += 1
            # topics routed alike share one contacts object (render's memo): read it once
            shared = self._by_identity.get((lang, id(card.contacts)))
            if shared is None or shared[0] is not card.contacts:
                found_in = [f for c in card.contacts for f in self._contact(lang, c)]
                shared = (card.contacts, found_in)
                self._by_identity[(lang, id(card.contacts))] = shared
            found += shared[1]
            if passed_words and passed_words == digest:  # the same in every language
                continue
            for text in own_texts(card):
                found += self._own(lang, text)
        return found

    def words_digest(self, card: render.Card) -> str:
        """`own_words_digest(card)`, computed once for the card last asked about."""
        if self._digest[0] is not card:
            self._digest = (card, own_words_digest(card))
        return self._digest[1]

    def _contact(self, lang: str, contact) -> list[GateFinding]:
        """The blocking findings in one contact as shown (each contact is its own box). The
        engine's reading of a text is kept between publishes: a contact center change reads
        the contact center once, not every function shown beside it again."""
        text = render.contact_text(contact, lang)
        key = ("contacts", lang, text)
        if key not in self._seen:
            cache_key = (id(self.profile), lang, text)
            known = _SCANNED.get(cache_key)
            if known is None or known[0] is not self.profile:
                self.read += 1
                blocking = [
                    f for f in scan(text, self.profile, fmt="text", lang=lang)
                    if f.severity == BLOCKING_SEVERITY
                ]  # fmt: skip
                if len(_SCANNED) >= _SCANNED_LIMIT:
                    _SCANNED.clear()
                known = _SCANNED[cache_key] = (self.profile, blocking)
            self._seen[key] = [
                self._finding(lang, f.value, f.kind, f.label, f.rule)
                for f in known[1]
                if not self._excused(f)
            ]
        return self._seen[key]

    def _own(self, lang: str, text: str) -> list[GateFinding]:
        key = ("own", lang, text)
        if key not in self._seen:
            self.read += 1
            self._seen[key] = [
                self._finding(lang, text[:120], "text", v.label, v.rule)
                for v in check_field("name", text, profile=self.profile, lang=lang)
                if v.severity == BLOCKING_SEVERITY
            ]
        return self._seen[key]

    def _finding(self, lang, value, kind, label, rule_id) -> GateFinding:
        rule = self.rules[rule_id]
        return GateFinding(
            lang=lang, value=value, kind=kind, label=label, rule=rule.id,
            principle=rule.principle, message_sv=rule.message_sv, message_en=rule.message_en,
            fix_sv=rule.fix(self.profile, "sv", **NO_WEBSITE),
            fix_en=rule.fix(self.profile, "en", **NO_WEBSITE),
        )  # fmt: skip


def own_texts(card: render.Card) -> list[str]:
    """The subject's own words: its name, description, synonyms and an organisation's
    function names (each read as a name field would be)."""
    texts = [card.name, card.description, *card.synonyms, *(name for _, name in card.functions)]
    return [text for text in texts if text and text.strip()]


def own_words_digest(card: render.Card) -> str:
    """A digest of a card's own words, the same in every language (`Dependency.own_words`)."""
    return hashlib.blake2b("\x1f".join(own_texts(card)).encode(), digest_size=16).hexdigest()

"""Scan a document: find contact details (finders per kind), label each from the city profile
and the registry's knowledge (`classify`), let the context of the page correct the labels
(`context`, `page_context`), and attach the rule that applies (`rules.rule_for`). The checker,
the registry's free-text validation and the CLI all call `scan`.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from functools import lru_cache

from serviceguiden.policy import document, emails, people, phones, places
from serviceguiden.policy.classify import address_item, email_item, phone_item, url_item
from serviceguiden.policy.identity import identity_numbers, mask_identity
from serviceguiden.policy.items import Finding, Item
from serviceguiden.policy.known import NOTHING, Known, registry_fix
from serviceguiden.policy.links import link_items
from serviceguiden.policy.page_context import Page, run_passes
from serviceguiden.policy.profile import CityProfile, load_profile
from serviceguiden.policy.rules import RULES, rule_for, settle_person

__all__ = ["Finding", "Item", "scan"]


def scan(
    text: str,
    profile: CityProfile | None = None,
    fmt: str | None = None,
    lang: str = "sv",
    known: Known | None = None,
) -> list[Finding]:
    """Every contact detail in `text` with the rule it breaks or meets. `known` is what the
    registry knows (its channels and companies): a registry channel is never a person's."""
    known = known or NOTHING
    profile = known.extend(profile or load_profile())
    doc = document.load(text, fmt)
    t = doc.text
    runs = phones.digit_runs(t)
    ids, blocked = identity_numbers(t, runs)

    phone_matches = phones.find_phones(t, profile.area_code, blocked, runs)
    phone_matches += phones.find_series_locals(t, runs, phone_matches, profile.area_code, blocked)
    phone_matches.sort(key=lambda m: m.start)
    email_matches = _unglue(t, emails.find_emails(t), phone_matches)
    email_spans = [(m.start, m.end) for m in email_matches]
    phone_matches = [p for p in phone_matches if not _inside(p.start, p.end, email_spans)]
    phone_items = [phone_item(p, profile, known) for p in phone_matches]
    email_items = [email_item(m, profile, known) for m in email_matches]
    url_items = [url_item(m, profile, known) for m in places.find_urls(t, email_spans)]
    url_spans = [(u.start, u.end) for u in url_items]
    phone_items = [p for p in phone_items if not _inside(p.start, p.start + 1, url_spans)]
    address_items = [address_item(m, t, profile) for m in places.find_addresses(t)]
    links = link_items(doc, profile, email_items, phone_items, known)
    linked = sorted(i.link_text for i in links if i.link_text)
    url_items = [u for u in url_items if not _inside(u.start, u.start + 1, linked)]

    detail_starts = sorted(i.start for i in phone_items + email_items + ids)
    local_parts = {
        local
        for i in email_items
        if not emails.names_a_function(local := i.normalized.split("@")[0], profile.function_words)
    }
    name_items = [
        Item(n.start, n.end, "person_name", n.name, evidence=list(n.evidence), person=True)
        for n in people.contact_names(
            t, detail_starts, local_parts, profile.function_words, profile.place_words
        )
    ]

    def unknown(items: list[Item]) -> list[Item]:
        return [i for i in items if not i.known]

    run_passes(
        Page(t, profile, unknown(phone_items), unknown(email_items), url_items, address_items,
             links, name_items)
    )  # fmt: skip
    items = ids + phone_items + email_items + url_items + address_items + name_items + links
    findings = [_finding(doc, item, profile, lang, known) for item in items]
    findings.sort(key=lambda f: (f.start, f.end))
    return findings


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Is [start, end) inside one of `spans` (sorted, not overlapping)?"""
    index = bisect_right(spans, (start, math.inf)) - 1
    return index >= 0 and spans[index][0] <= start and end <= spans[index][1]


def _unglue(t: str, found: list[emails.EmailMatch], phone_matches) -> list[emails.EmailMatch]:
    """'…57 19lena.berg@goteborg.se': the digits belong to the number before the address
    (and 'Telefon031-368 14 92E-postmirela…': so does the label after them)."""
    result = []
    for m in found:
        for p in phone_matches:
            if p.start < m.start < p.end < m.end:
                local, _, domain = m.address.partition("@")
                cut = p.end - m.start
                m = emails.EmailMatch(p.end, m.end, f"{local[cut:]}@{domain}", m.obfuscated)
                m = emails.cut_glued_label(t, m)
                break
        result.append(m)
    return result


@lru_cache(maxsize=4096)
def _fix(rule_id: str, profile: CityProfile, lang: str, website: str) -> str:
    return RULES[rule_id].fix(
        profile,
        lang,
        website_sv=f" ({website})" if website else "",
        website_en=f" ({website})" if website else "",
    )


def _finding(doc, item: Item, profile: CityProfile, lang: str, known: Known) -> Finding:
    settle_person(item)
    rule = RULES[rule_for(item)]
    fix = _fix(rule.id, profile, lang, item.org.website if item.org else "")
    if known and (instead := registry_fix(rule.id, item.kind, item.normalized, doc.text, known,
                                          lang)):  # fmt: skip
        fix = f"{instead} {fix}"
    if item.raw_span is not None:
        start, end = item.raw_span
    else:
        start, end = doc.raw_span(item.start, item.end)
    value = doc.raw[start:end]
    if item.kind == "personnummer":
        value = mask_identity(value)
    return Finding(
        value=value,
        start=start,
        end=end,
        kind=item.kind,
        label=item.label,
        rule=rule.id,
        principle=rule.principle,
        severity=rule.severity,
        message=rule.message(lang),
        fix=fix,
        evidence=item.evidence,
        normalized=item.normalized if item.kind != "personnummer" else "",
    )

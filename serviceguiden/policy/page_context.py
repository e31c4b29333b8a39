"""Context across a page: job titles before mobiles, city companies and external
organisations named before numbers, mobiles nothing ties to anyone, and a city company's own
page. Each is a named pass; `scan` runs them in the order of `PASSES`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from serviceguiden.policy import general_contact, name_words
from serviceguiden.policy.context import label_people, line_span
from serviceguiden.policy.cues import (
    CLUB,
    COMPANY_FORM,
    EXTERNAL_WORDS,
    FREE_MAIL,
    MOBILE_OWNER,
    PRIVATE_CUES,
    city_words,
    mentioned,
    names_outsider,
)
from serviceguiden.policy.items import Item
from serviceguiden.policy.profile import CityProfile


def _titles(t: str, phone_items) -> None:
    """A mobile right after a person's job title ('byggledare, telefon 0733-…') is personal.
    A fixed number after a role ('Sjuksköterska dagtid: 031-…') is a function phone."""
    for item in phone_items:
        if item.person or not item.mobile:
            continue
        line_start = t.rfind("\n", 0, item.start) + 1
        before = t[max(line_start, item.start - 60) : item.start]
        title = name_words.TITLES.search(before)
        if title and not name_words.FUNCTION_MARKERS.search(before):
            item.label, item.person = "personal", True
            item.evidence.append(f"shown with the job title '{title.group()}'")


def _company_context(t: str, phone_items, email_items, profile: CityProfile) -> None:
    """A number outside the city's series shown under a city company's name is the company's;
    a mobile right after an external organisation's name is theirs; a number beside a city
    company's mailbox on one line ('Uthyrning: 031-368 53 00, uthyrning@higab.se') is the
    company's."""
    for item in phone_items:
        if item.mobile and item.label == "function" and not item.person:
            line_start, _ = line_span(t, item.start)
            before = t[max(line_start, item.start - 60) : item.start]
            if EXTERNAL_WORDS.search(before) and not city_words(profile).search(before):
                item.label = "external"
                item.evidence.append("shown with an external organisation")
            continue
        if item.label == "function" and not item.person and not item.mobile:
            # A number in the city's series written right after a city company's name
            # ('Visit Göteborg & Co's tourist information: +46-31-368 42 00') is the company's.
            line_start, line_end = line_span(t, item.start)
            before = t[max(line_start, item.start - 80) : item.start]
            company = mentioned(before, profile.city_companies) or _mailbox_beside(
                t, item, email_items, line_end
            )
            if company and not city_words(profile).search(before):
                item.label, item.org = "city_company", company
                item.evidence.append(f"shown with city company {company.name}")
            elif any(e.startswith("in the city's area code") for e in item.evidence):
                _other_organisation(t, item, profile)
            continue
        if item.label != "external" or item.org is not None or item.person:
            continue
        line_start, _ = line_span(t, item.start)
        if names_outsider(t[max(line_start, item.start - 120) : item.start], profile):
            continue  # 'Hyresgästföreningen: 010-…' under a company's paragraph
        para_start = max(t.rfind("\n\n", 0, item.start), item.start - 300, 0)
        company = mentioned(t[para_start : item.start], profile.city_companies)
        if company:
            item.label, item.org = "city_company", company
            item.evidence.append(f"shown under city company {company.name}")


def _mailbox_beside(t: str, item: Item, email_items, line_end: int):
    """The city company whose function mailbox follows the number on its line, with nothing
    but a separator between."""
    gap = t[item.end : min(line_end, item.end + 6)]
    if "@" not in t[item.end : min(line_end, item.end + 60)]:
        return None
    for mail in email_items:
        if (
            mail.label == "city_company"
            and mail.org is not None
            and not mail.person
            and item.end <= mail.start <= item.end + len(gap)
            and not t[item.end : mail.start].strip(" ,·|–-")
        ):
            return mail.org
    return None


def _other_organisation(t: str, item: Item, profile: CityProfile) -> None:
    """A number the city's area code is all that places ('no series known') belongs to the
    organisation its sentence names before it: 'Region Skåne presstjänst: 040-…',
    'körs av Mälardalens Buss & Taxi AB …: trafikledningen 021-…'."""
    line_start, _ = line_span(t, item.start)
    sentence = max(t.rfind(". ", line_start, item.start) + 1, t.rfind(" · ", 0, item.start) + 2)
    before = t[max(line_start, sentence, item.start - 100) : item.start]
    if city_words(profile).search(before):
        return
    named = (
        mentioned(before, profile.external_actors)
        or EXTERNAL_WORDS.search(before)
        or COMPANY_FORM.search(before)
        or CLUB.search(before)
    )
    if named:
        item.label = "external"
        item.evidence.append("shown after another organisation's name")


def _unowned_mobiles(t: str, phone_items, others, profile: CityProfile) -> None:
    """A mobile that nothing beside it ties to a function, a person or an organisation stays a
    function's phone (flagged by its rule), unless it sits in a private notice ('Ägaren kan
    ringa 0739-…', 'Säljes: …'): that one cannot be placed, so it is unknown."""
    for item in phone_items:
        if not item.mobile or item.person or item.label != "function":
            continue
        line_start, line_end = line_span(t, item.start)
        if not t[line_start : item.start].strip(" :-–|*•"):
            line_start = line_span(t, max(0, line_start - 1))[0]  # a table row: its label above
        around = t[max(line_start, item.start - 80) : min(line_end, item.end + 40)]
        if MOBILE_OWNER.search(around) or city_words(profile).search(around):
            continue
        sibling = next(
            (
                o
                for o in others
                if o.label in ("external", "city_company")
                and not o.person
                and not o.normalized.endswith(FREE_MAIL)
                and line_start <= o.start < line_end
                and abs(o.start - item.start) < 80
            ),
            None,
        )
        if sibling is not None:
            # 'info@returtorget.coop · 0735-…': the mobile goes with the address beside it (not
            # with a free mailbox, which says nothing of who holds it).
            item.label, item.org = sibling.label, sibling.org
            item.evidence.append(f"shown with {sibling.normalized}")
        elif PRIVATE_CUES.search(t, max(0, item.start - 200), min(len(t), item.end + 40)):
            item.label = "unknown"
            item.evidence.append("a private notice: no function, person or organisation named")


def _page_company(t: str, loose, placed, profile: CityProfile) -> None:
    """A city company's own page (its addresses and links outnumber the city's): its numbers
    and addresses that name no one else are the company's ('+46 31 368 45 00' on Got Event's
    page, a Renova number outside the city's series)."""
    counts: dict[str, int] = {}
    mailboxes: dict[str, int] = {}
    own = 0
    for item in placed:
        if item.label == "city_company" and item.org is not None and not item.person:
            counts[item.org.name] = counts.get(item.org.name, 0) + 1
            if item.kind == "email":
                mailboxes[item.org.name] = mailboxes.get(item.org.name, 0) + 1
        elif item.label in ("function", "contact_center", "personal"):
            own += 1
    if not counts:
        return
    name, count = max(counts.items(), key=lambda kv: kv[1])
    if count < 2 or count <= own or not mailboxes.get(name):
        return  # links alone ('läs mer på renova.se') do not make it the company's page
    company = next(c for c in profile.city_companies if c.name == name)
    for item in loose:
        if item.person or item.org is not None or (item.mobile and item.label != "function"):
            continue  # a function's mobile ('Områdets gemensamma mobil') is the company's too
        if item.label == "function" or (item.label == "external" and item.kind == "phone"):
            line_start, _ = line_span(t, item.start)
            before = t[max(line_start, item.start - 120) : item.start]
            if city_words(profile).search(before) or names_outsider(before, profile):
                continue  # 'Stadens medborgarkontor: …', 'Hyresgästföreningen: …'
            if mentioned(before, profile.external_actors):
                continue
            item.label, item.org = "city_company", company
            item.evidence.append(f"on a page of city company {company.name}")


def _company_series(phones, names, area_code: str) -> None:
    """A direct line outside the city's series that shares its first digits with a city
    company's number on the page ('031-731 82 46' beside Familjebostäder's '031-731 80 00') is
    in the company's series: the company's, and the person shown with it is its employee."""
    company = [p for p in phones if p.label == "city_company" and p.org and not p.person]
    if not company:
        return
    for item in phones:
        if item.label != "external" or item.org is not None or item.mobile:
            continue
        if "outside the city's number series" not in item.evidence:
            continue
        digits = item.normalized.lstrip("+")
        code = len(area_code) if digits.startswith(area_code) else 4
        owner = next(
            (c for c in company if _shared(c.normalized.lstrip("+"), digits) >= code + 4), None
        )
        if owner is None:
            continue
        item.label, item.org = "city_company", owner.org
        item.evidence.append(f"in the number series of city company {owner.org.name}")
        for name in names:
            if (
                item.person
                and name.label == "external"
                and name.org is None
                and f"shown with the person '{name.normalized}'" in item.evidence
            ):
                name.label, name.org = "city_company", owner.org
                name.evidence.append(f"shown with a number of city company {owner.org.name}")


def _shared(a: str, b: str) -> int:
    """How many leading digits two numbers share."""
    count = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        count += 1
    return count


@dataclass
class Page:
    """A page's text and its details, as the passes see them (registry channels left out:
    they are never relabelled)."""

    text: str
    profile: CityProfile
    phones: list[Item]
    emails: list[Item]
    urls: list[Item]
    addresses: list[Item]
    links: list[Item]
    names: list[Item]


PASSES: tuple[tuple[str, Callable[[Page], None]], ...] = (
    (
        "people and the details shown with them",
        lambda p: label_people(p.text, p.names, p.phones, p.emails, p.profile),
    ),
    ("job titles before mobiles", lambda p: _titles(p.text, p.phones)),
    (
        "the city's general contact",
        lambda p: general_contact.mark_general_numbers(p.text, p.phones, p.emails, p.profile),
    ),
    (
        "organisations named before numbers",
        lambda p: _company_context(p.text, p.phones, p.emails, p.profile),
    ),
    (
        "mobiles tied to no one",
        lambda p: _unowned_mobiles(p.text, p.phones, p.emails + p.urls, p.profile),
    ),
    (
        "a city company's own page",
        lambda p: _page_company(
            p.text, p.phones + p.addresses, p.emails + p.urls + p.links, p.profile
        ),
    ),
    (
        "a city company's number series",
        lambda p: _company_series(p.phones, p.names, p.profile.area_code),
    ),
)


def run_passes(page: Page) -> None:
    for _name, run in PASSES:
        run(page)

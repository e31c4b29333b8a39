"""Links in an HTML document: mailto:, tel: and e-service links whose target the visible text
does not show are contact details of their own."""

from __future__ import annotations

import re

from serviceguiden.policy import phones, places
from serviceguiden.policy.classify import classify_email, classify_host, classify_number
from serviceguiden.policy.cues import SHARE_LINK
from serviceguiden.policy.items import Item
from serviceguiden.policy.known import Known


def link_items(doc, profile, email_items, phone_items, known: Known) -> list[Item]:
    """mailto:, tel: and e-service links whose target the visible text does not show."""
    items = []
    own_hosts: dict[str, bool] = {}
    for link in doc.links:
        href = link.href.strip()
        shown = doc.text[link.text_start : link.text_end]
        lower = href.lower()
        if lower.startswith("mailto:"):
            address = href[7:].split("?", 1)[0].strip().lower()
            if not address or any(
                link.text_start <= i.start < link.text_end and i.normalized == address
                for i in email_items
            ):
                continue  # the link shows its own address: that one is reported
            item = Item(0, 0, "email", address, raw_span=_attr_span(doc, link, 7, address))
            item.evidence.append("mailto: link")
            classify_email(item, address, profile, known)
            items.append(item)
        elif lower.startswith("tel:"):
            try:
                national = phones.national_digits(href, profile.area_code)
            except ValueError:
                continue
            if any(
                link.text_start <= i.start < link.text_end and i.normalized == national
                for i in phone_items
            ):
                continue
            value = href[4:].strip()
            item = Item(0, 0, "phone", national, raw_span=_attr_span(doc, link, 4, value))
            item.evidence.append("tel: link")
            classify_number(item, national, profile, known)
            items.append(item)
        elif lower.startswith(("http://", "https://")) and not SHARE_LINK.search(lower):
            # Relative links are the site's own navigation, and share buttons are page chrome:
            # neither is a contact detail.
            is_form = bool(
                places.FORM_HINT.search(href)
                or re.search(r"e-tjänst|formulär|blankett|ansök|anmäl", shown, re.I)
            )
            host = places.host_of(href)
            own = own_hosts.get(host)
            if own is None:
                own = profile.is_own_domain(host) and not profile.company_for_domain(host)
                own_hosts[host] = own
            if own and not is_form:
                continue  # the site's own navigation
            kind = "web_form" if is_form else "website"
            written = shown.strip()
            if written and _same_url(written, href):
                # The link shows its own address ('opus.se/boka'): report what readers see.
                at = link.text_start + len(shown) - len(shown.lstrip())
                item = Item(at, at + len(written), kind, written)
            else:
                item = Item(0, 0, kind, href, raw_span=(link.start, link.end))
            item.evidence.append("link to an e-service or form" if is_form else "link")
            item.link_text = (link.text_start, link.text_end)
            classify_host(item, host, profile, known)
            items.append(item)
    return items


def _same_url(written: str, href: str) -> bool:
    """'opus.se/boka' and 'https://www.opus.se/boka/' are the same address."""

    def bare(url: str) -> str:
        url = re.sub(r"^[a-z]+://", "", url.strip().lower())
        return url.removeprefix("www.").rstrip("/")

    return " " not in written and bare(written) == bare(href)


def _attr_span(doc, link, prefix: int, value: str) -> tuple[int, int]:
    start = link.start + prefix
    raw_value = doc.raw[start : link.end]
    cut = raw_value.find("?")
    end = start + cut if cut >= 0 else link.end
    return start, end

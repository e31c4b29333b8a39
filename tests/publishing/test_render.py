"""Every format of the one renderer: well-formed, escaped, valid for its consumers."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
import vobject
from directory.factories import make_function, make_topic

from serviceguiden.publishing import store
from serviceguiden.publishing.models import EXTERNAL_ACTOR, FUNCTION, ORGANISATION, TOPIC
from serviceguiden.publishing.publish import publish_all

VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "source", "area", "col"}


class StrictTree(HTMLParser):
    """Fails on any unclosed, stray or mis-nested element."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def parse_html(data: bytes) -> StrictTree:
    tree = StrictTree()
    tree.feed(data.decode())
    tree.close()
    assert tree.stack == [], f"unclosed: {tree.stack}"
    return tree


def read(kind, slug, lang="sv", fmt="json") -> bytes:
    return store.read(store.artifact_path(kind, slug, lang, fmt)).data


@pytest.fixture
def tricky(cast):
    """Names an attacker or a careless editor might type."""
    function = make_function(
        cast.root, cast.org_a, "skript", '<script>alert("x")</script> & Co',
        channels=[("email", "skript@sbk.goteborg.se"), ("phone", "031-368 22 22")],
    )  # fmt: skip
    make_topic(
        cast.root, cast.org_a, "skript-arende", "Bygg, mark; och <b>anläggning</b>",
        function=function,
    )  # fmt: skip
    publish_all()
    return function


def test_every_subject_is_published_in_every_format_and_language(published):
    subjects = {
        TOPIC: [published.topic_a.slug],
        FUNCTION: [published.function_a.slug, published.center_function.slug],
        ORGANISATION: [published.org_a.slug, published.center.slug],
        EXTERNAL_ACTOR: [published.actor.slug],
    }
    for kind, slugs in subjects.items():
        for slug in slugs:
            for lang in store.LANGS:
                for fmt in store.FORMATS:
                    assert read(kind, slug, lang, fmt).strip(), (kind, slug, lang, fmt)


def test_html_fragment_is_well_formed_and_accessible_markup(published):
    data = read(TOPIC, "bygga-altan", fmt="html")
    tree = parse_html(data)
    assert tree.tags[:2] == ["section", "h2"]
    assert "h1" not in tree.tags  # a fragment never takes the page's heading
    html = data.decode()
    assert 'lang="sv"' in html and 'aria-label="Kontakt: Bygga altan"' in html
    assert '<a href="tel:+46313680000">031-368 00 00</a>' in html
    assert '<a href="mailto:bygglov@sbk.goteborg.se">bygglov@sbk.goteborg.se</a>' in html
    assert "Telefontider: Mån–fre 08.00–16.30" in html


def test_every_format_escapes_registry_text(tricky):
    html = read(FUNCTION, "skript", fmt="html").decode()
    parse_html(html.encode())
    assert "<script" not in html and "&lt;script&gt;" in html
    assert "&amp; Co" in html
    topic_html = read(TOPIC, "skript-arende", fmt="html").decode()
    assert "<b>" not in topic_html and "&lt;b&gt;anläggning&lt;/b&gt;" in topic_html

    data = json.loads(read(FUNCTION, "skript"))
    assert data["name"] == '<script>alert("x")</script> & Co'  # JSON keeps the text as text

    card = vobject.readOne(read(TOPIC, "skript-arende", fmt="vcard").decode())
    assert card.fn.value == '<script>alert("x")</script> & Co'

    text = read(TOPIC, "skript-arende", fmt="text").decode()
    assert text.startswith("Kontakt: Bygg, mark; och <b>anläggning</b>\n")


def test_vcard_is_valid_vcard_4_and_parses(published):
    raw = read(TOPIC, "bygga-altan", fmt="vcard").decode()
    assert raw.startswith("BEGIN:VCARD\r\nVERSION:4.0\r\n") and raw.endswith("END:VCARD\r\n")
    assert all(len(line.encode()) <= 75 for line in raw.split("\r\n"))
    cards = list(vobject.readComponents(raw))
    assert len(cards) == 1
    card = cards[0]
    assert card.version.value == "4.0"
    assert card.fn.value == "Bygglov"
    assert card.org.value == ["Stadsbyggnadskontoret", "Bygglov"]
    assert card.tel.value == "tel:+46313680000"
    assert card.email.value == "bygglov@sbk.goteborg.se"
    assert card.note.value == "Telefontider: Mån–fre 08.00–16.30"


def test_vcard_escapes_and_folds_long_values(cast):
    name = "Bygg, mark; och anläggning – handläggning av ärenden om väg\\bro och tunnel"
    make_function(
        cast.root, cast.org_a, "bygg-mark", name,
        channels=[("email", "byggmark@sbk.goteborg.se")],
    )  # fmt: skip
    publish_all()
    raw = read(FUNCTION, "bygg-mark", fmt="vcard").decode()
    assert "FN:Bygg\\, mark\\; och" in raw  # RFC 6350 escaping
    assert "\r\n " in raw  # folded
    assert all(len(line.encode()) <= 75 for line in raw.split("\r\n"))
    card = vobject.readOne(raw)
    assert card.fn.value == name


def test_json_ld_has_schema_org_types_and_opening_hours(published):
    service = json.loads(read(TOPIC, "bygga-altan", fmt="jsonld"))
    assert service["@context"] == "https://schema.org"
    assert service["@type"] == "GovernmentService"
    assert service["provider"] == {
        "@type": "GovernmentOrganization",
        "name": "Stadsbyggnadskontoret",
    }
    channel = service["availableChannel"][0]
    assert channel["@type"] == "ServiceChannel"
    point = channel["servicePhone"]
    assert point["@type"] == "ContactPoint"
    assert point["telephone"] == "+46313680000"
    assert point["email"] == "bygglov@sbk.goteborg.se"
    days = [spec["dayOfWeek"] for spec in point["hoursAvailable"]]
    assert days == [
        f"https://schema.org/{d}" for d in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
    ]
    assert {(s["opens"], s["closes"]) for s in point["hoursAvailable"]} == {("08:00", "16:30")}

    function = json.loads(read(FUNCTION, "bygglov", fmt="jsonld"))
    assert function["@type"] == "GovernmentOrganization"
    assert function["parentOrganization"]["name"] == "Stadsbyggnadskontoret"
    assert function["contactPoint"][0]["@type"] == "ContactPoint"

    organisation = json.loads(read(ORGANISATION, "sbk", fmt="jsonld"))
    assert organisation["@type"] == "GovernmentOrganization"
    assert organisation["contactPoint"][0]["email"] == "stadsbyggnadskontoret@sbk.goteborg.se"

    actor = json.loads(read(EXTERNAL_ACTOR, "polisen", fmt="jsonld"))
    assert actor["@type"] == "Organization" and actor["url"] == "https://polisen.se"
    assert "contactPoint" not in actor and "telephone" not in json.dumps(actor)


def test_swedish_and_english(published):
    sv = read(TOPIC, "bygga-altan", "sv", "text").decode()
    en = read(TOPIC, "bygga-altan", "en", "text").decode()
    assert "Telefon: 031-368 00 00 (telefontider: Mån–fre 08.00–16.30)" in sv
    assert "Phone: 031-368 00 00 (phone hours: Mon–Fri 08:00–16:30)" in en
    assert (
        json.loads(read(TOPIC, "bygga-altan", "en"))["contacts"][0]["channels"][0]["label"]
        == "Email"
    )


def test_topic_of_an_external_actor_is_a_link_then_the_contact_center(published):
    make_topic(published.root, published.org_a, "pass", "Pass och id-kort", actor=published.actor)
    publish_all()
    html = read(TOPIC, "pass", fmt="html").decode()
    parse_html(html.encode())
    data = json.loads(read(TOPIC, "pass"))
    roles = [contact["role"] for contact in data["contacts"]]
    assert roles == ["external_actor", "contact_center"]
    actor = data["contacts"][0]
    assert actor["channels"] == [] and actor["website"] == "https://polisen.se"
    assert '<a href="https://polisen.se">Polisen</a>' in html


def test_contact_center_first_is_shown_first_with_a_note(published):
    make_topic(
        published.root, published.org_a, "fraga", "Allmän fråga om bygg",
        function=published.function_a, contact_center_first=True,
    )  # fmt: skip
    publish_all()
    data = json.loads(read(TOPIC, "fraga"))
    assert [c["role"] for c in data["contacts"]] == ["contact_center", "function"]
    assert data["contacts"][0]["channels"][0]["value"] == "031-365 00 00"
    assert "Kontaktcenter svarar först" in data["contacts"][0]["intro"]

"""The principles hold on the outcome — what a visitor reads on every channel — over the whole
demo registry, not one hand-made fixture: every topic resolves, every contact-center contact
is the named contact center, and no published artifact of any format carries a detail the
checker labels personal or external."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from serviceguiden.directory.demo.loader import demo_data, load_demo
from serviceguiden.directory.models import ExternalActor, Function, Topic
from serviceguiden.directory.resolve import CONTACT_CENTER, Resolver
from serviceguiden.directory.transfer import export_registry, import_registry
from serviceguiden.policy import scan
from serviceguiden.publishing import store
from serviceguiden.publishing.models import BlockedPublish
from serviceguiden.publishing.publish import publish_all

SCAN_FORMAT = {"html": "html", "txt": "text", "json": "text", "jsonld": "text", "vcf": "text"}


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.SERVICEGUIDEN_PUBLISHED_DIR = tmp_path / "published"
    report = load_demo()
    assert report.ok, [p.text("en") for p in report.problems]
    return report


@pytest.fixture
def published(demo):
    return publish_all()


def _root():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(is_superuser=True).first()


def test_every_topic_resolves_to_a_contact_and_the_contact_center_is_the_named_one(demo):
    center = Function.objects.contact_center().get()
    assert center.slug == "kontaktcenter"
    resolver = Resolver()
    topics = list(Topic.objects.select_related("function__organisation", "external_actor"))
    centered = 0
    for topic in topics:
        contacts = resolver.topic(topic).contacts
        assert contacts, topic.slug
        for contact in contacts:
            if contact.source == CONTACT_CENTER:
                centered += 1
                assert contact.function == center, topic.slug
                values = [c.value for c in contact.channels]
                assert "031-365 00 00" in values and "goteborg@goteborg.se" in values, topic.slug
        if topic.contact_center_first:
            assert contacts[0].source == CONTACT_CENTER, topic.slug
    assert centered >= 60  # the 'answers first' topics and the external actors' topics


def test_other_functions_of_the_contact_center_organisation_stay_ordinary(demo):
    resolver = Resolver()
    budget = Function.objects.get(slug="budget-och-skuldradgivning")
    contact = resolver.function(budget).primary
    assert contact.source != CONTACT_CENTER
    assert contact.name == "Budget- och skuldrådgivning"
    assert "031-365 00 00" not in [c.value for c in contact.channels]


def test_every_contact_center_box_in_every_format_and_language_shows_031_365_00_00(published):
    checked = 0
    for topic in Topic.objects.filter(contact_center_first=True):
        for lang in store.LANGS:
            data = json.loads(store.read(f"topics/{topic.slug}.{lang}.json").data)
            first = data["contacts"][0]
            assert first["role"] == "contact_center", topic.slug
            assert "031-365 00 00" in [c["value"] for c in first["channels"]], topic.slug
            assert "031-365 02 24" not in [c["value"] for c in first["channels"]], topic.slug
            for ext in ("html", "txt", "vcf"):
                body = store.read(f"topics/{topic.slug}.{lang}.{ext}").data.decode()
                assert "031-365 00 00" in body or "+46313650000" in body, (topic.slug, ext)
            checked += 1
    assert checked >= 2 * 30  # 31 topics in the demo say the contact center answers first


def test_emergency_and_health_topics_show_the_national_numbers(published):
    expected = {"larma-vid-nodlage": "112", "sjukvardsradgivning": "1177", "polisanmalan": "114 14"}
    for slug, number in expected.items():
        for lang in store.LANGS:
            data = json.loads(store.read(f"topics/{slug}.{lang}.json").data)
            actor = data["contacts"][0]
            assert actor["role"] == "external_actor"
            assert [c["value"] for c in actor["channels"]] == [number], slug
            html = store.read(f"topics/{slug}.{lang}.html").data.decode()
            assert f'href="tel:{number.replace(" ", "")}"' in html


def test_no_published_artifact_of_any_format_carries_a_personal_or_external_detail(published):
    assert published.blocked == []
    root = Path(store.root())
    files = [
        path for folder in store.FOLDERS.values() for path in sorted((root / folder).glob("*.*.*"))
    ]
    assert len(files) > 2_000
    violations = []
    for path in files:
        fmt = SCAN_FORMAT[path.suffix.lstrip(".")]
        shown = store.read(str(path.relative_to(root))).data.decode()  # with its block
        for finding in scan(shown, fmt=fmt):
            if finding.label in ("personal", "external") and finding.severity == "error":
                violations.append((path.name, finding.value, finding.rule))
    assert violations == []


# -- imports that hide a person or an external number are refused whole ----------------------

PERSON = "handläggare Anna Svensson 070-123 45 67"
EXTERNAL = "Hyresgästföreningen tel 010-459 10 00"


def _place(data: dict, where: str, text: str) -> None:
    function = next(f for f in data["functions"] if f["key"] == "bygglov")
    actor = next(a for a in data["external_actors"] if a["key"] == "skatteverket")
    topic = next(t for t in data["topics"] if t["function"] == "bygglov")
    if where == "function name":
        function["name"] = f"Bygglov, {text}"
    elif where == "function description":
        function["description"] = f"Frågor om lov: {text}."
    elif where == "channel label":
        function["channels"][0]["label"] = text
    elif where == "actor name":
        actor["name"] = text
    elif where == "actor purpose":
        actor["purpose"] = f"Deklaration. {text}"
    elif where == "topic name":
        topic["name"] = f"{topic['name']} – {text}"
    elif where == "topic synonym":
        topic["synonyms"] = [*topic["synonyms"], text]
    elif where == "topic description":
        topic["description"] = text
    else:
        raise AssertionError(where)


PLACES = [
    "function name",
    "function description",
    "channel label",
    "actor name",
    "actor purpose",
    "topic name",
    "topic synonym",
    "topic description",
]


TEXTS = [PERSON, EXTERNAL, "Anna Svensson, handläggare"]
# Every place with each kind of hidden detail over the list (each case loads the whole demo).
CASES = [(where, TEXTS[i % len(TEXTS)]) for i, where in enumerate(PLACES)] + [
    (where, TEXTS[(i + 1) % len(TEXTS)]) for i, where in enumerate(PLACES)
]


@pytest.mark.parametrize(("where", "text"), CASES)
def test_an_import_hiding_a_detail_in_free_text_is_refused_whole(demo, where, text):
    before = export_registry()
    data = copy.deepcopy(demo_data())
    _place(data, where, text)
    report = import_registry(data, _root())
    assert not report.ok
    assert any(p.principle in ("P3", "P4") for p in report.problems), [
        p.text("en") for p in report.problems
    ]
    after = export_registry()
    before.pop("exported_at"), after.pop("exported_at")
    assert after == before


@pytest.mark.parametrize("key", ["../x", "../../etc/passwd", "Bygglov", "a b", "x.json", "a/b"])
def test_a_key_that_is_no_slug_is_refused_with_a_clear_error(demo, key):
    data = copy.deepcopy(demo_data())
    data["topics"][0]["key"] = key
    report = import_registry(data, _root())
    assert not report.ok
    rules = {p.rule for p in report.problems}
    assert "REG-key" in rules
    assert not Topic.objects.filter(slug=key).exists()


def test_a_national_number_is_the_only_number_an_external_actor_may_carry(demo):
    data = copy.deepcopy(demo_data())
    actor = next(a for a in data["external_actors"] if a["key"] == "skatteverket")
    actor["national_number"] = "0771-567 567"
    report = import_registry(data, _root())
    assert [p.rule for p in report.problems] == ["REG-national-number"]
    assert ExternalActor.objects.get(slug="skatteverket").national_number == ""


def test_the_demo_publishes_with_nothing_blocked(published):
    assert not BlockedPublish.objects.exists()
    assert published.scanned >= 2 * (Topic.objects.count() + Function.objects.count())

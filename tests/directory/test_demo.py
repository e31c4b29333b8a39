"""The demo registry passes every rule and has the promised shape; the bad-import sample
breaks every rule a row can break, and imports nothing."""

import json

import pytest
from django.contrib.auth import get_user_model

from serviceguiden.directory.demo.loader import BAD_IMPORT_FILE, demo_data, load_demo
from serviceguiden.directory.errors import RULES as REGISTRY_RULES
from serviceguiden.directory.models import (
    POLICY_KIND,
    Channel,
    ChannelKind,
    ExternalActor,
    Function,
    Organisation,
    Topic,
)
from serviceguiden.directory.resolve import resolve_topic
from serviceguiden.directory.transfer import export_registry, import_registry
from serviceguiden.policy import RULES as POLICY_RULES
from serviceguiden.policy import check_field


@pytest.fixture
def demo(db):
    report = load_demo()
    assert report.ok, [p.text("en") for p in report.problems]
    return report


def test_the_demo_passes_every_rule_without_a_warning(demo):
    assert demo.warnings == []


def test_every_demo_channel_passes_the_policy_engine_on_its_own(demo):
    checked = 0
    for channel in Channel.objects.select_related("function__organisation"):
        owner = channel.function.organisation.owner_domains
        kind = POLICY_KIND[ChannelKind(channel.kind)]
        assert check_field(kind, channel.value, owner_domains=owner) == [], channel.value
        checked += 1
    for org in Organisation.objects.all():
        assert check_field("email", org.general_email, owner_domains=org.owner_domains) == []
    assert checked > 250


def test_the_demo_has_the_promised_shape(demo):
    center = Organisation.objects.get(kind="contact_center")
    assert (
        center.functions.get(slug="kontaktcenter").channels.filter(value="031-365 00 00").exists()
    )
    assert Organisation.objects.filter(kind="administration").count() >= 12
    assert Organisation.objects.filter(kind="company").count() >= 3
    with_hours = Function.objects.published().filter(channels__hours__has_key="weekly")
    assert with_hours.distinct().count() >= 80
    assert Topic.objects.count() >= 150
    assert all(t.synonyms for t in Topic.objects.all())
    assert ExternalActor.objects.count() >= 15
    assert Function.objects.review_overdue().count() == 3
    assert Function.objects.filter(status="archived").get().replaced_by.slug == "bygglov"


def test_every_demo_topic_resolves_to_a_contact(demo):
    for topic in Topic.objects.select_related("function", "external_actor"):
        primary = resolve_topic(topic).primary
        assert primary.channels or primary.website, topic.name


def test_the_demo_round_trips(demo):
    exported = export_registry()
    assert exported["functions"] == demo_data()["functions"]
    assert exported["topics"] == demo_data()["topics"]


# Rules a row of an import file cannot break, and why.
NOT_REACHABLE_BY_IMPORT = {
    "REG-conflict": "an import locks and compares versions itself; tested in test_concurrency",
    "REG-archived-frozen": "import skips unchanged archived rows; tested in test_lifecycle",
    "REG-retire-replacement": "functions are archived before topics are imported",
    "REG-delete-not-draft": "import never deletes functions",
    "REG-in-use": "import never deletes functions",
    "REG-exception-used": "a warning when an exception applies, not a broken rule",
    "REG-exception-lapsed": "a warning for a stored channel, not a broken rule",
    "REG-exception-end": "import keeps an exported end date as it is (check_window=False)",
    "REG-permission": "import runs as a global admin; refusals are tested in test_access",
}
# Policy rules check_field never reports for a registry field (info-level findings in text,
# and the catch-all for details the profile cannot place, which fields resolve first).
NOT_REPORTED_BY_CHECK_FIELD = {
    rule.id for rule in POLICY_RULES.values() if rule.severity == "info"
} | {"P2-unknown-contact"}


def test_the_bad_sample_breaks_every_rule_and_imports_nothing(demo):
    before = export_registry()
    data = json.loads(BAD_IMPORT_FILE.read_text(encoding="utf-8"))
    report = import_registry(data, get_user_model().objects.get(username="demo"))
    assert not report.ok
    found = {p.rule for p in report.problems} | {w.rule for w in report.warnings}
    expected_policy = set(POLICY_RULES) - NOT_REPORTED_BY_CHECK_FIELD
    expected_registry = set(REGISTRY_RULES) - set(NOT_REACHABLE_BY_IMPORT)
    assert expected_policy - found == set()
    assert expected_registry - found == set()
    assert {k: v for k, v in export_registry().items() if k != "exported_at"} == {
        k: v for k, v in before.items() if k != "exported_at"
    }

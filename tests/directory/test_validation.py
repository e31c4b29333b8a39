"""Every rule on the registry's write path: contact details are judged by the policy
engine (P3, P4, FMT), the registry's own rules (REG-*) by validation.py — and errors are
structured: field, rule id, Swedish and English message, fix."""

import pytest

from serviceguiden.directory.editing import (
    save_channel,
    save_external_actor,
    save_function,
    save_organisation,
    save_topic,
)
from serviceguiden.directory.errors import RegistryError
from serviceguiden.directory.models import Channel, ExternalActor, Function, Topic


def refused(call) -> RegistryError:
    with pytest.raises(RegistryError) as error:
        call()
    return error.value


def rules(error: RegistryError) -> set[str]:
    return {p.rule for p in error.problems}


@pytest.mark.parametrize(
    "kind, value, rule",
    [
        ("email", "anna.svensson@goteborg.se", "P3-personal-email"),
        ("email", "info@polisen.se", "P4-external-email"),
        ("email", "bygglov.goteborg.se", "FMT-email"),
        ("phone", "0771-567 567", "P4-external-phone"),
        ("phone", "08-123 45 67", "P4-external-phone"),
        ("phone", "12", "FMT-phone"),
        ("sms", "0771-567 567", "P4-external-phone"),
        ("eservice", "ftp://goteborg.se/ansok", "FMT-website"),
        ("accessibility", "Tolk bokas av Anna Svensson, 070-123 45 67", "P3-personal-phone"),
    ],
)
def test_channel_values_are_judged_by_the_policy_engine(cast, kind, value, rule):
    channel = Channel(function=cast.function_a, kind=kind, value=value)
    error = refused(lambda: save_channel(channel, cast.editor_a))
    assert rule in rules(error)
    assert not Channel.objects.filter(value=value).exists()


def test_an_error_names_field_rule_messages_and_fix(cast):
    channel = Channel(function=cast.function_a, kind="email", value="anna.svensson@goteborg.se")
    error = refused(lambda: save_channel(channel, cast.editor_a))
    (problem,) = error.problems
    assert problem.field == "value"
    assert problem.rule == "P3-personal-email"
    assert problem.principle == "P3"
    assert "person" in problem.message_en
    assert problem.message_sv and problem.fix_sv and problem.fix_en
    assert "[P3-personal-email]" in problem.text("en")
    assert error.message_dict["value"][0].startswith("[P3-personal-email]")


def test_function_channels_save_in_display_form(cast):
    channel = Channel(function=cast.function_a, kind="phone", value="+46 31 368 00 01")
    save_channel(channel, cast.editor_a)
    channel.refresh_from_db()
    assert channel.value == "031-368 00 01"
    assert channel.normalized == "+46313680001"
    email = Channel(function=cast.function_a, kind="email", value="Bygglovsinfo@SBK.goteborg.se")
    save_channel(email, cast.editor_a)
    assert email.value == "bygglovsinfo@sbk.goteborg.se"


def test_a_warning_is_shown_but_does_not_block(cast):
    channel = Channel(
        function=cast.function_a, kind="phone", value="070-123 45 67",
        shared_mobile_reason="Jourtelefonen som handläggarna turas om att bära.",
    )  # fmt: skip
    warnings = save_channel(channel, cast.editor_a)
    assert [w.rule for w in warnings] == ["P3-mobile-number"]
    assert channel.pk is not None
    history = Channel.history.filter(id=channel.pk).first()
    assert history.shared_mobile_reason.startswith("Jourtelefonen")


@pytest.mark.parametrize(
    ("reason", "rule"), [("", "REG-mobile-unstated"), ("jour", "REG-mobile-reason")]
)
def test_a_mobile_needs_a_statement_that_the_function_shares_it(cast, reason, rule):
    channel = Channel(
        function=cast.function_a, kind="phone", value="070-123 45 67", shared_mobile_reason=reason
    )
    error = refused(lambda: save_channel(channel, cast.editor_a))
    assert [p.rule for p in error.problems] == [rule]
    assert not Channel.objects.filter(function=cast.function_a, value__startswith="070").exists()


@pytest.mark.parametrize(
    ("field", "value", "rule"),
    [
        ("slug", "../x", "REG-key"),
        ("slug", "Bygglov", "REG-key"),
        ("slug", "a" * 101, "REG-key"),
        ("name", "Bygglov\u202e", "REG-control-characters"),
        ("name", "Bygglov\nRing 070-123 45 67", "REG-control-characters"),
        ("name", "B" * 201, "REG-too-long"),
        ("description", "Lov. " * 500, "REG-too-long"),
    ],
)
def test_keys_lengths_and_control_characters_are_checked_alike_on_every_database(
    cast, field, value, rule
):
    function = Function(organisation=cast.org_a, slug="ny-funktion", name="Ny funktion")
    setattr(function, field, value)
    error = refused(lambda: save_function(function, cast.editor_a))
    assert rule in [p.rule for p in error.problems]
    assert not Function.objects.filter(organisation=cast.org_a, name__startswith="B" * 10).exists()


def test_the_contact_center_mark_is_one_and_only_a_global_admins(cast):
    from serviceguiden.directory.access import AccessDenied

    cast.function_a.is_contact_center = True
    with pytest.raises(AccessDenied):
        save_function(cast.function_a, cast.editor_a)
    cast.function_a.refresh_from_db()
    cast.function_a.is_contact_center = True
    error = refused(lambda: save_function(cast.function_a, cast.root))
    assert {p.rule for p in error.problems} == {
        "REG-contact-center-function",
        "REG-one-contact-center-function",
    }


def test_a_city_company_mailbox_is_clean_only_for_the_company_itself(cast):
    company = cast.org_b
    company.domains = ["goteborgenergi.se"]
    save_organisation(company, cast.root)
    own = Channel(function=cast.function_b, kind="email", value="kundservice@goteborgenergi.se")
    assert save_channel(own, cast.editor_b) == []
    other = Channel(function=cast.function_a, kind="email", value="kundservice@goteborgenergi.se")
    assert [w.rule for w in save_channel(other, cast.editor_a)] == ["P2-city-company-contact"]


def test_free_text_carrying_contact_details_is_refused(cast):
    function = cast.function_a
    function.description = "Frågor? Ring Skatteverket på 0771-567 567."
    error = refused(lambda: save_function(function, cast.editor_a))
    assert {p.field for p in error.problems} == {"description"}
    assert any(p.principle == "P4" for p in error.problems)
    function.refresh_from_db()
    assert function.description == ""


def test_hours_are_checked_and_only_allowed_on_channels_that_have_them(cast):
    backwards = {"weekly": [{"days": "mon", "opens": "16:00", "closes": "08:00"}]}
    bad = Channel(function=cast.function_a, kind="phone", value="031-368 00 02", hours=backwards)
    assert rules(refused(lambda: save_channel(bad, cast.editor_a))) == {"REG-hours"}
    monday = {"weekly": [{"days": "mon", "opens": "08:00", "closes": "16:00"}]}
    wrong_kind = Channel(
        function=cast.function_a, kind="email", value="bygglov2@sbk.goteborg.se", hours=monday
    )
    assert rules(refused(lambda: save_channel(wrong_kind, cast.editor_a))) == {"REG-hours-kind"}


def test_unknown_channel_kind_and_empty_value_are_refused(cast):
    unknown = Channel(function=cast.function_a, kind="fax", value="031-368 00 03")
    assert rules(refused(lambda: save_channel(unknown, cast.editor_a))) == {"REG-choice"}
    empty = Channel(function=cast.function_a, kind="email", value="  ")
    assert rules(refused(lambda: save_channel(empty, cast.editor_a))) == {"REG-required"}


def test_a_topic_routes_to_exactly_one_target(cast):
    both = Topic(organisation=cast.org_a, slug="x", name="X", function=cast.function_a,
                 external_actor=cast.actor)  # fmt: skip
    assert "REG-route" in rules(refused(lambda: save_topic(both, cast.editor_a)))
    neither = Topic(organisation=cast.org_a, slug="y", name="Y")
    assert "REG-route" in rules(refused(lambda: save_topic(neither, cast.editor_a)))
    assert not Topic.objects.filter(slug__in=["x", "y"]).exists()


def test_synonyms_must_be_short_texts(cast):
    topic = cast.topic_a
    topic.synonyms = ["altan", 5]
    assert rules(refused(lambda: save_topic(topic, cast.editor_a))) == {"REG-synonyms"}


def test_duplicates_are_named(cast):
    twin = Function(organisation=cast.org_a, slug="bygglov", name="Bygglov")
    assert rules(refused(lambda: save_function(twin, cast.editor_a))) == {"REG-duplicate"}


def test_external_actor_is_a_name_and_a_website_only(cast):
    field_names = {f.name for f in ExternalActor._meta.get_fields()}
    assert not field_names & {"email", "phone", "address", "channels"}
    actor = ExternalActor(slug="skv", name="Skatteverket", website="skatteverket.se")
    assert rules(refused(lambda: save_external_actor(actor, cast.root))) == {"REG-url"}
    actor.website = "https://goteborg.se/skatt"
    error = refused(lambda: save_external_actor(actor, cast.root))
    assert rules(error) == {"REG-external-own-domain"}
    actor.website = "https://www.skatteverket.se"
    actor.purpose = "Ring 0771-567 567 eller mejla info@skatteverket.se."
    error = refused(lambda: save_external_actor(actor, cast.root))
    assert {p.principle for p in error.problems} == {"P4"}
    actor.purpose = "Deklaration, skatt och folkbokföring."
    save_external_actor(actor, cast.root)


def test_organisation_rules(cast):
    org = cast.org_a
    org.general_email = "anna.svensson@goteborg.se"
    assert "P3-personal-email" in rules(refused(lambda: save_organisation(org, cast.admin_a)))
    org.refresh_from_db()
    org.domains = ["polisen.se"]
    assert rules(refused(lambda: save_organisation(org, cast.root))) == {"REG-own-domain-external"}
    org.domains = ["https://x"]
    assert rules(refused(lambda: save_organisation(org, cast.root))) == {"REG-domain-format"}
    org.domains = []
    org.parent = org
    assert rules(refused(lambda: save_organisation(org, cast.root))) == {"REG-parent-cycle"}
    org.parent = None
    org.kind = "contact_center"
    assert rules(refused(lambda: save_organisation(org, cast.root))) == {"REG-one-contact-center"}


def test_nothing_is_half_saved_when_a_later_step_fails(cast, monkeypatch):
    """save_channel writes the channel, then bumps the function; a failure in the second
    step must leave no channel behind."""
    from serviceguiden.directory import editing

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(editing, "touch_function", broken)
    channel = Channel(function=cast.function_a, kind="email", value="nytt@sbk.goteborg.se")
    with pytest.raises(RuntimeError):
        save_channel(channel, cast.editor_a)
    assert not Channel.objects.filter(value="nytt@sbk.goteborg.se").exists()


def test_a_long_channel_value_saves_with_its_history_reason_cut_to_fit(cast):
    """The history's reason column holds 100 characters on every database."""
    address = "https://goteborg.se/tjanster/" + "bygglov-" * 50
    channel = Channel(function=cast.function_a, kind="eservice", value=address[:480])
    save_channel(channel, cast.editor_a)
    reasons = list(
        Function.history.filter(id=cast.function_a.pk).values_list(
            "history_change_reason", flat=True
        )
    )
    assert all(len(r or "") <= 100 for r in reasons)
    assert any((r or "").endswith("…") for r in reasons)  # the reason named the long value
    assert Channel.objects.filter(pk=channel.pk).exists()

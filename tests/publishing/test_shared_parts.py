"""Contacts shown by many cards are rendered once per format and language (`shared_part`):
over the whole demo registry, every format of every card is byte for byte what it is when each
card is rendered on its own, and the JSON is `as_json`'s."""

from __future__ import annotations

import dataclasses
import json

import pytest

from serviceguiden.directory import resolve
from serviceguiden.directory.demo.loader import load_demo
from serviceguiden.publishing import cards as cards_module
from serviceguiden.publishing import render, store
from serviceguiden.publishing.models import FUNCTION, SUBJECT_KINDS, TOPIC
from serviceguiden.publishing.publish import publishable


@pytest.fixture
def demo_cards(db):
    assert load_demo().ok
    memo: dict = {}
    resolver = resolve.Resolver()
    found = []
    for kind in SUBJECT_KINDS:
        for obj in publishable(kind):
            found += render.cards_for(kind, obj, memo, resolver).values()
    return found


def _alone(card):
    """The card with a contacts tuple of its own (a new object: nothing shared)."""
    return dataclasses.replace(card, contacts=tuple(list(card.contacts)))


def test_shared_contacts_render_as_each_card_alone(demo_cards):
    shared = {id(card.contacts) for card in demo_cards}
    assert len(shared) < len(demo_cards)  # topics routed alike share their contacts
    cards_module._PARTS.clear()
    together = [[render.render(card, fmt) for fmt in store.FORMATS] for card in demo_cards]
    for card, rendered in zip(demo_cards, together, strict=True):
        cards_module._PARTS.clear()
        alone = [render.render(_alone(card), fmt) for fmt in store.FORMATS]
        assert rendered == alone, (card.kind, card.slug, card.lang)


def test_the_json_bytes_are_the_api_item(demo_cards):
    for card in demo_cards:
        data = json.loads(render.render(card, "json"))
        assert data == render.as_json(card), (card.kind, card.slug, card.lang)
        assert list(data)[-2:] == ["contacts", "links"]


def test_a_function_and_a_topic_showing_the_same_contacts_get_their_own_blocks(demo_cards):
    """JSON-LD names a topic's contacts `availableChannel` and a function's `contactPoint`:
    a contacts tuple shown by both is rendered once for each kind."""
    function = next(c for c in demo_cards if c.kind == FUNCTION and c.contacts)
    topic = dataclasses.replace(function, kind=TOPIC, slug="t")  # the very same tuple
    cards_module._PARTS.clear()
    assert '"contactPoint"' in render.render_block(function, "jsonld")
    assert '"availableChannel"' in render.render_block(topic, "jsonld")
    assert render.render_block(topic, "jsonld") == render.render_block(_alone(topic), "jsonld")

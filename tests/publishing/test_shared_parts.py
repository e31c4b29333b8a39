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
from serviceguiden.publishing.models import SUBJECT_KINDS
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

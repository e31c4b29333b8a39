"""Word lists as data files, one word a line, per language (`data/<lang>/<name>.txt`), read on
first use: importing the engine reads none of them.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from importlib import resources


@cache
def load(name: str, lang: str = "sv") -> frozenset[str]:
    text = resources.files("serviceguiden.policy").joinpath(f"data/{lang}/{name}.txt")
    return frozenset(
        line.strip()
        for line in text.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    )


class Words:
    """A word list that reads its file the first time it is asked: `word in WORDS`."""

    def __init__(self, name: str, lang: str = "sv") -> None:
        self.name, self.lang = name, lang

    @property
    def words(self) -> frozenset[str]:
        return load(self.name, self.lang)

    def __contains__(self, word: object) -> bool:
        return word in self.words

    def __iter__(self) -> Iterator[str]:
        return iter(self.words)

    def __len__(self) -> int:
        return len(self.words)

    def __or__(self, other) -> frozenset[str]:
        return self.words | frozenset(other)

    def __repr__(self) -> str:
        return f"Words({self.name!r}, {self.lang!r})"

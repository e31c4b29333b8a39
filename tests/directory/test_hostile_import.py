"""Import as a hostile-input parser: a corpus of over a hundred broken, malicious and absurd
files, each refused with a report (never a traceback), and none changes anything."""

from __future__ import annotations

import copy
import io
import json

import pytest
from django.core.management import CommandError, call_command

from serviceguiden.directory.transfer import MAX_DEPTH, export_registry

SECTIONS = ("organisations", "external_actors", "functions", "topics")
# A value of every shape JSON allows, and some Python would not expect.
ODD_VALUES = [
    None, True, 0, -1, 10**30, 1.5, "", " ", "x" * 100_000, [], ["a"], {}, {"a": 1},
    "\u202eevil", "a\nb", "\x00", "../../etc/passwd", "<script>alert(1)</script>",
]  # fmt: skip


def _base(cast) -> dict:
    data = export_registry()
    # one row per section is enough to mutate
    return data


def _mutations(base: dict):
    """(name, file bytes) of the hostile corpus, built from a valid export."""
    yield "invalid utf-8", b'{"format": "serviceguiden-registry", "x": "\xff\xfe"}'
    yield "not json", b"{this is not json"
    yield "empty file", b""
    yield "nested deep", b"[" * 100_000 + b"]" * 100_000
    yield "nested just past the limit", b"[" * (MAX_DEPTH + 1) + b"]" * (MAX_DEPTH + 1)
    yield "NaN", b'{"format": NaN}'
    yield "top-level list", b"[]"
    yield "top-level string", b'"serviceguiden-registry"'
    for section in SECTIONS:
        rows = base.get(section) or []
        if not rows:
            continue
        row = rows[0]
        for field in sorted(row):
            for index, value in enumerate(ODD_VALUES):
                if index % 3 and field not in ("key", "name", "channels"):
                    continue  # every field gets a few odd values; the keys get all of them
                if value == row[field]:
                    continue
                data = copy.deepcopy(base)
                data[section][0] = {**row, field: value}
                yield f"{section}.{field}={value!r:.30}", json.dumps(data).encode()
        data = copy.deepcopy(base)
        data[section] = {"not": "a list"}
        yield f"{section} as an object", json.dumps(data).encode()
        data = copy.deepcopy(base)
        data[section] = [["a", "list", "as", "a", "row"]]
        yield f"{section} row as a list", json.dumps(data).encode()
        data = copy.deepcopy(base)
        data[section] = [{**row, "key": {"a": "dict as key"}}]
        yield f"{section} dict as key", json.dumps(data).encode()
    data = copy.deepcopy(base)
    data["topics"][0]["contact_center_first"] = "false"
    yield "a boolean as text", json.dumps(data).encode()
    data = copy.deepcopy(base)
    data["external_actors"] = [{"key": "evil actor.json", "name": "Ond", "website": "https://x.se"}]
    yield "an actor key with a dot and a space", json.dumps(data).encode()
    function = base["functions"][0]
    for value in (["031-368 00 00"], {"v": 1}, 31, "x" * 600):
        data = copy.deepcopy(base)
        data["functions"][0] = {
            **function,
            "channels": [{"kind": "phone", "value": value, "label": "", "hours": {}}],
        }
        yield f"channel value {value!r:.20}", json.dumps(data).encode()
    for hours in (["mon"], "mon-fri", {"weekly": "always"}, {"weekly": [{"days": 5}]}):
        data = copy.deepcopy(base)
        data["functions"][0] = {
            **function,
            "channels": [{"kind": "phone", "value": "031-368 00 00", "label": "", "hours": hours}],
        }
        yield f"hours {hours!r:.20}", json.dumps(data).encode()


@pytest.fixture
def corpus(cast):
    return list(_mutations(_base(cast)))


def test_the_hostile_corpus_is_large(corpus):
    assert len(corpus) >= 100


def test_every_hostile_file_gets_a_report_and_a_refused_one_changes_nothing(cast, corpus, tmp_path):
    """Some odd values are legitimate (null for an optional text clears it): such a file may
    import. Every other file is refused with a message, and leaves the registry as it was."""
    base = tmp_path / "base.json"
    base.write_text(json.dumps(_base(cast)))
    before = _snapshot()
    refused = 0
    for index, (name, raw) in enumerate(corpus):
        path = tmp_path / f"hostile-{index}.json"
        path.write_bytes(raw)
        try:
            call_command("import", str(path), "--as", cast.root.username, stdout=io.StringIO())
        except CommandError as exc:  # anything else (a traceback) fails the test, naming the file
            assert str(exc), name
            refused += 1
            assert _snapshot() == before, name
        else:
            call_command("import", str(base), "--as", cast.root.username, stdout=io.StringIO())
            before = _snapshot()
    assert refused >= 100


def _snapshot() -> dict:
    data = export_registry()
    data.pop("exported_at")
    return data

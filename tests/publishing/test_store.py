"""The published store's batch write: changed bytes only, all renamed into place after
every temporary file is written, nothing left behind on failure."""

import pytest

from serviceguiden.publishing import store
from serviceguiden.publishing.models import FUNCTION, TOPIC


def path(kind, slug, fmt="json"):
    return store.artifact_path(kind, slug, "sv", fmt)


def temporaries():
    return [p for p in store.root().rglob("*") if p.name.endswith(".tmp")]


def test_write_many_writes_only_what_changed():
    first = [(path(TOPIC, "a"), b"A"), (path(TOPIC, "b"), b"B"), (path(FUNCTION, "c"), b"C")]
    assert store.write_many(first) == [relpath for relpath, _ in first]
    before = (store.root() / path(TOPIC, "a")).stat()
    changed = store.write_many([(path(TOPIC, "a"), b"A"), (path(TOPIC, "b"), b"B2")])
    assert changed == [path(TOPIC, "b")]
    assert (store.root() / path(TOPIC, "a")).stat().st_ino == before.st_ino  # left alone
    assert store.read(path(TOPIC, "b")).data == b"B2"
    assert store.read(path(FUNCTION, "c")).data == b"C"
    assert not temporaries()


def test_a_longer_or_shorter_file_is_a_change():
    store.write(path(TOPIC, "a"), b"AAAA")
    assert store.write_many([(path(TOPIC, "a"), b"AAA")]) == [path(TOPIC, "a")]
    assert store.write_many([(path(TOPIC, "a"), b"AAAAA")]) == [path(TOPIC, "a")]
    assert store.read(path(TOPIC, "a")).data == b"AAAAA"


def test_the_last_bytes_given_for_a_path_win():
    store.write(path(TOPIC, "a"), b"old")
    changed = store.write_many([(path(TOPIC, "a"), b"new"), (path(TOPIC, "a"), b"old")])
    assert changed == [path(TOPIC, "a")]
    assert store.read(path(TOPIC, "a")).data == b"old"
    assert not temporaries()


def test_nothing_is_renamed_when_rendering_fails_half_way():
    """The artifacts come from a generator: a failure while rendering leaves every file as
    it was and no temporary file behind."""
    store.write(path(TOPIC, "a"), b"old a")

    def artifacts():
        yield path(TOPIC, "a"), b"new a"
        raise RuntimeError("render failed")

    with pytest.raises(RuntimeError):
        store.write_many(artifacts())
    assert store.read(path(TOPIC, "a")).data == b"old a"
    assert not temporaries()


def test_write_many_refuses_paths_outside_the_layout():
    with pytest.raises(store.StoreError):
        store.write_many([(path(TOPIC, "a"), b"A"), ("topics/../../x.json", b"X")])
    assert not temporaries()
    assert store.read(path(TOPIC, "a")) is None


def recycled():
    return sorted(p.name for p in (store.root() / ".recycle").iterdir())


def test_replaced_versions_are_recycled_as_later_temporary_files():
    """A publish that rewrites files allocates no new inodes: the replaced versions are
    kept and rewritten by the next write."""
    relpath = path(TOPIC, "a")
    store.write(relpath, b"version 1")
    first = (store.root() / relpath).stat().st_ino
    store.write(relpath, b"version 2")
    assert len(recycled()) == 1  # version 1's inode, kept
    store.write(relpath, b"version 3, longer than the others")
    assert (store.root() / relpath).stat().st_ino == first
    store.write(relpath, b"v4")  # shorter: the recycled file is cut to size
    assert store.read(relpath).data == b"v4"
    assert not temporaries()
    assert all("." not in name for name in recycled())  # none left claimed


def test_a_version_a_reader_has_open_is_never_rewritten():
    relpath = path(TOPIC, "a")
    store.write(relpath, b"old bytes")
    with (store.root() / relpath).open("rb") as reader:
        for index in range(5):
            store.write(relpath, f"new bytes {index}".encode())
            store.write(path(TOPIC, f"other-{index}"), b"x" * index)
        assert reader.read() == b"old bytes"
    assert store.read(relpath).data == b"new bytes 4"


def test_a_version_still_linked_elsewhere_is_never_rewritten():
    """After a crash between keeping the old version and the rename, the kept inode is
    still the live file: it must not be recycled."""
    store.write(path(TOPIC, "a"), b"live bytes")
    (store.root() / ".recycle").mkdir(exist_ok=True)
    (store.root() / ".recycle" / "0123abcd").hardlink_to(store.root() / path(TOPIC, "a"))
    store.write(path(TOPIC, "b"), b"other bytes")
    assert store.read(path(TOPIC, "a")).data == b"live bytes"
    assert store.read(path(TOPIC, "b")).data == b"other bytes"
    assert "0123abcd" not in recycled()

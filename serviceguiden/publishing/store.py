"""The published store: every rendered artifact as a file under one directory
(`SERVICEGUIDEN_PUBLISHED_DIR`, by default `<data dir>/published`).

Layout (what nginx or a CDN serves, see README "Publishing and channels")::

    topics/<slug>.<lang>.<ext>           ext: html json jsonld vcf txt
    functions/<slug>.<lang>.<ext>
    organisations/<slug>.<lang>.<ext>
    external-actors/<slug>.<lang>.<ext>
    index/<topics|functions|organisations|external-actors>.json   the lists
    index/search.json                                               search entries
    changes/feed.atom                                               the last changes

Writes are atomic (a temporary file in the same directory, then `os.replace`), so a reader
sees the old bytes or the new bytes, never a mix. A file whose bytes did not change is not
rewritten, so its ETag and Last-Modified stay put. A publish writes all its artifacts with
one `write_many()`: every temporary file first, then the renames. Readers in the app get the
bytes, an ETag and the modification time from a small per-process cache keyed on the file's
identity.

Durability: nothing is fsync'ed. The store is a read model derived from the registry (the
database is the record), and `serviceguiden publish --all` rebuilds it, rewriting any file
whose bytes differ. A crashed process never leaves a half-written file in place (the rename
is atomic and the page cache survives the process); after a power loss or kernel crash the
files of the last few seconds' publishes may hold their old bytes or, on file systems
without ext4's replace-via-rename heuristic, be empty. `serve` runs `publish --all` at
start; after an unclean shutdown of the machine, run it before serving. (An fsync per file
cost about a quarter of a millisecond each here, 0.4 s for the 1,600 files a contact center
change rewrites.)
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import threading
from collections.abc import Iterable
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.http import http_date

from serviceguiden.publishing.models import EXTERNAL_ACTOR, FUNCTION, ORGANISATION, TOPIC

LANGS = ("sv", "en")
FORMATS = {
    # format name -> (file extension, content type)
    "html": ("html", "text/html; charset=utf-8"),
    "json": ("json", "application/json"),
    "jsonld": ("jsonld", "application/ld+json"),
    "vcard": ("vcf", "text/vcard; charset=utf-8"),
    "text": ("txt", "text/plain; charset=utf-8"),
}
FOLDERS = {
    TOPIC: "topics",
    FUNCTION: "functions",
    ORGANISATION: "organisations",
    EXTERNAL_ACTOR: "external-actors",
}
_SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,100}$")
_CONTENT_TYPES = {ext: ctype for ext, ctype in FORMATS.values()} | {
    "atom": "application/atom+xml; charset=utf-8"
}


class StoreError(ValueError):
    """A path outside the store's layout was asked for."""


def root() -> Path:
    return Path(settings.SERVICEGUIDEN_PUBLISHED_DIR)


def artifact_path(kind: str, slug: str, lang: str, fmt: str) -> str:
    """The store-relative path of one rendered artifact: 'topics/bygglov.sv.html'."""
    if kind not in FOLDERS or lang not in LANGS or fmt not in FORMATS or not _SLUG.match(slug):
        raise StoreError(f"no artifact for {kind!r} {slug!r} {lang!r} {fmt!r}")
    return f"{FOLDERS[kind]}/{slug}.{lang}.{FORMATS[fmt][0]}"


def index_path(kind: str) -> str:
    if kind not in FOLDERS:
        raise StoreError(f"no index for {kind!r}")
    return f"index/{FOLDERS[kind]}.json"


SEARCH_PATH = "index/search.json"
FEED_PATH = "changes/feed.atom"


def content_type(relpath: str) -> str:
    return _CONTENT_TYPES.get(relpath.rsplit(".", 1)[-1], "application/octet-stream")


_RELPATH = re.compile(r"^[a-z-]+/[-a-zA-Z0-9_]+(?:\.[a-z]+)+$")


def _absolute(relpath: str) -> Path:
    """Only paths of the layout above: one folder, one file name, no '..' or '/'."""
    if not _RELPATH.match(relpath):
        raise StoreError(f"{relpath!r} is not a path in the published store")
    return root() / relpath


# -- writing ----------------------------------------------------------------------------


def write(relpath: str, data: bytes) -> bool:
    """Write `data` atomically; returns False (and leaves the file alone) when unchanged."""
    return bool(write_many([(relpath, data)]))


def write_many(artifacts: Iterable[tuple[str, bytes]]) -> list[str]:
    """Write many artifacts atomically, each one as `write()` does; returns the relpaths
    whose bytes changed (the others are left alone).

    Two passes: every changed artifact goes to a temporary file next to it, then all of them
    are renamed into place one after the other. A reader sees each file's old bytes or its
    new bytes, never a mix, and the new files of one publish appear within a few
    milliseconds of each other. `artifacts` may be a generator: only the names are kept.

    Nothing is fsync'ed (see the module's docstring, "Durability").
    """
    pending: dict[str, tuple[str, str]] = {}  # relpath -> (temporary, final), in order
    suffix = f".{os.getpid()}.{threading.get_ident()}.tmp"
    folders: set[str] = set()
    try:
        for relpath, data in artifacts:
            # Plain strings and os calls: pathlib made this loop noticeably slower.
            path = str(_absolute(relpath))
            if relpath in pending:  # given twice: the last bytes win
                _write_file(pending[relpath][0], data)
                continue
            if _unchanged(path, data):
                continue
            folder, name = os.path.split(path)
            if folder not in folders:
                Path(folder).mkdir(parents=True, exist_ok=True)
                folders.add(folder)
            # A name no other writer uses: this process and thread (publishes also hold
            # `lock()`).
            tmp = os.path.join(folder, f".{name}{suffix}")  # noqa: PTH118
            pending[relpath] = (tmp, path)
            _write_file(tmp, data)
        for tmp, path in pending.values():
            os.replace(tmp, path)  # noqa: PTH105
    except BaseException:
        for tmp, _path in pending.values():
            with suppress(FileNotFoundError):
                os.unlink(tmp)  # noqa: PTH108
        raise
    return list(pending)


def _unchanged(path: str, data: bytes) -> bool:
    try:
        with open(path, "rb") as handle:  # noqa: PTH123
            return handle.read(len(data) + 1) == data
    except FileNotFoundError:
        return False


def _write_file(path: str, data: bytes) -> None:
    # 0644: readable by a static server running as another user.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def remove(relpath: str) -> bool:
    path = _absolute(relpath)
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    return True


def existing_slugs(kind: str) -> set[str]:
    """Slugs that have at least one artifact of `kind` in the store."""
    folder = root() / FOLDERS[kind]
    if not folder.is_dir():
        return set()
    return {p.name.split(".", 1)[0] for p in folder.iterdir() if not p.name.startswith(".")}


@contextmanager
def lock():
    """Serialise publishing across processes: each publish renders the newest committed
    state and the last one to finish has written the newest bytes."""
    root().mkdir(parents=True, exist_ok=True)
    with (root() / ".lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# -- reading ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Artifact:
    data: bytes
    etag: str  # quoted, strong
    mtime: float  # seconds since the epoch
    content_type: str
    last_modified: str = ""  # the HTTP date of `mtime`

    @classmethod
    def of(cls, data: bytes, mtime: float, content_type: str) -> Artifact:
        etag = '"' + hashlib.blake2b(data, digest_size=12).hexdigest() + '"'
        return cls(data, etag, mtime, content_type, http_date(mtime))


_cache: dict[str, tuple[tuple[int, int, int], Artifact]] = {}


def read(relpath: str) -> Artifact | None:
    """The artifact's bytes with its ETag, or None when it is not published. This is the
    hot path of every read: one `stat`, and the bytes come from a per-process cache keyed
    on the file's identity (inode, modification time, size)."""
    if not _RELPATH.match(relpath):
        raise StoreError(f"{relpath!r} is not a path in the published store")
    # Plain strings and os calls: pathlib objects made this path five times slower.
    path = os.path.join(settings.SERVICEGUIDEN_PUBLISHED_DIR, relpath)  # noqa: PTH118
    try:
        stat = os.stat(path)  # noqa: PTH116
    except FileNotFoundError:
        _cache.pop(path, None)
        return None
    identity = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
    cached = _cache.get(path)
    if cached is not None and cached[0] == identity:
        return cached[1]
    try:
        with open(path, "rb") as handle:  # noqa: PTH123
            data = handle.read()
    except FileNotFoundError:
        return None
    artifact = Artifact.of(data, stat.st_mtime, content_type(relpath))
    _cache[path] = (identity, artifact)
    return artifact

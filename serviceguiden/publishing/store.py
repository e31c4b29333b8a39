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
    .recycle/                 replaced versions kept for reuse (not to be served)

Writes are atomic (a temporary file, then `os.replace` over the old one), so a reader
sees the old bytes or the new bytes, never a mix. A file whose bytes did not change is not
rewritten, so its ETag and Last-Modified stay put. A publish writes all its artifacts with
one `write_many()`: every temporary file first, then the renames. Readers in the app get the
bytes, an ETag and the modification time from a small per-process cache keyed on the file's
identity.

Durability: nothing is fsync'ed. The store is a read model derived from the registry (the
database is the record), and `serviceguiden publish --all` rebuilds it, rewriting any file
whose bytes differ. A crashed process never leaves a half-written file in place (the rename
is atomic and the page cache survives the process); after a power loss or kernel crash the
files of the last few seconds' publishes may hold their old bytes, be empty, or (a recycled
inode is rewritten in place, see `_Recycler`) hold a mix of old and new bytes. `serve` runs
`publish --all` at start; after an unclean shutdown of the machine, run it before serving.
(An fsync per file cost about a quarter of a millisecond each here, 0.4 s for the 1,600
files a contact center change rewrites.)
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import signal
import threading
import time
import uuid
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


BLOCKS = "blocks"


def block_path(key: str, lang: str, fmt: str) -> str:
    """Where the contacts of every topic routed as `key` are kept: 'blocks/f-bygglov.sv.html'."""
    if not BLOCK_KEY.match(key) or lang not in LANGS or fmt not in FORMATS:
        raise StoreError(f"no block for {key!r} {lang!r} {fmt!r}")
    return f"{BLOCKS}/{key}.{lang}.{FORMATS[fmt][0]}"


def include(relpath: str) -> str:
    """How a topic's file names its block: an SSI directive, so nginx (`ssi on;`) can serve
    the store as `read()` does."""
    return f'<!--# include file="/{relpath}" -->'


BLOCK_KEY = re.compile(r"^[-a-z0-9]{1,110}$")
_INCLUDE = re.compile(rb'<!--# include file="/(blocks/[-a-z0-9]+\.[a-z]+\.[a-z]+)" -->')

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

    Two passes: every changed artifact goes to a temporary file, then all of them are
    renamed into place one after the other. A reader sees each file's old bytes or its new
    bytes, never a mix, and the new files of one publish appear within a few milliseconds
    of each other. `artifacts` may be a generator: only the names are kept.

    The temporary files are, where possible, recycled inodes of replaced versions (see
    `_Recycler`). Nothing is fsync'ed (see the module's docstring, "Durability").
    """
    pending: dict[str, tuple[str, str]] = {}  # relpath -> (temporary, final), in order
    suffix = f".{os.getpid()}.{threading.get_ident()}.tmp"
    folders: set[str] = set()
    base = str(root())
    recycler = _Recycler(base)
    try:
        for relpath, data in artifacts:
            # Plain strings and os calls: pathlib made this loop noticeably slower.
            if not _RELPATH.match(relpath):
                raise StoreError(f"{relpath!r} is not a path in the published store")
            path = os.path.join(base, relpath)  # noqa: PTH118
            if relpath in pending:  # given twice: the last bytes win
                _write_file(pending[relpath][0], data)
                continue
            if _unchanged(path, data):
                continue
            folder, name = os.path.split(path)
            if folder not in folders:
                Path(folder).mkdir(parents=True, exist_ok=True)
                folders.add(folder)
            tmp = recycler.rewrite(data)
            if tmp is None:
                # A name no other writer uses: this process and thread.
                tmp = os.path.join(folder, f".{name}{suffix}")  # noqa: PTH118
                _write_file(tmp, data)
            pending[relpath] = (tmp, path)
        for tmp, path in pending.values():
            recycler.retire(path)
            os.replace(tmp, path)  # noqa: PTH105
        if pending:
            _blocks_seen.clear()  # this process reads what it wrote at once
    except BaseException:
        for tmp, _path in pending.values():
            with suppress(FileNotFoundError):
                os.unlink(tmp)  # noqa: PTH108
        raise
    return list(pending)


_FREE: dict[str, list[str]] = {}  # recycle folder -> names this process believes free


class _Recycler:
    """Replaced versions' inodes, kept in `<root>/.recycle/` and rewritten as the temporary
    files of later writes, so a publish that rewrites 1,600 files allocates and frees no
    inodes. (Creating a file costs far more than rewriting one; on ext4 without a journal
    it grows with every inode freed in the last 30 s, which made back-to-back publishes
    take seconds.)

    A retired inode is rewritten only when nobody can be reading it, so no reader ever sees
    it change: it is first claimed by renaming it within the folder (one writer wins), then
    it must hold a write lease (Linux grants one only when no other descriptor or mapping
    has the file open, in any process, and makes a later `open` wait until the lease is
    released) and have no other link. Anything else (a reader has it open, leases not
    supported, another owner) and it is deleted instead, and the write falls back to a new
    temporary file. A recycled file gets a new modification time, so `read()`'s cache
    (keyed on inode, modification time and size) never mistakes it for its old version.
    """

    FOLDER = ".recycle"
    LIMIT = 20_000  # inodes kept at most (about the largest publish)

    def __init__(self, store_root: str):
        self.folder = os.path.join(store_root, self.FOLDER)  # noqa: PTH118
        self.suffix = f".{os.getpid()}.{threading.get_ident()}"
        self.free: list[str] | None = None  # listed at the first use
        self.enabled = True
        self.kept = 0

    def _listed(self) -> bool:
        if self.free is None:
            # The names this process knows to be free are kept between writes: listing a
            # folder of 20,000 names costs milliseconds, so it is listed again only when they
            # are used up. (A name another process claimed first is skipped, see `rewrite`.)
            self.free = _FREE.get(self.folder)
            if not self.free:
                try:
                    Path(self.folder).mkdir(exist_ok=True)
                    # Claimed names (with dots) belong to a writer that is busy or crashed.
                    listed = os.listdir(self.folder)  # noqa: PTH208
                    self.free = _FREE[self.folder] = [n for n in listed if "." not in n]
                except OSError:
                    self.free, self.enabled = [], False
            self.kept = len(self.free)
        return self.enabled

    def rewrite(self, data: bytes) -> str | None:
        """A retired inode holding `data` (its path, to rename into place), or None."""
        while self._listed() and self.free:
            name = os.path.join(self.folder, self.free.pop())  # noqa: PTH118
            claimed = name + self.suffix
            try:
                os.rename(name, claimed)  # noqa: PTH104
            except FileNotFoundError:
                continue  # another writer claimed it
            except OSError:
                self.enabled = False
                return None
            self.kept -= 1
            if self._rewrite(claimed, data):
                return claimed
        return None

    def _rewrite(self, path: str, data: bytes) -> bool:
        try:
            fd = os.open(path, os.O_WRONLY | os.O_NOFOLLOW)
        except OSError:
            self._discard(path)
            return False
        try:
            try:
                # A lease break signals the holder; SIGURG is ignored by default (SIGIO
                # would end the process).
                fcntl.fcntl(fd, fcntl.F_SETSIG, signal.SIGURG)
                fcntl.fcntl(fd, fcntl.F_SETLEASE, fcntl.F_WRLCK)
            except OSError:  # open elsewhere, or no leases here
                self._discard(path)
                return False
            try:
                if os.fstat(fd).st_nlink != 1:  # still linked elsewhere (a crashed write)
                    self._discard(path)
                    return False
                try:
                    _write_fd(fd, data)
                    os.ftruncate(fd, len(data))
                except BaseException:
                    self._discard(path)
                    raise
                return True
            finally:
                fcntl.fcntl(fd, fcntl.F_SETLEASE, fcntl.F_UNLCK)
        finally:
            os.close(fd)

    def _discard(self, path: str) -> None:
        with suppress(FileNotFoundError):
            os.unlink(path)  # noqa: PTH108

    def retire(self, live: str) -> None:
        """Keep the inode of `live`, about to be replaced, for a later write."""
        if not self._listed() or self.kept >= self.LIMIT:
            return
        name = uuid.uuid4().hex
        try:
            os.link(live, os.path.join(self.folder, name))  # noqa: PTH118
        except FileNotFoundError:  # nothing to replace
            return
        except OSError:  # no hard links here, or another owner
            self.enabled = False
            return
        self.kept += 1
        if self.free is not None:
            self.free.append(name)


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
        _write_fd(fd, data)
    finally:
        os.close(fd)


def _write_fd(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.pwrite(fd, view, len(data) - len(view)) :]


def remove(relpath: str) -> bool:
    _blocks_seen.clear()
    path = _absolute(relpath)
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    return True


def exists(relpath: str) -> bool:
    return os.path.exists(os.path.join(settings.SERVICEGUIDEN_PUBLISHED_DIR, relpath))  # noqa: PTH110, PTH118


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


Identity = tuple[int, int, int]  # a file's inode, modification time and size
# path -> (the file's identity, its artifact, the blocks it includes with their identities)
_cache: dict[str, tuple[Identity, Artifact, tuple[tuple[str, Identity], ...]]] = {}


# A block is shown by many topics: its identity is looked at no more than once per
# BLOCK_RECHECK seconds per process, not on every read of every topic that includes it (each
# `stat` releases the GIL, and under load the threads of a server process queue for it). A
# block rewritten by a publish is seen within that time; a publish takes longer than that.
BLOCK_RECHECK = 0.002
_blocks_seen: dict[str, tuple[float, Identity | None]] = {}


def _block_identity(path: str) -> Identity | None:
    now = time.monotonic()
    seen = _blocks_seen.get(path)
    if seen is not None and now - seen[0] < BLOCK_RECHECK:
        return seen[1]
    identity = _identity(path)
    _blocks_seen[path] = (now, identity)
    return identity


def _identity(path: str) -> Identity | None:
    try:
        return _identity_of(os.stat(path))  # noqa: PTH116
    except FileNotFoundError:
        return None


def _identity_of(stat: os.stat_result) -> Identity:
    return (stat.st_ino, stat.st_mtime_ns, stat.st_size)


def read(relpath: str) -> Artifact | None:
    """The artifact's bytes with its ETag, or None when it is not published. This is the
    hot path of every read: one `stat` (two for a topic, whose contacts are in a block),
    and the bytes come from a per-process cache keyed on the files' identity (inode,
    modification time, size)."""
    if not _RELPATH.match(relpath):
        raise StoreError(f"{relpath!r} is not a path in the published store")
    # Plain strings and os calls: pathlib objects made this path five times slower.
    base = settings.SERVICEGUIDEN_PUBLISHED_DIR
    path = os.path.join(base, relpath)  # noqa: PTH118
    identity = _identity(path)
    if identity is None:
        _cache.pop(path, None)
        return None
    cached = _cache.get(path)
    if cached is not None and cached[0] == identity:
        for block, seen in cached[2]:
            if _block_identity(block) != seen:
                break
        else:
            return cached[1]
    try:
        with open(path, "rb") as handle:  # noqa: PTH123
            data = handle.read()
    except FileNotFoundError:
        return None
    mtime = identity[1] / 1e9
    blocks: list[tuple[str, Identity]] = []
    if b"<!--# include" in data:
        pieces = _INCLUDE.split(data)
        for index in range(1, len(pieces), 2):
            block = os.path.join(base, pieces[index].decode())  # noqa: PTH118
            try:
                with open(block, "rb") as handle:  # noqa: PTH123
                    pieces[index] = handle.read()
                    seen = _identity_of(os.fstat(handle.fileno()))
            except FileNotFoundError:
                return None  # (a publish is between writing a block and its topic)
            blocks.append((block, seen))
            _blocks_seen[block] = (time.monotonic(), seen)
            mtime = max(mtime, seen[1] / 1e9)
        data = b"".join(pieces)
    artifact = Artifact.of(data, mtime, content_type(relpath))
    _cache[path] = (identity, artifact, tuple(blocks))
    return artifact

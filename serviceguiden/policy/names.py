"""Swedish (and common immigrant) first names and surnames, loaded lazily.

Source: the person-name lists that ship with Faker (MIT licence): for Sweden the 1,000 most
common first names (Isof, 2023) and 500 most common surnames (Skatteverket, 2025), plus the
lists of the locales most represented among Swedish residents (Finnish, Norwegian, Danish,
Polish, Turkish, Spanish, Vietnamese, Persian, German). The lists are read from Faker's installed
source files with `ast` (no Faker import, nothing fetched), on first use only.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import pickle
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from serviceguiden.policy import lexicon

LOCALES = ("sv_SE", "fi_FI", "no_NO", "da_DK", "pl_PL", "tr_TR", "es_ES", "vi_VN", "fa_IR", "de_DE")
# More first names common among Swedish residents (Arabic, Somali and Pakistani/Afghan names in
# Latin script; former Yugoslavia; Czech; Central Asia). They count only as written (with their
# own diacritics, four letters or more), so that a folded Swedish word ('Från' -> 'fran') never
# turns into a name.
EXTRA_FIRST_LOCALES = (
    "fr_DZ", "en_PK", "sw", "hr_HR", "sl_SI", "cs_CZ", "az_AZ", "uz_UZ",
    "en_IN", "en_KE", "en_NG", "ha_NG", "ig_NG", "yo_NG", "de_AT", "de_CH",
)  # fmt: skip
FIRST_KEYS = ("first_names_female", "first_names_male", "first_names_unisex", "first_names")
LAST_KEYS = ("last_names", "last_names_female", "last_names_male")

# Capitalised Swedish words that also occur as first names in some locale's list; at the start
# of a sentence they are far more often the word than the name.
NOT_FIRST_NAMES = lexicon.Words("not_first_names")
# Swedish/Turkish/Polish surnames that are also ordinary words in municipal mailbox and
# sentence vocabulary: they never make a local part personal on their own.
AMBIGUOUS_SURNAMES = lexicon.Words("ambiguous_surnames")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lowercase and fold diacritics the way mailbox local parts are written: 'Öberg' -> 'oberg'."""
    lowered = text.lower().replace("ß", "ss").replace("æ", "ae").replace("ø", "o")
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def drop(text: str) -> str:
    """Lowercase and drop non-ASCII letters, as some systems do: 'Björn' -> 'bjrn'."""
    return "".join(ch for ch in text.lower() if ch.isascii())


@dataclass(frozen=True)
class NameLists:
    first: frozenset[str]  # folded forms, plus dropped forms
    last: frozenset[str]
    first_display: frozenset[str]  # as written, capitalised: 'Åsa', 'Karl'
    extra_display: frozenset[str] = frozenset()  # EXTRA_FIRST_LOCALES, as written: 'Bilal'


def _faker_person_dir() -> Path | None:
    spec = importlib.util.find_spec("faker")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "providers" / "person"


def _literal_names(node: ast.expr) -> list[str]:
    """Names from `("A", "B")`, `OrderedDict((("A", 0.1), ...))` or a `+` of such."""
    if isinstance(node, ast.BinOp):
        return _literal_names(node.left) + _literal_names(node.right)
    if isinstance(node, ast.Call) and node.args:
        node = node.args[0]
    try:
        value = ast.literal_eval(node)
    except (ValueError, SyntaxError, TypeError):
        return []
    if isinstance(value, dict):
        return [k for k in value if isinstance(k, str)]
    names: list[str] = []
    for item in value if isinstance(value, list | tuple) else ():
        if isinstance(item, str):
            names.append(item)
        elif isinstance(item, tuple) and item and isinstance(item[0], str):
            names.append(item[0])
    return names


def _read_locale(path: Path) -> tuple[set[str], set[str]]:
    first: set[str] = set()
    last: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
        for stmt in cls.body:
            # 'first_names = (…)' and, in some locales, 'first_names_male: Tuple[str, ...] = (…)'
            if isinstance(stmt, ast.Assign) and isinstance(stmt.targets[0], ast.Name):
                target, value = stmt.targets[0].id, stmt.value
            elif (
                isinstance(stmt, ast.AnnAssign)
                and isinstance(stmt.target, ast.Name)
                and stmt.value is not None
            ):
                target, value = stmt.target.id, stmt.value
            else:
                continue
            if target in FIRST_KEYS:
                first.update(_literal_names(value))
            elif target in LAST_KEYS:
                last.update(_literal_names(value))
    return first, last


CACHE_SCHEMA = 3  # raise when _build_name_lists changes how it filters or folds


def _cache_version() -> str:
    """Changes when the locales or the exclusions change, so an old cache is never used."""
    import hashlib

    key = repr(
        (CACHE_SCHEMA, LOCALES, EXTRA_FIRST_LOCALES, sorted(NOT_FIRST_NAMES), FIRST_KEYS, LAST_KEYS)
    )
    return hashlib.sha256(key.encode()).hexdigest()[:12]


def _cache_file() -> Path | None:
    """A pickle of the folded lists, keyed by Faker's version: 10 ms to load instead of 400."""
    try:
        from importlib.metadata import version

        faker_version = version("Faker")
    except Exception:
        return None
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "serviceguiden" / f"names-{_cache_version()}-faker-{faker_version}.pickle"


@cache
def name_lists() -> NameLists:
    cache_file = _cache_file()
    if cache_file is not None and cache_file.exists():
        try:
            with cache_file.open("rb") as handle:
                lists = pickle.load(handle)
            if isinstance(lists, NameLists):
                return lists
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            pass
    lists = _build_name_lists()
    if cache_file is not None:
        try:
            cache_file.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache_file.with_suffix(f".{os.getpid()}.tmp")
            with tmp.open("wb") as handle:
                pickle.dump(lists, handle, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(cache_file)
            faker_part = cache_file.name.rsplit("-faker-", 1)[-1]
            for stale in cache_file.parent.glob(f"names-*-faker-{faker_part}"):
                if stale != cache_file:  # built from other lists (the same Faker: the same env)
                    stale.unlink(missing_ok=True)
        except OSError:
            pass  # a read-only home: build the lists each run instead
    return lists


def _build_name_lists() -> NameLists:
    base = _faker_person_dir()
    first_raw: set[str] = set()
    last_raw: set[str] = set()
    if base is not None:
        for locale in LOCALES:
            file = base / locale / "__init__.py"
            if file.exists():
                first, last = _read_locale(file)
                first_raw |= first
                last_raw |= last
    extra: set[str] = set()
    for locale in EXTRA_FIRST_LOCALES if base is not None else ():
        file = base / locale / "__init__.py"  # type: ignore[operator]
        if file.exists():
            extra |= _read_locale(file)[0]
    first_raw = {n for n in first_raw if n.isalpha() or "-" in n}
    last_raw = {n for n in last_raw if n.replace("-", "").replace(" ", "").isalpha()}
    first_keys = {fold(n) for n in first_raw} | {drop(n) for n in first_raw}
    first_keys -= NOT_FIRST_NAMES.words
    last_keys = {fold(n) for n in last_raw} | {drop(n) for n in last_raw}
    return NameLists(
        first=frozenset(k for k in first_keys if len(k) >= 2),
        last=frozenset(k for k in last_keys if len(k) >= 2),
        first_display=frozenset(n for n in first_raw if fold(n) not in NOT_FIRST_NAMES),
        extra_display=frozenset(
            n
            for n in extra
            if n.isalpha() and len(n) >= 4 and n[0].isupper() and fold(n) not in NOT_FIRST_NAMES
        ),
    )


def is_first_name(token: str) -> bool:
    """'Anna', 'Åsa', 'Claes-Göran' (every part of a double name is a first name)."""
    lists = name_lists()
    key = fold(token)
    if key in lists.first or token in lists.extra_display:
        return True
    parts = key.split("-")
    return len(parts) > 1 and all(p in lists.first for p in parts)


def is_surname(token: str) -> bool:
    return fold(token) in name_lists().last

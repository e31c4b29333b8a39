"""Search over the published search entries (`index/search.json`), Swedish-aware.

A query is a handful of words. Each one is matched against the words of every entry:

- case and the marks on å, ä, ö, é are folded, so `forskola` finds "Förskola";
- words are stemmed with the Snowball Swedish stemmer (`bygglovet` → `bygglov`), and the
  definite endings it leaves (`förskolan`, `soptunnan`) are taken off as well;
- compounds match their parts both ways: `altan` finds "Altanbygge", `lov` finds "Bygglov"
  (a last part under five letters only after a known word: `son` is not the end of `person`),
  `parkeringsböter` is split into `parkering` + `böter` when the whole word is unknown (one
  part at least a word of its own, no typos in parts), a compound whose first part is unknown
  is read as its last part (`dricksvatten` → `vatten`), and two words that make a known
  compound are joined (`bygg lov` → `bygglov`);
- one typo (two in long words) is forgiven in words of five letters or more that the index
  does not know: `bygglof` finds "Ansöka om bygglov" (`alarm` does not find `larm`); one slip
  in a word of seven letters or more is surely that word (`hemtjänts`) and counts nearly full;
- a query typed without marks matches words with them (`forskola`), a short stem less surely
  (`nara` may be `när`, `nära`, `når`); one typed with them means them (`tömt` is not `tomt`);
- a hyphenated word is one word (`a-kassa`, `e-tjänst`), its parts words of the entry too;
- little words (`om`, `att`, `hur`, `jag`, `the`, `and` …, also typed without marks: `pa`)
  are ignored, and so are words that only ask for a way to reach someone (`ringa`,
  `öppettider`) when the query has others; a phone number the city profile knows is searched
  as whose it is (`ringa 1177`).

Ranking: an entry scores for every query word it matches — names weigh more than synonyms,
synonyms more than descriptions, a word alone in a name or synonym more than one of several
(a rare word that is a whole synonym beats a common word in a long name), rare words more than
common ones (inverse document frequency) — so a word the registry does not know lowers no
one's rank, and entries matching more of the words rank higher. A word that says only when
(`natten`, `helgen`) or where (a district, a postal town of the city profile) counts in full for
an entry that matches what the query asks, and for `CONTEXT_SHARE` of it for one it alone
finds: "byggbuller på natten" is about noise, "hundrastgård Hisingen" about dog parks. An entry
whose name, or one of its synonyms, says exactly what was asked comes first ("the exact
topic"); then entries whose whole name the query covers. An organisation, found by its name
only (which each of its units carries too), ranks below a unit that matches alike; a function
that answers two or more of the first three hits but matched no word itself ("building permit"
finds Bygglov's topics by their English synonyms) is shown after the first of them; the
function the first topic is routed to comes right after it when its own words match the
query's rarest word too ("uteservering" finds the topic and Trafiktillstånd, whose
description names it).
"""

from __future__ import annotations

import bisect
import json
import math
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer

from serviceguiden.publishing import store
from serviceguiden.publishing.models import FUNCTION, ORGANISATION, SUBJECT_KINDS

FIELD_WEIGHT = {"name": 3.0, "synonyms": 2.0, "text": 1.0}
EXACT_NAME, EXACT_SYNONYM, NAME_COVERED, OTHER = range(4)  # ranks, best first
# a word, hyphenated words as one (`a-kassa`, `e-tjänst`, `p-tillstånd`: letters both sides)
_WORD = re.compile(r"\w+(?:(?<=[^\W\d_])-(?=[^\W\d_])\w+)*")
_local = threading.local()


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Compared folded, as people type them without marks (`pa`, `nar`). `ingen`, `inget` and
# `inga` are no little words: "ingen ström", "inget vatten". The helping verbs in all their
# forms (`bli`, `blir`, `blev`, `blivit` …: "bli av med" asks for no foster home), pronouns
# (`sig`, `själv`: "klarar sig inte själv" is not about suicide) and English contractions typed
# without the apostrophe (`cant`, or `can't` read as `can` + `t`).
_LITTLE = tuple(
    """
    om att och eller i på för från till av en ett jag vi du ni man min mitt mina mig din ditt
    dina dig sin sitt sina sig oss er ert era vår vårt våra han hon hen honom henne hans hennes
    deras dess själv själva självt hur var vad när vem vems vilken vilket vilka vart varför
    kan kunna kunde kunnat vill vilja ville velat ska skall skulle borde bör måste
    får få fick fått som med det den de dem denna detta dessa är var vara varit
    har ha hade haft blir bli blev blivit göra gör gjorde gjort inte nej ja
    hos vid efter än så också mycket någon något några här där bara nu då sedan sen redan även
    mer mest lite igen ännu ju nog väl men samt både
    the a an and or of to for from with by how in on at is are be do does my me i we our you
    your it its this that there what where who which when can could get want need about
    will would should shall have has had was were been am not if as so into some any just
    his her him he she they them their us cant dont doesnt didnt isnt wont im ive t s d ll
    please
    """.split()
)
# Each little word is left out as typed and without its marks (`pa` for `på`), except where
# the unmarked form is a word of its own: `val` (an election) is no `väl`, `far` no `får`.
OWN_WORDS = frozenset({"val", "far"})
STOP_WORDS = frozenset(fold(w) for w in _LITTLE if fold(w) not in OWN_WORDS)
_MARKED_LITTLE = frozenset(w for w in _LITTLE if fold(w) in OWN_WORDS)  # väl, får


def little(word: str) -> bool:
    """Whether `word` is a little word, left out of what a text or query is about."""
    return fold(word) in STOP_WORDS or word.casefold() in _MARKED_LITTLE


# Words that ask for a way to reach someone, not what about: every result gives that. They
# are left out when the query has other words ("ringa 1177", "bibliotek öppettider").
CONTACT_WORDS = frozenset(
    fold(w)
    for w in """
    ringa ring ringer kontakta kontakt telefon telefonnummer telefonnumret nummer numret
    mejla mejl mail mejladress epost öppettider öppettid öppet
    call phone number contact email hours opening
    närmaste närmast nearest closest
    """.split()
)
# Words that say when, not what: "byggbuller på natten" is about noise, not night care. Such a
# word (and a district of the city, `_places`) counts in full for an entry that matches
# what the query asks, and for `CONTEXT_SHARE` of it for one it alone would find.
TIME_WORDS = frozenset(
    fold(w)
    for w in """
    natt natten nätter nätterna inatt nattetid kväll kvällen kvällar kvällarna ikväll kvällstid
    helg helgen helger helgerna morgon morgonen morgnar imorgon förmiddag eftermiddag
    dag dagen dagtid idag igår vecka veckan måndag tisdag onsdag torsdag fredag lördag söndag
    night tonight evening evenings weekend weekends morning today tomorrow yesterday
    """.split()
)
CONTEXT_SHARE = 0.4


def _stemmer(language: str = "swedish"):
    # Snowball stemmers keep state while they work: one per thread.
    stemmer = getattr(_local, language, None)
    if stemmer is None:
        stemmer = snowballstemmer.stemmer(language)
        setattr(_local, language, stemmer)
    return stemmer


@lru_cache(maxsize=65536)
def english_stem(word: str) -> str:
    """The English Snowball stem: the Swedish stemmer leaves English endings (`bullied`,
    `bullying`, `emptied`), and the registry has English words for visitors who write so."""
    return _stemmer("english").stemWord(word)


# Forms no suffix stemmer can join to their word: plurals that change the vowel. Whole forms
# only (`städer` is `stad`, `städa` stays). Not the adjectives (`gamla`, `små`): they rarely
# say what a query is about, and "gamla pappa" is no "gammal cykel".
IRREGULAR = {
    form: word
    for word, forms in {
        "bok": "böcker böckerna", "tand": "tänder tänderna", "stad": "städer städerna",
        "mus": "möss mössen", "fot": "fötter fötterna", "son": "söner sönerna",
        "dotter": "döttrar döttrarna", "hand": "händer händerna", "land": "länder länderna",
        "natt": "nätter nätterna", "bror": "bröder bröderna", "syster": "systrar systrarna",
        "mor": "mödrar mödrarna", "far": "fäder fäderna", "strand": "stränder stränderna",
    }.items()
    for form in forms.split()
}  # fmt: skip


NEGATIONS = frozenset(("ingen", "inget", "inga"))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The stem of one lower-case word. Snowball's Swedish stemmer leaves the definite forms
    of words in -a (`förskolan`, `hyran`) and of neuters (`hemmet`): those lose their ending
    first; vowel-changing plurals are read as their word first (`böcker` → `bok`)."""
    if "-" in word:  # a hyphenated word is a compound: `a-kassa` is `akassa`
        return stem(word.replace("-", ""))
    if word in NEGATIONS:  # `ingen` is no `ing`, the ending of every `parkering`
        return "ingen"
    word = IRREGULAR.get(word, word)
    stemmed = _stemmer().stemWord(word)
    if stemmed == word and len(word) > 5:
        if word.endswith("an"):
            stemmed = _stemmer().stemWord(word[:-1])
        elif word.endswith("et"):
            stemmed = _stemmer().stemWord(word[:-2])
    return stemmed


def words(text: str) -> list[str]:
    """The content words of a text, lower-case, little words left out."""
    return [w for w in _WORD.findall(text.casefold()) if not little(w)]


def query_words(query: str) -> list[str]:
    """The words of a query that say what it is about: its content words, less those that
    only ask for a way to reach someone when others remain."""
    found = words(query)
    about = [w for w in found if fold(w) not in CONTACT_WORDS]
    return about or found


@lru_cache(maxsize=16384)  # names and synonyms repeat across entries
def stems(text: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in words(text))


def hyphen_parts(word: str) -> list[str]:
    """The parts of a hyphenated word that are no little words (`a-kassa` → `kassa`;
    `e-tjänster` → `e`, `tjänster`); none for a word without a hyphen."""
    return [p for p in word.split("-") if not little(p)] if "-" in word else []


@lru_cache(maxsize=16384)
def part_stems(text: str) -> tuple[str, ...]:
    """The stems of the parts of the hyphenated words of `text`: an entry holds them as words
    too (`tjänster` finds "Hjälp med e-tjänster")."""
    return tuple(stem(p) for w in words(text) for p in hyphen_parts(w))


def distance(a: str, b: str, limit: int) -> int:
    """Damerau–Levenshtein (optimal string alignment) distance, cut off above `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


# a verb's stem and the noun made of it are one word here: `parkera` → `parkering`,
# `felparkerad` → `felparkering`, `ploga` → `plogning` (the stemmer keeps them apart)
NOUN_ENDINGS = ("ing", "ning")


def _typos_allowed(query_stem: str) -> int:
    # a four-letter stem is one letter away from too many others (`käll`: kväll, fäll)
    return 0 if len(query_stem) < 5 else 1 if len(query_stem) < 8 else 2


LONG_WORD, LONG_TYPO = 7, 0.8  # a word this long with one typo matches this well

# a piece this long at the end of a word is taken as its last part whatever comes before;
# a shorter one only when what comes before is a word (`lov` in `bygglov`, not `son` in `person`)
SURE_LAST_PART = 5


def _compare(q: str, w: str, typos: bool = True, heads: frozenset[str] | None = None) -> float:
    if q == w:
        return 1.0
    short, long = (q, w) if len(q) <= len(w) else (w, q)
    ending = long[len(short) :] if long.startswith(short) else None
    if len(short) >= 3 and ending is not None and (len(ending) <= 2 or ending in NOUN_ENDINGS):
        # an ending the stemmer left (`vårdn` / `vårdnad`); short stems are less sure
        return 0.9 if len(short) >= 5 else 0.75 if len(short) == 4 else 0.55
    if len(q) >= 3 and w.startswith(q):
        return 0.7 if len(q) >= 4 else 0.55  # the first part of a compound
    if (
        len(q) >= 3
        and len(w) - len(q) >= 3
        and w.endswith(q)
        and (len(q) >= SURE_LAST_PART or heads is None or _is_head(w[: -len(q)], heads))
    ):
        return 0.6  # the last part of a compound (`lov` in `bygglov`)
    if not typos:
        return 0.0
    allowed = _typos_allowed(q)
    if allowed and (typos := distance(q, w, allowed)) <= allowed:
        # one slip in a long word is surely that word (`hemtjänts`); else less sure
        return LONG_TYPO if typos == 1 and len(q) >= LONG_WORD else 0.6
    if len(q) >= 5 and len(w) > len(q) and _one_typo_apart(q, w[: len(q)]):
        return 0.4  # a typo in the first part of a compound
    return 0.0


def _is_head(rest: str, heads: frozenset[str]) -> bool:
    """True when `rest`, the beginning of a word, is a word of `heads` as it is, with the
    linking s or e that joins it to the next part (`parkerings`, `familje`), or with an
    ending of one or two letters the stem keeps (`brottso` is no word)."""
    return (
        rest in heads
        or (rest[-1] in "se" and rest[:-1] in heads)
        or any(rest[:-cut] in heads for cut in (1, 2) if len(rest) - cut >= 3)
    )


def _one_typo_apart(a: str, b: str) -> bool:
    """`distance(a, b, 1) <= 1` for words of one length: one letter changed, or two
    neighbours swapped (what is left of a slip when both keep their length)."""
    differ = [i for i in range(len(a)) if a[i] != b[i]]
    if len(differ) <= 1:
        return True
    first, second = differ[0], differ[-1]
    return (
        len(differ) == 2 and second == first + 1 and a[first] == b[second] and a[second] == b[first]
    )


def match(
    query_stem: str,
    word_stem: str,
    folded_query: str = "",
    folded_word: str = "",
    typos: bool = True,
    heads: frozenset[str] | None = None,
) -> float:
    """How well a query word matches a word of an entry, both stemmed (0 = not at all).
    A query typed without the marks on å, ä and ö matches words with them, a little less
    (`forskola` is how many type `förskola`); one typed with marks means them (`tömt` is not
    `tomt`, `stör` not `stor`). The folded forms may be passed in. Without `typos`, only
    whole words, endings and parts of compounds match. With `heads` (the known words), a
    query stem under five letters matches the end of a word only after a known word."""
    score = _compare(query_stem, word_stem, typos, heads)
    if score < 1.0:
        folded_query = folded_query or fold(query_stem)
        folded_word = folded_word or fold(word_stem)
        if folded_query == query_stem and folded_word != word_stem:
            sure = FOLDED if len(query_stem) >= SURE_LAST_PART else FOLDED_SHORT
            score = max(score, sure * _compare(folded_query, folded_word, typos, heads))
    return score


# A query typed without marks matching a word with them: `forskola` can only be `förskola`,
# but a short stem has many marked readings (`nar`: `när`, `nära`, `når`), so it is less sure
FOLDED, FOLDED_SHORT = 0.9, 0.6


@dataclass(frozen=True)
class Hit:
    kind: str
    slug: str
    name: str
    score: float


@dataclass(frozen=True)
class Entry:
    kind: str
    slug: str
    name: str
    name_stems: frozenset[str]
    routed: str = ""  # a topic's: the slug of the function that answers it


@dataclass
class Index:
    """The search entries, prepared once per version of `index/search.json`:

    - `postings`: each word stem to the entries holding it, with its best field weight;
    - `phrases`: the stems of each name and synonym, as a whole, to the entries they name;
    - `forwards`, `backwards`: the stems (and their folded forms) sorted, and sorted
      back to front, to tell quickly whether a piece of a word begins or ends a known word.

    A query word is compared once with each distinct stem (and remembered), not with every
    word of every entry."""

    entries: tuple[Entry, ...]
    postings: dict[str, dict[int, float]]
    phrases: dict[tuple[str, ...], dict[int, int]]
    folded: dict[str, str] = field(init=False)
    positions: dict[tuple[str, str], int] = field(init=False)  # (kind, slug) → entry
    vocabulary: frozenset[str] = field(init=False)  # the stems, as they are and folded
    forwards: list[str] = field(init=False)
    backwards: list[str] = field(init=False)
    english: dict[str, tuple[str, ...]] = field(init=False)  # English stem → stems
    matches: dict[tuple[str, bool], dict[str, float]] = field(default_factory=dict)

    def __post_init__(self):
        self.positions = {(e.kind, e.slug): i for i, e in enumerate(self.entries)}
        self.folded = {w: fold(w) for w in self.postings}
        self.vocabulary = frozenset(self.postings) | frozenset(self.folded.values())
        self.forwards = sorted(self.vocabulary)
        self.backwards = sorted(w[::-1] for w in self.vocabulary)
        english: dict[str, list[str]] = {}
        for word in self.postings:
            if word.isascii():  # English words carry no marks
                english.setdefault(english_stem(word), []).append(word)
        self.english = {key: tuple(words) for key, words in english.items()}

    def matching(self, query_stem: str, typos: bool = True) -> dict[str, float]:
        """The stems of the index that `query_stem` matches, with how well."""
        found = self.matches.get((query_stem, typos))
        if found is None:
            folded = fold(query_stem)
            heads = self.vocabulary
            exact = {
                w: score
                for w, folded_word in self.folded.items()
                if (score := match(query_stem, w, folded, folded_word, False, heads)) > 0
            }
            forgiving = exact
            if max(exact.values(), default=0.0) < KNOWN:  # a word the index knows is no typo
                forgiving = {
                    w: score
                    for w, folded_word in self.folded.items()
                    if (score := match(query_stem, w, folded, folded_word, True, heads)) > 0
                }
            if len(self.matches) > 4096:
                self.matches.clear()
            self.matches[query_stem, False] = exact
            self.matches[query_stem, True] = forgiving
            found = forgiving if typos else exact
        return found

    def best(self, query_stem: str) -> float:
        return max(self.matching(query_stem).values(), default=0.0)

    def known(self, piece: str) -> float:
        """A quick look (no typos) at how well a piece of a word matches a known word: whole,
        with an ending left, as the beginning or as the end of a compound. The vocabulary
        holds the words folded too, for pieces typed without marks."""
        if piece in self.vocabulary:
            return 1.0
        if len(piece) >= 7 and any(piece[:-cut] in self.vocabulary for cut in (1, 2)):
            return 0.9
        if len(piece) >= 3 and _begins(self.forwards, piece):
            return 0.7 if len(piece) >= 4 else 0.55
        if len(piece) >= 3 and _begins(self.backwards, piece[::-1]):
            return 0.6
        return 0.0

    def scores(self, query_stem: str, typos: bool = True) -> tuple[dict[int, float], int]:
        """Entry → how well `query_stem` matches it (quality × field weight, at most 3), and
        how many entries it matches well (a whole word, or with an ending left; else the
        entries it matches best)."""
        scores: dict[int, float] = {}
        strong: set[int] = set()
        found = self.matching(query_stem, typos)
        # a word matched only weakly is as rare as the words it matches best (`nar` → `nära`)
        sure = min(KNOWN, max(found.values(), default=KNOWN))
        for word, quality in found.items():
            postings = self.postings[word]
            if quality >= sure:
                strong.update(postings)
            for position, weight in postings.items():
                score = quality * weight
                if score > scores.get(position, 0.0):
                    scores[position] = score
        return scores, len(strong)

    def idf(self, matched: int) -> float:
        return math.log(1 + len(self.entries) / (1 + matched))


def _begins(ordered: list[str], prefix: str) -> bool:
    """True when a word of `ordered` (sorted) begins with `prefix` and is longer."""
    at = bisect.bisect_right(ordered, prefix)
    return at < len(ordered) and ordered[at].startswith(prefix)


@lru_cache(maxsize=16384)
def _phrase_keys(phrase: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """A name or synonym as written, and as typed without marks (`forskola` asks for
    "förskola")."""
    folded = tuple(map(fold, phrase))
    return () if not phrase else (phrase,) if folded == phrase else (phrase, folded)


def _share(length: int) -> float:
    """How much of its field's weight a word of a name or synonym of `length` words carries:
    all of it as the only word, half of it plus a share of the other half among several
    ("simskola" says more about Simhall than "barn" says about "Oro för ett barn i Nordost").
    The text, a bag of the organisation's and the routed unit's names, is not shared out."""
    return 1.0 if length <= 1 else (1 + 1 / length) / 2


@lru_cache(maxsize=16384)  # an entry's synonyms repeat across its variants
def _weights(texts: tuple[str, ...], weight: float) -> tuple[tuple[str, float], ...]:
    """Each word of `texts` (a name, or an entry's synonyms) with its best weight, the parts
    of a hyphenated word as much as the word."""
    best: dict[str, float] = {}
    for text in texts:
        phrase = stems(text)
        shared = weight * _share(len(phrase))
        for word in phrase + part_stems(text):
            if shared > best.get(word, 0.0):
                best[word] = shared
    return tuple(best.items())


@lru_cache(maxsize=4)
def _prepared(etag: str, data: bytes) -> Index:
    entries = []
    postings: dict[str, dict[int, float]] = {}
    phrases: dict[tuple[str, ...], dict[int, int]] = {}
    text_weight = FIELD_WEIGHT["text"]
    for position, item in enumerate(json.loads(data)):
        name = stems(item["name"])
        synonym_texts = tuple(s for s in item.get("synonyms", []) if isinstance(s, str))
        synonyms = tuple(stems(s) for s in synonym_texts)
        text = item.get("text", "")
        for weighted in (
            _weights((item["name"],), FIELD_WEIGHT["name"]),
            _weights(synonym_texts, FIELD_WEIGHT["synonyms"]),
            [(word, text_weight) for word in stems(text) + part_stems(text)],
        ):
            for word, weight in weighted:
                found = postings.setdefault(word, {})
                if weight > found.get(position, 0.0):
                    found[position] = weight
        for rank, phrase in [(EXACT_NAME, name), *((EXACT_SYNONYM, s) for s in synonyms)]:
            for key in _phrase_keys(phrase):
                named = phrases.setdefault(key, {})
                named[position] = min(rank, named.get(position, rank))
        routed = item.get("function") or ""
        entries.append(Entry(item["kind"], item["slug"], item["name"], frozenset(name), routed))
    return Index(tuple(entries), postings, phrases)


# -- reading a query ----------------------------------------------------------------------

KNOWN = 0.9  # a query word matched this well is taken as it is, not split or joined
PART = 0.55  # each part of a split compound must match at least this well


def _split(word: str, index: Index) -> list[str] | None:
    """A compound the index does not know, cut into the parts it knows best
    (`parkeringsböter` → `parkering` + `böter`): at most three parts of three letters or more,
    the linking s or e between parts allowed. None when no cut gives known parts."""
    best: tuple[float, int, list[str]] | None = None
    for parts in _cuts(word, 3):
        readings = [max((stem(p), p), key=index.known) for p in parts]
        qualities = [index.known(r) for r in readings]
        # every part known, one of them as a word of its own (`kval` + `itet` is no reading)
        if min(qualities) < PART or max(qualities) < KNOWN:
            continue
        # each further part must earn its place: a cut costs 0.1 of the mean quality
        mean = sum(qualities) / len(parts)
        candidate = (mean - 0.1 * (len(parts) - 1), -len(parts), readings)
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    return best[2] if best else None


def _cuts(word: str, most: int):
    """Every way to cut `word` into at most `most` pieces of three letters or more; a linking
    s or e at the end of a piece may be dropped (`parkerings`+`böter`, `förskole`+`avgift`)."""
    if len(word) >= 3:
        yield [word]
    if most == 1:
        return
    for cut in range(3, len(word) - 2):
        head, rest = word[:cut], word[cut:]
        heads = [head, head[:-1]] if head[-1] in "se" and len(head) > 4 else [head]
        for tail in _cuts(rest, most - 1):
            for piece in heads:
                yield [piece, *tail]


def _head(word: str, index: Index) -> str:
    """The stem of the last part of a compound whose first part the index does not know
    (`dricksvatten` → `vatten`): the longest ending of five letters or more whose stem is a
    word of the index as it is, else an empty string."""
    for cut in range(3, len(word) - 4):
        tail = stem(word[cut:])
        if tail in index.postings:
            return tail
    return ""


@dataclass(frozen=True)
class Reading:
    """One way to read a query word: its parts, what each part's match counts for, and
    whether a part may match with a typo."""

    parts: tuple[str, ...]
    share: float = 1.0
    typos: bool = True


@dataclass(frozen=True)
class Term:
    """One query word as it is searched: as it is, or as the parts of a compound; `context`
    when it says only when or where (`natten`, `Hisingen`)."""

    readings: tuple[Reading, ...]
    context: bool = False


# Words of the city's names that name no place of their own ("Göteborgs kommun", "City of …").
NOT_PLACES = frozenset({"kommun", "kommunen", "stad", "staden", "city", "municipality"})


def _places() -> frozenset[str]:
    """The words, folded, of the city's districts, names and postal towns (the city profile's,
    remembered with it), as written: a stem would make `back` of Backa and `maj` of Majorna."""
    from serviceguiden.directory.validation import city_profile

    profile = city_profile()
    places = profile.extra.get("search_places")
    if places is None:
        names = (*profile.districts, *profile.postal_towns, profile.short_name, *profile.aliases)
        places = frozenset(fold(w) for name in names for w in words(name)) - NOT_PLACES
        profile.extra["search_places"] = places
    return places


def is_context(word: str) -> bool:
    """True when `word` says only when (`natten`, `helgen`) or where (a district, as written
    or in the genitive: `hisingen`, `göteborgs`) a thing is."""
    folded = fold(word)
    if folded in TIME_WORDS:
        return True
    places = _places()
    return folded in places or (folded.endswith("s") and folded[:-1] in places)


def _joined(word: str, following: str, index: Index) -> str:
    """The stem of the compound two words make (`bygg lov`, `parkering tillstånd`) when the
    index knows it, else an empty string. A known word that is only the first word with an
    ending is no compound (`report a rat` is not `reportr…`)."""
    for joined, head in (
        (stem(word + following), len(word)),
        (stem(word + "s" + following), len(word) + 1),
    ):
        if joined in index.vocabulary:
            return joined
        if len(joined) >= 7 and any(
            len(joined) - cut > head and joined[:-cut] in index.vocabulary for cut in (1, 2)
        ):
            return joined
    return ""


SPLIT_SHARE = 0.85  # a split compound's parts together, against a whole word
HEAD_SHARE = 0.6  # the last part of a compound alone
ENGLISH_SHARE = 0.9  # another English form of a known word, as good as an ending left


def _other_readings(word: str, index: Index) -> list[Reading]:
    """Other ways to read a word whose stem the index does not know: a hyphenated word as its
    parts (`a-kassa` → `kassa`, as a compound's parts), a word as typed (a typo can spoil the
    stem: `alltan`), an unknown compound as its parts or its last part, an English word as
    another English form of a word the index has (`bullied`)."""
    if "-" in word:
        parts = [stem(p) for p in hyphen_parts(word)]
        return [Reading(tuple(parts), SPLIT_SHARE / len(parts), typos=False)] if parts else []
    readings = []
    if stem(word) != word:
        readings.append(Reading((word,)))
    parts = _split(word, index) if len(word) >= 6 else None
    if parts and len(parts) > 1:
        readings.append(Reading(tuple(parts), SPLIT_SHARE / len(parts), typos=False))
    elif len(word) >= 8 and (head := _head(word, index)):
        readings.append(Reading((head,), HEAD_SHARE, typos=False))
    if word.isascii():
        for known in index.english.get(english_stem(word), ()):
            readings.append(Reading((known,), ENGLISH_SHARE, typos=False))
    return readings


def read_query(query: str, index: Index) -> list[Term]:
    """The query's words as terms: two words that make a known compound joined (`bygg lov`),
    an unknown compound also read as its parts (no typos in parts) or, when its first part is
    unknown, as its last part; a word whose stem is unknown also as typed."""
    raw = query_words(query)
    terms: list[Term] = []
    i = 0
    while i < len(raw):
        word = raw[i]
        joined = _joined(word, raw[i + 1], index) if i + 1 < len(raw) else ""
        if joined:
            both = (stem(word), stem(raw[i + 1]))
            terms.append(Term((Reading((joined,)), Reading(both, SPLIT_SHARE / 2))))
            i += 2
            continue
        readings = [Reading((stem(word),))]
        if index.best(stem(word)) < KNOWN:
            readings.extend(_other_readings(word, index))
        terms.append(Term(tuple(readings), is_context(word)))
        i += 1
    return terms


def _term_scores(term: Term, index: Index) -> dict[int, float]:
    """Entry → the term's score by its best reading, each word weighted by how rare it is;
    a split compound counts each part for its share, a little less than a whole word."""
    best: dict[int, float] = {}
    for reading in term.readings:
        summed: dict[int, float] = {}
        for part in reading.parts:
            scores, matched = index.scores(part, reading.typos)
            idf = index.idf(matched)
            for position, score in scores.items():
                summed[position] = summed.get(position, 0.0) + reading.share * idf * score
        for position, score in summed.items():
            if score > best.get(position, 0.0):
                best[position] = score
    return best


def _covered(entry: Entry, query_stems: set[str]) -> bool:
    """True when every word of the entry's name is matched by a query word."""
    return bool(entry.name_stems) and all(
        any(match(q, word) >= KNOWN for q in query_stems) for word in entry.name_stems
    )


_NUMBER = re.compile(r"\+?[\d\s()-]{3,20}")


def who_has_number(query: str) -> str:
    """A query that is only a phone number (`112`, `114 14`, `0771-567 567`): the names of
    whom the city profile knows it for (external actors, city companies, the contact center),
    to search for instead; empty when the query is no number the profile knows."""
    if not _NUMBER.fullmatch(query.strip()):
        return ""
    from serviceguiden.directory.validation import city_profile
    from serviceguiden.policy.profile import digits_of

    digits = digits_of(query)
    profile = city_profile()
    names = [o.name for o in (*profile.external_actors, *profile.city_companies)
             if digits in o.numbers]  # fmt: skip
    if digits in profile.contact_center.phones:
        names.append(profile.contact_center.name)
    service = profile.national_number(digits)
    if service is not None and service.answered_by:
        names.append(service.answered_by)
    return " ".join(names)


_NUMBER_IN_QUERY = re.compile(r"(?<!\w)\+?\d[\d\s()-]*\d(?!\w)")


def numbers_named(query: str) -> str:
    """The query with each phone number in it that the city profile knows replaced by whose
    it is (`ringa 1177` → `ringa 1177 Vårdguiden`, `112` → `SOS Alarm …`)."""
    return _NUMBER_IN_QUERY.sub(lambda m: who_has_number(m.group()) or m.group(), query)


def search(query: str, kinds=SUBJECT_KINDS, limit: int = 20) -> list[Hit]:
    """The best entries for `query`, best first (at most `limit`)."""
    artifact = store.read(store.SEARCH_PATH)
    query = numbers_named(query)
    if artifact is None or not words(query):
        return []
    index = _prepared(artifact.etag, artifact.data)
    terms = read_query(query, index)
    totals: dict[int, float] = {}
    counts: dict[int, int] = {}
    known_terms = 0
    context: dict[int, float] = {}  # what the words of when and where add
    rarest: dict[int, float] = {}  # the entries that match the query's rarest known word
    for term in terms:
        scores = _term_scores(term, index)
        known_terms += bool(scores)
        if not term.context and scores and (not rarest or len(scores) < len(rarest)):
            rarest = scores
        into = context if term.context else totals
        for position, score in scores.items():
            into[position] = into.get(position, 0.0) + score
            counts[position] = counts.get(position, 0) + 1
    about = bool(totals)  # `totals` holds, so far, the entries matching a word of what
    for position, score in context.items():
        # a word of when or where alone does not carry an entry when others say what
        share = 1.0 if not about or position in totals else CONTEXT_SHARE
        totals[position] = totals.get(position, 0.0) + share * score
    candidates = []
    for position, total in totals.items():
        entry = index.entries[position]
        if entry.kind in kinds:
            # words the registry knows but this entry lacks cost it; unknown words cost none
            score = total * (0.5 + 0.5 * counts[position] / known_terms)
            if entry.kind == ORGANISATION:
                # an organisation is found by its name only, which each of its units carries
                # too: matched alike, the unit a citizen contacts comes first (its exact
                # name still finds the organisation first)
                score *= ORGANISATION_SHARE
            candidates.append((score, position))
    candidates.sort(key=lambda c: -c[0])
    # a name or synonym said in full comes first, its words asking for a number included
    # ("stadens telefonnummer", "contact person"); else the words of what it is about
    exact = index.phrases.get(stems(query)) or index.phrases.get(
        tuple(term.readings[0].parts[0] for term in terms), {}
    )
    query_stems = {part for term in terms for reading in term.readings for part in reading.parts}
    order = {kind: rank for rank, kind in enumerate(SUBJECT_KINDS)}
    ranked = []
    for score, position in candidates[: max(4 * limit, 50)]:
        entry = index.entries[position]
        rank = exact.get(position, OTHER)
        if rank == OTHER and _covered(entry, query_stems):
            rank = NAME_COVERED
        ranked.append((rank, -score, order[entry.kind], entry.name, entry))
    ranked.sort(key=lambda r: r[:4])
    found = [(r[4], -r[1]) for r in ranked]
    if FUNCTION in kinds:
        found = _with_unit(found, index)
        found = _unit_of_first(found, index, rarest)
    return [Hit(e.kind, e.slug, e.name, round(score, 3)) for e, score in found[:limit]]


def known_word(word: str) -> bool:
    """Whether the published registry's words include `word`: as it is, with an ending, or as
    a part of a compound (matched as well as a query word taken as it is, `KNOWN`)."""
    artifact = store.read(store.SEARCH_PATH)
    if artifact is None or not words(word):
        return False
    index = _prepared(artifact.etag, artifact.data)
    return index.best(stem(word.casefold())) >= KNOWN


ORGANISATION_SHARE = 0.85
SHOWN = 3  # the first hits, those a visitor reads
RARE = 0.02  # a word found in at most this share of the entries is a rare one
CLEAR = 2.0  # a first hit scoring this many times the next is the clear answer


def _with_unit(found: list[tuple[Entry, float]], index: Index) -> list[tuple[Entry, float]]:
    """`found` with the function that answers two or more of the first hits (topics routed to
    it) shown right after the first of them, when the function itself matched no word of the
    query: topics have synonyms (English ones too), units only a name and a description, so
    "building permit" finds "Bygglov för altan" and "Bygglov för tillbyggnad" but not Bygglov,
    the unit a citizen contacts about both. It carries the score of the topic it follows.
    A unit the query found by its own words keeps the place its words give it."""
    first = [entry for entry, _score in found[:SHOWN]]
    routed = [entry.routed for entry in first if entry.routed]
    unit = next((slug for slug in routed if routed.count(slug) >= 2), "")
    position = index.positions.get((FUNCTION, unit))
    if position is None:
        return found
    entry = index.entries[position]
    if any(e is entry for e, _score in found):
        return found
    at = next(i for i, e in enumerate(first) if e.routed == unit) + 1
    return [*found[:at], (entry, found[at - 1][1]), *found[at:]]


def _unit_of_first(
    found: list[tuple[Entry, float]], index: Index, rarest: dict[int, float]
) -> list[tuple[Entry, float]]:
    """`found` with the function the first hit (a topic) is routed to moved up beside it:

    - when that function's own words match the query's rarest word as the topic does, it
      comes second and pushes out of the first hits the last that does not match that word
      ("uteservering" finds the topic on outdoor seating and Trafiktillstånd, whose
      description names it);
    - when the topic is the clear answer (it scores `CLEAR` times the next hit or more), it
      comes second, found by its words or not ("hundpark" finds the topic on dog parks by a
      synonym, and Parker och natur, which runs them)."""
    if not found or not found[0][0].routed:
        return found
    position = index.positions.get((FUNCTION, found[0][0].routed))
    if position is None:
        return found
    unit = index.entries[position]
    at = next((i for i, (e, _s) in enumerate(found) if e is unit), None)
    if at is not None and at < SHOWN:
        return found
    rest = [(e, score) for e, score in found if e is not unit]
    if len(rest) == 1 or rest[0][1] >= CLEAR * rest[1][1]:
        return [rest[0], (unit, found[at][1] if at is not None else rest[0][1]), *rest[1:]]
    if (
        at is None
        or len(rarest) > RARE * len(index.entries)
        or position not in rarest
        or index.positions.get((found[0][0].kind, found[0][0].slug)) not in rarest
    ):
        return found
    # it comes second and pushes out of the first hits the last one that does not match the
    # rarest word, if any: those that do keep their place among the first
    others = [e for e, _s in found[1:SHOWN] if index.positions[e.kind, e.slug] not in rarest]
    if not others:
        return found
    shown = [hit for hit in found[1:SHOWN] if hit[0] is not others[-1]]
    pushed = next(hit for hit in found[1:SHOWN] if hit[0] is others[-1])
    return [found[0], found[at], *shown, pushed, *found[SHOWN:at], *found[at + 1 :]]

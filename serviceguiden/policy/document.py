"""Documents: plain text, HTML or Markdown turned into searchable text that keeps a map back
to character offsets of the input, so that every finding's value is an exact substring.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from dataclasses import dataclass, field

# Spaces that break matching (no-break, thin, figure, narrow no-break, zero-width) become a
# plain space, one character for one, so offsets stay valid.
ODD_SPACES = re.compile("[\u00a0\u2002-\u200b\u202f\u205f\u3000\t\r\u00ad\ufeff]")
SPACE_TRANSLATION = str.maketrans(
    {
        "\u00a0": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u2004": " ",
        "\u2005": " ",
        "\u2006": " ",
        "\u2007": " ",
        "\u2008": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u202f": " ",
        "\u205f": " ",
        "\u3000": " ",
        "\t": " ",
        "\r": "\n",
        "\u200b": " ",
        "\u00ad": " ",
        "\ufeff": " ",
    }
)

# Tags that end a paragraph (a blank line in the text) and tags that end a line.
PARAGRAPH_TAGS = frozenset(
    """address article aside blockquote div dl fieldset figure footer form h1 h2 h3 h4 h5 h6
    header hr main nav ol p pre section table ul""".split()
)
LINE_TAGS = frozenset(
    "br dd dt figcaption li tbody td tfoot th thead tr option button label".split()
)
HTML_TOKEN = re.compile(r"<(?:(!--)|(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>|[!?][^>]*>)")
RAW_TEXT_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "textarea"})
ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});?")
HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
HTML_SNIFF = re.compile(
    r"<(?:!doctype|html|body|div|p|a|span|br|h[1-6]|ul|li|table|section|article)\b", re.I
)
MARKDOWN_SNIFF = re.compile(r"^(?:#{1,6} |\* |- |\d+\. |> )|\[[^\]]+\]\([^)]+\)", re.M)


@dataclass
class Link:
    """An <a href> in an HTML document: its target and where the target sits in the input."""

    href: str
    start: int  # raw offsets of the href value
    end: int
    text_start: int  # text offsets of the link text
    text_end: int


@dataclass
class Document:
    raw: str
    text: str
    fmt: str
    # For HTML: where each piece of `text` came from, as parallel lists sorted by text offset:
    # text start, raw start, raw end, and whether the piece is a verbatim copy of the raw span.
    piece_text: list[int] = field(default_factory=list)
    piece_raw: list[int] = field(default_factory=list)
    piece_raw_end: list[int] = field(default_factory=list)
    piece_verbatim: list[bool] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)

    def _raw_at(self, at: int, end: bool) -> int:
        index = bisect_right(self.piece_text, at) - 1
        if index < 0:
            return 0
        if self.piece_verbatim[index]:
            return self.piece_raw[index] + (at - self.piece_text[index]) + (1 if end else 0)
        return self.piece_raw_end[index] if end else self.piece_raw[index]

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the input that produced text[start:end]."""
        if not self.piece_text:
            return start, end
        if end <= start:
            at = self._raw_at(start, False)
            return at, at
        return self._raw_at(start, False), self._raw_at(end - 1, True)


def _space_for(match: re.Match) -> str:
    return SPACE_TRANSLATION[ord(match.group())]


def normalise_spaces(text: str) -> str:
    return ODD_SPACES.sub(_space_for, text)


def sniff(raw: str) -> str:
    head = raw[:4000]
    if HTML_SNIFF.search(head):
        return "html"
    if MARKDOWN_SNIFF.search(head):
        return "markdown"
    return "text"


def load(raw: str, fmt: str | None = None) -> Document:
    fmt = fmt or sniff(raw)
    if fmt == "html":
        return _from_html(raw)
    if fmt not in {"text", "markdown"}:
        raise ValueError(f"unknown format {fmt!r}: use text, html or markdown")
    # Plain text and Markdown are searched as they are; Markdown links keep their targets in
    # the text, where the extractors find mailto:, tel: and web addresses.
    return Document(raw=raw, text=normalise_spaces(raw), fmt=fmt)


def _find_end_tag(raw: str, name: str, start: int) -> int:
    found = [
        i for i in (raw.find("</" + name, start), raw.find("</" + name.upper(), start)) if i >= 0
    ]
    if found:
        return min(found)
    match = re.compile("</" + name, re.I).search(raw, start)  # '</Script>': rare mixed case
    return match.start() if match else -1


def _from_html(raw: str) -> Document:
    doc = Document(raw=raw, text="", fmt="html")
    pieces: list[str] = []
    links: list[Link] = []
    open_link: tuple[str, int, int, int] | None = None
    length = 0

    piece_text, piece_raw = doc.piece_text, doc.piece_raw
    piece_raw_end, piece_verbatim = doc.piece_raw_end, doc.piece_verbatim

    def add(text: str, raw_start: int, raw_end: int, verbatim: bool) -> None:
        nonlocal length
        pieces.append(text)
        piece_text.append(length)
        piece_raw.append(raw_start)
        piece_raw_end.append(raw_end)
        piece_verbatim.append(verbatim)
        length += len(text)

    def add_text(a: int, b: int) -> None:
        nonlocal length
        segment = raw[a:b]
        if (not pieces or pieces[-1][-1:] == "\n") and segment.isspace():
            return  # indentation between block elements is not text: no blank-looking lines
        if "&" not in segment:  # the common case, inlined
            pieces.append(segment.replace("\n", " "))  # source line breaks are only spaces
            piece_text.append(length)
            piece_raw.append(a)
            piece_raw_end.append(b)
            piece_verbatim.append(True)
            length += b - a
            return
        cursor = 0
        for match in ENTITY.finditer(segment):
            if match.start() > cursor:
                add(segment[cursor : match.start()].replace("\n", " "), a + cursor,
                    a + match.start(), True)  # fmt: skip
            decoded = html.unescape(match.group())
            add(decoded, a + match.start(), a + match.end(), len(decoded) == 0)
            cursor = match.end()
        if cursor < len(segment):
            add(segment[cursor:].replace("\n", " "), a + cursor, b, True)

    cursor = 0
    while True:
        token = HTML_TOKEN.search(raw, cursor)
        if token is None:
            break
        if token.start() > cursor:
            add_text(cursor, token.start())
        cursor = token.end()
        if token.group(1):  # a comment: skip to its end
            close = raw.find("-->", token.end())
            cursor = len(raw) if close < 0 else close + 3
            continue
        name = (token.group(3) or "").lower()
        if not name:
            continue
        closing = token.group(2) == "/"
        if name in RAW_TEXT_TAGS and not closing:
            # Script, style and the like: their content is not text; jump to the end tag.
            close = _find_end_tag(raw, name, token.end())
            if close < 0:
                cursor = len(raw)
            else:
                end = raw.find(">", close)
                cursor = len(raw) if end < 0 else end + 1
            continue
        if name == "a":
            if not closing:
                href = HREF.search(token.group(4) or "")
                if href:
                    group = next(g for g in (1, 2, 3) if href.group(g) is not None)
                    base = token.start(4)
                    value = href.group(group)
                    open_link = (value, base + href.start(group), base + href.end(group), length)
            elif open_link is not None:
                value, a, b, text_start = open_link
                links.append(Link(html.unescape(value), a, b, text_start, length))
                open_link = None
        elif name in PARAGRAPH_TAGS or name in LINE_TAGS:
            tail = pieces[-1][-1:] if pieces else "\n"
            previous = pieces[-2][-1:] if len(pieces) > 1 else "\n"
            if name in PARAGRAPH_TAGS and not (tail == "\n" and previous == "\n"):
                add("\n", token.start(), token.start(), False)
                if tail != "\n":
                    add("\n", token.start(), token.start(), False)
            elif name in LINE_TAGS and tail != "\n":
                add("\n", token.start(), token.start(), False)
    if cursor < len(raw):
        add_text(cursor, len(raw))
    doc.text = normalise_spaces("".join(pieces))
    doc.links = links
    return doc

"""The user guide for contact owners, shown in the editor. Its text is Markdown in
`docs/anvandarguide.md` (also read on its own in the repository); the package carries it as
`web/guide/anvandarguide.md` (a link to that file), so an installed copy shows it too."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.views.decorators.http import require_safe
from markdown_it import MarkdownIt

GUIDE = Path(__file__).parent / "guide" / "anvandarguide.md"


@lru_cache(maxsize=1)
def rendered(path: Path = GUIDE) -> tuple[str, str, list[tuple[str, str]]]:
    """(title, HTML body, [(anchor, heading)] of the sections). Raw HTML in the text is
    escaped, not passed on; every section heading gets an id for the table of contents."""
    parser = MarkdownIt("commonmark", {"html": False})
    tokens = parser.parse(path.read_text(encoding="utf-8"))
    title, sections = "", []
    if tokens and tokens[0].tag == "h1":  # the page's own <h1>, outside the body
        title, tokens = tokens[1].content, tokens[3:]
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            text = tokens[index + 1].content
            token.attrSet("id", slugify(text))
            if token.tag == "h2":
                sections.append((slugify(text), text))
    body = parser.renderer.render(tokens, parser.options, {})
    return title, body, sections


@login_required
@require_safe
def user_guide(request):
    title, body, sections = rendered()
    return render(
        request, "web/editor/guide.html",
        {"title": title, "body": mark_safe(body), "sections": sections},
    )  # fmt: skip

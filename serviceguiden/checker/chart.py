"""The trend over runs as a small server-rendered SVG line chart: one line per principle,
told apart by colour, dash pattern and a label at the line's end (not by colour alone).
Pages show the same numbers in a table beside it for screen readers."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 48, 56, 16, 40
STYLES = {
    "P1": ("#5b3a99", "2 3"),
    "P2": ("#005ea5", ""),
    "P3": ("#b3261e", "8 4"),
    "P4": ("#1e6b35", "3 3"),
}


def trend_svg(labels: list[str], series: dict[str, list[int]], title: str, desc: str) -> SafeString:
    """`labels`: one per run (oldest first); `series`: principle -> one count per run."""
    top = max([1, *(v for values in series.values() for v in values)])
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(1, len(labels) - 1)

    def x(i: int) -> float:
        return LEFT + (i * step if len(labels) > 1 else plot_w / 2)

    def y(v: int) -> float:
        return TOP + plot_h - v / top * plot_h

    parts = [
        f'<svg class="trend" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        'aria-labelledby="trend-title trend-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="trend-title">{escape(title)}</title>',
        f'<desc id="trend-desc">{escape(desc)}</desc>',
    ]
    for tick in sorted({0, top // 2, top}):
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
            'stroke="#c9d1d9" stroke-width="1"/>'
            f'<text x="{LEFT - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" font-size="12" '
            f'fill="#333">{tick}</text>'
        )
    for i, label in enumerate(labels):
        parts.append(
            f'<text x="{x(i):.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle" '
            f'font-size="12" fill="#333">{escape(label)}</text>'
        )
    for principle, values in sorted(series.items()):
        colour, dash = STYLES.get(principle, ("#333", ""))
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values))
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2.5"'
            f"{dashes}/>"
        )
        parts.extend(
            f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="3.5" fill="{colour}"/>'
            for i, v in enumerate(values)
        )
        if values:
            parts.append(
                f'<text x="{x(len(values) - 1) + 8:.1f}" y="{y(values[-1]) + 4:.1f}" '
                f'font-size="13" font-weight="700" fill="{colour}">{principle}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped

"""A status badge: a small SVG with the overall health and the open P0 count. Pure.

Drawn by hand in the flat style of shields.io, so it needs no network and no font: text widths
come from a fixed table of Verdana 11px advances (rounded), which makes the bytes depend only on
the data. Everything shown is computed (the rollup and the blocker count), never typed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .derive import p0_blockers, rollup
from .vocabulary import ROLLUP_NAMES

if TYPE_CHECKING:
    from .dataset import Dataset
    from .vocabulary import Label, Level

COLOURS: dict[str, str] = {"ok": "#2da44e", "warn": "#bf8700", "fail": "#cf222e"}
LABEL_COLOUR = "#555"
LABEL = "status"
# Approximate advance widths of Verdana at 11px, in tenths of a pixel.
_WIDE = dict.fromkeys("MW", 99) | dict.fromkeys("ABCDEGHKNOPQRSUVXYZ", 75) | dict.fromkeys("FJLT", 63)
_WIDTHS = _WIDE | dict.fromkeys("I", 42) | dict.fromkeys("0123456789", 70) | {" ": 35, "·": 35}
_DEFAULT_WIDTH = 62
_PADDING = 6


def text_width(text: str) -> int:
    """Pixels the text takes in the badge (an estimate, the same on every machine)."""
    return (sum(_WIDTHS.get(c, _DEFAULT_WIDTH) for c in text) + 9) // 10


def message(data: Dataset, labels: dict[str, Label]) -> tuple[Level, str]:
    level = rollup(data.components, labels)
    p0 = len(p0_blockers(data.blockers))
    return level, f"{ROLLUP_NAMES[level]} · {p0} P0" if p0 else f"{ROLLUP_NAMES[level]} · no P0"


def badge_svg(data: Dataset, labels: dict[str, Label]) -> str:
    level, text = message(data, labels)
    left = text_width(LABEL) + 2 * _PADDING
    right = text_width(text) + 2 * _PADDING
    width = left + right
    title = f"{LABEL}: {text}"
    # SVG text positions are in tenths (scale(.1)) as shields.io does, for crisp rounding.
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="20" role="img" aria-label="{title}">'
        f"<title>{title}</title>"
        '<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/>'
        '<stop offset="1" stop-opacity=".1"/></linearGradient>'
        f'<clipPath id="r"><rect width="{width}" height="20" rx="3" fill="#fff"/></clipPath>'
        f'<g clip-path="url(#r)"><rect width="{left}" height="20" fill="{LABEL_COLOUR}"/>'
        f'<rect x="{left}" width="{right}" height="20" fill="{COLOURS[level]}"/>'
        f'<rect width="{width}" height="20" fill="url(#s)"/></g>'
        '<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="110">'
        f'<text x="{left * 5}" y="140" transform="scale(.1)">{LABEL}</text>'
        f'<text x="{left * 10 + right * 5}" y="140" transform="scale(.1)">{text}</text>'
        "</g></svg>\n"
    )

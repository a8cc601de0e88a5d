"""Formats: one line of Markdown with ``{placeholders}``, filled with escaped values.

A format is what a section's layout says a table cell (``columns``) or a list item shows, for
example ``**{name}**`` or ``{icon} {status}``: literal Markdown written by the user around
placeholders that the record fills in. Pure functions, shared by every layout option:

- ``check(fmt, known)`` validates a format when the outline is loaded and returns the problem as
  a sentence (the caller adds ``outline.yaml:line:column``), or None;
- ``fill(fmt, values)`` puts the values in, each escaped with ``escape.inline`` so it shows as
  written and can never end the cell or the line;
- ``names(fmt)`` lists the placeholders a format uses; ``table_row(cells)`` joins cells into a row.

Syntax: ``{name}`` inserts a value; ``{name:code}`` inserts it as an inline code span
(``escape.code``); ``{{`` and ``}}`` are literal braces. A cell whose placeholders are all empty
is empty (``**{note}**`` with no note gives ``""``, not ``****``); the result has no spaces at its
ends (``{icon} {status}`` without a status gives the icon alone).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Mapping, Sequence

from .escape import code, inline
from .hints import closest

MAX_FORMAT = 500
CONVERSIONS = ("code",)
_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_NAME = re.compile(r"[a-z_][a-z0-9_]*\Z")
_BREAK = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")
# A '|' not preceded by an odd number of backslashes ends a table cell.
_BARE_PIPE = re.compile(r"(?<!\\)(?:\\\\)*\|")


@functools.lru_cache(maxsize=512)
def _pieces(fmt: str) -> tuple[tuple[str, str, str], ...]:
    """(literal text, placeholder name, conversion) triples; name "" for a literal piece.

    Cached: a table's or list's few formats are filled once per record.
    """
    pieces: list[tuple[str, str, str]] = []
    at = 0
    for match in _TOKEN.finditer(fmt):
        literal = fmt[at : match.start()]
        at = match.end()
        token = match.group()
        if token in ("{{", "}}"):
            pieces.append((literal + token[0], "", ""))
        elif match.group(1) is None:
            raise ValueError(f"a lone '{token}' (write '{token}{token}' for a literal brace)")
        else:
            name, _, conversion = match.group(1).strip().partition(":")
            pieces.append((literal, name.strip(), conversion.strip()))
    pieces.append((fmt[at:], "", ""))
    return tuple(pieces)


def names(fmt: str) -> list[str]:
    """The placeholders ``fmt`` uses, in order (a format that ``check`` accepted)."""
    return [name for _, name, _ in _pieces(fmt) if name]


def check(fmt: str, known: Collection[str], *, cell: bool = True) -> str | None:
    """What is wrong with ``fmt`` (a sentence with the fix), or None.

    ``known`` are the placeholders the record offers; ``cell`` forbids an unescaped ``|`` (it would
    end a table cell; write ``\\|``).
    """
    if not fmt.strip():
        return "the format is empty; write the cell's text with placeholders, for example '{name}'"
    if _BREAK.search(fmt):
        return "a format is one line: remove the line break or control character"
    if len(fmt) > MAX_FORMAT:
        return f"the format is longer than {MAX_FORMAT} characters"
    if cell and _BARE_PIPE.search(fmt):
        return "a '|' would end the table cell: write '\\|' for a literal bar"
    try:
        pieces = _pieces(fmt)
    except ValueError as exc:
        return str(exc)
    listed = ", ".join(f"{{{name}}}" for name in known)
    for _, name, conversion in pieces:
        if not name and not conversion:
            continue
        if not _NAME.match(name) or name not in known:
            close = closest(name, list(known))
            hint = f"; did you mean {{{close}}}?" if close else ""
            return f"unknown placeholder {{{name}}}{hint} (known: {listed})"
        if conversion and conversion not in CONVERSIONS:
            return f"unknown conversion '{{{name}:{conversion}}}'; the only one is ':code' (an inline code span)"
    return None


def fill(fmt: str, values: Mapping[str, object]) -> str:
    """``fmt`` with each placeholder replaced by its value, escaped; "" when every value is empty.

    A missing or None value counts as empty. ``fmt`` must be one that ``check`` accepted.
    """
    pieces = _pieces(fmt)
    texts = {name: _text(values.get(name)) for _, name, _ in pieces if name}
    if texts and not any(texts.values()):
        return ""
    out = []
    for literal, name, conversion in pieces:
        out.append(literal)
        if name and texts[name]:
            out.append(code(texts[name]) if conversion == "code" else inline(texts[name]))
    return "".join(out).strip()


def _text(value: object) -> str:
    return "" if value is None else str(value)


def table_row(cells: Sequence[str]) -> str:
    """``| a | b |``; an empty cell is ``| |`` (cells are already Markdown)."""
    return "|" + "".join(f" {cell} |" if cell else " |" for cell in cells)

"""Check the rendered Markdown before it is written: normal form and intact tables."""

from __future__ import annotations

import re

from .errors import Location, StatusGenError

_PIPE = re.compile(r"(?<!\\)(?:\\\\)*\|")


def normalise(text: str) -> str:
    """LF only, no trailing spaces, exactly one final newline."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n") + "\n"


def check_tables(text: str, display: str) -> None:
    """Every table row has as many cells in the source as its header has columns.

    GFM silently drops surplus cells and pads missing ones, so the parsed table alone cannot show
    that a stray '|' or line break moved text; the source rows are counted instead.
    """
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark").enable("table")
    lines = text.split("\n")
    for token in parser.parse(text):
        if token.type != "table_open" or token.map is None:
            continue
        start, end = token.map
        rows = [line for line in lines[start:end] if line.strip()]
        expected = _cells(rows[0])
        for offset, row in enumerate(rows[1:], start=1):
            found = _cells(row)
            if found != expected:
                raise StatusGenError(
                    f"rendered table row has {found} cells, its header {expected}: "
                    "a template writes a cell without the 'md' filter",
                    Location(display, start + offset + 1, 1),
                )


def _cells(row: str) -> int:
    stripped = row.strip()
    pipes = len(_PIPE.findall(stripped))
    return pipes + 1 - stripped.startswith("|") - (stripped.endswith("|") and not stripped.endswith("\\|"))

"""Table rows with more or fewer cells than their header, evened out before import.

GitHub pads a short row and silently drops a long row's surplus cells, so a hand-written table
can carry a row whose last words nobody sees. status-gen refuses such rows in what it renders
(the pipe that split them was likely meant as text), so import evens them: a short row gets
empty cells, and a long row's surplus joins its last cell with the pipes escaped, so the hidden
words become visible rather than lost. Each edit is a note naming the line and the cell counts.
"""

from __future__ import annotations

from ..verify import PIPE, cell_count, table_spans


def even_rows(text: str) -> tuple[str, dict[int, str]]:
    """``text`` with every table row at its header's cell count, and a note per 0-based line changed."""
    if "|" not in text:
        return text, {}
    lines = text.split("\n")
    notes: dict[int, str] = {}
    for start, end in table_spans(text, lines):
        header = cell_count(lines[start])
        for number in range(start + 2, end):
            found = cell_count(lines[number]) if lines[number].strip() else header
            if found == header:
                continue
            lines[number] = _evened(lines[number], found, header)
            what = "empty cells were added" if found < header else "the surplus (GitHub hides it) joins the last cell"
            cells = "cell" if found == 1 else "cells"
            notes[number] = f"The table row had {found} {cells} under a header of {header}; {what}."
    return "\n".join(lines), notes


def _evened(row: str, found: int, wanted: int) -> str:
    body = row.rstrip()
    closed = body.endswith("|") and not body.endswith("\\|")
    if found < wanted:
        return body + " |" * (wanted - found + (0 if closed else 1))
    # Escape every pipe after the one that ends cell number 'wanted - 1' (the leading pipe aside).
    inner = body[:-1] if closed else body
    leading = inner.lstrip().startswith("|")
    pipes = list(PIPE.finditer(inner))
    keep = wanted - 1 + leading  # pipes that still separate cells
    out, last = [], 0
    for match in pipes[keep:]:
        bar = match.end() - 1  # the '|' itself; backslashes before it stay as they were
        out.append(inner[last:bar] + "\\|")
        last = bar + 1
    out.append(inner[last:])
    return "".join(out) + (" |" if not closed else "|")

"""Where a YAML key stands against the keys around it: the hints for indentation mistakes.

A key indented differently from its siblings makes the parser say "did not find expected key" or
"mapping values are not allowed here", which names no key and no column. A key dedented to the
level of its parent parses fine but lands in the wrong mapping, where it becomes a "duplicate
key" or an "unknown key". Both are found by comparing the key's column with the keys above it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

# A line holding a mapping key (after any '- ' sequence indicators): its indentation and the key.
_KEY_LINE = re.compile(
    r"^( *)((?:- +)*)((?:[^\s#'\"\-{}\[\]][^:#]*?)|'[^']*'|\"[^\"]*\"|-[^\s:#][^:#]*?) *:(?:[ \t]|$)"
)


class Neighbour(NamedTuple):
    """A key line above the one in question: its key, line number and the key's 1-based column."""

    key: str
    line: int
    column: int


def key_at(line: str) -> tuple[str, int] | None:
    """The key a line holds and its 1-based column, or None when it holds no mapping key."""
    match = _KEY_LINE.match(line)
    if match is None:
        return None
    return match[3].strip("'\""), match.start(3) + 1


def _keys_above(lines: Sequence[str], index: int) -> list[Neighbour]:
    """Key lines above line ``index`` (0-based), nearest first, skipping blanks and comments."""
    found = []
    for i in range(index - 1, -1, -1):
        stripped = lines[i].strip()
        if not stripped or stripped.startswith("#"):
            continue
        key = key_at(lines[i])
        if key is not None:
            found.append(Neighbour(key[0], i + 1, key[1]))
    return found


def misaligned(text: str, line: int) -> str | None:
    """For a key that lines up with no mapping above it: how far it is from the nearest one.

    Used where the parser failed on ``line``. The enclosing mappings are the key lines above with
    ever smaller columns; the key belongs to the one whose column is nearest (the deeper one on a
    tie), and the message says by how much it misses it.
    """
    lines = text.splitlines()
    if not 1 <= line <= len(lines) or (own := key_at(lines[line - 1])) is None:
        return None
    key, column = own
    enclosing: list[Neighbour] = []
    for neighbour in _keys_above(lines, line - 1):
        if not enclosing or neighbour.column < enclosing[-1].column:
            enclosing.append(neighbour)
    if not enclosing or any(n.column == column for n in enclosing):
        return None
    sibling = min(enclosing, key=lambda n: (abs(n.column - column), -n.column))
    return f"'{key}' is {_offset(column - sibling.column)} the other keys of this mapping " + (
        f"('{sibling.key}' on line {sibling.line}); line it up with them"
    )


def dedented(lines: Sequence[str], line: int) -> str | None:
    """For a key that directly follows a deeper block: the hint that it may belong to that block.

    Used where a key parsed but landed in the wrong mapping (a duplicate or unknown key there).
    ``lines`` is the file's text, split once by the caller (it may be asked about many keys).
    """
    if not 1 <= line <= len(lines) or (own := key_at(lines[line - 1])) is None:
        return None
    above = _keys_above(lines, line - 1)
    if not above or above[0].column <= own[1]:
        return None
    previous = above[0]
    shift = previous.column - own[1]
    return (
        f"'{own[0]}' is {_offset(-shift)} the keys of the mapping just above ('{previous.key}' on line "
        f"{previous.line}); if it belongs there, indent it {shift} column{'s' if shift != 1 else ''} more"
    )


def _offset(difference: int) -> str:
    columns = "column" if abs(difference) == 1 else "columns"
    return f"indented {abs(difference)} {columns} {'more' if difference > 0 else 'less'} than"

"""Recognisers: each looks at the document from one block on and may claim it as records.

A recogniser is a function ``(context, index) -> Found | None``. Offered block ``index``, it either
declines (``None``) or takes that block and possibly the next few, returning the records they
hold and the outline entry that renders them back. Whatever no recogniser takes stays verbatim in a
free section, so a recogniser only claims what the section's template prints back line for line:
declining is always safe, a wrong claim loses the user's text.

``RECOGNISERS`` is tried in order at every block; the first that claims wins.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from ..vocabulary import DEFAULT_LABELS
from .blocks import Block, plain_heading

if TYPE_CHECKING:
    from ..claims import Claims
    from ..vocabulary import Label

_SLUG = re.compile(r"[^a-z0-9]+")


class Found(NamedTuple):
    blocks: int  # how many blocks it takes, from the one it was offered
    file: str  # the data file its records go to, e.g. "checklists.yaml"
    key: str  # that file's top-level key, e.g. "checklists"
    records: list[dict[str, object]]
    section: dict[str, object]  # the outline entry that renders them, 'kind' first
    # 0-based first line of each record, so a note about a line goes above the record holding it
    # (None: every note about the claimed blocks goes above the first record).
    record_lines: list[int] | None = None


@dataclass
class Context:
    """What every recogniser may read: the document, its blocks and lint's claims about it."""

    lines: list[str]
    source: str
    blocks: list[Block]
    claims: Claims
    ids: dict[str, set[str]] = field(default_factory=dict)  # data file key -> ids taken so far
    labels: dict[str, Label] = field(default_factory=lambda: dict(DEFAULT_LABELS))  # the project's status labels

    def unique(self, key: str, base: str, fallback: str) -> str:
        """An id for a new record of ``key``, from ``base`` (a heading, a name), unused so far."""
        taken = self.ids.setdefault(key, set())
        stem = slug(base) or fallback
        name, n = stem, 2
        while name in taken:
            name, n = f"{stem}-{n}", n + 1
        taken.add(name)
        return name

    def block_lines(self, block: Block) -> list[str]:
        return self.lines[block.start : block.end]


Recogniser = Callable[[Context, int], "Found | None"]


def slug(text: str) -> str:
    return _SLUG.sub("-", text.lower()).strip("-")[:60].strip("-")


def heading_entry(kind: str, heading: str, level: int, **options: object) -> dict[str, object]:
    """An outline entry under ``heading``; ``level`` is left out when it is the default (2)."""
    entry: dict[str, object] = {"kind": kind, **options, "heading": heading}
    if level != 2:
        entry["level"] = level
    return entry


# A checklist item whose text the template prints unchanged (its text is escaped as Markdown).
_PLAIN_TASK = re.compile(r"^[-*+] \[([ xX])\] ([A-Za-z0-9][A-Za-z0-9 .,:;()'/+#%=-]*)$")


def checklist(context: Context, index: int) -> Found | None:
    """A plain heading directly over a list of nothing but plain ``[x]`` / ``[ ]`` items."""
    blocks = context.blocks
    if index + 1 >= len(blocks) or blocks[index + 1].type != "bullet_list":
        return None
    heading = plain_heading(blocks[index], context.lines)
    if heading is None:
        return None
    content = [line.rstrip() for line in context.block_lines(blocks[index + 1]) if line.strip()]
    matches = [_PLAIN_TASK.match(line) for line in content]
    if not content or not all(matches):
        return None
    title, level = heading
    ident = context.unique("checklists", title, "checklist")
    items: list[dict[str, object]] = [
        {"text": m.group(2).strip(), "done": m.group(1) != " "} for m in matches if m is not None
    ]
    record: dict[str, object] = {"id": ident, "title": title, "items": items}
    return Found(2, "checklists.yaml", "checklists", [record], heading_entry("checklists", title, level, id=ident))


# Lists of other records (lists.py) import this module's Context and Found, so they come in last.
from .lists import bare_list, heading_list  # noqa: E402

RECOGNISERS: list[Recogniser] = [checklist, heading_list, bare_list]

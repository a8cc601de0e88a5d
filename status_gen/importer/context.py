"""What recognisers share: the document they read (``Context``) and what they claim (``Found``)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from ..vocabulary import DEFAULT_LABELS

if TYPE_CHECKING:
    from ..claims import Claims
    from ..vocabulary import Label
    from .blocks import Block

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

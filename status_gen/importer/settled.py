"""What settling a document's contradictions hands the import (``resolve.py`` makes it).

Apart from resolve.py so that a document lint finds nothing in is imported without loading it.
"""

from __future__ import annotations

import unicodedata
from typing import NamedTuple


class Resolution(NamedTuple):
    text: str  # the document with each settled contradiction edited to the kept value
    origin: list[int]  # 0-based line of ``text`` -> 1-based line of the original document
    notes: dict[int, list[str]]  # 0-based line of ``text`` -> notes about the value kept there
    project_notes: list[str]  # notes about the document's own date (they go to project.yaml)
    found: int  # lint's findings on the original
    left: int  # findings still there after the edits

    @classmethod
    def as_written(cls, text: str) -> Resolution:
        """Nothing to settle: the text as it is, each line its own origin."""
        return cls(text, list(range(1, text.count("\n") + 2)), {}, [], 0, 0)


def printable(text: str) -> str:
    """``text`` on one line of printable characters: YAML refuses control characters even in comments."""
    text = "".join(" " if unicodedata.category(c).startswith(("C", "Z")) and c != " " else c for c in text)
    return " ".join(text.split())

"""The ``columns`` layout: a section drawn as a table whose headers and cells the outline names.

``PLACEHOLDERS`` says which values each kind's records offer to a cell format (layout.py);
``values`` computes them for one record; ``table`` draws the whole table. Pure: the renderer
passes what it knows about statuses and counts through ``Lookups`` (``view.View`` is one), and
``status-gen import`` passes its own to check, before it claims a table, that the table comes
back line for line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

from .escape import inline
from .layout import fill, table_row

if TYPE_CHECKING:
    from . import models as m
    from .derive import Status

_STATUS = ("status", "icon")
_COUNTS = ("passed", "total", "failed", "rate")
# What a cell format may use, by section kind; 'field' is the record's ``fields`` entry named by
# the column's header (a column without ``cell`` shows just that).
PLACEHOLDERS: dict[str, tuple[str, ...]] = {
    "components": ("name", *_STATUS, "note", "owner", "capability", "checked", *_COUNTS, "field"),
    "tests": ("name", *_STATUS, "note", *_COUNTS, "issue", "field"),
    "milestones": ("name", *_STATUS, "note", "owner", "percent", "start", "due", "completed", "field"),
    "risks": ("title", *_STATUS, "severity", "owner", "component", "mitigation", "note", "field"),
    "metrics": ("label", "value"),
}
_RULE_CELL = re.compile(r"\s*:?-+:?\s*\Z")


class Lookups(Protocol):
    """What drawing a row needs besides the record."""

    def status(self, label: str) -> Status: ...

    def counts(self, record: Any) -> tuple[int, int] | None: ...

    def component_name(self, component_id: str) -> str: ...


def rule_problem(rule: str, columns: int) -> str | None:
    """Why ``rule`` is not a table's separator line for ``columns`` columns, or None."""
    cells = rule.strip().removeprefix("|").removesuffix("|").split("|")
    if not all(_RULE_CELL.match(cell) for cell in cells):
        return "the rule is a table's separator line, such as '|---|:---:|' (dashes, colons, bars)"
    if len(cells) != columns:
        return f"the rule has {len(cells)} cells for {columns} columns"
    return None


def values(kind: str, record: Any, lookups: Lookups) -> dict[str, object]:
    """The placeholders' values for one record (raw text; ``layout.fill`` escapes them), but 'field'."""
    if kind == "metrics":
        return {"label": record.label, "value": record.value}
    found: dict[str, object] = {
        key: getattr(record, key, None) for key in PLACEHOLDERS[kind] if key not in (*_STATUS, *_COUNTS, "field")
    }
    status = lookups.status(record.status)
    found.update(status=status.name, icon=status.icon)
    if kind == "risks" and record.component:
        found["component"] = lookups.component_name(record.component)
    counts = lookups.counts(record) if kind in ("components", "tests") else None
    if counts is not None:
        passed, total = counts
        found.update(passed=passed, total=total, failed=total - passed, rate=_rate(passed, total))
    for key in ("checked", "start", "due", "completed"):
        if found.get(key) is not None:
            found[key] = str(found[key])
    return found


def _rate(passed: int, total: int) -> str | None:
    from .derive import format_rate

    return format_rate(100.0 * passed / total) if total else None


def table(
    kind: str, columns: Sequence[m.Column], rule: str | None, records: Sequence[Any], lookups: Lookups
) -> list[str]:
    """The table's lines: header, separator (``rule`` as written, else ``|---|``...), one row per record."""
    lines = [table_row([inline(column.header) for column in columns]), rule or "|" + "---|" * len(columns)]
    for record in records:
        lines.append(table_row(cells(kind, columns, record, lookups)))
    return lines


def cells(kind: str, columns: Sequence[m.Column], record: Any, lookups: Lookups) -> list[str]:
    """One record's cells, as Markdown; 'field' is the record's ``fields`` entry under the column's header."""
    found = values(kind, record, lookups)
    fields = getattr(record, "fields", {})
    return [fill(column.cell or "{field}", {**found, "field": fields.get(column.header)}) for column in columns]

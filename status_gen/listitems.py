"""The outline's ``item:`` layout: each record of a section as one list item, from a format.

A format is one line of Markdown that starts with a list marker and names the record's fields in
braces: ``"- {icon} **{name}**: {note}"``. The format syntax, its check and the filling with
escaped values are ``layout.py``'s (shared with table cells); this module adds what a list item
needs: ``check`` validates a format for a section kind (at load, so errors point at
outline.yaml), ``line`` fills it for one record. ``{icon}`` and ``{status}`` come from the
record's status as every other section shows it, so a line can never show an icon that
contradicts the record's level: a fixed status icon in the format is refused for that reason.
``{n}`` is the record's position in the section (for numbered lists: ``"{n}. {title}"``).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from . import layout
from .vocabulary import ICONS

if TYPE_CHECKING:
    from .derive import Status
    from .vocabulary import Label
    from .words import Words

# Fields a format may name, by section kind (scalar fields of the kind's record). The kinds listed
# here are the ones that accept 'item'.
FIELDS: dict[str, tuple[str, ...]] = {
    "components": ("id", "name", "status", "note", "capability", "owner", "checked"),
    "issues": ("number", "title", "status", "opened", "closed", "priority", "outcome", "owner"),
    "blockers": ("id", "title", "detail", "severity", "component", "issue", "next_step", "owner"),
    "risks": ("id", "title", "status", "severity", "owner", "component", "mitigation", "note"),
    "priorities": ("id", "title", "goal", "status", "next_steps", "issue"),
    "milestones": ("id", "name", "status", "start", "due", "completed", "percent", "owner", "note"),
    "achievements": ("id", "title", "text"),
}
# Kinds whose records have a level, so that '{icon}' can show it.
LEVELLED = frozenset({"components", "issues", "blockers", "risks", "milestones"})
# Placeholders every record of the kind fills, so that a line is never empty.
_ALWAYS: dict[str, tuple[str, ...]] = {
    "components": ("id", "name", "status", "icon"),
    "issues": ("number", "title", "status", "icon"),
    "blockers": ("id", "title", "severity", "icon"),
    "risks": ("id", "title", "status", "icon"),
    "priorities": ("title",),
    "milestones": ("id", "name", "status", "icon"),
    "achievements": ("title", "text"),
}
MARKER = re.compile(r"(?:[-*+]|\{n\}[.)]) ")
# Status markers lint reads as levels: in a format they would state one level for every record.
_FIXED_ICONS = re.compile("[✅✔☑🟢💚⚠🟡🟠⏳🔄🚧⏸❌🔴⛔🚫✖❗]")


def allowed(kind: str) -> tuple[str, ...]:
    """The placeholders a format of this kind may use."""
    extra = ("n", "icon") if kind in LEVELLED else ("n",)
    return (*FIELDS.get(kind, ()), *extra)


def check(item: str, kind: str) -> str | None:
    """What is wrong with a format for ``kind`` (a message with its fix), or None."""
    if kind not in FIELDS:
        return f"kind '{kind}' has no item layout; 'item' is for {', '.join(FIELDS)}"
    problem = layout.check(item, allowed(kind), cell=False)
    if problem is not None:
        return f"{problem} for kind '{kind}'" if problem.startswith("unknown placeholder") else problem
    if not MARKER.match(item):
        return "an item layout starts with a list marker and a space: '- ', '* ', '+ ', '{n}. ' or '{n}) '"
    if not {"n", *_ALWAYS[kind]} & set(layout.names(item)):
        always = ", ".join(f"{{{name}}}" for name in ("n", *_ALWAYS[kind]))
        return f"an item layout names something every record has, or its line could be empty: {always}"
    if _FIXED_ICONS.search(item):
        return "a status icon written in the layout would show one level for every record; write {icon}"
    return _markdown_problem(layout.fill(item, dict.fromkeys(allowed(kind), "x") | {"n": "1"}))


def _markdown_problem(sample: str) -> str | None:
    """The format, filled, must read as exactly one list item of plain inline text."""
    from .markdown import parser
    from .verify import _OWN_MARKERS

    if any(marker in sample for marker in _OWN_MARKERS):
        return "a status-gen marker comment stands here, and only status-gen writes those; remove it"
    tokens = parser().parse(sample + "\n")
    types = [t.type for t in tokens]
    if types[:2] not in (["bullet_list_open", "list_item_open"], ["ordered_list_open", "list_item_open"]):
        return "an item layout must read as one list item"
    if types.count("list_item_open") != 1 or types.count("inline") != 1 or "html_block" in types:
        return "an item layout must read as one list item of plain text (no nested list, block or HTML)"
    inline_token = tokens[types.index("inline")]
    if any(child.type == "html_inline" for child in inline_token.children or []):
        return "an item layout may not contain HTML; write the text in Markdown"
    return None


def line(item: str, kind: str, record: Any, n: int, status: Status | None, words: Words) -> str:
    """The format filled for one record: fields escaped, '{icon}' and '{status}' from ``status``."""
    values: dict[str, object] = {"n": n}
    for name in FIELDS[kind]:
        value = getattr(record, name, None)
        values[name] = value.isoformat() if isinstance(value, dt.date) else value
    if status is not None:
        values["icon"] = status.custom_icon or ICONS[status.level]  # layout.fill escapes it once
        values["status"] = words(status.name) if kind == "issues" else status.name
    return layout.fill(item, values)


def status_of(kind: str, record: Any, labels: dict[str, Label]) -> Status | None:
    """The status a record of ``kind`` shows (as its kind's own template shows it), or None."""
    from . import derive

    if kind == "issues":
        return derive.issue_status(record)
    if kind == "blockers":  # the blockers template's marks: P0 fails, the rest warn
        return derive.Status(record.severity, "fail" if record.severity == "P0" else "warn")
    if kind in LEVELLED:
        return label_status(record.status, labels)
    return None


def label_status(label: str, labels: dict[str, Label]) -> Status:
    """A label as shown: its vocabulary icon, unless the record gives it another level."""
    from .derive import Status
    from .vocabulary import level_of

    found = labels.get(label)
    level = level_of(label, labels)
    text = getattr(label, "text", None) or str(label)  # {label, text, icon}: shown as the use says
    icon = getattr(label, "icon", None)
    if icon is not None:
        return Status(text, level, icon)
    if found is None or level != found.level:  # unknown, or given another level where used
        return Status(text, level)
    return Status(text, level, found.icon)

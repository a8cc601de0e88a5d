"""The outline's ``item:`` layout: each record of a section as one list item, from a format.

A format is one line of Markdown that starts with a list marker and names the record's fields in
braces: ``"- {icon} **{name}**: {note}"``. ``check`` validates a format for a section kind (at
load, so errors point at outline.yaml); ``line`` fills it for one record. Values are inserted as
escaped text, never evaluated; an empty field gives empty text. ``{icon}`` and ``{status}`` come
from the record's status as every other section shows it, so a line can never show an icon that
contradicts the record's level: a fixed status icon in the format is refused for that reason.
``{n}`` is the record's position in the section (for numbered lists: ``"{n}. {title}"``).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from .escape import inline
from .hints import closest
from .words import fill, placeholders

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
MARKER = re.compile(r"(?:[-*+]|\{n\}[.)]) ")
# Status markers lint reads as levels: in a format they would state one level for every record.
_FIXED_ICONS = re.compile("[✅✔☑🟢💚⚠🟡🟠⏳🔄🚧⏸❌🔴⛔🚫✖❗]")
_BREAK = re.compile(r"[\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def allowed(kind: str) -> tuple[str, ...]:
    """The placeholders a format of this kind may use."""
    extra = ("n", "icon") if kind in LEVELLED else ("n",)
    return (*FIELDS.get(kind, ()), *extra)


def check(item: str, kind: str) -> str | None:
    """What is wrong with a format for ``kind`` (a message with its fix), or None."""
    if kind not in FIELDS:
        return f"kind '{kind}' has no item layout; 'item' is for {', '.join(FIELDS)}"
    if _BREAK.search(item):
        return "an item layout is one line; remove the line break"
    if not MARKER.match(item):
        return "an item layout starts with a list marker and a space: '- ', '* ', '+ ', '{n}. ' or '{n}) '"
    names = allowed(kind)
    for name in sorted(placeholders(item)):
        if name not in names:
            close = closest(name, names)
            hint = f"did you mean '{{{close}}}'? " if close else ""
            known = ", ".join(f"{{{n}}}" for n in names)
            return f"unknown placeholder {{{name}}} for kind '{kind}'; {hint}(known: {known})"
    if _FIXED_ICONS.search(item):
        return "a status icon written in the layout would show one level for every record; write {icon}"
    return _markdown_problem(fill(item, dict.fromkeys(names, "x") | {"n": "1"}))


def _markdown_problem(sample: str) -> str | None:
    """The format, filled, must read as exactly one list item of plain inline text."""
    from markdown_it import MarkdownIt

    from .verify import _OWN_MARKERS

    if any(marker in sample for marker in _OWN_MARKERS):
        return "a status-gen marker comment stands here, and only status-gen writes those; remove it"
    tokens = MarkdownIt("commonmark").enable("table").parse(sample + "\n")
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
    values: dict[str, str] = {"n": str(n)}
    for name in FIELDS[kind]:
        value = getattr(record, name, None)
        values[name] = "" if value is None else inline(_text(value))
    if status is not None:
        values["icon"] = status.icon
        values["status"] = inline(words(status.name)) if kind == "issues" else inline(status.name)
    return fill(item, values).rstrip()


def _text(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


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
    if found is None or level != found.level:  # unknown, or given another level where used
        return Status(str(label), level)
    return Status(str(label), level, found.icon)

"""Copy the tracker's issue states and dates into issues.yaml as minimal in-place text edits.

The YAML is never re-serialised: each change replaces one scalar's characters at the position the
loader recorded (or inserts one ``key: value`` beside ``status``), so comments, key order, quoting
and formatting everywhere else survive byte for byte. Pure: text and records in, edits out.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from .evidence.tracker import TrackerIssue
    from .models import Issue

_PLAIN_END = ("\n", "\r", ",", "}", "]", " #", "\t#")


class Edit(NamedTuple):
    start: int  # character offsets into the text; start == end inserts
    end: int
    text: str
    note: str  # what changes, for the user ("issue #7: status in_progress -> closed")


class Plan(NamedTuple):
    edits: list[Edit]
    manual: list[str]  # changes the tool leaves to the user, with the reason


def _offsets(text: str) -> list[int]:
    starts = [0]
    for index, char in enumerate(text):
        if char == "\n":
            starts.append(index + 1)
    return starts


def _scalar_end(text: str, start: int) -> int:
    """Where the scalar that starts at ``start`` ends (quoted or plain)."""
    quote = text[start] if start < len(text) else ""
    if quote in ("'", '"'):
        index = start + 1
        while index < len(text):
            if quote == '"' and text[index] == "\\":
                index += 2
                continue
            if text[index] == quote:
                if quote == "'" and text[index + 1 : index + 2] == "'":  # '' is an escaped quote
                    index += 2
                    continue
                return index + 1
            index += 1
        return len(text)
    ends = [found for stop in _PLAIN_END if (found := text.find(stop, start)) >= 0]
    end = min(ends, default=len(text))
    return len(text[:end].rstrip()) if end > start else start


def _quoted_like(old: str, value: str) -> str:
    return f"{old[0]}{value}{old[0]}" if old[:1] in ("'", '"') else value


def plan(text: str, issues: Iterable[Issue], tracker: dict[int, TrackerIssue]) -> Plan:
    """The edits that make each issue's status and dates agree with the tracker's export."""
    lines = _offsets(text)
    edits: list[Edit] = []
    manual: list[str] = []

    def offset(position: tuple[int, int]) -> int:
        return lines[position[0] - 1] + position[1] - 1

    for issue in issues:
        found = tracker.get(issue.number)
        source: Any = issue._src
        if found is None or source is None or "status" not in source.value_at:
            continue
        label = f"issue #{issue.number}"
        wanted: dict[str, str] = {}
        if found.state == "closed" and not issue.is_closed:
            wanted["status"] = "closed"
        elif found.state == "open" and issue.is_closed:
            wanted["status"] = "open"
        for key, ours, theirs in (("opened", issue.opened, found.opened), ("closed", issue.closed, found.closed)):
            if theirs is not None and ours != theirs:
                wanted[key] = theirs.isoformat()
        if found.state == "open" and issue.closed is not None:
            manual.append(f"{label} is open in the tracker: delete its 'closed: {issue.closed}' line")
        inserts: list[str] = []
        for key, value in wanted.items():
            if key in source.value_at:
                start = offset(source.value_at[key])
                end = _scalar_end(text, start)
                old = text[start:end]
                new = value if key == "status" else _quoted_like(old, value)
                edits.append(Edit(start, end, new, f"{label}: {key} {old} -> {new}"))
            else:
                inserts.append(key)
        if inserts:
            edits.append(_insert(text, source, offset, inserts, wanted, label))
    return Plan(sorted(edits), manual)


def _insert(text: str, source: Any, offset: Any, keys: list[str], wanted: dict[str, str], label: str) -> Edit:
    """New keys go right after ``status``: on their own lines in block style, inline in flow style."""
    status_start = offset(source.value_at["status"])
    status_end = _scalar_end(text, status_start)
    pairs = [(key, f'"{wanted[key]}"') for key in ("opened", "closed") if key in keys]
    note = f"{label}: " + ", ".join(f"add {key}: {value}" for key, value in pairs)
    if text[offset((source.line, source.column))] == "{":  # a flow mapping: {number: 7, status: open}
        return Edit(status_end, status_end, "".join(f", {k}: {v}" for k, v in pairs), note)
    line_end = text.find("\n", status_end)
    line_end = len(text) if line_end < 0 else line_end
    newline = "\r\n" if text[line_end - 1 : line_end] == "\r" else "\n"
    at = line_end - 1 if newline == "\r\n" else line_end
    indent = " " * (source.key_at["status"][1] - 1)
    return Edit(at, at, "".join(f"{newline}{indent}{k}: {v}" for k, v in pairs), note)


def apply(text: str, edits: list[Edit]) -> str:
    """The text with every edit made (they never overlap: one per scalar, inserts after status)."""
    for edit in sorted(edits, reverse=True):
        text = text[: edit.start] + edit.text + text[edit.end :]
    return text

"""What changed in the status between two datasets, as facts rather than lines. Pure functions.

The same facts feed ``status-gen diff`` (text, JSON, Markdown) and the document's derived
"Changes since" section. Facts come in a fixed order of kinds; within a kind, in the order of the
newer data, then what was removed in the order of the older.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from .derive import format_rate, level_of, pass_rate, readiness, rollup
from .vocabulary import ROLLUP_NAMES

if TYPE_CHECKING:
    from . import models as m
    from .dataset import Dataset
    from .vocabulary import Label

T = TypeVar("T")
KINDS = ("status", "component", "issue", "phase", "blocker", "milestone", "tests")


@dataclass(frozen=True)
class Fact:
    """One change: ``kind`` of record, ``event``, the record's key and name, the value before and after."""

    kind: str
    event: str
    key: str
    name: str
    before: str | None = None
    after: str | None = None

    def sentence(self, words: Callable[[str], str] | None = None) -> str:
        """The fact as one plain-text line (callers escape it for Markdown).

        ``words`` is the document's word table (``view.w``): the record kinds, events and verdicts
        are status-gen's own words, so the 'it' preset says "segnalazione #7 'Login': chiuso".
        Ids, names, labels, dates and counts are data and stay as written.
        """
        w = words or _as_written
        if self.kind == "status":
            subject = w(self.name)
        else:
            key = self.key
            if self.kind == "tests":  # "component api", "category unit"
                record, _, ident = key.partition(" ")
                key = f"{w(record)} {ident}"
            subject = f"{w(self.kind)} {key} {self.name!r}".rstrip()
        if self.event in ("changed", "moved", "level"):
            return f"{subject}: {_value(self.before, w)} → {_value(self.after, w)}"
        detail = f" ({_value(self.after, w)})" if self.after else ""
        return f"{subject}: {w(self.event)}{detail}"


def _as_written(text: str) -> str:
    return text


# Values that are status-gen's words rather than data: verdicts, and what a record without counts has.
_WORD_VALUES = frozenset((*ROLLUP_NAMES.values(), "READY", "READY WITH RISKS", "NOT READY", "no counts"))


def _value(value: str | None, w: Callable[[str], str]) -> str:
    return w(value) if value in _WORD_VALUES else str(value)


@dataclass(frozen=True)
class Changes:
    before_date: dt.date
    after_date: dt.date
    facts: tuple[Fact, ...]

    def by_kind(self) -> dict[str, list[Fact]]:
        grouped: dict[str, list[Fact]] = {}
        for fact in self.facts:
            grouped.setdefault(fact.kind, []).append(fact)
        return grouped


def compare(before: Dataset, after: Dataset, labels: dict[str, Label]) -> Changes:
    facts = [
        *_status(before, after, labels),
        *_components(before, after, labels),
        *_issues(before, after),
        *_phases(before, after),
        *_blockers(before, after),
        *_milestones(before, after, labels),
        *_tests(before, after),
    ]
    return Changes(before.project.last_updated, after.project.last_updated, tuple(facts))


def _status(before: Dataset, after: Dataset, labels: dict[str, Label]) -> Iterator[Fact]:
    if before.project.last_updated != after.project.last_updated:
        old, new = before.project.last_updated.isoformat(), after.project.last_updated.isoformat()
        yield Fact("status", "changed", "last_updated", "last updated", old, new)
    health = ROLLUP_NAMES[rollup(before.components, labels)], ROLLUP_NAMES[rollup(after.components, labels)]
    if health[0] != health[1]:
        yield Fact("status", "changed", "health", "health", *health)
    ready = readiness(before.blockers, before.components, labels), readiness(after.blockers, after.components, labels)
    if ready[0].verdict.name != ready[1].verdict.name:
        yield Fact("status", "changed", "readiness", "readiness", ready[0].verdict.name, ready[1].verdict.name)


def _label(status: str, labels: dict[str, Label]) -> str:
    return f"{level_of(status, labels)} ({status})"


def _components(before: Dataset, after: Dataset, labels: dict[str, Label]) -> Iterator[Fact]:
    old = before.component_by_id
    for c in _unique(after.components, lambda c: c.id):
        was = old.get(c.id)
        if was is None:
            yield Fact("component", "added", c.id, c.name, None, _label(c.status, labels))
        elif level_of(was.status, labels) != level_of(c.status, labels):
            yield Fact("component", "level", c.id, c.name, _label(was.status, labels), _label(c.status, labels))
    for c in _unique(before.components, lambda c: c.id):
        if c.id not in after.component_by_id:
            yield Fact("component", "removed", c.id, c.name)


def _issue_state(issue: m.Issue) -> str:
    return "closed" if issue.is_closed else "open"


def _issues(before: Dataset, after: Dataset) -> Iterator[Fact]:
    old = before.issue_by_number
    for i in _unique(after.issues, lambda i: i.number):
        was = old.get(i.number)
        key = f"#{i.number}"
        if was is None:
            yield Fact("issue", "opened" if not i.is_closed else "added closed", key, i.title)
        elif was.is_closed != i.is_closed:
            yield Fact("issue", "closed" if i.is_closed else "reopened", key, i.title)
    for i in _unique(before.issues, lambda i: i.number):
        if i.number not in after.issue_by_number:
            yield Fact("issue", "removed", f"#{i.number}", i.title)


def _phases(before: Dataset, after: Dataset) -> Iterator[Fact]:
    """Phases of issues that existed before (a new issue is reported as opened, not by phase)."""
    for i in _unique(after.issues, lambda i: i.number):
        was = before.issue_by_number.get(i.number)
        if was is None:
            continue
        done_before = {p.name for p in was.phases if p.status == "done"}
        for p in i.phases:
            if p.status == "done" and p.name not in done_before:
                when = p.completed.isoformat() if p.completed else None
                yield Fact("phase", "finished", f"#{i.number}", p.name, None, when)
            elif p.status != "done" and p.name in done_before:
                yield Fact("phase", "reopened", f"#{i.number}", p.name)


def _blockers(before: Dataset, after: Dataset) -> Iterator[Fact]:
    old = {b.id: b for b in _unique(before.blockers, lambda b: b.id)}
    new_ids = set()
    for b in _unique(after.blockers, lambda b: b.id):
        new_ids.add(b.id)
        was = old.get(b.id)
        if was is None:
            if b.status == "open":
                yield Fact("blocker", "opened", b.id, b.title, None, b.severity)
        elif was.status != b.status:
            yield Fact("blocker", "resolved" if b.status == "resolved" else "reopened", b.id, b.title, None, b.severity)
        elif b.status == "open" and was.severity != b.severity:
            yield Fact("blocker", "changed", b.id, b.title, was.severity, b.severity)
    for b in old.values():
        if b.id not in new_ids and b.status == "open":
            yield Fact("blocker", "removed while open", b.id, b.title, None, b.severity)


def _milestones(before: Dataset, after: Dataset, labels: dict[str, Label]) -> Iterator[Fact]:
    """Milestones reached (completed, or at an ok level, where they were not), added, or moved level."""
    old = {ms.id: ms for ms in _unique(before.milestones, lambda ms: ms.id)}
    for ms in _unique(after.milestones, lambda ms: ms.id):
        was = old.get(ms.id)
        reached = ms.completed is not None or level_of(ms.status, labels) == "ok"
        if was is None:
            yield Fact("milestone", "reached" if reached else "added", ms.id, ms.name)
            continue
        reached_before = was.completed is not None or level_of(was.status, labels) == "ok"
        when = ms.completed.isoformat() if ms.completed else None
        if reached and not reached_before:
            yield Fact("milestone", "reached", ms.id, ms.name, None, when)
        elif level_of(was.status, labels) != level_of(ms.status, labels):
            yield Fact("milestone", "level", ms.id, ms.name, _label(was.status, labels), _label(ms.status, labels))


def _counts(tests: m.Tests | None) -> str:
    if tests is None:
        return "no counts"
    rate = pass_rate(tests)
    return f"{tests.passed}/{tests.total}" + (f" ({format_rate(rate)})" if rate is not None else "")


def _pair(tests: m.Tests | None) -> tuple[int, int] | None:
    return (tests.passed, tests.total) if tests else None


def _tests(before: Dataset, after: Dataset) -> Iterator[Fact]:
    pairs: list[tuple[str, list[m.Component] | list[m.TestCategory], list[m.Component] | list[m.TestCategory]]] = [
        ("component", before.components, after.components),
        ("category", before.categories, after.categories),
    ]
    for kind, old_records, new_records in pairs:
        old: dict[str, m.Component | m.TestCategory] = {}
        for record in old_records:
            old.setdefault(record.id, record)
        seen: set[str] = set()
        for r in new_records:
            was = old.get(r.id) if r.id not in seen else None
            seen.add(r.id)
            if was is not None and _pair(was.tests) != _pair(r.tests):
                yield Fact("tests", "moved", f"{kind} {r.id}", r.name, _counts(was.tests), _counts(r.tests))


def _unique(records: list[T], key: Callable[[T], Hashable]) -> Iterator[T]:
    """First record per key (the duplicate-id rule reports the others)."""
    seen: set[Hashable] = set()
    for record in records:
        k = key(record)
        if k not in seen:
            seen.add(k)
            yield record


# Printers. Pure: they return strings.


def as_text(changes: Changes, before: str, after: str) -> str:
    head = f"changes from {before} ({changes.before_date}) to {after} ({changes.after_date})"
    if not changes.facts:
        return f"{head}: none\n"
    return head + ":\n" + "".join(f"  {fact.sentence()}\n" for fact in changes.facts)


def as_json(changes: Changes, before: str, after: str, before_commit: str | None, after_commit: str | None) -> str:
    import json

    payload = {
        "before": {"revision": before, "commit": before_commit, "last_updated": changes.before_date.isoformat()},
        "after": {"revision": after, "commit": after_commit, "last_updated": changes.after_date.isoformat()},
        "changes": [
            {
                "kind": f.kind,
                "event": f.event,
                "key": f.key,
                "name": f.name,
                "before": f.before,
                "after": f.after,
                "text": f.sentence(),
            }
            for f in changes.facts
        ],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def markdown_items(changes: Changes) -> list[str]:
    """One escaped Markdown list item per fact (shared with the document's section)."""
    from .escape import inline

    return [f"- {inline(fact.sentence())}" for fact in changes.facts]


def as_markdown(changes: Changes, before: str, after: str) -> str:
    """A pull-request comment."""
    from .escape import code

    lines = [
        f"### Status changes since {changes.before_date.isoformat()}",
        "",
        f"From {code(before)} to {code(after)}.",
        "",
    ]
    lines += markdown_items(changes) or ["No change in status."]
    return "\n".join(lines) + "\n"

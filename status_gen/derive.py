"""The domain's derived facts: health rollup, pass rates, readiness, issue states, the lists.

Each fact is computed here from the records, once, in plain functions that rules, the view and
tests all call: a rule and the document can then never disagree about what the data means.
Presentation (what the templates see) lives in ``view.py``; this module imports nothing heavy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from .vocabulary import ICONS, Label, Level, worst

if TYPE_CHECKING:  # models import pydantic; rules import this module and must stay light
    from . import models as m

SEVERITY_RANK = {"P0": 0, "P1": 1, "P2": 2, "P3": 3}
ISSUE_LABELS = {"open": "OPEN", "in_progress": "IN PROGRESS", "resolved": "RESOLVED", "closed": "CLOSED"}
ISSUE_LEVELS: dict[str, Level] = {"open": "warn", "in_progress": "warn", "resolved": "ok", "closed": "ok"}


class Status(NamedTuple):
    """A label as shown: its name, level and icon (the level's, unless the vocabulary sets one)."""

    name: str
    level: Level
    custom_icon: str | None = None

    @property
    def icon(self) -> str:
        return ICONS[self.level] if self.custom_icon is None else self.custom_icon


class Readiness(NamedTuple):
    verdict: Status
    confidence: str
    reason: str


def pass_rate(tests: m.Tests | None) -> float | None:
    """Percentage of passed tests, or None when there are no counts (or no tests)."""
    if tests is None or tests.total == 0:
        return None
    return 100.0 * tests.passed / tests.total


def format_rate(rate: float) -> str:
    """One decimal, without a trailing '.0' (86.2%, 0%, 100%)."""
    text = f"{rate:.1f}".removesuffix(".0")
    return f"{text}%"


def level_of(label: str, labels: dict[str, Label]) -> Level:
    """A label's level; an unknown label counts as fail."""
    found = labels.get(label)
    return found.level if found else "fail"


def rollup(components: list[m.Component], labels: dict[str, Label]) -> Level:
    """Overall health: the worst component level (unknown labels count as fail)."""
    return worst([level_of(c.status, labels) for c in components])


def open_blockers(blockers: list[m.Blocker]) -> list[m.Blocker]:
    """Open blockers by their stated order, then severity, then id."""
    big = 1 << 30
    return sorted(
        (b for b in blockers if b.status == "open"),
        key=lambda b: (b.order if b.order is not None else big, SEVERITY_RANK[b.severity], b.id),
    )


def readiness(blockers: list[m.Blocker]) -> Readiness:
    """Not ready while any P0 is open; ready with risks while a P1 is open."""
    p0 = [b for b in blockers if b.severity == "P0"]
    p1 = [b for b in blockers if b.severity == "P1"]
    if p0:
        confidence = "LOW" if len(p0) > 1 else "MEDIUM"
        noun = "blocker" if len(p0) == 1 else "blockers"
        return Readiness(Status("NOT READY", "fail"), confidence, f"{len(p0)} open P0 {noun}")
    if p1:
        noun = "blocker" if len(p1) == 1 else "blockers"
        return Readiness(Status("READY WITH RISKS", "warn"), "MEDIUM", f"{len(p1)} open P1 {noun}")
    return Readiness(Status("READY", "ok"), "HIGH", "no open P0 or P1 blockers")


def issue_status(issue: m.Issue) -> Status:
    """How an issue is announced: ALL PHASES COMPLETE, CLOSED, 2/3 PHASES COMPLETE, ..."""
    done = sum(p.status == "done" for p in issue.phases)
    level = ISSUE_LEVELS[issue.status]
    if issue.phases and done == len(issue.phases) and issue.is_closed:
        return Status("ALL PHASES COMPLETE", level)
    if issue.phases and not issue.is_closed:
        return Status(f"{done}/{len(issue.phases)} PHASES COMPLETE", level)
    return Status(ISSUE_LABELS[issue.status], level)


def ready_components(components: list[m.Component], labels: dict[str, Label]) -> list[m.Component]:
    """Components at an ok level: the "staging ready" list."""
    return [c for c in components if level_of(c.status, labels) == "ok"]


def unready_components(components: list[m.Component], labels: dict[str, Label]) -> list[m.Component]:
    """Components with a capability that are not at an ok level: what is not ready yet."""
    return [c for c in components if c.capability and level_of(c.status, labels) != "ok"]


def p0_blockers(blockers: list[m.Blocker]) -> list[m.Blocker]:
    """The open P0 blockers, in order: the one P0 list every section shows."""
    return [b for b in open_blockers(blockers) if b.severity == "P0"]


def closed_issues(issues: list[m.Issue]) -> list[m.Issue]:
    """Closed and resolved issues by number."""
    return sorted((i for i in issues if i.is_closed), key=lambda i: i.number)


def completed_issues(issues: list[m.Issue]) -> list[m.Issue]:
    """Closed issues with phase items to show."""
    return [i for i in issues if i.is_closed and any(p.items for p in i.phases)]

"""Every summary the document shows, derived from the single records (never typed).

The templates receive one ``View``; all counting, ordering and rolling-up happens here, in plain
Python that tests can call directly, so templates only lay text out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from .vocabulary import ICONS, ROLLUP_NAMES, Label, Level, worst

if TYPE_CHECKING:  # models import pydantic; rules import this module and must stay light
    from . import models as m
    from .dataset import Dataset

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
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


def rollup(components: list[m.Component], labels: dict[str, Label]) -> Level:
    """Overall health: the worst component level (unknown labels count as fail)."""
    return worst([level_of(c.status, labels) for c in components])


def level_of(label: str, labels: dict[str, Label]) -> Level:
    found = labels.get(label)
    return found.level if found else "fail"


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


class View:
    """What the templates see. Attributes are computed once, in __init__."""

    def __init__(self, data: Dataset, labels: dict[str, Label]) -> None:
        self.data = data
        self.labels = labels
        self.project = data.project
        self.metric = data.metric_by_id.get(data.project.headline_metric or "")
        self.components = data.components
        level = rollup(data.components, labels)
        self.health = Status(ROLLUP_NAMES[level], level)
        self.ready_components = [c for c in data.components if level_of(c.status, labels) == "ok"]
        self.unready_components = [c for c in data.components if c.capability and level_of(c.status, labels) != "ok"]
        self.open_blockers = open_blockers(data.blockers)
        self.p0_blockers = [b for b in self.open_blockers if b.severity == "P0"]
        self.other_blockers = [b for b in self.open_blockers if b.severity != "P0"]
        self.readiness = readiness(self.open_blockers)
        self.next_steps = [b.next_step for b in self.open_blockers if b.next_step] + data.final_steps
        self.closed_issues = sorted((i for i in data.issues if i.is_closed), key=lambda i: i.number)
        self.completed_issues = [i for i in data.issues if i.is_closed and any(p.items for p in i.phases)]
        self.run = data.latest_run
        self.run_status = Status(
            "",
            worst([level_of(i.status, labels) for i in self.run.impacts]) if self.run else "ok",
        )
        self.categories = data.categories
        self.commands = data.commands
        self.priorities = data.priorities
        # Month names spelled out here: strftime("%B") follows the process locale.
        period = data.priorities.period if data.priorities else None
        self.priorities_period = f"{MONTHS[period.month - 1]} {period.year}" if period else ""
        self.achievements = data.project.achievements

    # Helpers the templates call.

    def status(self, label: str) -> Status:
        found = self.labels.get(label)
        return Status(label, found.level, found.icon) if found else Status(label, "fail")

    def issue(self, number: int) -> m.Issue | None:
        return self.data.issue_by_number.get(number)

    def issue_status(self, issue: m.Issue) -> Status:
        return issue_status(issue)

    def component(self, component_id: str | None) -> m.Component | None:
        return self.data.component_by_id.get(component_id or "")

    def component_note(self, component: m.Component) -> str:
        """The note, led by what the records say about it: metric value and test counts."""
        parts = []
        metric = self.data.metric_by_id.get(component.metric or "")
        if metric:
            parts.append(metric.value)
        if component.tests:
            parts.append(f"{component.tests.passed}/{component.tests.total} tests pass -")
        return " ".join([*parts, component.note])

    def tests_note(self, category: m.TestCategory) -> str:
        parts = [category.note]
        rate = pass_rate(category.tests)
        if category.tests and rate is not None:
            parts.append(f"{category.tests.passed}/{category.tests.total} pass ({format_rate(rate)})")
        issue = self.issue(category.issue) if category.issue is not None else None
        if issue is not None:
            parts.append(f"Issue #{issue.number} {ISSUE_LABELS[issue.status].lower()}")
        elif category.issue is not None:
            parts.append(f"Issue #{category.issue}")
        return " - ".join(parts)

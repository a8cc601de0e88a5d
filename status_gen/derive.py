"""The domain's derived facts: health rollup, pass rates, readiness, issue states, the lists.

Each fact is computed here from the records, once, in plain functions that rules, the view and
tests all call: a rule and the document can then never disagree about what the data means.
Presentation (what the templates see) lives in ``view.py``; this module imports nothing heavy.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple

from . import vocabulary
from .escape import inline
from .vocabulary import ICONS, Label, Level, worst

if TYPE_CHECKING:  # models import pydantic; rules import this module and must stay light
    from . import models as m

# A validation run's business impact with this area states the readiness verdict: the document
# prints the computed verdict in its place (one fact, one line) and SG308 compares the two.
READINESS_AREA = "deployment readiness"
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
        if self.custom_icon is None:
            return ICONS[self.level]
        return inline(self.custom_icon)  # an icon from the settings is text like any other


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
    """A label's level where it is used (a ``{label, level}`` override wins); unknown counts as fail."""
    return vocabulary.level_of(label, labels)


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


def readiness(blockers: list[m.Blocker], components: list[m.Component], labels: dict[str, Label]) -> Readiness:
    """The deployment verdict, from open blockers and component levels (the README's table).

    NOT READY while a P0 blocker is open or a component is at fail level; READY WITH RISKS while
    a P1 blocker is open or a component is at warn level; READY otherwise.
    """
    opened = [b for b in blockers if b.status == "open"]
    p0 = [b for b in opened if b.severity == "P0"]
    p1 = [b for b in opened if b.severity == "P1"]
    levels = [level_of(c.status, labels) for c in components]
    failing, warning = levels.count("fail"), levels.count("warn")
    # The reason names every cause that keeps the verdict from READY, worst first: a P1 blocker
    # still has to be cleared after the P0 ones, so a NOT READY reason that hid it misled.
    reason = _reasons(
        (len(p0), "open P0 blocker"),
        (failing, "component at fail level"),
        (len(p1), "open P1 blocker"),
        (warning, "component at warn level"),
    )
    if p0 or failing:
        confidence = "LOW" if len(p0) + failing > 1 else "MEDIUM"
        return Readiness(Status("NOT READY", "fail"), confidence, reason)
    if p1 or warning:
        return Readiness(Status("READY WITH RISKS", "warn"), "MEDIUM", reason)
    return Readiness(Status("READY", "ok"), "HIGH", "no open P0 or P1 blockers, every component at ok level")


def _reasons(*counts: tuple[int, str]) -> str:
    """'2 open P0 blockers, 1 component at fail level' (zero counts left out)."""
    return ", ".join(f"{n} {_plural(noun, n)}" for n, noun in counts if n)


def _plural(noun: str, n: int) -> str:
    if n == 1:
        return noun
    first, _, rest = noun.partition(" at ")
    words = first.split(" ")
    words[-1] += "s"
    return " ".join(words) + (f" at {rest}" if rest else "")


def issue_status(issue: m.Issue) -> Status:
    """An issue's status word, the same in every line that mentions it: OPEN, IN PROGRESS, CLOSED, ..."""
    return Status(ISSUE_LABELS[issue.status], ISSUE_LEVELS[issue.status])


def issue_state(issue: m.Issue) -> str:
    """The status word with the close date when there is one: 'CLOSED 2025-09-17', 'IN PROGRESS'."""
    word = ISSUE_LABELS[issue.status]
    return f"{word} {issue.closed}" if issue.is_closed and issue.closed else word


def phase_progress(issue: m.Issue) -> str:
    """'all 3 phases complete', '2 of 3 phases complete', or '' for an issue without phases."""
    total = len(issue.phases)
    done = sum(p.status == "done" for p in issue.phases)
    if not total:
        return ""
    noun = "phase" if total == 1 else "phases"
    return f"all {total} {noun} complete" if done == total else f"{done} of {total} {noun} complete"


def ready_components(components: list[m.Component], labels: dict[str, Label]) -> list[m.Component]:
    """Components at an ok level: the "staging ready" list."""
    return [c for c in components if level_of(c.status, labels) == "ok"]


def unready_components(components: list[m.Component], labels: dict[str, Label]) -> list[m.Component]:
    """Components with a capability that are not at an ok level: what is not ready yet."""
    return [c for c in components if c.capability and level_of(c.status, labels) != "ok"]


def p0_blockers(blockers: list[m.Blocker]) -> list[m.Blocker]:
    """The open P0 blockers, in order: the one P0 list every section shows."""
    return [b for b in open_blockers(blockers) if b.severity == "P0"]


def open_issues(issues: list[m.Issue]) -> list[m.Issue]:
    """Open and in-progress issues by number: open work is always shown."""
    return sorted((i for i in issues if not i.is_closed), key=lambda i: i.number)


def closed_issues(issues: list[m.Issue]) -> list[m.Issue]:
    """Closed and resolved issues by number."""
    return sorted((i for i in issues if i.is_closed), key=lambda i: i.number)


def recent_issues(issues: list[m.Issue], last_updated: dt.date, days: int) -> list[m.Issue]:
    """Issues closed within ``days`` before ``last_updated`` (inclusive), newest first.

    "Recent" is counted back from the document's own date, never from the system date, so the
    same data gives the same document on any day. A closed issue without a close date is never
    recent (SG303 asks for the date).
    """
    start = last_updated - dt.timedelta(days=days)
    recent = [i for i in issues if i.is_closed and i.closed is not None and start <= i.closed <= last_updated]
    return sorted(recent, key=lambda i: (-i.closed.toordinal() if i.closed else 0, i.number))


def is_readiness_impact(impact: m.Impact) -> bool:
    return " ".join(impact.area.split()).casefold() == READINESS_AREA


def with_full_stop(text: str) -> str:
    """The text as a sentence: a full stop added only when it does not already end with one."""
    return text if text.rstrip().endswith((".", "!", "?", "…")) else f"{text}."

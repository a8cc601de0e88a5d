"""What the templates see: one ``View`` of the data, with the derived facts already computed.

The facts themselves (rollup, readiness, issue states, the lists) are computed in ``derive.py``;
this module only gathers them for the templates and adds the helpers that lay text out, so
templates stay free of logic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import derive
from .derive import Status, format_rate, level_of, rollup
from .evidence.text import coverage_text, provenance
from .vocabulary import ROLLUP_NAMES, Label, worst

if TYPE_CHECKING:
    from . import models as m
    from .dataset import Dataset

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


class View:
    """What the templates see. Attributes are computed once, in __init__."""

    def __init__(
        self, data: Dataset, labels: dict[str, Label], *, recent_days: int = 30, provenance: bool = True
    ) -> None:
        self.data = data
        self.provenance = provenance  # numbers read from reports name their file and date
        self.labels = labels
        self.project = data.project
        self.metric = data.metric_by_id.get(data.project.headline_metric or "")
        self.components = data.components
        level = rollup(data.components, labels)
        self.health = Status(ROLLUP_NAMES[level], level)
        self.ready_components = derive.ready_components(data.components, labels)
        self.unready_components = derive.unready_components(data.components, labels)
        self.open_blockers = derive.open_blockers(data.blockers)
        self.p0_blockers = derive.p0_blockers(data.blockers)
        self.other_blockers = [b for b in self.open_blockers if b.severity != "P0"]
        self.readiness = derive.readiness(data.blockers, data.components, labels)
        self.next_steps = [b.next_step for b in self.open_blockers if b.next_step] + data.final_steps
        self.open_issues = derive.open_issues(data.issues)
        self.recent_issues = derive.recent_issues(data.issues, data.project.last_updated, recent_days)
        self.listed_issues = self.open_issues + derive.closed_issues(data.issues)
        self.run = data.latest_run
        self.run_status = Status(
            "",
            worst([level_of(i.status, labels) for i in self.run.impacts]) if self.run else "ok",
        )
        # The computed verdict closes the impact list; a stated one would say it a second time.
        self.impacts = [i for i in self.run.impacts if not derive.is_readiness_impact(i)] if self.run else []
        self.summary = self._summary()
        self.categories = data.categories
        self.commands = data.commands
        self.priorities = data.priorities
        # Month names spelled out here: strftime("%B") follows the process locale.
        period = data.priorities.period if data.priorities else None
        self.priorities_period = f"{MONTHS[period.month - 1]} {period.year}" if period else ""
        self.achievements = data.project.achievements

    def _summary(self) -> str:
        """The health line's text: the summary and the headline metric, ending in one full stop."""
        summary = self.project.summary.rstrip()
        if self.metric is None:
            return derive.with_full_stop(summary)
        metric = f"{self.metric.value} {self.metric.label}"
        if summary.endswith((".", "!", "?", "…")):
            return f"{summary} {derive.with_full_stop(metric)}"
        return f"{summary} ({metric})."

    # Helpers the templates call.

    def status(self, label: str) -> Status:
        found = self.labels.get(label)
        return Status(label, found.level, found.icon) if found else Status(label, "fail")

    def issue(self, number: int) -> m.Issue | None:
        return self.data.issue_by_number.get(number)

    def issue_status(self, issue: m.Issue) -> Status:
        return derive.issue_status(issue)

    def issue_state(self, issue: m.Issue) -> str:
        return derive.issue_state(issue)

    def phase_progress(self, issue: m.Issue) -> str:
        return derive.phase_progress(issue)

    def component(self, component_id: str | None) -> m.Component | None:
        return self.data.component_by_id.get(component_id or "")

    def component_note(self, component: m.Component) -> str:
        """The note, led by what the records say about it: metric value and test counts."""
        parts = []
        metric = self.data.metric_by_id.get(component.metric or "")
        if metric:
            parts.append(metric.value)
        counted = self._counts("component", component)
        if counted:
            parts.append(f"{counted[0]}/{counted[1]} tests pass{counted[2]} -")
        coverage = self._coverage("component", component)
        if coverage:
            parts.append(f"{coverage} -")
        return " ".join([*parts, component.note])

    def tests_note(self, category: m.TestCategory) -> str:
        parts = [category.note]
        counted = self._counts("category", category)
        if counted and counted[1]:
            passed, total, source = counted
            parts.append(f"{passed}/{total} pass ({format_rate(100.0 * passed / total)}){source}")
        coverage = self._coverage("category", category)
        if coverage:
            parts.append(coverage)
        issue = self.issue(category.issue) if category.issue is not None else None
        if issue is not None:
            parts.append(f"Issue #{issue.number} {derive.issue_state(issue)}")
        elif category.issue is not None:
            parts.append(f"Issue #{category.issue}")
        return " - ".join(parts)

    def _counts(self, kind: str, record: m.Component | m.TestCategory) -> tuple[int, int, str] | None:
        """(passed, total, provenance) from the record's JUnit reports when read, else as typed."""
        report = self.data.evidence.tests_for(kind, record.id) if self.data.evidence else None
        if report is not None:
            source = f" {provenance(report.sources, report.date)}" if self.provenance else ""
            return report.counts.passed, report.counts.total, source
        if record.tests:
            return record.tests.passed, record.tests.total, ""
        return None

    def _coverage(self, kind: str, record: m.Component | m.TestCategory) -> str:
        reading = self.data.evidence.coverage_for(kind, record.id) if self.data.evidence else None
        return coverage_text(reading, self.provenance) if reading else ""

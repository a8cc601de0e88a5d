"""What the templates see: one ``View`` of the data, with the derived facts already computed.

The facts themselves (rollup, readiness, issue states, the lists) are computed in ``derive.py``;
this module only gathers them for the templates and adds the helpers that lay text out, so
templates stay free of logic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import columns, derive
from .derive import Status, format_rate, level_of, rollup
from .escape import inline
from .evidence.text import coverage_text, provenance
from .listitems import label_status, line, status_of
from .verify import normalise
from .vocabulary import ROLLUP_NAMES, Label, worst

if TYPE_CHECKING:
    import datetime as dt

    from . import models as m
    from .dataset import Dataset
    from .kinds import Section
    from .outline import Resolved


class View:
    """What the templates see. Attributes are computed once, in __init__."""

    def __init__(
        self,
        data: Dataset,
        labels: dict[str, Label],
        *,
        recent_days: int = 30,
        provenance: bool = True,
        outline: Resolved | None = None,
    ) -> None:
        from .outline import resolve, sections, title

        self.data: Dataset = data
        self.provenance = provenance  # numbers read from reports name their file and date
        self.labels = labels
        self.project: m.Project = data.project
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
        self.run: m.ValidationRun | None = data.latest_run
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
        self.achievements = data.project.achievements
        resolved = outline or resolve(data)
        self.w = resolved.words
        self.priorities_period = self.period_text(data.priorities.period if data.priorities else None)
        self.title = title(self, resolved)
        self.sections = sections(self, resolved)

    def _summary(self) -> str:
        """The health line's text: the summary and the headline metric, ending in one full stop."""
        summary = (self.project.summary or "").rstrip()
        if self.metric is None:
            return derive.with_full_stop(summary) if summary else ""
        metric = f"{self.metric.value} {self.metric.label}"
        if not summary:
            return derive.with_full_stop(metric)
        if summary.endswith((".", "!", "?", "…")):
            return f"{summary} {derive.with_full_stop(metric)}"
        return f"{summary} ({metric})."

    # Helpers the templates call.

    def word(self, text: str, **values: object) -> str:
        """A fixed word or sentence in the document's language, as Markdown text."""
        return inline(self.w(text, **values))

    def period_text(self, period: dt.date | str | None) -> str:
        """A date as its month ('September 2025', never the process locale's), text as written."""
        if period is None:
            return ""
        return period if isinstance(period, str) else self.w.month(period)

    def extras(self, record: m.Component | m.Issue | m.Blocker | m.Milestone | m.Risk) -> str:
        """' (Owner: Dana; [PR 12](https://...))' for a record with an owner or links, else ''."""
        parts = [f"{self.word('Owner')}: {inline(record.owner)}"] if record.owner else []
        parts += [f"[{inline(link.title)}]({link.url})" for link in record.links]
        return f" ({'; '.join(parts)})" if parts else ""

    def milestone_facts(self, milestone: m.Milestone) -> str:
        """Percent, item count, dates and note of a milestone, as one line of Markdown."""
        parts = []
        if milestone.percent is not None:
            parts.append(self.word("{percent}% complete", percent=milestone.percent))
        if milestone.items:
            done = sum(item.done for item in milestone.items)
            parts.append(self.word("{done}/{total} items done", done=done, total=len(milestone.items)))
        for key, word in (("start", "Start"), ("due", "Due"), ("completed", "Completed")):
            value = getattr(milestone, key)
            if value is not None:
                parts.append(f"{self.word(word)}: {inline(value if isinstance(value, str) else str(value))}")
        if milestone.note:
            parts.append(inline(milestone.note))
        return " - ".join(parts)

    def risk_columns(self, risks: list[m.Risk]) -> list[tuple[str, str]]:
        """The optional columns some risk fills in, with their headers (an empty column is left out)."""
        names = {"severity": "Severity", "owner": "Owner", "component": "Component", "mitigation": "Mitigation"}
        names["note"] = "Notes"
        return [(key, self.word(name)) for key, name in names.items() if any(getattr(r, key) for r in risks)]

    def risk_cell(self, risk: m.Risk, key: str) -> str:
        value = getattr(risk, key) or ""
        if key == "component":
            component = self.component(value)
            value = component.name if component else value
        return inline(value)

    def rows(self, section: Section) -> list[Any]:
        """The section's records that are rows of its kind (a tests section also lists commands)."""
        from .models import Command

        return [r for r in section.records if not isinstance(r, Command)]

    def commands_in(self, section: Section) -> list[m.Command]:
        """The commands a tests section lists (when no commands section does, and it picks no ids)."""
        from .models import Command

        return [r for r in section.records if isinstance(r, Command)]

    def table(self, section: Section) -> str:
        """A section with a ``columns`` layout as its Markdown table (columns.py)."""
        return "\n".join(columns.table(section.kind, section.columns, section.rule, self.rows(section), self))

    def counts(self, record: m.Component | m.TestCategory) -> tuple[int, int] | None:
        """Passed and total tests of a record, from its JUnit reports when read, else as typed."""
        from .models import TestCategory

        counted = self._counts("category" if isinstance(record, TestCategory) else "component", record)
        return counted[:2] if counted else None

    def component_name(self, component_id: str) -> str:
        component = self.component(component_id)
        return component.name if component else component_id

    def body(self, free: m.FreeSection) -> str:
        """A free section's Markdown as written (line breaks normalised; checked when loaded)."""
        return normalise(free.body).rstrip("\n")

    def status(self, label: str) -> Status:
        return label_status(label, self.labels)

    def item(self, section: Section, record: object, n: int) -> str:
        """One record as the section's ``item`` layout writes it (listitems.py)."""
        kind = section.kind
        return line(section.item, kind, record, n, status_of(kind, record, self.labels), self.w)

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
            counts = self.w("{passed}/{total} tests pass", passed=counted[0], total=counted[1]) + counted[2]
            parts.append(f"{counts} -" if component.note else counts)
        coverage = self._coverage("component", component)
        if coverage:
            parts.append(f"{coverage} -" if component.note else coverage)
        return " ".join([*parts, component.note] if component.note else parts)

    def tests_note(self, category: m.TestCategory) -> str:
        parts = [category.note] if category.note else []
        counted = self._counts("category", category)
        if counted and counted[1]:
            passed, total, source = counted
            rate = format_rate(100.0 * passed / total)
            parts.append(self.w("{passed}/{total} pass ({rate})", passed=passed, total=total, rate=rate) + source)
        coverage = self._coverage("category", category)
        if coverage:
            parts.append(coverage)
        issue = self.issue(category.issue) if category.issue is not None else None
        if issue is not None:
            parts.append(f"{self.w('Issue')} #{issue.number} {self.w(derive.issue_state(issue))}")
        elif category.issue is not None:
            parts.append(f"{self.w('Issue')} #{category.issue}")
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

"""Section kinds: what each kind of section shows, from which template, under which heading.

The outline (``outline.yaml`` or a preset) is a list of section entries; ``outline.resolve``
checks it against ``KINDS`` and ``sections`` turns it into the list the main template walks.

Registering a kind: add one ``Kind`` to ``KINDS`` below (name, template file, default heading as an
English message of ``words.ENGLISH``, the ``titles`` keys it accepts, and a function returning the
records it shows; an empty list means the section does not render), write
``templates/sections/<template>``, and add the kind to the property test in
tests/test_consistency.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

if TYPE_CHECKING:
    from . import datafiles
    from . import models as m
    from .dataset import Dataset
    from .derive import Readiness
    from .vocabulary import Label
    from .words import Words


class View(Protocol):
    """What section kinds may look at (the renderer's ``view.View`` provides it)."""

    data: Dataset
    project: m.Project
    components: list[m.Component]
    categories: list[m.TestCategory]
    commands: list[m.Command]
    listed_issues: list[m.Issue]
    recent_issues: list[m.Issue]
    metric: m.Metric | None
    open_blockers: list[m.Blocker]
    achievements: list[m.Achievement]
    priorities: datafiles.PrioritiesFile | None
    run: m.ValidationRun | None
    readiness: Readiness
    labels: dict[str, Label]
    w: Words

    def period_text(self, period: dt.date | str | None) -> str: ...


class Placement(NamedTuple):
    """What the whole outline places, so that no record is shown twice or not at all."""

    kinds: frozenset[str]  # the kinds the outline has a section of
    by_id: dict[str, set[str]]  # kind -> ids that some section names with 'id'
    listed: dict[str, set[str]]  # kind -> ids that some section lists in 'ids'


def record_id(record: Any) -> str:
    """The id a section's 'ids' names a record by: its id, or an issue's number."""
    ident = getattr(record, "id", None)
    return str(ident) if ident is not None else str(getattr(record, "number", ""))


def pick(records: list[Any], spec: datafiles.SectionSpec, placement: Placement) -> list[Any]:
    """The section's own records: those its 'ids' list, in that order; without 'ids', the rest."""
    if spec.ids is not None:
        by_id = {record_id(r): r for r in records}
        return [by_id[i] for i in spec.ids if i in by_id]
    taken = placement.listed.get(spec.kind, set())
    return [r for r in records if record_id(r) not in taken] if taken else records


RecordsOf = Callable[["View", "datafiles.SectionSpec", Placement], list[Any]]


@dataclass(frozen=True)
class Kind:
    name: str
    template: str
    heading: str  # an English message (see words.ENGLISH); "" for no heading
    records: RecordsOf
    titles: dict[str, str] = field(default_factory=dict)  # sub-heading key -> its default English message
    pool: str | None = None  # Dataset attribute whose records a section may pick with 'id'
    styles: tuple[str, ...] = ()  # the 'style' values it accepts, the first being the default
    absorbs: str | None = None  # a kind it also shows when the outline has no section of that kind
    every: Callable[[Dataset], list[Any]] | None = None  # its records in the data, for 'ids'


def _by_id(pool: str) -> RecordsOf:
    """The record named by the section's id, or every record no other section names."""

    def records(view: View, spec: datafiles.SectionSpec, placement: Placement) -> list[Any]:
        every = getattr(view.data, pool)
        if spec.id is not None:
            return [r for r in every if r.id == spec.id][:1]
        taken = placement.by_id.get(spec.kind, set())
        return [r for r in every if r.id not in taken]

    return records


def _summary(view: View, spec: datafiles.SectionSpec, placement: Placement) -> list[Any]:
    project = view.project
    return [project] if project.summary or project.highlights or view.components or view.metric else []


def _tests(view: View, spec: datafiles.SectionSpec, placement: Placement) -> list[Any]:
    commands = view.commands if "commands" not in placement.kinds else []
    return [*view.categories, *commands]


def _readiness(view: View, spec: datafiles.SectionSpec, placement: Placement) -> list[Any]:
    # The verdict follows the blockers and the component levels: with neither, there is nothing to judge.
    return [view.readiness] if "blockers" in view.data.kinds or view.components else []


def _attr(name: str) -> RecordsOf:
    def records(view: View, spec: datafiles.SectionSpec, placement: Placement) -> list[Any]:
        return list(getattr(view, name))

    return records


def _priorities(view: View, spec: datafiles.SectionSpec, placement: Placement) -> list[Any]:
    return list(view.priorities.items) if view.priorities else []


def _changes(view: View, spec: datafiles.SectionSpec, placement: Placement) -> list[Any]:
    derived = view.data.history
    return [derived.changes] if derived is not None and derived.changes is not None else []


def _component_map(view: View, spec: datafiles.SectionSpec, placement: Placement) -> list[Any]:
    from .mermaid import component_map

    return [component_map(view.components, view.labels)] if view.components else []


def _timeline(view: View, spec: datafiles.SectionSpec, placement: Placement) -> list[Any]:
    from .mermaid import gantt, issue_bars, milestone_bars

    today = view.project.last_updated
    bars = [*milestone_bars(view.data.milestones, today, view.w("Roadmap")), *issue_bars(view.data.issues, today)]
    return [gantt(bars)] if bars else []


def _health_history(view: View, spec: datafiles.SectionSpec, placement: Placement) -> list[Any]:
    from .mermaid import health_chart

    derived = view.data.history
    return [health_chart(derived.health)] if derived is not None and derived.health else []


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind("header", "header.md.j2", "", lambda view, spec, placement: [view.project]),
        Kind(
            "summary",
            "executive_summary.md.j2",
            "Summary",
            _summary,
            titles={"health": "Overall Health", "highlights": "Highlights"},
        ),
        Kind(
            "components",
            "system_health.md.j2",
            "Components",
            _attr("components"),
            styles=("table", "list"),
            every=lambda data: data.components,
        ),
        Kind("issues", "issue_status.md.j2", "Issues", _attr("listed_issues"), every=lambda data: data.issues),
        Kind("recent", "recently_completed.md.j2", "Recently Completed", _attr("recent_issues")),
        Kind("blockers", "blockers.md.j2", "Blockers", _attr("open_blockers"), every=lambda data: data.blockers),
        Kind(
            "risks",
            "risks.md.j2",
            "Known Issues",
            _by_id("risks"),
            pool="risks",
            styles=("list", "table"),
            every=lambda data: data.risks,
        ),
        Kind(
            "priorities",
            "priorities.md.j2",
            "Next Steps",
            _priorities,
            every=lambda data: data.priorities.items if data.priorities else [],
        ),
        Kind(
            "milestones",
            "milestones.md.j2",
            "Roadmap",
            _by_id("milestones"),
            pool="milestones",
            every=lambda data: data.milestones,
        ),
        Kind("checklists", "checklists.md.j2", "Checklists", _by_id("checklists"), pool="checklists"),
        Kind("tests", "test_status.md.j2", "Tests", _tests, absorbs="commands", every=lambda data: data.categories),
        Kind("commands", "commands.md.j2", "Commands", _attr("commands")),
        Kind(
            "metrics",
            "metrics.md.j2",
            "Metrics",
            lambda view, spec, placement: list(view.project.metrics),
            every=lambda data: data.project.metrics,
        ),
        Kind(
            "readiness",
            "deployment_readiness.md.j2",
            "Readiness: {icon} {verdict}",
            _readiness,
            titles={
                "confidence": "Confidence",
                "ready": "Ready",
                "not_ready": "Not Yet Ready",
                "p0": "Open P0 Blockers",
                "other": "Other Open Blockers",
                "next_steps": "Next Steps",
            },
            absorbs="blockers",
        ),
        Kind(
            "validation",
            "validation_findings.md.j2",
            "Validation ({run_date})",
            lambda view, spec, placement: [view.run] if view.run else [],
            titles={
                "metrics": "Results",
                "p0": "Open P0 Blockers",
                "impact": "Impact",
                "evidence": "Evidence",
                "readiness": "Readiness",
            },
        ),
        Kind(
            "achievements",
            "achievements.md.j2",
            "Achievements",
            _attr("achievements"),
            every=lambda data: data.project.achievements,
        ),
        Kind("free", "free.md.j2", "", _by_id("free_sections"), pool="free_sections"),
        # Derived from git history and drawn as Mermaid (status_gen/history.py, status_gen/mermaid.py).
        Kind("changes", "changes.md.j2", "Changes since {since}", _changes),
        Kind("component_map", "mermaid.md.j2", "Components at a Glance", _component_map),
        Kind("timeline", "mermaid.md.j2", "Timeline", _timeline),
        Kind("health_history", "mermaid.md.j2", "Health over Time", _health_history),
    )
}
# Placeholders a heading, title or sub-heading may use (values come from the view).
PLACEHOLDERS = ("name", "date", "period", "run_date", "verdict", "icon", "since")


class Section(NamedTuple):
    """One section as its template sees it. Text is final Markdown (escaped)."""

    kind: str
    template: str
    heading: str  # "" renders no heading
    level: int
    titles: dict[str, str]
    style: str | None
    records: list[Any]
    absorbs: frozenset[str]
    single: bool  # the section shows the one record its 'id' names
    item: str = ""  # the 'item' layout: one line per record (listitems.py); "" for the kind's own
    columns: tuple[m.Column, ...] = ()  # a table layout (columns.py); () for the kind's own template
    rule: str | None = None  # the table's separator line as written

    @property
    def hashes(self) -> str:
        return "#" * self.level

    @property
    def sub(self) -> str:
        """The heading marks one level below the section's."""
        return "#" * min(self.level + 1, 6)

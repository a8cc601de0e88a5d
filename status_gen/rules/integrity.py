"""SG1xx: references and integrity. Records must be unique and point at records that exist."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..hints import closest, closest_number
from .base import Context, Finding, item_where, rule

# Findings of these rules (at error level) stop render and check like a load error: with a
# duplicate id or a dangling reference the document would show a record in the wrong place or
# drop a fact silently, and it must never state what the data did not.
BLOCKS_WRITE = frozenset({"SG101", "SG102"})


def _duplicates(records: Iterable[Any], key: str, noun: str) -> Iterator[Finding]:
    first: dict[Any, Any] = {}
    for record in records:
        value = getattr(record, key)
        if value in first:
            line = first[value].where(key).line
            yield Finding(
                record.where(key), f"duplicate {noun} '{value}' (first at line {line}); give each record its own"
            )
        else:
            first[value] = record


@rule("SG101", "duplicate-id")
def duplicate_id(ctx: Context) -> Iterator[Finding]:
    """Two records of one kind share an id (or an issue number).

    Every component, blocker, test category and metric needs its own id, and every issue its own
    number: views and references find records by them, and a second record with the same id would
    be shadowed silently.

    Passing:

        # components.yaml
        components:
          - {id: api, name: API, status: OK, note: serving}
          - {id: db, name: Database, status: OK, note: healthy}

    Failing:

        # components.yaml
        components:
          - {id: api, name: API, status: OK, note: serving}
          - {id: api, name: Database, status: OK, note: healthy}
    """
    d = ctx.data
    yield from _duplicates(d.components, "id", "component id")
    yield from _duplicates(d.issues, "number", "issue number")
    yield from _duplicates(d.blockers, "id", "blocker id")
    yield from _duplicates(d.categories, "id", "test category id")
    yield from _duplicates(d.project.metrics, "id", "metric id")
    yield from _duplicates(d.milestones, "id", "milestone id")
    yield from _duplicates(d.risks, "id", "risk id")
    yield from _duplicates(d.checklists, "id", "checklist id")
    yield from _duplicates(d.free_sections, "id", "free section id")


def _unknown(value: Any, known: Iterable[Any], noun: str, where: Any) -> Finding:
    names = [str(k) for k in known]
    if isinstance(value, int):  # issue numbers: compared digit by digit, not as words
        number = closest_number(value, [int(k) for k in known])
        close = None if number is None else str(number)
    else:
        close = closest(str(value), names)
    shown = ", ".join(sorted(names)[:10]) + (", ..." if len(names) > 10 else "")
    hint = f"; did you mean '{close}'?" if close else f"; use one of: {shown or 'none yet'}"
    return Finding(where, f"unknown {noun} '{value}'{hint}")


@rule("SG102", "unknown-reference")
def unknown_reference(ctx: Context) -> Iterator[Finding]:
    """A record refers to a component, issue or metric that does not exist.

    References are by id (components, metrics) or number (issues). A typo would otherwise make a
    blocker count against nothing, or a highlight silently vanish.

    Passing:

        # blockers.yaml
        blockers:
          - {id: db-down, title: DB down, detail: no connections, severity: P0, component: db}

    Failing:

        # blockers.yaml
        blockers:
          - {id: db-down, title: DB down, detail: no connections, severity: P0, component: dbb}
    """
    d = ctx.data
    components = d.component_by_id
    issues = d.issue_by_number
    for issue in d.issues:
        for index, cid in enumerate(issue.components):
            if cid not in components:
                yield _unknown(cid, components, "component", item_where(issue, "components", index))
    for blocker in d.blockers:
        if blocker.component is not None and blocker.component not in components:
            yield _unknown(blocker.component, components, "component", blocker.where("component"))
        if blocker.issue is not None and blocker.issue not in issues:
            yield _unknown(blocker.issue, issues, "issue", blocker.where("issue"))
    for component in d.components:
        if component.metric is not None and component.metric not in d.metric_by_id:
            yield _unknown(component.metric, d.metric_by_id, "metric", component.where("metric"))
    for category in d.categories:
        if category.issue is not None and category.issue not in issues:
            yield _unknown(category.issue, issues, "issue", category.where("issue"))
    project = d.project
    if project.headline_metric is not None and project.headline_metric not in d.metric_by_id:
        yield _unknown(project.headline_metric, d.metric_by_id, "metric", project.where("headline_metric"))
    for highlight in project.highlights:
        if highlight.issue is not None and highlight.issue not in issues:
            yield _unknown(highlight.issue, issues, "issue", highlight.where("issue"))
    for achievement in project.achievements:
        for index, cid in enumerate(achievement.components):
            if cid not in components:
                yield _unknown(cid, components, "component", item_where(achievement, "components", index))
    for index, cid in enumerate(project.claims.ready):
        if cid not in components:
            yield _unknown(cid, components, "component", item_where(project.claims, "ready", index))
    for risk in d.risks:
        if risk.component is not None and risk.component not in components:
            yield _unknown(risk.component, components, "component", risk.where("component"))
    if d.priorities is not None:
        for item in d.priorities.items:
            if item.issue is not None and item.issue not in issues:
                yield _unknown(item.issue, issues, "issue", item.where("issue"))


@rule("SG103", "passed-over-total")
def passed_over_total(ctx: Context) -> Iterator[Finding]:
    """More tests passed than were run.

    ``passed`` counts a subset of ``total``; a larger number is a typo, and every pass rate
    computed from it would be above 100%.

    Passing:

        # components.yaml
        components:
          - {id: api, name: API, status: OK, note: serving, tests: {passed: 14, total: 15}}

    Failing:

        # components.yaml
        components:
          - {id: api, name: API, status: OK, note: serving, tests: {passed: 15, total: 14}}
    """
    records: list[Any] = [*ctx.data.components, *ctx.data.categories]
    for record in records:
        tests = record.tests
        if tests is not None and tests.passed > tests.total:
            yield Finding(
                tests.where("passed"),
                f"passed ({tests.passed}) is greater than total ({tests.total}) for '{record.id}'; correct the counts",
            )


RULES = (duplicate_id, unknown_reference, passed_over_total)

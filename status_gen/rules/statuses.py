"""SG3xx: statuses. Stated labels, issue states and claims agree with the records and have the fields they imply.

A closed issue has its close date, an ok label its passing tests: a field that a status needs
(or must not have) is checked here, not in integrity.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..derive import format_rate, is_readiness_impact, level_of, pass_rate, readiness, rollup
from ..errors import Location
from ..options import Option
from ..vocabulary import RANK, ROLLUP_NAMES
from .base import Context, Finding, item_where, rule

if TYPE_CHECKING:
    from .. import models as m


def _ok(label: str, ctx: Context) -> bool:
    return level_of(label, ctx.labels) == "ok"


@rule("SG301", "closed-issue-open-phase")
def closed_issue_open_phase(ctx: Context) -> Iterator[Finding]:
    """A closed or resolved issue still has a phase that is not done.

    Either the issue was closed too early or the phase's status was never updated; the document
    would announce the issue as closed while listing unfinished work under it.

    Passing:

        # issues.yaml
        issues:
          - number: 7
            title: Login
            status: closed
            closed: "2025-09-05"
            phases:
              - {name: Build, status: done}

    Failing:

        # issues.yaml
        issues:
          - number: 7
            title: Login
            status: closed
            closed: "2025-09-05"
            phases:
              - {name: Build, status: in_progress}
    """
    for issue in ctx.data.issues:
        if not issue.is_closed:
            continue
        for phase in issue.phases:
            if phase.status != "done":
                yield Finding(
                    phase.where("status"),
                    f"issue #{issue.number} is {issue.status} but phase '{phase.name}' is {phase.status}; "
                    "mark the phase done or reopen the issue",
                )


@rule("SG302", "open-issue-phases-done", level="warning")
def open_issue_phases_done(ctx: Context) -> Iterator[Finding]:
    """An open issue has phases and every one of them is done.

    The work is finished but the issue is not: close it (with a ``closed`` date), or add the
    phase that is still missing. "Ready for closure" is not a status.

    Passing:

        # issues.yaml
        issues:
          - number: 7
            title: Login
            status: in_progress
            phases:
              - {name: Build, status: done}
              - {name: Ship, status: in_progress}

    Failing:

        # issues.yaml
        issues:
          - number: 7
            title: Login
            status: in_progress
            phases:
              - {name: Build, status: done}
              - {name: Ship, status: done}
    """
    for issue in ctx.data.issues:
        if not issue.is_closed and issue.phases and all(p.status == "done" for p in issue.phases):
            yield Finding(
                issue.where("status"),
                f"issue #{issue.number} is {issue.status} but all {len(issue.phases)} of its phases are done; "
                "close it (status: closed with a 'closed' date) or add the unfinished phase",
            )


@rule("SG303", "closed-issue-without-date", level="warning")
def closed_issue_without_date(ctx: Context) -> Iterator[Finding]:
    """A closed or resolved issue has no ``closed`` date.

    The closing lines of the document show when each issue closed, and the date rules can only
    check dates that are written down.

    Passing:

        # issues.yaml
        issues:
          - {number: 7, title: Login, status: resolved, closed: "2025-09-05"}

    Failing:

        # issues.yaml
        issues:
          - {number: 7, title: Login, status: resolved}
    """
    for issue in ctx.data.issues:
        if issue.is_closed and issue.closed is None:
            yield Finding(
                issue.where("status"),
                f"issue #{issue.number} is {issue.status} but has no close date; add 'closed: YYYY-MM-DD'",
            )


@rule("SG304", "closed-issue-in-priorities")
def closed_issue_in_priorities(ctx: Context) -> Iterator[Finding]:
    """A current priority refers to an issue that is already closed.

    Finished work is not a priority; it belongs with the recently closed issues, which the
    document lists on its own.

    Passing:

        # priorities.yaml
        period: "2025-09-01"
        items:
          - {title: Billing, goal: Invoices, status: started, next_steps: Ship, issue: 8}

    Failing:

        # priorities.yaml
        period: "2025-09-01"
        items:
          - {title: Login, goal: Sign-in, status: done, next_steps: Celebrate, issue: 7}
    """
    if ctx.data.priorities is None:
        return
    issues = ctx.data.issue_by_number
    for item in ctx.data.priorities.items:
        issue = issues.get(item.issue) if item.issue is not None else None
        if issue is not None and issue.is_closed:
            when = f" on {issue.closed}" if issue.closed else ""
            yield Finding(
                item.where("issue"),
                f"priority '{item.title}' refers to issue #{issue.number}, {issue.status}{when}; "
                "remove the item from priorities.yaml or reopen the issue",
            )


@rule("SG305", "ok-component-with-blocker")
def ok_component_with_blocker(ctx: Context) -> Iterator[Finding]:
    """A component at an ok-level status has an open blocker against it.

    A blocker says the component stops the release; an ok label (FIXED, VALIDATED, ...) says it
    works. Give the component a warn or fail label, resolve the blocker, or point the blocker at
    the component it really concerns.

    Passing:

        # components.yaml
        components:
          - {id: api, name: API, status: BROKEN, note: crashes on start}
        # blockers.yaml
        blockers:
          - {id: api-crash, title: API crash, detail: segfault, severity: P0, component: api}

    Failing:

        # components.yaml
        components:
          - {id: api, name: API, status: FIXED, note: works}
        # blockers.yaml
        blockers:
          - {id: api-crash, title: API crash, detail: segfault, severity: P0, component: api}
    """
    against: dict[str, list[str]] = {}
    for blocker in ctx.data.blockers:
        if blocker.status == "open" and blocker.component is not None:
            against.setdefault(blocker.component, []).append(blocker.id)
    for component in ctx.data.components:
        ids = against.get(component.id)
        if ids and _ok(component.status, ctx):
            names = ", ".join(f"'{i}'" for i in ids)
            noun = "blocker" if len(ids) == 1 else "blockers"
            yield Finding(
                component.where("status"),
                f"component '{component.id}' is {component.status} (ok) but has open {noun} {names}; "
                "use a warn or fail label, or resolve the blocker",
            )


@rule(
    "SG306",
    "ok-label-low-pass-rate",
    options=(
        Option(
            "min_pass_rate",
            float,
            80.0,
            "the lowest pass rate (percent) an ok-level label may show",
            minimum=0,
            maximum=100,
            legacy="min_pass_rate",
        ),
    ),
)
def ok_label_low_pass_rate(ctx: Context) -> Iterator[Finding]:
    """A component or test category has an ok-level label but its tests mostly fail.

    The pass rate is computed from ``tests.passed`` / ``tests.total``; below the rule's
    ``min_pass_rate`` option (default 80%) an ok label such as VALIDATED or PASSING is not true.
    Use a warn or fail label (PARTIAL, FAILING) or update the counts.

    Passing:

        # components.yaml
        components:
          - {id: api, name: API, status: VALIDATED, note: green, tests: {passed: 19, total: 20}}

    Failing:

        # components.yaml
        components:
          - {id: api, name: API, status: VALIDATED, note: green, tests: {passed: 3, total: 20}}
    """
    minimum = ctx.options["min_pass_rate"]
    records: list[m.Component | m.TestCategory] = [*ctx.data.components, *ctx.data.categories]
    for record in records:
        rate = pass_rate(record.tests)
        if rate is not None and rate < minimum and _ok(record.status, ctx) and record.tests is not None:
            yield Finding(
                record.where("status"),
                f"'{record.id}' is {record.status} (ok) but only {record.tests.passed}/{record.tests.total} tests "
                f"pass ({format_rate(rate)}, below min_pass_rate {format_rate(minimum)}); "
                "use a warn or fail label or update the counts",
            )


@rule("SG307", "blocker-on-closed-issue")
def blocker_on_closed_issue(ctx: Context) -> Iterator[Finding]:
    """An open blocker is linked to an issue that is closed.

    If the issue that tracked the blocker is closed, the blocker is resolved (set
    ``status: resolved``) or it is tracked by another issue.

    Passing:

        # blockers.yaml
        blockers:
          - {id: login, title: Login broken, detail: 500s, severity: P1, issue: 7, status: resolved}

    Failing:

        # blockers.yaml
        blockers:
          - {id: login, title: Login broken, detail: 500s, severity: P1, issue: 7}
    """
    issues = ctx.data.issue_by_number
    for blocker in ctx.data.blockers:
        issue = issues.get(blocker.issue) if blocker.issue is not None else None
        if blocker.status == "open" and issue is not None and issue.is_closed:
            yield Finding(
                blocker.where("issue"),
                f"blocker '{blocker.id}' is open but its issue #{issue.number} is {issue.status}; "
                "set the blocker's status to resolved or link the issue that still tracks it",
            )


@rule("SG308", "claim-better-than-data")
def claim_better_than_data(ctx: Context) -> Iterator[Finding]:
    """A stated health or readiness claim is better than what the data computes.

    ``project.claims.health`` is compared with the health rollup (the worst component level);
    ``project.claims.readiness``, and a latest validation run's impact whose area is "Deployment
    Readiness", with the readiness verdict (from the open blockers and the component levels). A
    claim may be more cautious than the data, never more optimistic. Fix the data or lower the claim (or
    drop it: the document shows the computed values anyway).

    Passing:

        # project.yaml
        project:
          name: Demo
          last_updated: "2025-09-17"
          headline: Recovering
          summary: The database is degraded
          claims: {health: DEGRADED}

    Failing:

        # project.yaml
        project:
          name: Demo
          last_updated: "2025-09-17"
          headline: All good
          summary: Nothing to report
          claims: {health: HEALTHY}
    """
    labels = ctx.labels
    project = ctx.data.project
    claims = project.claims
    if claims.health is not None:
        computed = rollup(ctx.data.components, labels)
        if RANK[level_of(claims.health, labels)] < RANK[computed]:
            yield Finding(
                claims.where("health"),
                f"claims.health is {claims.health} but the components roll up to {ROLLUP_NAMES[computed]}; "
                "fix the component statuses or lower the claim",
            )
    verdict = readiness(ctx.data.blockers, ctx.data.components, labels)
    stated: list[tuple[str, str, Location]] = []
    if claims.readiness is not None:
        stated.append(("claims.readiness", claims.readiness, claims.where("readiness")))
    run = ctx.data.latest_run
    for impact in run.impacts if run else []:
        if is_readiness_impact(impact):
            stated.append((f"the '{impact.area}' impact", impact.status, impact.where("status")))
    for what, label, where in stated:
        if RANK[level_of(label, labels)] < RANK[verdict.verdict.level]:
            yield Finding(
                where,
                f"{what} is {label} but the data says {verdict.verdict.name} ({verdict.reason}); "
                "resolve the blockers, fix the components, or lower the claim",
            )


@rule("SG309", "ready-claim-not-ok")
def ready_claim_not_ok(ctx: Context) -> Iterator[Finding]:
    """An achievement or a "ready" claim names a component that is not at an ok level.

    ``project.achievements[].components`` and ``project.claims.ready`` say those components work;
    the component's own status says otherwise. Drop the component from the claim, or fix the
    component (and its status) first.

    Passing:

        # project.yaml
        project:
          name: Demo
          last_updated: "2025-09-17"
          headline: Mixed
          summary: API up, database partial
          achievements:
            - {title: API, text: Serving traffic, components: [api]}

    Failing:

        # project.yaml
        project:
          name: Demo
          last_updated: "2025-09-17"
          headline: Mixed
          summary: API up, database partial
          claims: {ready: [db]}
    """
    components = ctx.data.component_by_id
    project = ctx.data.project
    claimed: list[tuple[str, m.Achievement | m.Claims, list[str]]] = [
        (f"achievement '{a.title}'", a, a.components) for a in project.achievements
    ]
    claimed.append(("claims.ready", project.claims, project.claims.ready))
    for what, record, ids in claimed:
        key = "ready" if what == "claims.ready" else "components"
        for index, cid in enumerate(ids):
            component = components.get(cid)
            if component is not None and not _ok(component.status, ctx):
                yield Finding(
                    item_where(record, key, index),
                    f"{what} presents component '{cid}' as working but its status is {component.status}; "
                    "remove it from the claim or fix the component first",
                )


@rule("SG310", "open-issue-with-close-date")
def open_issue_with_close_date(ctx: Context) -> Iterator[Finding]:
    """An open or in-progress issue has a ``closed`` date.

    Either the issue closed (set ``status: closed`` or ``resolved``) or it was reopened (remove
    the ``closed`` date).

    Passing:

        # issues.yaml
        issues:
          - {number: 7, title: Login, status: closed, closed: "2025-09-05"}

    Failing:

        # issues.yaml
        issues:
          - {number: 7, title: Login, status: in_progress, closed: "2025-09-05"}
    """
    for issue in ctx.data.issues:
        if not issue.is_closed and issue.closed is not None:
            yield Finding(
                issue.where("closed"),
                f"issue #{issue.number} is {issue.status} but has a close date ({issue.closed}); "
                "set its status to closed or resolved, or remove the date",
            )


RULES = (
    closed_issue_open_phase,
    open_issue_phases_done,
    closed_issue_without_date,
    closed_issue_in_priorities,
    ok_component_with_blocker,
    ok_label_low_pass_rate,
    blocker_on_closed_issue,
    claim_better_than_data,
    ready_claim_not_ok,
    open_issue_with_close_date,
)

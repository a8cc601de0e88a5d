"""SG4xx: age. Status goes stale with time, measured against ``--today`` (default: the system date).

These are warnings by default: the data may be right and merely old. Each rule declares its own
threshold (``[tool.status-gen.rules.CODE] max_age_days = N``).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..options import Option
from .base import Context, Finding, rule


@rule(
    "SG401",
    "document-too-old",
    level="warning",
    options=(
        Option(
            "max_age_days",
            int,
            30,
            "days after `last_updated` before the document is stale",
            minimum=0,
            legacy="max_age_days",
        ),
    ),
)
def document_too_old(ctx: Context) -> Iterator[Finding]:
    """The status was last verified longer ago than its ``max_age_days`` option (default 30).

    ``project.last_updated`` is the date someone last confirmed the data. Re-check the data and
    move the date forward (measured against ``--today``; the examples use 2025-09-17).

    Passing:

        # project.yaml
        project: {name: Demo, last_updated: "2025-09-10", headline: Stable, summary: All good}

    Failing:

        # project.yaml
        project: {name: Demo, last_updated: "2025-06-01", headline: Stable, summary: All good}
    """
    project = ctx.data.project
    age = (ctx.today - project.last_updated).days
    limit = ctx.options["max_age_days"]
    if age > limit:
        yield Finding(
            project.where("last_updated"),
            f"last_updated ({project.last_updated}) is {age} days old, more than max_age_days ({limit}); "
            "re-verify the data and update the date",
        )


@rule(
    "SG402",
    "component-check-too-old",
    level="warning",
    options=(
        Option(
            "max_age_days",
            int,
            30,
            "days after a component's `checked` date before it is stale (its own `max_age_days` wins)",
            minimum=0,
            legacy="component_max_age_days",
        ),
    ),
)
def component_check_too_old(ctx: Context) -> Iterator[Finding]:
    """A component was last checked longer ago than its maximum age.

    The limit is the component's own ``max_age_days``, else the rule's ``max_age_days`` option
    (default 30). A component that sets ``max_age_days`` but has no ``checked`` date is reported
    too: its age cannot be known. Check the component and update ``checked``.

    Passing:

        # components.yaml
        components:
          - {id: api, name: API, status: OK, note: serving, checked: "2025-09-15"}

    Failing:

        # components.yaml
        components:
          - {id: api, name: API, status: OK, note: serving, checked: "2025-07-01"}
    """
    default = ctx.options["max_age_days"]
    for component in ctx.data.components:
        limit = component.max_age_days if component.max_age_days is not None else default
        if component.checked is None:
            if component.max_age_days is not None:
                yield Finding(
                    component.where("max_age_days"),
                    f"component '{component.id}' sets max_age_days but has no 'checked' date; "
                    "add 'checked: YYYY-MM-DD'",
                )
            continue
        age = (ctx.today - component.checked).days
        if age > limit:
            yield Finding(
                component.where("checked"),
                f"component '{component.id}' was last checked {age} days ago ({component.checked}), more than "
                f"{limit} days; check it and update 'checked'",
            )


@rule(
    "SG403",
    "p0-blocker-too-old",
    level="warning",
    options=(
        Option("max_age_days", int, 14, "days an open P0 blocker may stay open", minimum=0, legacy="p0_max_age_days"),
    ),
)
def p0_blocker_too_old(ctx: Context) -> Iterator[Finding]:
    """An open P0 blocker has been open longer than its ``max_age_days`` option (default 14).

    A P0 that stays open for weeks is either not a P0 (lower its severity) or needs escalation;
    either way the document should not keep presenting it as fresh news.

    Passing:

        # blockers.yaml
        blockers:
          - {id: db-down, title: DB down, detail: no connections, severity: P0, opened: "2025-09-10"}

    Failing:

        # blockers.yaml
        blockers:
          - {id: db-down, title: DB down, detail: no connections, severity: P0, opened: "2025-08-01"}
    """
    limit = ctx.options["max_age_days"]
    for blocker in ctx.data.blockers:
        if blocker.status != "open" or blocker.severity != "P0" or blocker.opened is None:
            continue
        age = (ctx.today - blocker.opened).days
        if age > limit:
            yield Finding(
                blocker.where("opened"),
                f"P0 blocker '{blocker.id}' has been open {age} days (since {blocker.opened}), more than "
                f"max_age_days ({limit}); resolve it, escalate it, or lower its severity",
            )


RULES = (document_too_old, component_check_too_old, p0_blocker_too_old)

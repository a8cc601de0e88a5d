"""SG2xx: dates. Events must fit the document's own timeline and the calendar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..options import Option
from .base import Context, Finding, rule

if TYPE_CHECKING:
    from ..dataset import Dataset
    from ..errors import Location


# (when, the record holding the date, the date's field, the issue owning a phase). Nouns and
# positions are built only for the few events a rule reports: at 10,000 issues building them
# for every event cost more than the rest of the rules together.
Event = tuple[dt.date, Any, str, Any]


def _events(data: Dataset) -> Iterator[Event]:
    """Every dated event the data records."""
    for issue in data.issues:
        if issue.opened is not None:
            yield issue.opened, issue, "opened", None
        if issue.closed is not None:
            yield issue.closed, issue, "closed", None
        for phase in issue.phases:
            if phase.completed is not None:
                yield phase.completed, phase, "completed", issue
    dated: tuple[tuple[list[Any], str], ...] = (
        (data.components, "checked"),
        (data.blockers, "opened"),
        (data.runs, "date"),
        (data.milestones, "completed"),
    )
    for records, key in dated:
        for record in records:
            date = getattr(record, key)
            if date is not None:
                yield date, record, key, None


def _describe(record: Any, key: str, issue: Any) -> str:
    """What happened, in words: "issue #7 closed", "phase 'Build' of issue #7 completed", ..."""
    kind = type(record).__name__
    if kind == "Issue":
        return f"issue #{record.number} {key}"
    if kind == "Phase":
        return f"phase '{record.name}' of issue #{issue.number} completed"
    if kind == "Component":
        return f"component '{record.id}' checked"
    if kind == "Blocker":
        return f"blocker '{record.id}' opened"
    if kind == "Milestone":
        return f"milestone '{record.id}' completed"
    return f"validation run '{record.title}'" if record.title else f"the validation run of {record.date}"


@rule("SG201", "event-after-last-updated")
def event_after_last_updated(ctx: Context) -> Iterator[Finding]:
    """An event is dated after the document's ``last_updated``.

    ``project.last_updated`` is the date the status was last verified, so every issue opened or
    closed, phase completed, component checked, blocker opened and validation run it describes
    happened on or before it. A later date means one of the two is wrong: usually the data was
    updated and ``last_updated`` was not.

    Passing:

        # project.yaml
        project: {name: Demo, last_updated: "2025-09-17", headline: Stable, summary: All good}
        # validation.yaml
        runs:
          - {date: "2025-09-17", title: Nightly run, summary: all suites green}

    Failing:

        # project.yaml
        project: {name: Demo, last_updated: "2025-09-10", headline: Stable, summary: All good}
        # validation.yaml
        runs:
          - {date: "2025-09-17", title: Nightly run, summary: all suites green}
    """
    last = ctx.data.project.last_updated
    for date, record, key, issue in _events(ctx.data):
        if date > last:
            yield Finding(
                record.where(key),
                f"{_describe(record, key, issue)} on {date}, after last_updated ({last}); "
                "move project.last_updated forward or correct this date",
            )


@rule("SG202", "closed-before-opened")
def closed_before_opened(ctx: Context) -> Iterator[Finding]:
    """An issue is closed before it was opened.

    One of the two dates is a typo (often a swapped month and day).

    Passing:

        # issues.yaml
        issues:
          - {number: 7, title: Login, status: closed, opened: "2025-09-01", closed: "2025-09-05"}

    Failing:

        # issues.yaml
        issues:
          - {number: 7, title: Login, status: closed, opened: "2025-09-05", closed: "2025-09-01"}
    """
    for issue in ctx.data.issues:
        if issue.opened is not None and issue.closed is not None and issue.closed < issue.opened:
            yield Finding(
                issue.where("closed"),
                f"issue #{issue.number} closed on {issue.closed}, before it was opened ({issue.opened}); "
                "correct one of the dates",
            )


@rule("SG203", "phase-after-close")
def phase_after_close(ctx: Context) -> Iterator[Finding]:
    """A phase is completed after its issue was closed.

    Work finished after the close date means the issue was closed too early (reopen it or move
    its ``closed`` date) or the phase's ``completed`` date is wrong.

    Passing:

        # issues.yaml
        issues:
          - number: 7
            title: Login
            status: closed
            closed: "2025-09-05"
            phases:
              - {name: Build, status: done, completed: "2025-09-05"}

    Failing:

        # issues.yaml
        issues:
          - number: 7
            title: Login
            status: closed
            closed: "2025-09-05"
            phases:
              - {name: Build, status: done, completed: "2025-09-08"}
    """
    for issue in ctx.data.issues:
        if issue.closed is None:
            continue
        for phase in issue.phases:
            if phase.completed is not None and phase.completed > issue.closed:
                yield Finding(
                    phase.where("completed"),
                    f"phase '{phase.name}' completed on {phase.completed}, after issue #{issue.number} closed "
                    f"({issue.closed}); correct the date or move the issue's 'closed' date",
                )


@rule(
    "SG204",
    "stale-section",
    level="warning",
    options=(
        Option(
            "max_age_days",
            int,
            60,
            "days a dated section may lag behind `last_updated`",
            minimum=0,
            legacy="max_section_age_days",
        ),
    ),
)
def stale_section(ctx: Context) -> Iterator[Finding]:
    """A dated section is far older than the document.

    The priorities ``period`` and the latest validation run are shown as current. When they are
    more than the ``max_age_days`` option (default 60) older than ``project.last_updated``, the
    document presents an old plan or an old run as today's (a "January" plan in a September
    document). Update the section, or drop it. A period written as free text ("Q3 2025") has no
    date to measure, so this rule does not apply to it.

    Passing:

        # priorities.yaml
        period: "2025-09-01"
        items:
          - {title: Stability, goal: No outages, status: on track, next_steps: Load test}

    Failing:

        # priorities.yaml
        period: "2025-01-01"
        items:
          - {title: Stability, goal: No outages, status: on track, next_steps: Load test}
    """
    last = ctx.data.project.last_updated
    limit = ctx.options["max_age_days"]
    sections: list[tuple[str, dt.date, Location]] = []
    period = ctx.data.priorities.period if ctx.data.priorities is not None else None
    if isinstance(period, dt.date) and ctx.data.priorities is not None:  # free text ("Q3 2025") has no age
        sections.append(("the priorities period", period, ctx.data.priorities.where("period")))
    run = ctx.data.latest_run
    if run is not None:
        sections.append(("the latest validation run", run.date, run.where("date")))
    for noun, date, where in sections:
        age = (last - date).days
        if age > limit:
            yield Finding(
                where,
                f"{noun} ({date}) is {age} days older than last_updated ({last}), more than "
                f"max_age_days ({limit}); bring the section up to date or remove it",
            )


@rule("SG205", "date-after-today")
def date_after_today(ctx: Context) -> Iterator[Finding]:
    """A date is later than today (``--today``, default the system date).

    Status records describe what has happened; a date in the future is a typo (often the year).

    Passing:

        # components.yaml
        components:
          - {id: api, name: API, status: OK, note: serving, checked: "2025-09-17"}

    Failing:

        # components.yaml
        components:
          - {id: api, name: API, status: OK, note: serving, checked: "2052-09-17"}
    """
    today = ctx.today
    data = ctx.data
    if data.project.last_updated > today:
        yield _future("project.last_updated", data.project.last_updated, data.project.where("last_updated"), today)
    period = data.priorities.period if data.priorities is not None else None
    if isinstance(period, dt.date) and period > today and data.priorities is not None:
        yield _future("the priorities period", period, data.priorities.where("period"), today)
    for date, record, key, issue in _events(data):
        if date > today:
            yield _future(_describe(record, key, issue), date, record.where(key), today)


def _future(noun: str, date: dt.date, where: Location, today: dt.date) -> Finding:
    return Finding(where, f"{noun} on {date} is after today ({today}); correct the date")


RULES = (event_after_last_updated, closed_before_opened, phase_after_close, stale_section, date_after_today)

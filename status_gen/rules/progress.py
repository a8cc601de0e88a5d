"""SG6xx: plans and progress. Milestones, checklists and risks must agree with themselves.

Milestones carry a status, a percent, checklist items and dates, and checklists may repeat an
item of a milestone; each of those can be typed to say something the others deny.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from ..vocabulary import level_of
from .base import Context, Finding, item_where, rule


def _done(ctx: Context, record: Any) -> bool:
    return level_of(record.status, ctx.labels) == "ok"


@rule("SG601", "done-milestone-open-items")
def done_milestone_open_items(ctx: Context) -> Iterator[Finding]:
    """A milestone at an ok-level status still has unchecked items.

    A finished milestone with open checklist items says two things at once: either the items are
    done (check them) or the milestone is not (give it a status such as IN PROGRESS).

    Passing:

        # milestones.yaml
        milestones:
          - id: beta
            name: Beta
            status: DONE
            items: [{text: Docs written, done: true}]

    Failing:

        # milestones.yaml
        milestones:
          - id: beta
            name: Beta
            status: DONE
            items: [{text: Docs written, done: false}]
    """
    for milestone in ctx.data.milestones:
        if not _done(ctx, milestone):
            continue
        for index, item in enumerate(milestone.items):
            if not item.done:
                yield Finding(
                    item_where(milestone, "items", index),
                    f"milestone '{milestone.id}' is {milestone.status} but '{item.text}' is not done; "
                    "check the item or change the milestone's status",
                )


@rule("SG602", "percent-contradicts-status")
def percent_contradicts_status(ctx: Context) -> Iterator[Finding]:
    """A milestone's percent and status disagree: 100% but not done, or done below 100%.

    Passing:

        # milestones.yaml
        milestones:
          - {id: beta, name: Beta, status: IN PROGRESS, percent: 80}

    Failing:

        # milestones.yaml
        milestones:
          - {id: beta, name: Beta, status: IN PROGRESS, percent: 100}
    """
    for milestone in ctx.data.milestones:
        if milestone.percent is None:
            continue
        done = _done(ctx, milestone)
        if milestone.percent == 100 and not done:
            yield Finding(
                milestone.where("percent"),
                f"milestone '{milestone.id}' is 100% complete but its status is {milestone.status}; "
                "mark it done or lower the percent",
            )
        elif milestone.percent < 100 and done:
            yield Finding(
                milestone.where("percent"),
                f"milestone '{milestone.id}' is {milestone.status} at {milestone.percent}%; "
                "set the percent to 100 or change the status",
            )


_SPACES = re.compile(r"\s+")


def _key(text: str) -> str:
    """Items match whatever their case, spacing and final punctuation."""
    return _SPACES.sub(" ", text).strip().rstrip(".;:!").casefold()


@rule("SG603", "checklist-item-conflict")
def checklist_item_conflict(ctx: Context) -> Iterator[Finding]:
    """The same item is checked in one list and open in another.

    Checklists and milestone items are compared by their text (ignoring case, spacing and final
    punctuation). Each open occurrence of an item that is checked elsewhere is reported.

    Passing:

        # checklists.yaml
        checklists:
          - {id: release, title: Release, items: [{text: Tag pushed, done: true}]}
          - {id: launch, title: Launch, items: [{text: Tag pushed, done: true}]}

    Failing:

        # checklists.yaml
        checklists:
          - {id: release, title: Release, items: [{text: Tag pushed, done: true}]}
          - {id: launch, title: Launch, items: [{text: Tag pushed, done: false}]}
    """
    lists: list[tuple[str, Any]] = [(f"checklist '{c.id}'", c) for c in ctx.data.checklists]
    lists += [(f"milestone '{m.id}'", m) for m in ctx.data.milestones]
    checked: dict[str, str] = {}
    for name, owner in lists:
        for item in owner.items:
            if item.done:
                checked.setdefault(_key(item.text), name)
    for name, owner in lists:
        for index, item in enumerate(owner.items):
            where_done = checked.get(_key(item.text))
            if not item.done and where_done is not None and where_done != name:
                yield Finding(
                    item_where(owner, "items", index),
                    f"'{item.text}' is open in {name} but checked in {where_done}; check it here or uncheck it there",
                )


@rule("SG604", "milestone-overdue", level="warning")
def milestone_overdue(ctx: Context) -> Iterator[Finding]:
    """An unfinished milestone's due date has passed (measured against ``--today``).

    Only due dates written as dates (YYYY-MM-DD) are measured; free text such as "Q3 2025" has no
    day to pass. Move the date, or finish the milestone.

    Passing:

        # milestones.yaml
        milestones:
          - {id: beta, name: Beta, status: IN PROGRESS, due: "2025-10-01"}

    Failing:

        # milestones.yaml
        milestones:
          - {id: beta, name: Beta, status: IN PROGRESS, due: "2025-09-01"}
    """
    for milestone in ctx.data.milestones:
        due = milestone.due
        if isinstance(due, dt.date) and due < ctx.today and not _done(ctx, milestone):
            yield Finding(
                milestone.where("due"),
                f"milestone '{milestone.id}' was due on {due}, {(ctx.today - due).days} days ago, and is "
                f"{milestone.status}; move the due date or finish it",
            )


@rule("SG605", "completed-milestone-not-done")
def completed_milestone_not_done(ctx: Context) -> Iterator[Finding]:
    """A milestone has a ``completed`` date but a status that is not at an ok level.

    Passing:

        # milestones.yaml
        milestones:
          - {id: beta, name: Beta, status: DONE, completed: "2025-09-01"}

    Failing:

        # milestones.yaml
        milestones:
          - {id: beta, name: Beta, status: IN PROGRESS, completed: "2025-09-01"}
    """
    for milestone in ctx.data.milestones:
        if milestone.completed is not None and not _done(ctx, milestone):
            yield Finding(
                milestone.where("completed"),
                f"milestone '{milestone.id}' has a completed date but its status is {milestone.status}; "
                "remove the date or mark it done",
            )


@rule("SG606", "milestone-ends-before-start")
def milestone_ends_before_start(ctx: Context) -> Iterator[Finding]:
    """A milestone is due, or was completed, before its start date.

    A milestone runs from ``start`` to ``due`` (and ``completed`` when it is done), so either date
    before ``start`` means one of them is a typo, often a swapped month and day or the wrong year.
    Only dates written as dates (YYYY-MM-DD) are compared; free text such as "Q3 2025" is not.

    Passing:

        # milestones.yaml
        milestones:
          - {id: beta, name: Beta, status: IN PROGRESS, start: "2025-09-01", due: "2025-10-01"}

    Failing:

        # milestones.yaml
        milestones:
          - {id: beta, name: Beta, status: IN PROGRESS, start: "2025-10-01", due: "2025-09-01"}
    """
    for milestone in ctx.data.milestones:
        start = milestone.start
        if not isinstance(start, dt.date):
            continue
        for key in ("due", "completed"):
            end = getattr(milestone, key)
            if isinstance(end, dt.date) and end < start:
                yield Finding(
                    milestone.where(key),
                    f"milestone '{milestone.id}' is {'due' if key == 'due' else 'completed'} on {end}, "
                    f"before its start ({start}); correct one of the dates",
                )


RULES = (
    done_milestone_open_items,
    percent_contradicts_status,
    checklist_item_conflict,
    milestone_overdue,
    completed_milestone_not_done,
    milestone_ends_before_start,
)

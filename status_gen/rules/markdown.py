"""SL1xx-SL7xx: contradictions inside a hand-written Markdown status document (``status-gen lint``).

Each rule reads the claims ``status_gen.claims`` extracted and names the line of every side. The
examples are Markdown; the test suite lints both and checks each rule fires only on the failing one.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from ..errors import Location
from ..options import Option
from .base import Finding, Rule, rule

if TYPE_CHECKING:
    from ..claims import Claims, DocDate, Entity


class LintContext:
    """Everything a lint rule may look at: one document's claims, and the rule's own options."""

    def __init__(self, claims: Claims, path: str, options: Mapping[str, Any] = MappingProxyType({})) -> None:
        self.claims = claims
        self.path = path
        self.options = options

    def at(self, line: int) -> Location:
        return Location(self.path, line, 1)

    @functools.cached_property
    def conflicts(self) -> list[_Conflict]:
        """Computed once for the four rules that report them."""
        return list(_conflicts(self.claims))


def _lines(lines: list[int]) -> str:
    unique = sorted(set(lines))
    shown = ", ".join(str(n) for n in unique[:5])
    more = f" and {len(unique) - 5} more" if len(unique) > 5 else ""
    return ("line " if len(unique) == 1 else "lines ") + shown + more


class _Conflict(NamedTuple):
    code: str
    at: Entity
    others: list[Entity]


def _conflicts(claims: Claims) -> Iterator[_Conflict]:
    """One conflict per name that is stated ok somewhere and not ok somewhere else."""
    by_key: dict[str, list[Entity]] = defaultdict(list)
    for entity in claims.entities:
        by_key[entity.key].append(entity)
    for sides in by_key.values():
        good = [e for e in sides if e.level == "ok"]
        bad = [e for e in sides if e.level != "ok"]
        if not good or not bad:
            continue
        ready = [e for e in good if e.listed == "ready"]
        bad_elsewhere = [e for e in bad if e.listed != "ready"]
        implied_bad = [e for e in bad if not e.explicit]
        stated_good = [e for e in good if e.explicit]
        failing = [e for e in bad if e.explicit and e.level == "fail"]
        warning = [e for e in bad if e.explicit]
        if ready and bad_elsewhere:
            yield _Conflict("SL103", ready[0], bad_elsewhere)
        elif implied_bad and stated_good:
            yield _Conflict("SL104", implied_bad[0], stated_good)
        elif failing and stated_good:
            yield _Conflict("SL101", failing[0], stated_good)
        elif warning and stated_good:
            yield _Conflict("SL102", warning[0], stated_good)


def _conflict_findings(ctx: LintContext, code: str) -> Iterator[Finding]:
    for conflict in ctx.conflicts:
        if conflict.code != code:
            continue
        at, others = conflict.at, conflict.others
        other_words = sorted({e.word for e in others})
        yield Finding(
            ctx.at(at.line),
            f"'{at.name}' is {at.word} ({at.level}) here but {'/'.join(other_words)} "
            f"({others[0].level}) on {_lines([e.line for e in others])}; make them agree",
        )


@rule("SL101", "status-conflict")
def status_conflict(ctx: LintContext) -> Iterator[Finding]:
    """The same thing is marked ok in one place and failing in another.

    A component, service or feature (matched by name: case, bold, emoji and a trailing status word
    do not matter) carries a failing status (❌, 🔴, BROKEN, NOT RUNNING, ...) in one table row,
    list item or heading and an ok one (✅, 🟢, FIXED, ...) in another. One of them is stale.

    Passing:

        | Component | Status |
        |---|---|
        | Auth Service | ❌ NOT RUNNING |

        - ❌ **Auth Service**: port 8081 closed

    Failing:

        | Component | Status |
        |---|---|
        | Auth Service | ❌ NOT RUNNING |

        - ✅ **Auth service**: JWT login works
    """
    yield from _conflict_findings(ctx, "SL101")


@rule("SL102", "status-disagreement", "warning")
def status_disagreement(ctx: LintContext) -> Iterator[Finding]:
    """The same thing is marked ok in one place and at risk (warn) in another.

    Like SL101, one level milder: ✅ in one place, ⚠️/🟡/⏳/PARTIAL in another. Usually one
    section was updated after the other.

    Passing:

        | Component | Status |
        |---|---|
        | Database | ⚠️ PARTIAL |

        - ⚠️ **Database**: UUID generation failures

    Failing:

        | Component | Status |
        |---|---|
        | Database | ⚠️ PARTIAL |

        - ✅ **Database**: all queries pass
    """
    yield from _conflict_findings(ctx, "SL102")


@rule("SL103", "ready-item-not-ok")
def ready_item_not_ok(ctx: LintContext) -> Iterator[Finding]:
    """An item of a ready / done / working list is warn or fail elsewhere.

    Lists under a heading or bold label such as "Ready Components", "Completed" or "What works"
    say each item is ok; the same item marked ⚠️ or ❌ in a table or another list contradicts it.

    Passing:

        | Component | Status |
        |---|---|
        | WebSocket | ✅ HEALTHY |

        **Ready Components:**

        - WebSocket

    Failing:

        | Component | Status |
        |---|---|
        | WebSocket | ❌ UNTESTED |

        **Ready Components:**

        - WebSocket
    """
    yield from _conflict_findings(ctx, "SL103")


@rule("SL104", "blocked-item-ok")
def blocked_item_ok(ctx: LintContext) -> Iterator[Finding]:
    """An item of a blockers / known issues / not ready list is marked ok elsewhere.

    Lists under "Blockers", "Known Issues", "Not Ready" or "Still Missing" say each item is not
    done; the same item marked ✅ elsewhere means the list (or the mark) is stale.

    Passing:

        | Component | Status |
        |---|---|
        | Search Index | ❌ BROKEN |

        ## Known Issues

        - Search Index

    Failing:

        | Component | Status |
        |---|---|
        | Search Index | ✅ HEALTHY |

        ## Known Issues

        - Search Index
    """
    yield from _conflict_findings(ctx, "SL104")


@rule("SL201", "issue-state-conflict")
def issue_state_conflict(ctx: LintContext) -> Iterator[Finding]:
    """An issue is closed or resolved in one place and open or active in another.

    Issue references are matched by number ("Issue #1308", "#1308" and "issue 1308" are one
    issue; "PR #12" is not "issue #12"). States come from the word right after the reference or
    the item's bold or capitalised status (CLOSED, RESOLVED, FIXED, MERGED against OPEN, ACTIVE,
    IN PROGRESS, REOPENED; READY FOR CLOSURE contradicts CLOSED only, since a resolved issue may
    wait for closure).

    Passing:

        - **Issue #1308**: login loop - **RESOLVED**
        - Regression tests added for #1308 (closed)

    Failing:

        - **Issue #1308**: login loop - **RESOLVED**
        - Issue #1308 ACTIVE: still reproducible on staging
    """
    by_key: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
    for issue in ctx.claims.issues:
        by_key[issue.key].append((issue.state, issue.word, issue.line))
    for key, states in by_key.items():
        for still, done in (("open", ("closed", "resolved")), ("closing", ("closed",))):
            opened = [s for s in states if s[0] == still]
            closed = [s for s in states if s[0] in done]
            if opened and closed:
                break
        if closed and opened:
            word = sorted({s[1].upper() for s in closed})
            for _, said, line in opened:
                yield Finding(
                    ctx.at(line),
                    f"{key} is {said.upper()} here but {'/'.join(word)} on {_lines([s[2] for s in closed])}; "
                    "give it one state",
                )


@rule("SL301", "verdict-better-than-items")
def verdict_better_than_items(ctx: LintContext) -> Iterator[Finding]:
    """A headline verdict is ok while the document marks items as failing.

    "Status: ✅ PRODUCTION READY", "System Health: FULLY OPERATIONAL" or "Deployment Readiness:
    ENTERPRISE READY" over a table or list that marks something ❌ / BROKEN / NOT RUNNING claims
    more than the document shows. Lower the verdict or fix (and re-mark) the items. Only such
    strong claims count: "HEALTHY" alone may rightly sum up components while a test suite fails,
    and the items of a blockers list are problems by definition.

    Passing:

        **Status:** ⚠️ DEGRADED

        | Component | Status |
        |---|---|
        | Auth Service | ❌ NOT RUNNING |

    Failing:

        **Status:** ✅ PRODUCTION READY

        | Component | Status |
        |---|---|
        | Auth Service | ❌ NOT RUNNING |
    """
    failing = [e for e in ctx.claims.entities if e.explicit and e.level == "fail"]
    if not failing:
        return
    names = ", ".join(f"'{e.name}' ({e.word}, line {e.line})" for e in failing[:3])
    more = f" and {len(failing) - 3} more" if len(failing) > 3 else ""
    for verdict in ctx.claims.verdicts:
        if verdict.level == "ok":
            yield Finding(
                ctx.at(verdict.line),
                f"'{verdict.label}: {verdict.value[:60]}' is ok but the document marks {names}{more} as failing; "
                "lower the verdict or fix the items",
            )


def _last_day(doc: DocDate) -> dt.date:
    if doc.precision == "month":
        return doc.date.replace(day=calendar.monthrange(doc.date.year, doc.date.month)[1])
    return doc.date


@rule("SL401", "date-after-document")
def date_after_document(ctx: LintContext) -> Iterator[Finding]:
    """Something is dated after the document's own date.

    The "Last Updated" (or "Date:") line says when the status was verified; an issue closed, a
    phase completed or a section of findings dated later means that line was not updated (or the
    date is a typo). Planned dates ("target", "due", "next", "by") are not events and are skipped.

    Passing:

        **Last Updated:** 2025-09-17

        - Issue #1176 CLOSED 2025-09-16

    Failing:

        **Last Updated:** 2025-01-17

        - Issue #1176 CLOSED 2025-09-16
    """
    if not ctx.claims.doc_dates:
        return
    document = ctx.claims.doc_dates[0]
    limit = _last_day(document)
    for event in ctx.claims.events:
        if event.date > limit:
            yield Finding(
                ctx.at(event.line),
                f"dated {event.date.isoformat()}, after the document's date {document.text!r} "
                f"(line {document.line}); update the document date or correct this one",
            )


@rule("SL402", "document-dates-disagree")
def document_dates_disagree(ctx: LintContext) -> Iterator[Finding]:
    """The document states its own date more than once, differently.

    A header "Last Updated: 2025-09-16" and a footer "Last updated: 2025-01-17" cannot both be
    true; the reader cannot tell how fresh the rest is.

    Passing:

        **Last Updated:** 2025-09-16

        *Last updated: 2025-09-16*

    Failing:

        **Last Updated:** 2025-09-16

        *Last updated: 2025-01-17*
    """
    dates = ctx.claims.doc_dates
    if len(dates) < 2:
        return
    first = dates[0]
    for other in dates[1:]:
        coarse = "month" in (first.precision, other.precision)
        same = (first.date.year, first.date.month) == (other.date.year, other.date.month) if coarse else None
        if (same is False) or (not coarse and first.date != other.date):
            yield Finding(
                ctx.at(other.line),
                f"document date {other.text!r} differs from {first.text!r} on line {first.line}; state one date",
            )


@rule("SL501", "total-mismatch")
def total_mismatch(ctx: LintContext) -> Iterator[Finding]:
    """A stated total differs from the sum of its table.

    A "Total" row, or a sentence such as "91 total tests" just above a table, must equal the sum
    of the table's column of the same name.

    Passing:

        | Suite | Tests |
        |---|---|
        | api | 40 |
        | web | 12 |
        | Total | 52 |

    Failing:

        | Suite | Tests |
        |---|---|
        | api | 40 |
        | web | 12 |
        | Total | 50 |
    """
    for total in ctx.claims.totals:
        if total.stated != total.computed:
            yield Finding(
                ctx.at(total.line),
                f"states {total.stated} {total.what} but the table on line {total.table_line} adds up to "
                f"{total.computed}; correct the total or the rows",
            )


@rule("SL502", "stated-passed-over-total")
def passed_over_total(ctx: LintContext) -> Iterator[Finding]:
    """More tests pass than exist ("17/15 tests pass").

    Passing:

        - Agent system: 12/15 tests pass

    Failing:

        - Agent system: 17/15 tests pass
    """
    for count in ctx.claims.counts:
        if count.passed > count.total:
            yield Finding(
                ctx.at(count.line),
                f"'{count.text}': {count.passed} passed of {count.total}; correct the counts",
            )


@rule(
    "SL503",
    "ok-mark-low-pass-rate",
    "warning",
    options=(
        Option(
            "min_pass_rate",
            float,
            80.0,
            "the lowest pass rate (percent) written beside an ok mark",
            minimum=0,
            maximum=100,
        ),
    ),
)
def ok_mark_low_pass_rate(ctx: LintContext) -> Iterator[Finding]:
    """An ok mark sits beside a pass rate below the rule's ``min_pass_rate`` option (default 80%).

    Passing:

        | Suite | Status | Notes |
        |---|---|---|
        | Unit | ⚠️ PARTIAL | 5% pass rate |

    Failing:

        | Suite | Status | Notes |
        |---|---|---|
        | Unit | ✅ PASSING | 5% pass rate |
    """
    minimum = ctx.options["min_pass_rate"]
    for count in ctx.claims.counts:
        if count.ok_marked and count.total and count.passed <= count.total:
            rate = 100 * count.passed / count.total
            if rate < minimum:
                yield Finding(
                    ctx.at(count.line),
                    f"marked ok with '{count.text}' ({rate:.0f}% < {minimum:g}%); mark it as a warning or failure",
                )
    for stated in ctx.claims.ok_rates:
        if stated.percent < minimum:
            yield Finding(
                ctx.at(stated.line),
                f"marked ok with '{stated.text}' ({stated.percent:g}% < {minimum:g}%); mark it as a warning or failure",
            )


@rule("SL601", "checklist-conflict")
def checklist_conflict(ctx: LintContext) -> Iterator[Finding]:
    """The same checklist item is ticked in one place and open in another.

    Passing:

        - [x] Rotate the staging keys

        - [x] Rotate the staging keys

    Failing:

        - [x] Rotate the staging keys

        - [ ] Rotate the staging keys
    """
    by_key: dict[str, list[tuple[bool, int, str]]] = defaultdict(list)
    for item in ctx.claims.checks:
        by_key[item.key].append((item.done, item.line, item.text))
    for states in by_key.values():
        done = [s for s in states if s[0]]
        todo = [s for s in states if not s[0]]
        if done and todo:
            yield Finding(
                ctx.at(todo[0][1]),
                f"'{todo[0][2]}' is open here but ticked on {_lines([s[1] for s in done])}; tick or untick both",
            )


@rule("SL701", "merge-conflict-marker")
def merge_conflict_marker(ctx: LintContext) -> Iterator[Finding]:
    """A merge-conflict marker (``<<<<<<<`` or ``>>>>>>>``) was committed.

    Both sides of the conflict are in the document, so it says two things at once.

    Passing:

        Status: all services healthy.

    Failing:

        <<<<<<< HEAD
        Status: all services healthy.
        =======
        Status: auth service down.
        >>>>>>> fix-auth
    """
    for line in ctx.claims.conflict_markers:
        yield Finding(ctx.at(line), "merge-conflict marker; resolve the conflict and keep one side")


RULES: tuple[Rule, ...] = (
    status_conflict,
    status_disagreement,
    ready_item_not_ok,
    blocked_item_ok,
    issue_state_conflict,
    verdict_better_than_items,
    date_after_document,
    document_dates_disagree,
    total_mismatch,
    passed_over_total,
    ok_mark_low_pass_rate,
    checklist_conflict,
    merge_conflict_marker,
)

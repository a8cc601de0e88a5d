"""SG5xx: evidence. What the data types must agree with the files machines wrote: JUnit reports,
coverage reports and the issue tracker's export (``tracker`` setting). Rules here stay silent when
the data names no such file."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..derive import level_of
from ..errors import Location
from ..options import Option
from .base import Context, Finding, item_where, rule

if TYPE_CHECKING:
    from ..evidence.junit import JUnitReport


def _reported(ctx: Context) -> Iterator[tuple[Any, JUnitReport]]:
    """Every component and test category whose JUnit reports were read, with what they say."""
    evidence = ctx.data.evidence
    if evidence is None:
        return
    for kind, records in (("component", ctx.data.components), ("category", ctx.data.categories)):
        for record in records:
            report = evidence.tests_for(kind, record.id)
            if report is not None:
                yield record, report


def _junit_where(record: Any) -> Location:
    where: Location = item_where(record, "junit", 0) if isinstance(record.junit, list) else record.where("junit")
    return where


def _sources(report: JUnitReport) -> str:
    return ", ".join(report.sources)


@rule("SG501", "typed-count-differs-from-report")
def typed_count_differs_from_report(ctx: Context) -> Iterator[Finding]:
    """Typed test counts disagree with the JUnit report named beside them.

    The document shows the report's numbers; typed ``tests:`` counts next to a ``junit:`` report
    are a second statement of the same fact, and they have gone stale. Delete them (the report is
    enough) or fix them.

    Passing:

        # tests.yaml
        categories:
          - {id: unit, name: Unit, status: PARTIAL, note: ok, junit: reports/junit.xml}
        # reports/junit.xml
        <testsuite><testcase name="a"/><testcase name="b"><failure/></testcase></testsuite>

    Failing:

        # tests.yaml
        categories:
          - id: unit
            name: Unit
            status: PARTIAL
            note: ok
            tests: {passed: 2, total: 2}
            junit: reports/junit.xml
        # reports/junit.xml
        <testsuite><testcase name="a"/><testcase name="b"><failure/></testcase></testsuite>
    """
    for record, report in _reported(ctx):
        typed = record.tests
        counts = report.counts
        if typed is not None and (typed.passed, typed.total) != (counts.passed, counts.total):
            yield Finding(
                record.where("tests"),
                f"typed counts say {typed.passed}/{typed.total} but {_sources(report)} says "
                f"{counts.passed}/{counts.total}; delete the typed 'tests:' (the report is shown) or correct it",
            )


@rule("SG502", "report-missing")
def report_missing(ctx: Context) -> Iterator[Finding]:
    """A JUnit or coverage report named in the data does not exist.

    Paths are relative to the project root (the folder of the settings file). In CI, run the tests
    (``pytest --junitxml=reports/junit.xml``) before ``status-gen check``; locally, run them once
    or keep the typed counts until you do.

    Passing:

        # tests.yaml
        categories:
          - {id: unit, name: Unit, status: PASSING, note: ok, junit: reports/junit.xml}
        # reports/junit.xml
        <testsuite><testcase name="a"/></testsuite>

    Failing:

        # tests.yaml
        categories:
          - {id: unit, name: Unit, status: PASSING, note: ok, junit: reports/nowhere.xml}
    """
    evidence = ctx.data.evidence
    for missing in evidence.missing if evidence else []:
        yield Finding(
            missing.where,
            f"{missing.kind} {missing.path} does not exist (paths are relative to the project root); "
            "run the tests that write it first, or fix the path",
        )


def _report_dates(ctx: Context) -> Iterator[tuple[Location, str, Any]]:
    """(where the data names it, which files, their date) for every dated report that was read."""
    evidence = ctx.data.evidence
    if evidence is None:
        return
    for record, report in _reported(ctx):
        if report.date is not None:
            yield _junit_where(record), _sources(report), report.date
    for kind, records in (("component", ctx.data.components), ("category", ctx.data.categories)):
        for record in records:
            reading = evidence.coverage_for(kind, record.id)
            if reading is not None and reading.date is not None:
                yield record.where("coverage"), reading.source, reading.date


@rule(
    "SG503",
    "report-older-than-document",
    level="warning",
    options=(Option("max_age_days", int, 7, "days a report may predate `last_updated` before it is stale", minimum=0),),
)
def report_older_than_document(ctx: Context) -> Iterator[Finding]:
    """A report was written more than ``max_age_days`` (default 7) before ``last_updated``.

    The document claims to be verified on ``last_updated``, but the numbers it shows come from an
    older run. Run the tests again, or move ``last_updated`` back to when they ran.

    Passing:

        # tests.yaml
        categories:
          - {id: unit, name: Unit, status: PASSING, note: ok, junit: reports/junit.xml}
        # reports/junit.xml
        <testsuite timestamp="2025-09-16T10:00:00"><testcase name="a"/></testsuite>

    Failing:

        # tests.yaml
        categories:
          - {id: unit, name: Unit, status: PASSING, note: ok, junit: reports/junit.xml}
        # reports/junit.xml
        <testsuite timestamp="2025-08-01T10:00:00"><testcase name="a"/></testsuite>
    """
    last_updated = ctx.data.project.last_updated
    limit = ctx.options["max_age_days"]
    for where, source, date in _report_dates(ctx):
        age = (last_updated - date).days
        if age > limit:
            yield Finding(
                where,
                f"{source} was written on {date}, {age} days before last_updated ({last_updated}), more than "
                f"max_age_days ({limit}); run the tests again and regenerate the document",
            )


@rule("SG504", "report-newer-than-document", level="warning")
def report_newer_than_document(ctx: Context) -> Iterator[Finding]:
    """A report was written after ``last_updated``.

    The tests ran again after the data was last verified: what the typed statuses and notes say
    may no longer match the numbers shown beside them. Re-read them and move ``last_updated`` to
    the run's date.

    Passing:

        # tests.yaml
        categories:
          - {id: unit, name: Unit, status: PASSING, note: ok, junit: reports/junit.xml}
        # reports/junit.xml
        <testsuite timestamp="2025-09-17T10:00:00"><testcase name="a"/></testsuite>

    Failing:

        # tests.yaml
        categories:
          - {id: unit, name: Unit, status: PASSING, note: ok, junit: reports/junit.xml}
        # reports/junit.xml
        <testsuite timestamp="2025-09-19T10:00:00"><testcase name="a"/></testsuite>
    """
    last_updated = ctx.data.project.last_updated
    for where, source, date in _report_dates(ctx):
        if date > last_updated:
            yield Finding(
                where,
                f"{source} was written on {date}, after last_updated ({last_updated}); "
                "re-verify the data against it and move last_updated forward",
            )


@rule("SG505", "issue-state-differs-from-tracker")
def issue_state_differs_from_tracker(ctx: Context) -> Iterator[Finding]:
    """An issue is open in the data and closed in the tracker's export, or the reverse.

    The tracker is where issues are closed; the data copies that state. ``status-gen sync``
    writes the tracker's states and dates into issues.yaml.

    Passing:

        # issues.yaml
        issues:
          - {number: 7, title: Login, status: closed, opened: "2025-09-01", closed: "2025-09-05"}
        # reports/issues.json
        [{"number": 7, "title": "Login", "state": "CLOSED",
          "createdAt": "2025-09-01T09:00:00Z", "closedAt": "2025-09-05T09:00:00Z", "labels": []}]

    Failing:

        # issues.yaml
        issues:
          - {number: 7, title: Login, status: in_progress, opened: "2025-09-01"}
        # reports/issues.json
        [{"number": 7, "title": "Login", "state": "CLOSED",
          "createdAt": "2025-09-01T09:00:00Z", "closedAt": "2025-09-05T09:00:00Z", "labels": []}]
    """
    evidence = ctx.data.evidence
    if evidence is None or not evidence.tracker:
        return
    for issue in ctx.data.issues:
        found = evidence.tracker.get(issue.number)
        if found is None or issue.is_closed == (found.state == "closed"):
            continue
        yield Finding(
            issue.where("status"),
            f"issue #{issue.number} is {issue.status} here but {found.state} in {evidence.tracker_source}; "
            "run 'status-gen sync' or change the status",
        )


@rule(
    "SG506",
    "issue-date-differs-from-tracker",
    level="warning",
    options=(
        Option(
            "tolerance_days",
            int,
            1,
            "days a date may differ from the tracker's (its timestamps are UTC; yours may be local)",
            minimum=0,
        ),
    ),
)
def issue_date_differs_from_tracker(ctx: Context) -> Iterator[Finding]:
    """An issue's ``opened`` or ``closed`` date differs from the tracker's export.

    The export's timestamps are in UTC, so a date may differ by ``tolerance_days`` (default 1)
    for time zones. ``status-gen sync`` copies the tracker's dates.

    Passing:

        # issues.yaml
        issues:
          - {number: 7, title: Login, status: closed, opened: "2025-09-01", closed: "2025-09-05"}
        # reports/issues.json
        [{"number": 7, "title": "Login", "state": "CLOSED",
          "createdAt": "2025-09-01T09:00:00Z", "closedAt": "2025-09-05T09:00:00Z", "labels": []}]

    Failing:

        # issues.yaml
        issues:
          - {number: 7, title: Login, status: closed, opened: "2025-09-01", closed: "2025-09-05"}
        # reports/issues.json
        [{"number": 7, "title": "Login", "state": "CLOSED",
          "createdAt": "2025-09-01T09:00:00Z", "closedAt": "2025-09-12T09:00:00Z", "labels": []}]
    """
    evidence = ctx.data.evidence
    if evidence is None or not evidence.tracker:
        return
    tolerance = ctx.options["tolerance_days"]
    for issue in ctx.data.issues:
        found = evidence.tracker.get(issue.number)
        if found is None:
            continue
        for key, ours, theirs in (("opened", issue.opened, found.opened), ("closed", issue.closed, found.closed)):
            if ours is not None and theirs is not None and abs((ours - theirs).days) > tolerance:
                yield Finding(
                    issue.where(key),
                    f"issue #{issue.number} {key} on {ours} here but on {theirs} in {evidence.tracker_source}; "
                    "run 'status-gen sync' or correct the date",
                )


@rule("SG507", "ok-label-with-failing-report")
def ok_label_with_failing_report(ctx: Context) -> Iterator[Finding]:
    """An ok-level label on a test category or component whose JUnit report has failures or errors.

    PASSING, VALIDATED or FIXED beside a report with failing tests states something the test run
    contradicts. Fix the tests, or choose a label that says what is true (PARTIAL, BROKEN).

    Passing:

        # tests.yaml
        categories:
          - {id: unit, name: Unit, status: PARTIAL, note: ok, junit: reports/junit.xml}
        # reports/junit.xml
        <testsuite><testcase name="a"/><testcase name="b"><error/></testcase></testsuite>

    Failing:

        # tests.yaml
        categories:
          - {id: unit, name: Unit, status: PASSING, note: ok, junit: reports/junit.xml}
        # reports/junit.xml
        <testsuite><testcase name="a"/><testcase name="b"><error/></testcase></testsuite>
    """
    for record, report in _reported(ctx):
        counts = report.counts
        if counts.not_passed and level_of(record.status, ctx.labels) == "ok":
            yield Finding(
                record.where("status"),
                f"'{record.status}' is an ok label but {_sources(report)} has {counts.failed} failed and "
                f"{counts.errors} erroring tests; fix them or choose a label such as PARTIAL",
            )


RULES = (
    typed_count_differs_from_report,
    report_missing,
    report_older_than_document,
    report_newer_than_document,
    issue_state_differs_from_tracker,
    issue_date_differs_from_tracker,
    ok_label_with_failing_report,
)

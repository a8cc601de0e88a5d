"""JUnit XML: pytest --junitxml, jest-junit, go-junit-report, Maven Surefire, Ant and friends.

The producers agree on ``<testcase>`` elements (with a ``<failure>``, ``<error>`` or ``<skipped>``
child when the test did not pass) inside ``<testsuite>``, optionally wrapped in ``<testsuites>``.
They disagree on the summary attributes (some omit ``skipped``, some count skips as failures, jest
leaves them empty), so the counts come from the test cases themselves; a suite's attributes are
used only for a suite that lists no test cases at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from .files import Refused, parse_timestamp
from .safexml import integer, stream

MAX_JUNIT_BYTES = 256 * 1024 * 1024
ROOTS = ("testsuites", "testsuite")
# A test case with several outcomes (say a failure and a teardown error) counts once, as the worst.
_OUTCOMES = {"failure": 3, "error": 2, "skipped": 1}


class CaseCounts(NamedTuple):
    passed: int = 0
    failed: int = 0
    errors: int = 0
    skipped: int = 0

    @property
    def total(self) -> int:
        return self.passed + self.failed + self.errors + self.skipped

    @property
    def not_passed(self) -> int:
        return self.failed + self.errors

    def plus(self, other: CaseCounts) -> CaseCounts:
        return CaseCounts(*(a + b for a, b in zip(self, other, strict=True)))


class JUnitReport(NamedTuple):
    """What one or several JUnit files say: counts, the latest suite timestamp, the files read."""

    counts: CaseCounts
    timestamp: dt.datetime | None
    sources: tuple[str, ...]

    @property
    def date(self) -> dt.date | None:
        return self.timestamp.date() if self.timestamp else None


class _Suite:
    __slots__ = ("attributes", "cases_before")

    def __init__(self, attributes: dict[str, str], cases_before: int) -> None:
        self.attributes = attributes
        self.cases_before = cases_before


def read_junit(path: Path, display: str, max_bytes: int = MAX_JUNIT_BYTES) -> JUnitReport:
    """Count the test cases of one JUnit XML file (streamed; memory does not grow with the file)."""
    tally = [0, 0, 0, 0]  # passed, failed, errors, skipped
    cases = 0
    suites: list[_Suite] = []
    case_depth = 0
    outcome = 0
    latest: dt.datetime | None = None

    def start(name: str, attributes: dict[str, str], depth: int) -> None:
        nonlocal case_depth, outcome, latest
        if name == "testcase":
            if case_depth:
                raise Refused("a <testcase> inside another <testcase>; is the report well-formed?")
            case_depth, outcome = depth, 0
        elif case_depth and depth == case_depth + 1 and name in _OUTCOMES:
            outcome = max(outcome, _OUTCOMES[name])
        elif name in ROOTS and not case_depth:
            stamp = attributes.get("timestamp")
            if stamp:
                when = parse_timestamp(stamp)
                latest = when if latest is None else max(latest, when)
            if name == "testsuite":
                suites.append(_Suite(attributes, cases))

    def end(name: str, depth: int) -> None:
        nonlocal case_depth, cases
        if name == "testcase" and depth == case_depth:
            tally[(0, 3, 2, 1)[outcome]] += 1
            cases += 1
            case_depth = 0
        elif name == "testsuite" and not case_depth and suites:
            suite = suites.pop()
            if cases == suite.cases_before and "tests" in suite.attributes:
                _add_summary(suite.attributes, tally)

    stream(path, display, max_bytes, ROOTS, start, end)
    return JUnitReport(CaseCounts(*tally), latest, (display,))


def _add_summary(attributes: dict[str, str], tally: list[int]) -> None:
    """A suite without test cases: trust its summary attributes."""
    total = integer(attributes.get("tests"), "tests")
    failed = integer(attributes.get("failures", "0"), "failures")
    errors = integer(attributes.get("errors", "0"), "errors")
    skipped = integer(attributes.get("skipped", attributes.get("disabled", "0")), "skipped")
    passed = total - failed - errors - skipped
    if passed < 0:
        raise Refused(f"suite says tests={total} but failures+errors+skipped={total - passed}")
    for index, value in enumerate((passed, failed, errors, skipped)):
        tally[index] += value


def read_junits(files: Iterable[tuple[Path, str]], max_bytes: int = MAX_JUNIT_BYTES) -> JUnitReport:
    """Several JUnit files merged: counts added up, the latest timestamp kept."""
    counts = CaseCounts()
    latest: dt.datetime | None = None
    sources: list[str] = []
    for path, display in files:
        report = read_junit(path, display, max_bytes)
        counts = counts.plus(report.counts)
        if report.timestamp is not None:
            latest = report.timestamp if latest is None else max(latest, report.timestamp)
        sources.append(display)
    return JUnitReport(counts, latest, tuple(sources))

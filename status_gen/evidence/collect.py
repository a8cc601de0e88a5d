"""Read every report the data names, once, before the rules run and the document renders.

A named file that does not exist is not an input error: rule SG502 reports it where the data
names it, and the document falls back to the typed counts. A file that exists but cannot be read
is one (exit 2, nothing written), and so is a path that leads outside the project.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from ..errors import Location, StatusGenError, raise_all
from .files import confined

if TYPE_CHECKING:
    from .coverage_report import Coverage
    from .junit import JUnitReport
    from .tracker import TrackerIssue

Key = tuple[str, str]  # ("component" | "category", id)


class Missing(NamedTuple):
    where: Location  # where the data names the file
    path: str
    kind: str  # "JUnit report" | "coverage report"


class CoverageReading(NamedTuple):
    coverage: Coverage
    source: str
    prefix: str
    timestamp: dt.datetime | None

    @property
    def date(self) -> dt.date | None:
        return self.timestamp.date() if self.timestamp else None


@dataclass
class Evidence:
    tests: dict[Key, JUnitReport] = field(default_factory=dict)
    coverage: dict[Key, CoverageReading] = field(default_factory=dict)
    missing: list[Missing] = field(default_factory=list)
    tracker: dict[int, TrackerIssue] | None = None
    tracker_source: str = ""

    def tests_for(self, kind: str, record_id: str) -> JUnitReport | None:
        return self.tests.get((kind, record_id))

    def coverage_for(self, kind: str, record_id: str) -> CoverageReading | None:
        return self.coverage.get((kind, record_id))


def junit_files(record: Any) -> list[str]:
    junit = record.junit
    return [junit] if isinstance(junit, str) else list(junit or [])


def _where_named(record: Any, key: str, index: int | None) -> Location:
    """Where the record names a file: the value, or the list item (as rules.base.item_where)."""
    source: Any = record._src.get(key) if index is not None and record._src is not None else None
    where: Location = source.where(index) if hasattr(source, "item_at") else record.where(key)
    return where


def collect(components: Sequence[Any], categories: Sequence[Any], root: Path, tracker: str | None = None) -> Evidence:
    """Read the reports the records name (paths relative to ``root``) and the tracker export."""
    evidence = Evidence()
    records: list[tuple[str, Any]] = [("component", c) for c in components]
    records += [("category", c) for c in categories]
    errors: list[StatusGenError] = []
    coverage_wanted: dict[str, list[tuple[Key, str, Location]]] = defaultdict(list)
    for kind, record in records:
        key = (kind, record.id)
        files = junit_files(record)
        found: list[tuple[Path, str]] = []
        for index, name in enumerate(files):
            where = _where_named(record, "junit", index if isinstance(record.junit, list) else None)
            try:
                path = confined(root, name, "junit", where)
            except StatusGenError as exc:
                errors.append(exc)
                continue
            if path.exists():
                found.append((path, _display(name)))
            else:
                evidence.missing.append(Missing(where, name, "JUnit report"))
        if found:
            from .junit import read_junits

            try:
                evidence.tests[key] = read_junits(found)
            except StatusGenError as exc:
                errors.append(exc)
        if record.coverage is not None:
            source = record.coverage
            report, prefix = (source, "") if isinstance(source, str) else (source.report, source.prefix)
            coverage_wanted[report].append((key, prefix, record.where("coverage")))
    for name, wanted in coverage_wanted.items():
        _read_coverage(root, name, wanted, evidence, errors)
    if tracker:
        _read_tracker(root, tracker, evidence, errors)
    raise_all(errors)
    return evidence


def _display(name: str) -> str:
    return Path(name).as_posix()


def _read_coverage(
    root: Path, name: str, wanted: list[tuple[Key, str, Location]], evidence: Evidence, errors: list[StatusGenError]
) -> None:
    where = wanted[0][2]
    try:
        path = confined(root, name, "coverage", where)
    except StatusGenError as exc:
        errors.append(exc)
        return
    if not path.exists():
        evidence.missing.extend(Missing(w, name, "coverage report") for _, _, w in wanted)
        return
    from .coverage_report import read_coverage

    try:
        report = read_coverage(path, _display(name), [prefix for _, prefix, _ in wanted], root=root)
    except StatusGenError as exc:
        errors.append(exc)
        return
    for key, prefix, _ in wanted:
        evidence.coverage[key] = CoverageReading(report.by_prefix[prefix], report.source, prefix, report.timestamp)


def _read_tracker(root: Path, name: str, evidence: Evidence, errors: list[StatusGenError]) -> None:
    """The export named by the ``tracker`` setting; unlike a report, it must exist."""
    from .tracker import GH_COMMAND, read_tracker

    display = _display(name)
    try:
        path = confined(root, name, "tracker", Location(display))
        if not path.exists():
            raise StatusGenError(
                f"the tracker export named by the 'tracker' setting does not exist; create it with "
                f"'{GH_COMMAND} > {display}' (or the GitLab issues API)",
                Location(display),
            )
        evidence.tracker = read_tracker(path, display)
        evidence.tracker_source = display
    except StatusGenError as exc:
        errors.append(exc)

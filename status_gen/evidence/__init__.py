"""Numbers from the machines that produce them: test reports, coverage reports, tracker exports.

Every reader here is pure apart from reading the one file it is given: it returns plain values
(NamedTuples) or raises StatusGenError with the file, line and column of what it could not read.
Reports come from CI runs of strangers' pull requests, so every reader is bounded in size, never
builds a tree (constant memory, time linear in the file) and refuses what an attacker could use
(DTD internal subsets, entities, absurd nesting).
"""

from .coverage_report import Coverage, CoverageReport, read_coverage
from .junit import CaseCounts, JUnitReport, read_junit, read_junits
from .tracker import TrackerIssue, read_tracker

__all__ = [
    "CaseCounts",
    "Coverage",
    "CoverageReport",
    "JUnitReport",
    "TrackerIssue",
    "read_coverage",
    "read_junit",
    "read_junits",
    "read_tracker",
]

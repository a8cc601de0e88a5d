"""How numbers read from files are worded in the document (the view calls these)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .collect import CoverageReading


def provenance(sources: Sequence[str], date: dt.date | None) -> str:
    """'(from reports/junit.xml, 2025-09-17)': which files a number came from, and when they were written."""
    return f"(from {', '.join([*sources, *([date.isoformat()] if date else [])])})"


def percent(value: float) -> str:
    """One decimal, without a trailing '.0' (the same wording as pass rates)."""
    return f"{value:.1f}".removesuffix(".0") + "%"


def coverage_text(reading: CoverageReading, show_provenance: bool) -> str:
    """'coverage 82.5% of lines, 60% of branches (from reports/coverage.xml, 2025-09-17)'."""
    cov = reading.coverage
    if cov.line_rate is None:
        text = f"no coverage data under {reading.prefix or 'the project'}"
    else:
        text = f"coverage {percent(cov.line_rate)} of lines"
        if cov.branch_rate is not None:
            text += f", {percent(cov.branch_rate)} of branches"
    return f"{text} {provenance([reading.source], reading.date)}" if show_provenance else text

"""Messages for the mistakes people make: impossible days, issue-number typos (issue 9.15, 9.16)."""

from __future__ import annotations

from pathlib import Path

import pytest

from status_gen.hints import closest_number
from tests.conftest import EXAMPLE_TODAY, run_cli


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("2025-02-30", "2025-02-30 is not a day of the calendar: February 2025 has 28 days"),
        ("2024-02-30", "2024-02-30 is not a day of the calendar: February 2024 has 29 days"),
        ("2025-04-31", "2025-04-31 is not a day of the calendar: April 2025 has 30 days"),
        ("2025-13-01", "2025-13-01 is not a day of the calendar: there is no month 13 (months are 01 to 12)"),
        ("2025-09-00", "2025-09-00 is not a day of the calendar: days start at 01"),
    ],
)
def test_a_day_that_does_not_exist_is_named(project: Path, written: str, message: str) -> None:
    path = project / "data" / "project.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('"2025-09-17"', f'"{written}"', 1), encoding="utf-8")
    code, _, err = run_cli("check", "--today", EXAMPLE_TODAY)
    assert code == 2
    assert message in err and "write dates as YYYY-MM-DD" not in err


def test_a_date_in_another_format_still_gets_the_format_hint(project: Path) -> None:
    path = project / "data" / "project.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('"2025-09-17"', '"17/09/2025"', 1), encoding="utf-8")
    code, _, err = run_cli("check", "--today", EXAMPLE_TODAY)
    assert code == 2 and "write dates as YYYY-MM-DD" in err


def test_issue_number_typo_suggests_the_number_with_swapped_digits(project: Path) -> None:
    """1249 is 1294 with two digits swapped; as free text 1296 looked just as close."""
    path = project / "data" / "project.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("  - issue: 1294\n", "  - issue: 1249\n"), encoding="utf-8"
    )
    code, _, err = run_cli("check", "--today", EXAMPLE_TODAY)
    assert code == 2
    assert "unknown issue '1249'; did you mean '1294'?" in err


@pytest.mark.parametrize(
    ("typed", "known", "expected"),
    [
        (1249, [1176, 1294, 1296, 1309, 1312], 1294),  # swapped digits
        (1295, [1294, 1296], 1294),  # one digit off either way: the nearer in value, then the smaller
        (129, [1294, 1296, 1176], 1294),  # a digit missing
        (12945, [1294, 5000], 1294),  # a digit too many
        (4711, [1176, 1294], None),  # nothing like it: list the numbers instead
        (7, [8, 70], 8),
    ],
)
def test_closest_number_compares_digits(typed: int, known: list[int], expected: int | None) -> None:
    assert closest_number(typed, known) == expected

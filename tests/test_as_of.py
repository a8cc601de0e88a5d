"""One `as_of` setting freezes the date age rules measure against (issue 9.20)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli


def _set(project: Path, settings: str) -> None:
    (project / ".status-gen.toml").write_text(settings, encoding="utf-8")


def _add_old_p0_date(project: Path) -> None:
    """A realistic opened date on a P0 blocker: a week before last_updated, over a year before the system date."""
    path = project / "data" / "blockers.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "    severity: P0\n", '    severity: P0\n    opened: "2025-09-10"\n', 1
    )
    path.write_text(text, encoding="utf-8")


def test_as_of_replaces_the_system_date_for_every_age_rule(project: Path) -> None:
    _add_old_p0_date(project)
    _set(project, "as_of = 2025-09-17\n")
    code, out, err = run_cli("check", "--output", "NEW.md")
    assert "SG40" not in out + err  # measured against 2025-09-17: nothing is old
    assert code == 1 and "is missing" in out + err  # (only the new output file is missing)


def test_without_as_of_age_rules_measure_against_the_system_date(project: Path) -> None:
    _add_old_p0_date(project)
    _set(project, "")
    _, out, err = run_cli("check", "--output", "NEW.md")
    assert "SG401" in out + err and "SG403" in out + err


def test_today_flag_wins_over_as_of(project: Path) -> None:
    _set(project, 'as_of = "2025-09-17"\n')  # a quoted date is accepted too
    _, out, err = run_cli("check", "--today", "2025-12-31", "--output", "NEW.md")
    assert "SG401" in out + err


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('"yesterday"', "setting 'as_of' must be a date (YYYY-MM-DD)"),
        ("2025-09-17T10:00:00", "setting 'as_of' must be a date (YYYY-MM-DD) without a time"),
        ('"2025-02-30"', "setting 'as_of' must be a date (YYYY-MM-DD)"),
    ],
)
def test_a_bad_as_of_is_a_config_error(project: Path, value: str, message: str) -> None:
    _set(project, f"as_of = {value}\n")
    code, _, err = run_cli("check")
    assert code == 2 and message in err


def test_the_example_uses_as_of_not_rule_switches() -> None:
    table = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["status-gen"]
    assert str(table["as_of"]) == "2025-09-17"
    assert not any(level == "off" for level in table.get("rules", {}).values())

"""The runner: config levels, ignore comments, ordering. Rule options: test_rule_options.py."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from status_gen.config import parse_table
from status_gen.errors import StatusGenError
from status_gen.rules.base import Problem
from tests.rules.support import check, fired, make_data, split_files

# An ok component with an open blocker (SG305, error) and a stale check (SG402, warning).
CASE = """
# components.yaml
components:
  - {id: api, name: API, status: OK, note: serving, checked: "2025-08-01"}
  - {id: db, name: Database, status: PARTIAL, note: slow queries, checked: "2025-09-15"}
# blockers.yaml
blockers:
  - {id: api-crash, title: API crash, detail: segfault, severity: P1, component: api}
"""


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return make_data(tmp_path, split_files(CASE))


def _levels(problems: list[Problem]) -> dict[str, str]:
    return {p.code: p.level for p in problems}


def test_default_levels(data: Path) -> None:
    assert _levels(check(data)) == {"SG305": "error", "SG402": "warning"}


def test_config_turns_a_rule_off_and_changes_levels(data: Path) -> None:
    config = parse_table({"rules": {"SG305": "off", "component-check-too-old": "error"}}, "pyproject.toml")
    assert _levels(check(data, config)) == {"SG402": "error"}
    config = parse_table({"rules": {"SG305": "warning"}}, "pyproject.toml")
    assert _levels(check(data, config)) == {"SG305": "warning", "SG402": "warning"}


def test_config_refuses_unknown_rule_and_level() -> None:
    with pytest.raises(StatusGenError, match="unknown rule 'SG999'"):
        parse_table({"rules": {"SG999": "off"}}, "pyproject.toml")
    with pytest.raises(StatusGenError, match='must be "error", "warning" or "off"'):
        parse_table({"rules": {"SG305": "fatal"}}, "pyproject.toml")


@pytest.mark.parametrize(
    "comment, silenced",
    [
        ("# status-gen: ignore[SG305]", {"SG305"}),
        ("# status-gen: ignore[sg305]", {"SG305"}),
        ("# status-gen: ignore[ok-component-with-blocker]", {"SG305"}),
        ("# status-gen: ignore[SG402, SG305]", {"SG305", "SG402"}),
        ("# status-gen: ignore[SG101]", set()),
        ("# status-gen: ignore[SG402] - checked by phone, see #12", {"SG402"}),
    ],
)
def test_ignore_comment_silences_named_rules_on_its_line(tmp_path: Path, comment: str, silenced: set[str]) -> None:
    text = CASE.replace('checked: "2025-08-01"}', f'checked: "2025-08-01"}}  {comment}')
    problems = check(make_data(tmp_path, split_files(text)))
    assert {p.code for p in problems} == {"SG305", "SG402"} - silenced


def test_ignore_comment_on_another_line_does_not_silence(tmp_path: Path) -> None:
    text = CASE.replace("severity: P1, component: api}", "severity: P1, component: api}  # status-gen: ignore[SG305]")
    assert {p.code for p in check(make_data(tmp_path, split_files(text)))} == {"SG305", "SG402"}


def test_today_moves_the_age_rules(data: Path) -> None:
    assert "SG402" not in fired_codes(check(data, today=dt.date(2025, 8, 31)))
    assert "SG402" in fired_codes(check(data, today=dt.date(2025, 9, 1)))


def fired_codes(problems: list[Problem]) -> set[str]:
    return set(_levels(problems))


def test_problems_are_sorted_and_unique(tmp_path: Path) -> None:
    case = """
# issues.yaml
issues:
  - {number: 8, title: Billing, status: closed}
  - {number: 7, title: Login, status: closed}
"""
    problems = check(make_data(tmp_path, split_files(case)))
    keys = [p.sort_key() for p in problems]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    assert fired(problems, "SG303") == {("data/issues.yaml", 2), ("data/issues.yaml", 3)}

"""Each entity validates what it should, and every error points at its YAML node."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from status_gen import datafiles
from status_gen import models as m
from status_gen.dataset import load_dataset
from status_gen.errors import StatusGenError
from status_gen.vocabulary import DEFAULT_LABELS

PROJECT = """\
project:
  name: Demo
  last_updated: "2025-09-17"
  headline: All good
  summary: Everything works
"""


def load(tmp_path: Path, **files: str) -> object:
    folder = tmp_path / "data"
    folder.mkdir(exist_ok=True)
    files.setdefault("project", PROJECT)
    for kind, text in files.items():
        (folder / f"{kind}.yaml").write_text(text, encoding="utf-8")
    return load_dataset(folder, DEFAULT_LABELS, "data")


def error_of(tmp_path: Path, **files: str) -> str:
    with pytest.raises(StatusGenError) as caught:
        load(tmp_path, **files)
    return str(caught.value)


def test_project_minimal(tmp_path: Path) -> None:
    data = load(tmp_path)
    assert isinstance(data, object)
    project = data.project  # type: ignore[attr-defined]
    assert project.last_updated == dt.date(2025, 9, 17)
    assert project.where("name").line == 2


def test_project_requires_fields(tmp_path: Path) -> None:
    message = error_of(tmp_path, project="project:\n  name: Demo\n")
    assert "data/project.yaml:2:3: error" not in message  # raw message, not CLI-prefixed
    assert "data/project.yaml:2:3: missing required key 'last_updated'" in message
    assert "headline" not in message  # optional: real documents may have none


def test_component_label_and_counts(tmp_path: Path) -> None:
    ok = load(
        tmp_path,
        components="components:\n  - {id: api, name: API, status: OK, note: up, tests: {passed: 3, total: 4}}\n",
    )
    component = ok.component_by_id["api"]  # type: ignore[attr-defined]
    assert component.tests.passed == 3
    message = error_of(tmp_path, components="components:\n  - {id: api, name: API, status: OKAY, note: up}\n")
    assert "data/components.yaml:2:34: components[0].status: unknown status label 'OKAY'; did you mean 'OK'?" in message
    message = error_of(
        tmp_path,
        components="components:\n  - {id: api, name: API, status: OK, note: up, tests: {passed: -1, total: 4}}\n",
    )
    assert (
        "data/components.yaml:2:64: components[0].tests.passed: input should be greater than or equal to 0" in message
    )


def test_issue_and_phase_vocabulary(tmp_path: Path) -> None:
    text = """\
issues:
  - number: 7
    title: Thing
    status: done
    phases:
      - {name: One, status: finished}
"""
    message = error_of(tmp_path, issues=text)
    assert (
        "data/issues.yaml:4:13: issues[0].status: input should be 'open', 'in_progress', 'resolved' or 'closed'"
        in message
    )
    assert (
        "data/issues.yaml:6:29: issues[0].phases[0].status: input should be 'todo', 'in_progress' or 'done'" in message
    )


def test_issue_dates_are_dates(tmp_path: Path) -> None:
    text = "issues:\n  - {number: 7, title: T, status: closed, closed: 17/09/2025}\n"
    message = error_of(tmp_path, issues=text)
    assert "data/issues.yaml:2:51: issues[0].closed:" in message
    assert "write dates as YYYY-MM-DD" in message


def test_blocker_severity(tmp_path: Path) -> None:
    text = "blockers:\n  - {id: b, title: T, detail: D, severity: P9}\n"
    message = error_of(tmp_path, blockers=text)
    assert "data/blockers.yaml:2:44: blockers[0].severity: input should be 'P0', 'P1', 'P2' or 'P3'" in message


def test_test_category_and_commands(tmp_path: Path) -> None:
    text = (
        "categories:\n  - {id: unit, name: Unit, status: PASSING, note: fine}\n"
        "commands:\n  - {label: Run, command: make test}\n"
    )
    data = load(tmp_path, tests=text)
    assert data.categories[0].status == "PASSING"  # type: ignore[attr-defined]
    assert data.commands[0].command == "make test"  # type: ignore[attr-defined]


def test_priorities_and_validation(tmp_path: Path) -> None:
    priorities = "period: '2025-09-01'\nitems:\n  - {title: T, goal: G, status: S, next_steps: N, focus: [a, b]}\n"
    validation = (
        "runs:\n  - {date: '2025-09-10', title: Run, summary: S, impacts: [{area: A, status: BLOCKED, note: n}]}\n"
    )
    data = load(tmp_path, priorities=priorities, validation=validation)
    assert data.priorities.period == dt.date(2025, 9, 1)  # type: ignore[attr-defined]
    assert data.latest_run.impacts[0].status == "BLOCKED"  # type: ignore[attr-defined]


def test_highlight_is_exactly_one_kind(tmp_path: Path) -> None:
    text = PROJECT + "  highlights:\n    - {issue: 1, validation: true}\n"
    message = error_of(tmp_path, project=text)
    assert "data/project.yaml:7:7: project.highlights[0]: a highlight is exactly one of" in message


def test_unknown_key_suggests(tmp_path: Path) -> None:
    message = error_of(tmp_path, project=PROJECT + "  sumary: x\n")
    assert message == "data/project.yaml:6:3: unknown key 'sumary'; did you mean 'summary'?"


def test_wrong_type_hint_quotes_original_text(tmp_path: Path) -> None:
    text = PROJECT + "  metrics:\n    - {id: v, label: Version, value: 1.10}\n"
    message = error_of(tmp_path, project=text)
    assert 'write "1.10" in quotes' in message
    assert "data/project.yaml:7:38: project.metrics[0].value" in message


def test_errors_of_several_files_are_reported_together(tmp_path: Path) -> None:
    message = error_of(
        tmp_path,
        components="components:\n  - {id: api}\n",
        blockers="blockers: 3\n",
    )
    lines = message.splitlines()
    assert lines[0].startswith("data/blockers.yaml:")
    assert any(line.startswith("data/components.yaml:2:5: missing required key 'name'") for line in lines)


def test_unknown_and_missing_files(tmp_path: Path) -> None:
    message = error_of(tmp_path, component="components: []\n")
    assert message.startswith("data/component.yaml: unknown data file; did you mean 'components.yaml'?")
    folder = tmp_path / "other"
    folder.mkdir()
    with pytest.raises(StatusGenError, match=r"missing project\.yaml"):
        load_dataset(folder, DEFAULT_LABELS, "other")


def test_every_file_model_is_a_record() -> None:
    assert set(datafiles.FILE_MODELS) == {
        *("project", "components", "issues", "blockers", "tests", "priorities", "validation"),
        *("milestones", "risks", "checklists", "sections", "outline"),
    }
    for model in datafiles.FILE_MODELS.values():
        assert issubclass(model, m.Record)
        assert model.model_config.get("extra") == "forbid"


@pytest.mark.parametrize("value", ['"1758067200"', '"20250917"', "1758067200", '"2025-9-17"'])
def test_dates_must_be_written_yyyy_mm_dd(tmp_path: Path, value: str) -> None:
    """pydantic alone would read 1758067200 as a timestamp and '20250917' as a date."""
    message = error_of(tmp_path, project=PROJECT.replace('"2025-09-17"', value))
    assert message.startswith("data/project.yaml:3:17: project.last_updated: expected a date, got ")
    assert message.endswith("write dates as YYYY-MM-DD, for example 2025-09-17")

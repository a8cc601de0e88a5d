"""The history section kinds through the real pipeline: render, commit, check."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.gitrepo import commit, init, project, write_data

COMPONENTS = """
    components:
      - {id: api, name: API, status: PARTIAL, note: slow}
    """


def _setup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    repo = init(tmp_path / "repo")
    write_data(repo, project=project("2025-01-01"), components=COMPONENTS)
    monkeypatch.chdir(repo)
    assert run_cli("render", "--today", "2025-01-01")[0] == 0
    commit(repo, "first status")
    return repo


def test_changes_section_is_derived_and_stable_across_the_commit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = _setup(tmp_path, monkeypatch)
    first = (repo / "SYSTEM_STATUS.md").read_text(encoding="utf-8")
    assert "## Changes since" not in first  # no earlier status yet
    assert "## Components at a Glance\n\n```mermaid\nflowchart LR\n" in first
    write_data(repo, project=project("2025-01-08"), components=COMPONENTS.replace("PARTIAL", "FIXED"))
    assert run_cli("render", "--today", "2025-01-08")[0] == 0
    text = (repo / "SYSTEM_STATUS.md").read_text(encoding="utf-8")
    assert (
        "## Changes since 2025-01-01\n\n"
        "- last updated: 2025-01-01 → 2025-01-08\n"
        "- health: DEGRADED → HEALTHY\n"
        "- readiness: READY WITH RISKS → READY\n"
        "- component api 'API': warn (PARTIAL) → ok (FIXED)\n"
    ) in text
    assert '## Health over Time\n\n```mermaid\nxychart-beta\n  x-axis ["2025-01-01", "2025-01-08"]\n' in text
    commit(repo, "second status")
    code, out, _ = run_cli("check", "--today", "2025-01-08")
    assert code == 0, out  # the same bytes after the commit


def test_verbose_says_why_a_derived_section_is_absent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_data(tmp_path, project=project("2025-01-01"), components=COMPONENTS)
    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli("render", "--today", "2025-01-01", "--verbose")
    assert code == 0
    assert "note: not a git repository (or git is missing): no changes section, no health chart\n" in err
    assert "note:" not in run_cli("render", "--today", "2025-01-01")[2]


def test_reference_preset_leaves_them_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_data(tmp_path, project=project("2025-01-01"), components=COMPONENTS, outline="preset: reference\n")
    monkeypatch.chdir(tmp_path)
    run_cli("render", "--today", "2025-01-01")
    text = (tmp_path / "SYSTEM_STATUS.md").read_text(encoding="utf-8")
    assert "```mermaid" not in text and "Changes since" not in text

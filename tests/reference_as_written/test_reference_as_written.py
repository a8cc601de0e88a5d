"""The reference document's facts as written (contradictions included): which rules catch what.

The expected findings are not listed here: ``findings.txt`` is a snapshot of them that
``python -m tests.reference_as_written.snapshot`` regenerates, and README.md beside it says which
sentence of the reference each one comes from.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli
from tests.reference_as_written.snapshot import COMMAND, DATA, DOCUMENT_DATE, SNAPSHOT, render, stale_diff
from tests.rules.support import check


def test_findings_match_the_snapshot() -> None:
    assert not stale_diff(), f"findings.txt is stale: run '{COMMAND}' and review the diff\n{stale_diff()}"


def test_the_reference_as_written_is_caught() -> None:
    """Whatever the snapshot holds, the fixture must stay a document with errors in it."""
    problems = check(DATA, today=DOCUMENT_DATE)
    assert any(p.level == "error" for p in problems)


def test_snapshot_command_checks_and_rewrites(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.reference_as_written import snapshot

    copy = tmp_path / "findings.txt"
    copy.write_text(SNAPSHOT.read_text(encoding="utf-8").replace(" SG305 ", " SG399 "), encoding="utf-8")
    monkeypatch.setattr(snapshot, "SNAPSHOT", copy)
    assert snapshot.main(["--check"]) == 1
    assert snapshot.main([]) == 0 and copy.read_text(encoding="utf-8") == render()
    assert snapshot.main(["--check"]) == 0
    assert snapshot.main(["--bogus"]) == 2


def test_snapshot_module_runs_as_the_documented_command() -> None:
    command = [sys.executable, "-m", "tests.reference_as_written.snapshot", "--check"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_command_reports_the_snapshot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    args = ("--data", str(DATA), "--output", "STATUS.md", "--today", DOCUMENT_DATE.isoformat())
    assert run_cli("render", *args)[0] == 1  # errors are reported, the document is still written
    code, out, _ = run_cli("check", *args, "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert report["stale"] is False
    shown = [(p["code"], p["line"], p["column"], p["level"]) for p in report["problems"]]
    assert shown == [(p.code, p.where.line, p.where.column, p.level) for p in check(DATA, today=DOCUMENT_DATE)]

"""The generated documents pass the real pymarkdown linter with only line length (MD013) disabled."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, run_cli

PYMARKDOWN = str(Path(sys.executable).parent / "pymarkdown")


def _lint(*files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PYMARKDOWN, "--disable-rules", "md013", "scan", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_committed_example_and_scaffold_have_zero_findings(tmp_path: Path) -> None:
    scaffold = tmp_path / "scaffold"
    code, _, err = run_cli("init", str(scaffold), "--today", "2026-01-05")
    assert code == 0, err
    result = _lint(ROOT / "SYSTEM_STATUS.md", scaffold / "SYSTEM_STATUS.md")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_the_linter_does_report_findings(tmp_path: Path) -> None:
    """Guards the test above against a linter that silently checks nothing."""
    bad = tmp_path / "bad.md"
    bad.write_text((ROOT / "SYSTEM_STATUS.md").read_text(encoding="utf-8").replace("\n## ", "\n##", 1), "utf-8")
    result = _lint(bad)
    assert result.returncode == 1
    assert "MD018" in result.stdout.upper() or "md018" in result.stdout

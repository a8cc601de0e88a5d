from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_DATA = ROOT / "data"
EXAMPLE_TODAY = "2025-09-17"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the example project (data, templates, config, document) as the working folder."""
    for name in ("data", "templates"):
        shutil.copytree(ROOT / name, tmp_path / name)
    for name in ("pyproject.toml", "SYSTEM_STATUS.md"):
        shutil.copy2(ROOT / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run_cli(*args: str) -> tuple[int, str, str]:
    """Run the CLI in-process; returns (exit code, stdout, stderr). Exceptions propagate."""
    from status_gen.cli import main

    runner = CliRunner()
    result = runner.invoke(_Main(), list(args), catch_exceptions=False)
    del main
    return result.exit_code, result.stdout, result.stderr


class _Main:
    """Adapter so CliRunner drives status_gen.cli.main (which maps errors to exit codes)."""

    name = "status-gen"

    def main(self, args: list[str], prog_name: str | None = None, **extra: object) -> None:
        from status_gen.cli import main

        raise SystemExit(main(args))

"""docs/ci.md: its workflows are valid YAML and their status-gen commands pass on the example."""

from __future__ import annotations

import json
import re
import shlex
import tomllib
from pathlib import Path
from typing import Any

import pytest

from status_gen.loader import parse
from tests.conftest import ROOT, run_cli

DOC = ROOT / "docs" / "ci.md"
SHELL_OPERATORS = {">", ">>", "|", "||", "&&", ";"}


def _yaml_block(heading: str) -> Any:
    """The first ```yaml block under a '## heading', parsed the YAML 1.2 way (as GitHub does: 'on' is a key)."""
    section = DOC.read_text(encoding="utf-8").split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"^```yaml\n(.*?)^```$", section, re.S | re.M)
    assert block, f"no yaml block under '{heading}'"
    return parse(block[1], f"docs/ci.md ({heading})")


def _status_gen_args(line: str) -> list[str]:
    """The arguments of a shell line's status-gen command, up to the first redirection or operator."""
    words = shlex.split(line)
    assert words[0] == "status-gen", line
    args = []
    for word in words[1:]:
        if word in SHELL_OPERATORS:
            break
        args.append(word)
    return args


def _project_name() -> str:
    return str(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["name"])


def test_github_workflow_runs_a_passing_check(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    workflow = _yaml_block("GitHub Actions")
    assert set(workflow) >= {"name", "on", "jobs"}
    (job,) = workflow["jobs"].values()
    runs = [step["run"] for step in job["steps"] if "run" in step]
    assert any(step.get("uses", "").startswith("actions/checkout@") for step in job["steps"])
    assert f"python -m pip install {_project_name()}" in runs
    (command,) = [run for run in runs if run.startswith("status-gen")]
    args = _status_gen_args(command)
    assert args == ["check", "--format", "github"]
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    # As in CI: no --today, so age rules measure against the real date and may warn; they must not fail.
    code, out, err = run_cli(*args)
    assert code == 0, out + err
    assert "::error" not in out
    assert summary.read_text(encoding="utf-8").strip()


def test_github_workflow_check_fails_on_a_stale_document(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    document = project / "SYSTEM_STATUS.md"
    document.write_text(document.read_text(encoding="utf-8").replace("Netra Apex", "Netra", 1), encoding="utf-8")
    (job,) = _yaml_block("GitHub Actions")["jobs"].values()
    (command,) = [s["run"] for s in job["steps"] if s.get("run", "").startswith("status-gen")]
    code, out, err = run_cli(*_status_gen_args(command))
    assert code == 1
    assert "::error" in out + err


def test_gitlab_job_commands_pass_on_the_example(project: Path) -> None:
    jobs = _yaml_block("GitLab CI")
    (job,) = jobs.values()
    assert job["image"].startswith("python:")
    script = job["script"]
    assert script[0] == f"python -m pip install {_project_name()}"
    commands = [line for line in script if line.startswith("status-gen")]
    assert [_status_gen_args(line) for line in commands] == [["check", "--format", "json"], ["check"]]
    code, out, err = run_cli("check", "--format", "json")
    assert code == 0, out + err
    assert json.loads(out)
    code, out, err = run_cli("check")
    assert code == 0, out + err
    assert job["artifacts"]["paths"] == ["status-gen-report.json"]


def test_sarif_workflow_uploads_what_check_writes(project: Path, tmp_path: Path) -> None:
    workflow = _yaml_block("GitHub code scanning (SARIF)")
    (job,) = workflow["jobs"].values()
    assert workflow["permissions"]["security-events"] == "write"
    (command,) = [step["run"] for step in job["steps"] if step.get("run", "").startswith("status-gen")]
    (upload,) = [step for step in job["steps"] if step.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
    assert upload["if"] == "always()"
    assert command.endswith(f"> {upload['with']['sarif_file']}")
    code, out, err = run_cli(*_status_gen_args(command))
    assert code == 0, err  # the age rules may warn against the real date; warnings pass
    assert json.loads(out)["version"] == "2.1.0"

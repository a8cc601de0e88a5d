"""Reports named in the data, through the command line: numbers and provenance in the document,
bad or hostile reports refused with exit 2 and nothing written, paths confined to the project."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE_TODAY, run_cli
from tests.test_evidence_hostile import CASES, REPORTS

JUNIT = """<?xml version="1.0"?>
<testsuites><testsuite name="unit" timestamp="2025-09-16T08:00:00">
<testcase name="a"/><testcase name="b"/>
<testcase name="c"><failure message="x"/></testcase><testcase name="d"><skipped/></testcase>
</testsuite></testsuites>
"""
LCOV = "SF:src/auth/login.py\nDA:1,1\nDA:2,1\nDA:3,0\nend_of_record\nSF:src/other.py\nDA:1,0\nend_of_record\n"


def _name(project: Path, category: str, junit: str | None = None, coverage: str | None = None) -> None:
    """Add ``junit:``/``coverage:`` to one test category of the example (after its note)."""
    path = project / "data" / "tests.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.strip() == f"- id: {category}")
    note = next(i for i in range(at, len(lines)) if lines[i].lstrip().startswith("note:"))
    extra = ""
    if junit is not None:
        extra += f"    junit: {junit}\n"
    if coverage is not None:
        extra += f"    coverage: {coverage}\n"
    lines.insert(note + 1, extra)
    path.write_text("".join(lines), encoding="utf-8")


def _write(project: Path, name: str, text: str) -> None:
    (project / name).parent.mkdir(parents=True, exist_ok=True)
    (project / name).write_text(text, encoding="utf-8")


def test_counts_coverage_and_provenance_come_from_the_reports(project: Path) -> None:
    _write(project, "reports/junit.xml", JUNIT)
    _write(project, "reports/lcov.info", LCOV)
    _name(project, "unit", junit="reports/junit.xml", coverage="{report: reports/lcov.info, prefix: src/auth}")
    code, _, err = run_cli("render", "--today", EXAMPLE_TODAY)
    assert code == 0, err
    text = (project / "SYSTEM_STATUS.md").read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("| **Unit Tests**"))
    assert "2/4 pass (50%) (from reports/junit.xml, 2025-09-16)" in row
    assert "coverage 66.7% of lines (from reports/lcov.info)" in row


def test_provenance_can_be_hidden(project: Path) -> None:
    _write(project, "reports/junit.xml", JUNIT)
    _name(project, "unit", junit="reports/junit.xml")
    text = (project / "pyproject.toml").read_text(encoding="utf-8")
    (project / "pyproject.toml").write_text(
        text.replace("[tool.status-gen]\n", "[tool.status-gen]\nprovenance = false\n", 1), encoding="utf-8"
    )
    code, _, err = run_cli("render", "--today", EXAMPLE_TODAY)
    assert code == 0, err
    text = (project / "SYSTEM_STATUS.md").read_text(encoding="utf-8")
    assert "2/4 pass (50%)" in text
    assert "from reports/junit.xml" not in text


def test_a_missing_report_is_a_finding_not_an_input_error(project: Path) -> None:
    _name(project, "unit", junit="reports/junit.xml")
    code, out, err = run_cli("check", "--today", EXAMPLE_TODAY)
    assert code == 1
    assert "SG502" in out + err and "reports/junit.xml does not exist" in out + err


def _name_hostile(project: Path, name: str) -> None:
    shutil.copy(REPORTS / name, project / "reports" / name)
    if name.startswith("tracker"):
        text = (project / "pyproject.toml").read_text(encoding="utf-8")
        text = text.replace("[tool.status-gen]\n", f'[tool.status-gen]\ntracker = "reports/{name}"\n', 1)
        (project / "pyproject.toml").write_text(text, encoding="utf-8")
    elif name.startswith(("coverage", "cobertura", "lcov")):
        _name(project, "unit", coverage=f"reports/{name}")
    else:
        _name(project, "unit", junit=f"reports/{name}")


@pytest.mark.parametrize(("name", "line", "fragment"), CASES, ids=[c[0] for c in CASES])
def test_hostile_report_exits_2_and_writes_nothing(project: Path, name: str, line: int, fragment: str) -> None:
    (project / "reports").mkdir()
    _name_hostile(project, name)
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    code, out, err = run_cli("render", "--today", EXAMPLE_TODAY)
    assert code == 2, out + err
    assert "Traceback" not in out + err
    place = f"reports/{name}:{line}:" if line else f"reports/{name}: "
    assert place in err and fragment in err, err
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("path", ["../outside.xml", "/etc/passwd", "reports/link.xml"])
def test_a_report_outside_the_project_is_refused(project: Path, path: str) -> None:
    (project / "reports").mkdir()
    outside = project.parent / "outside.xml"
    outside.write_text(JUNIT, encoding="utf-8")
    os.symlink(outside, project / "reports" / "link.xml")
    _name(project, "unit", junit=path)
    code, _, err = run_cli("check", "--today", EXAMPLE_TODAY)
    assert code == 2
    assert "data/tests.yaml:" in err and any(
        w in err for w in ("inside the project", "leave the project", "outside the project")
    ), err


def test_a_symlink_inside_the_project_is_followed(project: Path) -> None:
    _write(project, "reports/real.xml", JUNIT)
    os.symlink(project / "reports" / "real.xml", project / "reports" / "link.xml")
    _name(project, "unit", junit="reports/link.xml")
    code, _, err = run_cli("render", "--today", EXAMPLE_TODAY)
    assert code == 0, err
    assert "2/4 pass (50%) (from reports/link.xml" in (project / "SYSTEM_STATUS.md").read_text(encoding="utf-8")


def test_a_missing_tracker_export_says_how_to_make_it(project: Path) -> None:
    text = (project / "pyproject.toml").read_text(encoding="utf-8")
    (project / "pyproject.toml").write_text(
        text.replace("[tool.status-gen]\n", '[tool.status-gen]\ntracker = "issues.json"\n', 1), encoding="utf-8"
    )
    code, _, err = run_cli("check", "--today", EXAMPLE_TODAY)
    assert code == 2
    assert "issues.json: error:" in err and "gh issue list --state all" in err, err


@pytest.mark.slow
def test_init_example_with_a_real_pytest_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The scaffold's recipe end to end: pytest writes the JUnit report, the document shows it."""
    import datetime as dt
    import subprocess
    import sys

    today = dt.datetime.now(dt.UTC).date().isoformat()
    monkeypatch.chdir(tmp_path)
    assert run_cli("init", "--today", today)[0] == 0
    tests = tmp_path / "data" / "tests.yaml"
    text = tests.read_text(encoding="utf-8")
    old = "    tests: {passed: 138, total: 138}\n    # Or let the run say it: replace 'tests:' with the report that"
    assert old in text  # the example shows where the key goes
    tests.write_text(text.replace("    # junit: reports/junit.xml", "    junit: reports/junit.xml").replace(
        "    tests: {passed: 138, total: 138}\n", ""), encoding="utf-8")  # fmt: skip
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_app.py").write_text("def test_a():\n    pass\n\n\ndef test_b():\n    pass\n", "utf-8")
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--junitxml=reports/junit.xml", "tests"],
        cwd=tmp_path, check=True, capture_output=True,
    )  # fmt: skip
    code, _, err = run_cli("render", "--today", today)
    assert code == 0, err
    document = (tmp_path / "SYSTEM_STATUS.md").read_text(encoding="utf-8")
    assert f"2/2 pass (100%) (from reports/junit.xml, {today})" in document
    code, out, err = run_cli("check", "--today", today)
    assert code == 0, out + err

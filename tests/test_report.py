"""The reporter table: every `check --format`, load errors in each of them, SARIF against its schema."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from status_gen.api import LOAD_ERROR, STALE_DOCUMENT, CheckResult
from status_gen.errors import Location
from status_gen.report import REPORTERS, Options, plain, visible
from status_gen.rules.base import Problem
from status_gen.rules.registry import RULES
from tests.conftest import EXAMPLE_TODAY, ROOT, run_cli

SARIF_SCHEMA = ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def _bad_label(project: Path) -> int:
    """A label the vocabulary does not know: input that cannot be loaded (exit 2)."""
    _edit(project / "data/components.yaml", "status: NOT RUNNING", "status: NOT RUNIN")
    return _line_of(project / "data/components.yaml", "NOT RUNIN")


def _problem_and_stale(project: Path) -> int:
    """Closed #1296 among the priorities (SG304, an error), and so a stale document too."""
    _edit(
        project / "data/priorities.yaml",
        "    next_steps: Load testing and performance profiling\n",
        "    next_steps: Load testing and performance profiling\n"
        "  - {title: Auth tickets, goal: Ship, status: done, next_steps: none, issue: 1296}\n",
    )
    return _line_of(project / "data/priorities.yaml", "issue: 1296}")


def _validate_sarif(tmp_path: Path, text: str) -> subprocess.CompletedProcess[str]:
    log = tmp_path / "report.sarif"
    log.write_text(text, encoding="utf-8")
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--schemafile", str(SARIF_SCHEMA), str(log)],
        capture_output=True,
        text=True,
        check=False,
    )


# -- the table ------------------------------------------------------------------------------


def test_check_offers_exactly_the_formats_of_the_table() -> None:
    code, out, _ = run_cli("check", "--help")
    assert code == 0
    offered = re.search(r"--format \[([a-z|]+)\]", out)
    assert offered and offered[1].split("|") == list(REPORTERS)
    assert list(REPORTERS) == ["text", "json", "github", "sarif"]


@pytest.mark.parametrize("fmt", list(REPORTERS))
def test_every_reporter_is_a_pure_function_of_the_result(fmt: str) -> None:
    result = CheckResult(
        document="STATUS.md",
        fix="status-gen render",
        problems=(Problem("SG101", "duplicate-id", "error", Location("data/a.yaml", 3, 5), "two 'api'"),),
        rules_run=len(RULES),
    )
    options = Options(token="t0k3n")
    first, second = REPORTERS[fmt](result, options), REPORTERS[fmt](result, options)
    assert first == second and "data/a.yaml" in first.out and first.err == ""


def test_plain_turns_restructuredtext_literals_into_quotes() -> None:
    assert plain("set ``max_age_days`` (``--today``)") == "set 'max_age_days' ('--today')"


def test_visible_keeps_one_line_and_shows_control_characters() -> None:
    assert visible("a\nb\rc\x1b[2J\u2028d\té") == "a\\nb\\rc\\x1b[2J\\u2028d\\té"


# -- load errors come out in every format (issue 9, item 10) ----------------------------------


def test_load_error_in_text_format_is_on_stderr_with_its_position(project: Path) -> None:
    line = _bad_label(project)
    code, out, err = run_cli("check", "--today", EXAMPLE_TODAY)
    assert (code, out) == (2, "")
    assert re.search(rf"^data/components\.yaml:{line}:\d+: error: .*NOT RUNIN", err, re.M), err


def test_load_error_in_json_format_is_a_document_with_loaded_false(project: Path) -> None:
    line = _bad_label(project)
    code, out, err = run_cli("check", "--today", EXAMPLE_TODAY, "--format", "json")
    assert (code, err) == (2, "")
    report = json.loads(out)
    assert report["loaded"] is False and report["stale"] is False and report["diff"] == ""
    (problem,) = report["problems"]
    assert (problem["code"], problem["slug"], problem["level"]) == (LOAD_ERROR, LOAD_ERROR, "error")
    assert (problem["file"], problem["line"]) == ("data/components.yaml", line) and problem["column"] > 0
    assert "NOT RUNIN" in problem["message"]


def test_settings_error_in_json_format_is_a_document_too(project: Path) -> None:
    (project / ".status-gen.toml").write_text('[rules]\nSG999 = "off"\n', encoding="utf-8")
    code, out, _ = run_cli("check", "--today", EXAMPLE_TODAY, "--format", "json")
    report = json.loads(out)
    assert code == 2 and report["loaded"] is False
    assert [(p["file"], p["line"]) for p in report["problems"]] == [(".status-gen.toml", 2)]


def test_load_error_in_github_format_is_an_annotation_and_a_summary(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = project / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    line = _bad_label(project)
    code, out, err = run_cli("check", "--today", EXAMPLE_TODAY, "--format", "github")
    assert (code, err) == (2, "")
    first = out.splitlines()[0]
    assert re.match(rf"::error file=data/components\.yaml,line={line},col=\d+,title=load error::.*NOT RUNIN", first)
    text = summary.read_text(encoding="utf-8")
    assert "❌ 1 error(s), 0 warning(s); document not checked: the input cannot be loaded." in text
    assert f"| error | {LOAD_ERROR} load-error | data/components.yaml:{line}:" in text


def test_load_error_in_sarif_format_is_a_result_and_an_unsuccessful_run(project: Path, tmp_path: Path) -> None:
    line = _bad_label(project)
    code, out, _ = run_cli("check", "--today", EXAMPLE_TODAY, "--format", "sarif")
    assert code == 2
    run = json.loads(out)["runs"][0]
    assert run["invocations"] == [{"executionSuccessful": False}]
    (result,) = run["results"]
    assert result["ruleId"] == LOAD_ERROR and result["level"] == "error"
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == line
    checked = _validate_sarif(tmp_path, out)
    assert checked.returncode == 0, checked.stdout + checked.stderr


# -- SARIF 2.1.0 ------------------------------------------------------------------------------


def test_sarif_lists_problems_and_the_stale_document_and_validates(project: Path, tmp_path: Path) -> None:
    line = _problem_and_stale(project)
    code, out, _ = run_cli("check", "--today", EXAMPLE_TODAY, "--format", "sarif")
    assert code == 1
    log = json.loads(out)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("/sarif-schema-2.1.0.json")
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [*(r.code for r in RULES), LOAD_ERROR, STALE_DOCUMENT]
    assert all("``" not in r["fullDescription"]["text"] for r in rules)
    found = [(r["ruleId"], r["level"], r["locations"][0]["physicalLocation"]) for r in run["results"]]
    assert found == [
        (
            "SG304",
            "error",
            {
                "artifactLocation": {"uri": "data/priorities.yaml", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": line, "startColumn": found[0][2]["region"]["startColumn"]},
            },
        ),
        (STALE_DOCUMENT, "error", {"artifactLocation": {"uri": "SYSTEM_STATUS.md", "uriBaseId": "%SRCROOT%"}}),
    ]
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in run["results"])
    checked = _validate_sarif(tmp_path, out)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_sarif_of_a_clean_tree_validates_with_no_results(project: Path, tmp_path: Path) -> None:
    code, out, _ = run_cli("check", "--today", EXAMPLE_TODAY, "--format", "sarif")
    assert code == 0
    assert json.loads(out)["runs"][0]["results"] == []
    checked = _validate_sarif(tmp_path, out)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_schema_check_can_fail(project: Path, tmp_path: Path) -> None:
    """The validation above is real: a level SARIF does not define is refused."""
    _problem_and_stale(project)
    out = run_cli("check", "--today", EXAMPLE_TODAY, "--format", "sarif")[1]
    checked = _validate_sarif(tmp_path, out.replace('"level": "error"', '"level": "fatal"', 1))
    assert checked.returncode == 1 and "fatal" in checked.stdout + checked.stderr


def test_sarif_uri_of_an_odd_file_name_is_percent_encoded(project: Path, tmp_path: Path) -> None:
    (project / "status docs").mkdir()
    code, out, _ = run_cli("check", "--today", EXAMPLE_TODAY, "--format", "sarif", "--output", "status docs/S #1.md")
    assert code == 1
    result = json.loads(out)["runs"][0]["results"][-1]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "status%20docs/S%20%231.md"
    assert _validate_sarif(tmp_path, out).returncode == 0


# -- standard output that cannot be written (issue 15, item 11) -------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["render", "--output", "-", "--today", EXAMPLE_TODAY],
        ["check", "--today", EXAMPLE_TODAY],
        ["check", "--format", "sarif", "--today", EXAMPLE_TODAY],
        ["rules"],
    ],
    ids=" ".join,
)
def test_full_stdout_is_exit_2_with_a_message(project: Path, args: list[str]) -> None:
    if not Path("/dev/full").exists():  # Linux has it; the CI runs there
        pytest.fail("/dev/full is needed for this test")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "status_gen", *args],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=project,
            check=False,
        )
    assert done.returncode == 2, done.stderr
    assert done.stderr == "status-gen: error: cannot write to standard output: No space left on device\n"

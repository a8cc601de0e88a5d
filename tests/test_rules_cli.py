"""`status-gen rules` and `status-gen explain`: the catalogue from the command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from status_gen.report import plain
from status_gen.rules.base import Rule
from status_gen.rules.registry import LINT_RULES, RULES
from tests.conftest import ROOT, run_cli


def test_rules_lists_code_slug_level_and_summary_of_every_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no settings: every rule at its default level
    code, out, err = run_cli("rules")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert len(RULES) >= 15
    for line, rule in zip(lines, (*RULES, *LINT_RULES), strict=True):
        assert line.split()[:3] == [rule.code, rule.slug, rule.level]
        assert line.endswith(plain(rule.summary)) and "(default error)" not in line and "(default warning)" not in line


def test_rules_shows_the_level_in_effect_and_the_default_where_it_differs(project: Path) -> None:
    (project / ".status-gen.toml").write_text(
        '[rules]\ndocument-too-old = "off"\nSG101 = "warning"\nSG204 = "warning"\n', encoding="utf-8"
    )
    code, out, _ = run_cli("rules")
    assert code == 0
    by_code = {line.split()[0]: line for line in out.splitlines()}
    assert by_code["SG401"].split()[:5] == ["SG401", "document-too-old", "off", "(default", "warning)"]
    assert by_code["SG101"].split()[:5] == ["SG101", "duplicate-id", "warning", "(default", "error)"]
    assert by_code["SG204"].split()[2:4] == ["warning", "A"], "set to its default: nothing to add"
    # The summaries still start in one column.
    every = (*RULES, *LINT_RULES)
    assert len({line.index(plain(r.summary)) for r, line in zip(every, out.splitlines(), strict=True)}) == 1
    code, out, _ = run_cli("rules", "--config", ".status-gen.toml")
    assert code == 0 and "off (default warning)" in out


def test_rules_with_broken_settings_exits_2(project: Path) -> None:
    (project / ".status-gen.toml").write_text('[rules]\nSG999 = "off"\n', encoding="utf-8")
    code, out, err = run_cli("rules")
    assert (code, out) == (2, "") and ".status-gen.toml:2:1: error: unknown rule 'SG999'" in err


@pytest.mark.parametrize("command", [["rules"], ["explain", "SG201"], ["explain", "SG401"]])
def test_rules_and_explain_print_plain_text_not_restructuredtext(command: list[str]) -> None:
    code, out, _ = run_cli(*command)
    assert code == 0 and "``" not in out
    if command[0] == "explain":
        assert "'project.last_updated'" in out


@pytest.mark.parametrize("name", [RULES[0].code, RULES[0].code.lower(), RULES[0].slug])
def test_explain_accepts_code_or_slug(name: str) -> None:
    code, out, _ = run_cli("explain", name)
    assert code == 0
    assert out.startswith(f"{RULES[0].code} {RULES[0].slug} (default level: {RULES[0].level})\n")


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_explain_prints_documentation_with_both_examples(rule: Rule) -> None:
    code, out, _ = run_cli("explain", rule.code)
    assert code == 0
    assert plain(rule.summary) in out
    assert "Passing:" in out and "Failing:" in out
    for kind in ("passing", "failing"):
        first = rule.example(kind).splitlines()[1]
        assert first in out


def test_explain_unknown_code_exits_2() -> None:
    code, out, err = run_cli("explain", "SG999")
    assert code == 2 and out == ""
    assert "unknown rule 'SG999'" in err and "status-gen rules" in err


@pytest.mark.parametrize("command", ["rules", "explain", "check", "render"])
def test_help_shows_an_example(command: str) -> None:
    code, out, _ = run_cli(command, "--help")
    assert code == 0
    assert "Example" in out and f"status-gen {command}" in out


@pytest.mark.parametrize("args", [["rules"], ["explain", "SG305"]])
def test_rules_and_explain_do_not_import_pydantic_or_jinja2(args: list[str]) -> None:
    script = (
        "import sys, io, contextlib\n"
        "from status_gen.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    code = main({args!r})\n"
        "print(code, 'pydantic' in sys.modules, 'jinja2' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.split() == ["0", "False", "False"]

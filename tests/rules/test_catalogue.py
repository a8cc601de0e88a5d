"""Every rule: documented, with examples and pass/fail cases that prove it fires and stays quiet."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from status_gen.rules.base import Rule
from status_gen.rules.registry import RULES, find_rule
from tests.conftest import EXAMPLE_DATA, ROOT
from tests.rules.support import BASE, CASES, MARK, check, fired, make_data, marked_lines, split_files

CODES = [r.code for r in RULES]


def _case(rule: Rule, outcome: str) -> Path:
    return CASES / f"{rule.code}-{rule.slug}.{outcome}.yaml"


def test_catalogue_has_at_least_fifteen_rules_with_unique_codes_and_slugs() -> None:
    assert len(RULES) >= 15
    assert len(set(CODES)) == len(CODES)
    assert len({r.slug for r in RULES}) == len(RULES)
    assert sorted(CODES) == CODES
    for r in RULES:
        assert re.fullmatch(r"SG[1-9]\d\d", r.code), r.code
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", r.slug), r.slug
        assert r.level in ("error", "warning")
        assert find_rule(r.code) is r and find_rule(r.slug) is r and find_rule(r.code.lower()) is r


@pytest.mark.parametrize("rule", RULES, ids=CODES)
def test_rule_is_documented_with_both_examples_and_both_cases(rule: Rule) -> None:
    assert rule.summary.endswith("."), "the first docstring line is the one-line summary"
    assert len(rule.doc.split("\n\n")) >= 3, "summary, explanation and examples"
    for kind in ("passing", "failing"):
        example = rule.example(kind)
        assert example.strip(), f"{rule.code} has no {kind} example"
        assert re.match(r"# [a-z]+\.yaml\n", example), f"{rule.code} {kind} example must start with '# file.yaml'"
    assert rule.example("passing") != rule.example("failing")
    assert _case(rule, "pass").is_file(), f"missing {_case(rule, 'pass').name}"
    assert _case(rule, "fail").is_file(), f"missing {_case(rule, 'fail').name}"


def test_no_case_file_without_a_rule() -> None:
    expected = {_case(r, outcome).name for r in RULES for outcome in ("pass", "fail")}
    assert {p.name for p in CASES.glob("*.yaml")} == expected


def test_base_is_quiet_for_every_rule(tmp_path: Path) -> None:
    assert check(make_data(tmp_path, {})) == []


@pytest.mark.parametrize("rule", RULES, ids=CODES)
def test_failing_case_fires_exactly_on_marked_lines(rule: Rule, tmp_path: Path) -> None:
    files = split_files(_case(rule, "fail").read_text(encoding="utf-8"))
    expected = marked_lines(files)
    assert expected, f"mark the lines {rule.code} must report with '{MARK}'"
    problems = check(make_data(tmp_path, files))
    assert fired(problems, rule.code) == expected
    for problem in problems:
        if problem.code == rule.code:
            assert problem.level == rule.level and problem.slug == rule.slug
            assert problem.where.column > 0


@pytest.mark.parametrize("rule", RULES, ids=CODES)
def test_passing_case_is_quiet(rule: Rule, tmp_path: Path) -> None:
    files = split_files(_case(rule, "pass").read_text(encoding="utf-8"))
    assert not marked_lines(files)
    assert fired(check(make_data(tmp_path, files)), rule.code) == set()


@pytest.mark.parametrize("rule", RULES, ids=CODES)
def test_docstring_examples_behave_as_documented(rule: Rule, tmp_path: Path) -> None:
    failing = check(make_data(tmp_path / "failing", split_files(rule.example("failing"))))
    passing = check(make_data(tmp_path / "passing", split_files(rule.example("passing"))))
    assert fired(failing, rule.code), f"{rule.code}'s Failing example does not fire"
    assert not fired(passing, rule.code), f"{rule.code}'s Passing example fires"


def test_example_data_is_quiet_for_every_rule() -> None:
    assert check(EXAMPLE_DATA) == []


def test_rule_messages_say_what_to_change(tmp_path: Path) -> None:
    """Each failing case's message names a remedy (an imperative after ';')."""
    for rule in RULES:
        files = split_files(_case(rule, "fail").read_text(encoding="utf-8"))
        for problem in check(make_data(tmp_path / rule.code, files)):
            if problem.code == rule.code:
                assert "; " in problem.message, problem.message


def test_rule_modules_do_not_import_pydantic_or_jinja2() -> None:
    code = (
        "import sys; from status_gen.rules.registry import RULES; "
        "print(len(RULES), 'pydantic' in sys.modules, 'jinja2' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.split() == [str(len(RULES)), "False", "False"]


def test_base_folder_holds_every_data_file() -> None:
    assert sorted(p.stem for p in BASE.glob("*.yaml")) == sorted(
        ["blockers", "components", "issues", "priorities", "project", "tests", "validation"]
    )


def test_each_family_names_its_codes_and_holds_only_them() -> None:
    """The README's families table comes from each family module's first docstring line."""
    from status_gen.docs import family
    from status_gen.rules.registry import FAMILIES

    assert tuple(r for module in FAMILIES for r in module.RULES) == RULES
    for module in FAMILIES:
        codes, name, covers = family(module)
        assert re.fullmatch(r"SG\dxx", codes), f"{module.__name__}: docstring must open with 'SGnxx: name. ...'"
        assert name and covers.endswith("."), module.__name__
        assert all(r.code.startswith(codes[:3]) for r in module.RULES), module.__name__

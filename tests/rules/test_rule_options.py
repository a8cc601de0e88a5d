"""Rule options: declared on each rule, set as [rules.CODE] tables, checked from the declarations.

Each option test looks only at its own rule's findings: other rules may fire on the same data.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from status_gen.config import SETTINGS, Config, parse_table
from status_gen.errors import StatusGenError
from status_gen.rules.registry import RULES, find_rule
from tests.conftest import EXAMPLE_TODAY, run_cli
from tests.rules.support import check, fired, make_data, split_files

# (code, option, a value at which the case is quiet, a value at which it fires, the case).
# The cases are ten days old (today is 2025-09-17) or pass 17 of 20 tests (85%).
OPTION_CASES = [
    (
        "SG401",
        "max_age_days",
        10,
        9,
        '# project.yaml\nproject: {name: D, last_updated: "2025-09-07", headline: H, summary: S}\n',
    ),
    (
        "SG402",
        "max_age_days",
        10,
        9,
        '# components.yaml\ncomponents:\n  - {id: db, name: DB, status: PARTIAL, note: slow, checked: "2025-09-07"}\n',
    ),
    (
        "SG403",
        "max_age_days",
        10,
        9,
        "# blockers.yaml\nblockers:\n"
        '  - {id: db-down, title: DB down, detail: none, severity: P0, component: db, opened: "2025-09-07"}\n',
    ),
    (
        "SG204",
        "max_age_days",
        10,
        9,
        '# project.yaml\nproject: {name: D, last_updated: "2025-09-07", headline: H, summary: S}\n'
        '# priorities.yaml\nperiod: "2025-08-28"\nitems:\n  - {title: T, goal: G, status: started, next_steps: N}\n',
    ),
    (
        "SG306",
        "min_pass_rate",
        85,
        85.5,
        "# components.yaml\ncomponents:\n"
        "  - {id: api, name: API, status: OK, note: serving, tests: {passed: 17, total: 20}}\n",
    ),
    (
        "SG503",
        "max_age_days",
        10,
        9,
        "# tests.yaml\ncategories:\n  - {id: u, name: U, status: PASSING, note: n, junit: reports/junit.xml}\n"
        '# reports/junit.xml\n<testsuite timestamp="2025-09-07T12:00:00"><testcase name="a"/></testsuite>\n',
    ),
    (
        "SG506",
        "tolerance_days",
        3,
        2,
        '# issues.yaml\nissues:\n  - {number: 7, title: Login, status: open, opened: "2025-09-10"}\n'
        '# reports/issues.json\n[{"number": 7, "title": "Login", "state": "OPEN",'
        ' "createdAt": "2025-09-07T12:00:00Z"}]\n',
    ),
]
DECLARED = sorted((r.code, o.name) for r in RULES for o in r.options)


def _config(code: str, option: str, value: object) -> Config:
    return parse_table({"rules": {code: {option: value}}}, "pyproject.toml")


def test_every_declared_option_has_a_threshold_case() -> None:
    assert sorted((code, option) for code, option, *_ in OPTION_CASES) == DECLARED


@pytest.mark.parametrize(("code", "option", "quiet", "fires", "case"), OPTION_CASES, ids=[c[0] for c in OPTION_CASES])
def test_an_option_moves_its_own_rule(
    tmp_path: Path, code: str, option: str, quiet: float, fires: float, case: str
) -> None:
    data = make_data(tmp_path, split_files(case))
    assert not fired(check(data, _config(code, option, quiet)), code)
    assert fired(check(data, _config(code, option, fires)), code)
    # ... and by slug, as an inline table with a level, the same.
    rule = find_rule(code)
    assert rule is not None
    config = parse_table({"rules": {rule.slug: {"level": "error", option: fires}}}, "pyproject.toml")
    assert {p.level for p in check(data, config) if p.code == code} == {"error"}


@pytest.mark.parametrize("rule", [r for r in RULES if r.options], ids=lambda r: r.code)
def test_declarations_are_complete(rule: object) -> None:
    from status_gen.rules.base import Rule

    assert isinstance(rule, Rule)
    names = [o.name for o in rule.options]
    assert len(set(names)) == len(names) and "level" not in names
    for option in rule.options:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", option.name)
        assert option.doc and "\n" not in option.doc
        assert option.problem(option.default) is None, "the default must pass its own check"
        assert f"``{option.name}``" in rule.doc, "the rule's documentation names its option"


def test_legacy_keys_are_unique_and_not_current_settings() -> None:
    legacy = [o.legacy for r in RULES for o in r.options if o.legacy]
    assert len(set(legacy)) == len(legacy)
    assert not set(legacy) & {s.name for s in SETTINGS}


def test_defaults_apply_when_nothing_is_set() -> None:
    for rule in RULES:
        assert dict(rule.settings({})) == {o.name: o.default for o in rule.options}
    assert parse_table({}, "pyproject.toml").rule_options == {}


PYPROJECT = """\
[project]
name = "demo"

[tool.status-gen]
data = "data"

[tool.status-gen.rules]
SG203 = "warning"
stale-section = { level = "error", max_age_days = 90 }

[tool.status-gen.rules.SG403]
level = "error"
max_age_days = {value}
"""


def _pyproject(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "pyproject.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _error(tmp_path: Path, text: str) -> str:
    from status_gen.config import load_config

    path = _pyproject(tmp_path, text)
    with pytest.raises(StatusGenError) as caught:
        load_config(str(path), tmp_path)
    return f"{caught.value.where}: {caught.value.message}"


def test_table_and_inline_forms_load(tmp_path: Path) -> None:
    from status_gen.config import load_config

    config = load_config(str(_pyproject(tmp_path, PYPROJECT.replace("{value}", "3"))), tmp_path)
    assert config.rules == {"SG203": "warning", "SG204": "error", "SG403": "error"}
    assert config.rule_options == {"SG204": {"max_age_days": 90}, "SG403": {"max_age_days": 3}}
    assert config.warnings == ()


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            ("max_age_days = {value}", "max_age_dayz = 3"),
            "pyproject.toml:13:1: rule SG403 has no option 'max_age_dayz' "
            "(did you mean 'max_age_days'? it takes: level, max_age_days)",
        ),
        (
            ("max_age_days = {value}", 'max_age_days = "two weeks"'),
            "pyproject.toml:13:1: rule SG403 option 'max_age_days' must be a whole number, not 'two weeks'",
        ),
        (("{value}", "-1"), "pyproject.toml:13:1: rule SG403 option 'max_age_days' must be at least 0, not -1"),
        (("{value}", "true"), "pyproject.toml:13:1: rule SG403 option 'max_age_days' must be a whole number, not True"),
        (
            ("max_age_days = 90 }", "max_age_days = 90, maxage = 1 }"),
            "pyproject.toml:9:55: rule SG204 has no option 'maxage' "
            "(did you mean 'max_age_days'? it takes: level, max_age_days)",
        ),
        (
            ("[tool.status-gen.rules.SG403]", "[tool.status-gen.rules.p0-blocker-to-old]"),
            "pyproject.toml:11:24: unknown rule 'p0-blocker-to-old' (did you mean 'p0-blocker-too-old'? "
            "see 'status-gen rules')",
        ),
        (
            ('SG203 = "warning"', 'SG203 = "warning"\np0-blocker-too-old = "off"'),
            "pyproject.toml:12:24: rule SG403 is set twice, as 'p0-blocker-too-old' and as 'SG403'; keep one",
        ),
        (
            ('SG203 = "warning"', "SG203 = { max_age_days = 3 }"),
            "pyproject.toml:8:11: rule SG203 has no option 'max_age_days' (it takes: level)",
        ),
        (
            ('level = "error"\nmax', 'level = "fatal"\nmax'),
            'pyproject.toml:12:1: rule \'SG403\' must be "error", "warning" or "off", not \'fatal\'',
        ),
    ],
)
def test_option_errors_point_at_the_line(tmp_path: Path, edit: tuple[str, str], message: str) -> None:
    text = PYPROJECT.replace(*edit).replace("{value}", "3")
    assert _error(tmp_path, text) == message


def test_old_top_level_keys_still_work_with_a_warning(tmp_path: Path) -> None:
    from status_gen.config import load_config

    text = "[tool.status-gen]\np0_max_age_days = 3\nmin_pass_rate = 90\n"
    config = load_config(str(_pyproject(tmp_path, text)), tmp_path)
    assert config.rule_options == {"SG403": {"max_age_days": 3}, "SG306": {"min_pass_rate": 90.0}}
    assert config.warnings == (
        "pyproject.toml:2:1: warning: setting 'p0_max_age_days' is deprecated: "
        "write 'max_age_days = 3' under [tool.status-gen.rules.SG403]",
        "pyproject.toml:3:1: warning: setting 'min_pass_rate' is deprecated: "
        "write 'min_pass_rate = 90' under [tool.status-gen.rules.SG306]",
    )


def test_old_key_and_new_option_together_are_refused(tmp_path: Path) -> None:
    text = PYPROJECT.replace("[tool.status-gen]\n", "[tool.status-gen]\np0_max_age_days = 3\n").replace("{value}", "3")
    assert _error(tmp_path, text) == (
        "pyproject.toml:5:1: setting 'p0_max_age_days' is also set as 'max_age_days' under "
        "[tool.status-gen.rules.SG403]; remove 'p0_max_age_days'"
    )


def test_old_key_typo_suggests_the_new_place(tmp_path: Path) -> None:
    text = "[tool.status-gen]\np0_max_age_dys = 3\n"
    assert _error(tmp_path, text) == (
        "pyproject.toml:2:1: unknown setting 'p0_max_age_dys'; "
        "did you mean 'max_age_days' under [tool.status-gen.rules.SG403]?"
    )


def test_cli_prints_the_deprecation_and_honours_the_old_key(project: Path) -> None:
    (project / ".status-gen.toml").write_text(
        'templates = "templates"\np0_max_age_days = 0\n[labels]\nADDED = { level = "ok" }\n', encoding="utf-8"
    )
    blockers = project / "data" / "blockers.yaml"
    blockers.write_text(
        blockers.read_text(encoding="utf-8").replace("    order: 5\n", '    order: 5\n    opened: "2025-09-16"\n', 1),
        encoding="utf-8",
    )
    code, out, err = run_cli("check", "--today", EXAMPLE_TODAY)
    assert ".status-gen.toml:2:1: warning: setting 'p0_max_age_days' is deprecated: " in err
    assert "under [rules.SG403]" in err
    assert " SG403 " in out and code == 0  # one day old, limit 0; a warning


@pytest.mark.parametrize("rule", [r for r in RULES if r.options], ids=lambda r: r.code)
def test_explain_lists_the_options(rule: object) -> None:
    from status_gen.rules.base import Rule

    assert isinstance(rule, Rule)
    code, out, _ = run_cli("explain", rule.slug)
    assert code == 0
    assert f"Options (set them under [tool.status-gen.rules.{rule.code}]):" in out
    for option in rule.options:
        assert f"  {option.name} ({option.kind_name}, default {option.default!r}): {option.doc}" in out

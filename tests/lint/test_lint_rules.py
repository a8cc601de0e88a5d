"""The SL rules: documented with examples that behave as documented, quiet on consistent documents."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from status_gen.config import Config
from status_gen.lint import lint_text
from status_gen.rules.base import Rule
from status_gen.rules.registry import LINT_RULES, RULES, find_rule

HERE = Path(__file__).parent
CODES = [r.code for r in LINT_RULES]


def _lint(text: str, config: Config | None = None) -> list[tuple[int, str]]:
    return [(p.where.line, p.code) for p in lint_text(text, "doc.md", config or Config())]


def test_catalogue_codes_slugs_and_lookup() -> None:
    assert len(CODES) == len(set(CODES)) and sorted(CODES) == CODES
    assert not {r.slug for r in LINT_RULES} & {r.slug for r in RULES}
    for r in LINT_RULES:
        assert re.fullmatch(r"SL[1-9]\d\d", r.code)
        assert r.level in ("error", "warning")
        assert find_rule(r.code) is r and find_rule(r.slug) is r and find_rule(r.code.lower()) is r


@pytest.mark.parametrize("rule", LINT_RULES, ids=CODES)
def test_rule_is_documented_with_both_examples(rule: Rule) -> None:
    assert rule.summary.endswith(".") or rule.summary.endswith(").")
    assert len(rule.doc.split("\n\n")) >= 3
    assert rule.example("passing").strip() and rule.example("failing").strip()
    assert rule.example("passing") != rule.example("failing")


@pytest.mark.parametrize("rule", LINT_RULES, ids=CODES)
def test_docstring_examples_behave_as_documented(rule: Rule) -> None:
    failing = _lint(rule.example("failing"))
    assert rule.code in {code for _, code in failing}, f"{rule.code}'s Failing example does not fire"
    assert _lint(rule.example("passing")) == [], f"{rule.code}'s Passing example is not clean"
    for problem in lint_text(rule.example("failing"), "doc.md", Config()):
        assert "; " in problem.message, problem.message  # every message names a remedy
        assert problem.where.line > 0 and problem.where.column == 1


@pytest.mark.parametrize("path", sorted((HERE / "consistent").glob("*.md")), ids=lambda p: p.name)
def test_consistent_documents_have_no_findings(path: Path) -> None:
    assert _lint(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("path", sorted((HERE / "contradictory").glob("*.md")), ids=lambda p: p.name)
def test_contradictory_documents_report_exactly_the_expected_lines(path: Path) -> None:
    expected = []
    for row in path.with_suffix(".expected").read_text(encoding="utf-8").splitlines():
        if row and not row.startswith("#"):
            line, code = row.split("\t")
            expected.append((int(line), code))
    assert _lint(path.read_text(encoding="utf-8")) == sorted(expected)


def test_the_repository_document_is_clean() -> None:
    """lint(render(example)): the generated example document never contradicts itself."""
    text = (HERE.parent.parent / "SYSTEM_STATUS.md").read_text(encoding="utf-8")
    assert _lint(text) == []


def test_names_match_across_case_bold_emoji_and_status_words() -> None:
    doc = "| Component | Status |\n|---|---|\n| **Auth Service** | ❌ NOT RUNNING |\n\n- ✅ auth service FIXED: ok\n"
    assert _lint(doc) == [(3, "SL101")]  # at the failing side; the message names line 5


def test_a_marker_after_an_items_bold_name_and_colon_is_its_status() -> None:
    # "- **Auth Service**: ❌ down": the marker sits after the name, not at either end of the item.
    table = "| Component | Status |\n|---|---|\n| Auth Service | ✅ OK |\n\n"
    assert _lint(table + "- **Auth Service**: ❌ not running since the upgrade\n") == [(5, "SL101")]
    assert _lint(table + "- **Auth Service**: ✅ serving traffic\n") == []
    # Only right after the colon: a marker further on belongs to what the text says there.
    assert _lint(table + "- **Auth Service**: depends on the ❌ mailer\n") == []


def test_names_sharing_a_word_are_different_things() -> None:
    doc = (
        "| Component | Status |\n|---|---|\n| Auth Service | ❌ DOWN |\n| Auth Infrastructure | ✅ FIXED |\n\n"
        "- ✅ **Auth Service Tests**: green\n"
    )
    assert _lint(doc) == []


def test_an_issue_tables_status_cell_is_its_state() -> None:
    # "OPEN" is no status word, and "✅ CLOSED" reads as ✅: the cell's words are the issue's state.
    table = "| Issue | Title | Status |\n|---|---|---|\n| #12 | Login fails | OPEN |\n| #13 | Slow page | ✅ CLOSED |\n"
    assert _lint(table + "\n- Issue #12 CLOSED\n- Issue #13 CLOSED\n") == [(3, "SL201")]
    assert _lint(table + "\n- Issue #12 OPEN\n- Issue #13 REOPENED\n") == [(7, "SL201")]  # at the open side
    assert _lint(table + "\n- Issue #12 OPEN\n- Issue #13 CLOSED\n") == []


def test_issue_references_match_by_number_not_kind() -> None:
    assert _lint("- Issue #1308 CLOSED\n- #1308 ACTIVE: again\n") == [(2, "SL201")]
    assert _lint("- Issue #1308 CLOSED\n- PR #1308 OPEN\n") == []
    assert _lint("- Issue 1308 RESOLVED\n- Issue #1308: login - **IN PROGRESS**\n") == [(2, "SL201")]


def test_phase_words_do_not_close_an_issue() -> None:
    assert _lint("- Issue #7 Phase 1 COMPLETE\n- Issue #7 OPEN\n") == []


def test_phases_of_different_issues_are_not_one_thing() -> None:
    doc = "- ✅ **Issue #1**: a\n  - Phase 1: done ✅\n- ⚠️ **Issue #2**: b\n  - Phase 1: started ⚠️\n"
    assert _lint(doc) == []


def test_planned_dates_are_not_events() -> None:
    assert _lint("**Last Updated:** 2025-01-17\n\n- ✅ Release 2 target 2025-03-01\n") == []
    assert _lint("**Last Updated:** 2025-01-17\n\n- ✅ Release 2 shipped 2025-03-01\n") == [(3, "SL401")]


def test_month_precision_document_date() -> None:
    assert _lint("**Last Updated**: August 2025\n\n- Migration completed 2025-08-30\n") == []
    assert _lint("**Last Updated**: August 2025\n\n- Migration completed 2025-09-02\n") == [(3, "SL401")]


def test_levels_and_off_come_from_the_settings() -> None:
    doc = "| Suite | Status | Notes |\n|---|---|---|\n| Unit | ✅ PASSING | 5% pass rate |\n"
    assert lint_text(doc, "d.md", Config())[0].level == "warning"
    assert lint_text(doc, "d.md", Config(rules={"SL503": "error"}))[0].level == "error"
    assert lint_text(doc, "d.md", Config(rules={"SL503": "off"})) == []
    assert lint_text(doc, "d.md", Config(rule_options={"SL503": {"min_pass_rate": 4.0}})) == []


def test_ignore_comment_silences_one_line() -> None:
    doc = "- Issue #9 CLOSED\n- Issue #9 OPEN <!-- status-gen: ignore[SL201] -->\n- Issue #9 ACTIVE\n"
    assert _lint(doc) == [(3, "SL201")]
    above = "- Issue #9 CLOSED\n<!-- status-gen: ignore[issue-state-conflict] -->\n- Issue #9 OPEN\n"
    assert _lint(above) == []
    other_code = "- Issue #9 CLOSED\n- Issue #9 OPEN <!-- status-gen: ignore[SL101] -->\n"
    assert _lint(other_code) == [(2, "SL201")]


def test_project_labels_extend_the_vocabulary() -> None:
    doc = "| Service | Status |\n|---|---|\n| Cache | SHAKY |\n\n- ✅ **Cache**: fine\n"
    assert _lint(doc) == []
    from status_gen.vocabulary import DEFAULT_LABELS, Label

    labels = {**DEFAULT_LABELS, "SHAKY": Label("SHAKY", "fail", "❌")}
    assert _lint(doc, Config(labels=labels)) == [(3, "SL101")]


def test_conflict_markers_inside_code_fences_are_examples() -> None:
    assert _lint("```\n<<<<<<< HEAD\n>>>>>>> other\n```\n") == []


def test_a_marker_outside_a_prose_status_column_still_counts() -> None:
    """The corpus's test tables put '✅ FIXED' under 'Coverage' and prose under 'Status'."""
    doc = (
        "| Component | Status | Notes |\n|---|---|---|\n| **Test Infrastructure** | ✅ FIXED | ok |\n\n"
        "| Category | Coverage | Status |\n|---|---|---|\n| **Test Infrastructure** | ❌ BROKEN | no tests ran |\n"
    )
    assert _lint(doc) == [(7, "SL101")]


def test_warn_against_fail_is_not_an_ok_claim() -> None:
    doc = "| Component | Status |\n|---|---|\n| Queue | ⚠️ PARTIAL |\n\n- ❌ **Queue**: stalls\n"
    assert _lint(doc) == []

"""Import settles each contradiction lint finds: one value kept, the other named with its line in a note."""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path

import pytest
import yaml

from status_gen.api import build
from status_gen.config import load_config
from status_gen.errors import Location, StatusGenError
from status_gen.importer import plan_import, write_import
from status_gen.importer.resolve import quote, resolve
from status_gen.lint import lint_text
from status_gen.settings import Config
from tests.conftest import run_cli

HERE = Path(__file__).parent
LINT = HERE.parent / "lint"
TODAY = dt.date(2026, 1, 1)
NOTE_LINE = re.compile(r"^# (?!Written by)(.*)$", re.M)


def render(text: str, source: str = "S.md") -> tuple[str, list[str]]:
    """Import ``text``, render the data back; the rendered document and every note written."""
    planned = plan_import(text, source, TODAY)
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        write_import(root / "data", planned.files, root)
        rendered = build(load_config(None, root), TODAY, "SYSTEM_STATUS.md").text
    notes = [m for file in planned.files.values() for m in NOTE_LINE.findall(file)]
    return rendered, [n for n in notes if not n.startswith("The document states no")]


def findings(text: str) -> list[str]:
    return [f"{p.where.line} {p.code}" for p in lint_text(text, "OUT.md", Config())]


def settle(text: str) -> tuple[str, dict[int, list[str]], list[str]]:
    config = Config()
    from status_gen.claims import vocabulary

    words = vocabulary({name: label.level for name, label in config.labels.items()})
    done = resolve(text, "S.md", TODAY, lambda t: lint_text(t, "S.md", config), words)
    return done.text, done.notes, done.project_notes


def test_every_contradiction_of_the_fixture_is_settled_and_noted() -> None:
    text = (HERE / "contradictory_status.md").read_text(encoding="utf-8")
    before = findings(text)
    assert len(before) == 13  # one of each rule family but SL502 (tests/lint covers them one by one)
    rendered, notes = render(text)
    assert findings(rendered) == []
    # One note per decision: SL701 reports both marker lines of one conflict, and the dates'
    # findings (SL401, SL402) are settled by one date; every other finding gets its own note.
    assert len(notes) == len(before) - 2
    for note in notes:
        assert re.search(r"S\.md:\d+", note), note  # the other value's line in the Markdown
        assert re.search(r"\[SL\d{3}(/SL\d{3})?\]\.$", note), note


@pytest.mark.parametrize(
    ("before", "after", "note"),
    [
        (
            "- ✅ **Billing Export**: nightly CSV delivered",
            "- ❌ **Billing Export**: nightly CSV delivered",
            "Kept '❌ FAILED' for 'Billing Export' (table row at S.md:15: a table row is more specific than a "
            "list item); S.md:9 said '✅', changed to match [SL101].",
        ),
        (
            "| Total | 118 |",
            "| Total | 116 |",
            "Kept 116 tests, the sum of the table at S.md:24 (a total is computed from its rows, the detail); "
            "S.md:29 said 118 [SL501].",
        ),
        (
            "- 🔄 **Issue #415**: dock scheduler drift - **IN PROGRESS**",
            "- 🔄 **Issue #415**: dock scheduler drift - **RESOLVED**",
            "Kept 'RESOLVED' for issue #415 (S.md:42: an issue moves from open to closed, so the open mention "
            "was not updated); S.md:8 said 'IN PROGRESS', changed to match [SL201].",
        ),
        (
            "> **Last Updated:** 2025-03-02 | **Status:** ✅ PRODUCTION READY",
            "> **Last Updated:** 2025-03-09 | **Status:** ⚠️ NOT PRODUCTION READY",
            "Lowered the verdict 'PRODUCTION READY' at S.md:3 to 'NOT PRODUCTION READY': a verdict sums up its "
            "items, and the document marks 'Billing Export' ❌ at S.md:9 and 1 more; kept the items [SL301].",
        ),
        (
            "| **Route Planner** | ✅ HEALTHY | 4/25 tests pass |",
            "| **Route Planner** | ⚠️ PARTIAL | 4/25 tests pass |",
            "Kept the measured '4/25 tests pass' over the mark '✅ HEALTHY' at S.md:16 (a mark is a judgement of "
            "the measurement); lowered it to ⚠️ [SL503].",
        ),
        ("- [ ] Rotate signing keys\n- [ ] Update", "- [x] Rotate signing keys\n- [ ] Update", "[SL601]"),
        ("- Notifier", "- ⚠️ Notifier", "S.md:35 said 'listed as ready', changed to match [SL103]."),
        ("## Known Issues\n\n- Telemetry", "## Known Issues\n\n- ✅ Telemetry", "S.md:40 said 'listed as a problem'"),
        ("*Last updated: 2025-03-05*", "*Last updated: 2025-03-09*", "S.md:58 said 'Last updated: 2025-03-05'"),
        (
            "=======\nNext review: every other Monday.\n",
            "",
            "Merge conflict at S.md:52-56: kept the upper (HEAD) side, as neither side states a later date; "
            "dropped S.md:55 ('Next review: every other Monday.') and the markers [SL701].",
        ),
    ],
)
def test_each_edit_is_minimal_and_its_note_names_both_sides(before: str, after: str, note: str) -> None:
    text = (HERE / "contradictory_status.md").read_text(encoding="utf-8")
    edited, notes, project = settle(text)
    assert before in text
    if after:
        assert after in edited
    assert before not in edited
    assert any(note in n for n in [*project, *(n for ns in notes.values() for n in ns)])


def test_the_date_note_goes_to_project_yaml_and_the_latest_date_is_kept() -> None:
    text = (HERE / "contradictory_status.md").read_text(encoding="utf-8")
    planned = plan_import(text, "S.md", TODAY)
    project = planned.files["project.yaml"]
    assert "# Kept 2025-03-09 as the document's date, from a dated event in the body at S.md:7 (" in project
    assert yaml.safe_load(project)["project"]["last_updated"] == "2025-03-09"
    assert planned.notes == {"project.yaml": 1, "sections.yaml": 5, "components.yaml": 4, "checklists.yaml": 1}
    assert (planned.found, planned.left) == (13, 0)


def test_a_note_sits_above_the_record_that_keeps_the_value() -> None:
    text = (HERE / "contradictory_status.md").read_text(encoding="utf-8")
    components = plan_import(text, "S.md", TODAY).files["components.yaml"]  # the table's rows are records
    assert re.search(r"^# Kept '❌ FAILED' for 'Billing Export'.*\n- id: billing-export$", components, re.M)
    checklists = plan_import(text, "S.md", TODAY).files["checklists.yaml"]
    assert re.search(r"^# Kept the tick of 'Rotate signing keys'.*\n- id: launch-checklist$", checklists, re.M)


def test_lints_own_contradictory_fixture_round_trips_to_the_one_finding_no_edit_can_settle() -> None:
    text = (LINT / "contradictory" / "netra-shaped.md").read_text(encoding="utf-8")
    rendered, notes = render(text)
    assert [f.split()[1] for f in findings(rendered)] == ["SL502"]
    left = [n for n in notes if n.startswith("Left as written")]
    assert left == [
        "Left as written (SL502, S.md:27): more tests pass than exist, and which of the two numbers is wrong "
        "cannot be told from the document."
    ]


@pytest.mark.parametrize(
    "path", [*sorted((LINT / "consistent").glob("*.md")), HERE / "widget_status.md"], ids=lambda p: p.name
)
def test_a_consistent_document_imports_unchanged_and_without_notes(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    edited, notes, project = settle(text)
    assert (edited, notes, project) == (text, {}, [])
    planned = plan_import(text, "S.md", TODAY)
    assert (planned.notes, planned.found, planned.left) == ({}, 0, 0)


def test_merge_conflict_keeps_the_side_with_the_later_date() -> None:
    text = (
        "# T\n\n<<<<<<< HEAD\n**Last Updated:** 2025-01-17\n=======\n**Last Updated:** 2025-09-17\n"
        ">>>>>>> 421d4af\n\nBody.\n"
    )
    edited, notes, _ = settle(text)
    assert edited == "# T\n\n**Last Updated:** 2025-09-17\n\nBody.\n"
    assert notes == {
        2: [
            "Merge conflict at S.md:3-7: kept the lower side, which states the later date 2025-09-17; dropped "
            "S.md:4 ('**Last Updated:** 2025-01-17') and the markers [SL701]."
        ]
    }


def test_an_import_error_after_a_merge_conflict_names_the_documents_own_line() -> None:
    text = "# T\n\n<<<<<<< HEAD\nA.\n=======\nB.\n>>>>>>> main\n\n<details>\n\nopen\n"
    with pytest.raises(StatusGenError) as caught:
        plan_import(text, "S.md", TODAY)
    assert caught.value.where == Location("S.md", 9, 1)


def test_a_lone_marker_is_dropped_and_said() -> None:
    edited, notes, _ = settle("# T\n\nText.\n>>>>>>> main\n\nMore.\n")
    assert edited == "# T\n\nText.\n\nMore.\n"
    assert notes == {3: ["Dropped a lone merge-conflict marker at S.md:4 [SL701]."]}


@pytest.mark.parametrize(
    ("header", "footer", "kept"),
    [
        ("**Last Updated:** March 2, 2025", "*Updated: 2025-03-05*", "**Last Updated:** March 5, 2025"),
        ("**Last Updated:** Sep 2025", "*Updated: 2025-10-04*", "**Last Updated:** Oct 2025"),
        ("**최종 업데이트:** 2025년 3월 2일", "*Updated: 2025-03-15*", "**최종 업데이트:** 2025년 3월 15일"),
    ],
)
def test_a_date_is_rewritten_in_its_own_style(header: str, footer: str, kept: str) -> None:
    edited, _, project = settle(f"# T\n\n{header}\n\nBody.\n\n{footer}\n")
    assert kept in edited
    assert len(project) == 1


def test_a_date_after_the_import_day_is_left_and_said() -> None:
    text = "# T\n\n**Last Updated:** 2025-03-02\n\n- Issue #4 CLOSED 2052-03-09\n"
    edited, notes, _ = settle(text)
    assert edited == text
    assert notes[4] == ["Left as written (SL401, S.md:5): dated 2052-03-09, after the import day 2026-01-01 (a typo?)."]


def test_a_document_date_after_the_import_day_gives_way_to_the_latest_possible_one() -> None:
    edited, _, project = settle("# T\n\n**Last Updated:** 2099-03-02\n\nBody.\n\n*Updated: 2025-03-05*\n")
    assert "**Last Updated:** 2025-03-05" in edited
    assert project == [
        "Kept 2025-03-05 as the document's date, from its own date at S.md:7 (the latest of its dates was written "
        "by the latest update; dates after the import day, 2026-01-01, cannot be right and were set aside); S.md:3 "
        "said 'Last Updated: 2099-03-02', changed to match [SL402]."
    ]


HEAD = "# Fleet\n\n**Last Updated:** 2025-03-02\n\n"


@pytest.mark.parametrize(
    ("body", "file", "above"),
    [
        (  # a list item kept over a heading: above its record in components.yaml
            "## Components\n\n- ✅ **Auth Gateway**: serving\n- ❌ **Search Index**: reindex failing\n"
            "- ✅ **Mailer**: queued\n\n## Notes\n\n### ✅ Search Index\n\nRebuilt.\n",
            "components.yaml",
            r"# Kept '❌' for 'Search Index' \(list item at S\.md:8: a list item is more specific than a heading\); "
            r"S\.md:13 said '✅', changed to match \[SL101\]\.\n- id: search-index\n",
        ),
        (  # a table row kept over a list item: above the row's record
            "## Components\n\n| Component | Status | Notes |\n|---|---|---|\n| Auth Gateway | ✅ HEALTHY | serving |\n"
            "| Search Index | ❌ BROKEN | reindex failing |\n| Mailer | ✅ HEALTHY | queued |\n\n"
            "## Summary\n\n- ✅ **Search Index**: fine now\n",
            "components.yaml",
            r"# Kept '❌ BROKEN' for 'Search Index' \(table row at S\.md:10: a table row is more specific than a list "
            r"item\); S\.md:15 said '✅', changed to match \[SL101\]\.\n- id: search-index\n",
        ),
        (  # a metric is a list inside project.yaml: above the project
            "## Key Metrics\n\n| Metric | Value |\n|---|---|\n"
            "| Unit tests | ✅ 3/20 tests pass |\n| Uptime | 99.9% |\n",
            "project.yaml",
            r"# Kept the measured '3/20 tests pass' over the mark '✅' at S\.md:9 \(a mark is a judgement of the "
            r"measurement\); lowered it to ⚠️ \[SL503\]\.\nproject:\n",
        ),
    ],
    ids=["list-record", "table-record", "project-list"],
)
def test_a_note_goes_above_the_record_that_keeps_the_value(body: str, file: str, above: str) -> None:
    planned = plan_import(HEAD + body, "S.md", TODAY)
    assert planned.notes == {file: 1}
    assert re.search(above, planned.files[file])
    rendered, _ = render(HEAD + body)
    assert findings(rendered) == []


def test_ignored_findings_are_not_touched() -> None:
    text = (
        "# T\n\n| Part | Status |\n|---|---|\n| Cache | ❌ FAILED <!-- status-gen: ignore[SL101] --> |\n\n- ✅ Cache\n"
    )
    assert settle(text) == (text, {}, [])


def test_notes_stay_comments_whatever_the_document_says() -> None:
    hostile = "Cache\u2028::error::x\u0085##[warning]y\x0c#z"
    text = f"# T\n\n| Part | Status |\n|---|---|\n| {hostile} | ❌ FAILED |\n\n- ✅ **{hostile}**: ok\n"
    planned = plan_import(text, "S.md", TODAY)
    for name, content in planned.files.items():
        without = "\n".join(line for line in content.split("\n") if not line.startswith("#"))
        assert yaml.safe_load(content) == yaml.safe_load(without), name
    notes = [line for content in planned.files.values() for line in content.splitlines() if line.startswith("#")]
    assert any("changed to match [SL101]" in line for line in notes)
    assert all(not line.startswith(("::", "##[")) for line in notes)


def test_control_characters_never_reach_a_comment() -> None:
    text = "# T\n\n| Suite | Te\x1bsts |\n|---|---|\n| a | 2 |\n| b | 3 |\n| Total | 6 |\n"
    planned = plan_import(text, "S\x1b.md", TODAY)
    for content in planned.files.values():
        yaml.safe_load(content)  # PyYAML refuses a control character anywhere, comments included
    assert "# Kept 5 te sts, the sum of the table at S .md:3" in planned.files["sections.yaml"]


def test_quote_is_one_short_printable_line() -> None:
    assert quote("a\u2028b\x1b[31mc\u200e" + "x" * 100, 20) == "'a b [31mc xxxxxxxxx…'"


def test_cli_prints_the_findings_then_what_was_settled_and_where(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "STATUS.md").write_text((HERE / "contradictory_status.md").read_text(encoding="utf-8"), "utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli("import", "STATUS.md", "--data", "data")
    assert code == 0, err
    assert out.count("STATUS.md:") == 13
    assert (
        "contradictions: 13 of 13 findings settled in the data, 0 left as written; the notes ('#' comments above "
        "the records) are in data/project.yaml (1), data/sections.yaml (5), data/components.yaml (4), "
        "data/checklists.yaml (1)"
    ) in err
    assert run_cli("render", "--output", "OUT.md", "--today", "2025-03-10")[0] == 0
    assert run_cli("lint", "OUT.md")[0] == 0

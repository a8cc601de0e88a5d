"""Import of tables: records and a ``columns`` layout that gives every row back as written."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from status_gen.config import load_config
from status_gen.importer import plan_import
from status_gen.lint import lint_text
from tests.conftest import run_cli

FIXTURE = Path(__file__).parent / "tables_status.md"
EXAMPLES = int(os.environ.get("STATUS_GEN_PROPERTY_EXAMPLES", "40"))
DAY = dt.date(2026, 1, 1)


def _files(text: str) -> dict[str, object]:
    planned = plan_import(text, "STATUS.md", DAY)
    return {name: yaml.safe_load(body) for name, body in planned.files.items()}


def _table(text: str, heading: str) -> list[str]:
    lines = text.split("\n")
    start = lines.index(heading) + 2
    end = next(n for n in range(start, len(lines) + 1) if n == len(lines) or not lines[n].startswith("|"))
    return lines[start:end]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(FIXTURE, tmp_path / "STATUS.md")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_each_table_renders_back_line_for_line_and_lint_finds_nothing(project: Path) -> None:
    code, _, err = run_cli("import", "STATUS.md", "--data", "data")
    assert code == 0, err
    code, _, err = run_cli("render", "--output", "OUT.md", "--today", "2025-10-02")
    assert code == 0, err
    original = FIXTURE.read_text(encoding="utf-8")
    rendered = (project / "OUT.md").read_text(encoding="utf-8")
    for heading in ("## Services", "## Features", "## Test Results", "## Numbers", "## Risks", "## Roadmap"):
        assert _table(rendered, heading) == _table(original, heading), heading
    assert rendered.split("\n")[2:] == [*original.rstrip("\n").split("\n"), ""]
    assert lint_text(rendered, "OUT.md", load_config(None, project)) == []
    assert run_cli("check", "--output", "OUT.md", "--today", "2025-10-02")[0] == 0


def test_records_by_kind() -> None:
    files = _files(FIXTURE.read_text(encoding="utf-8"))
    components = files["components.yaml"]["components"]  # type: ignore[index]
    assert components[0] == {
        "id": "gateway",
        "name": "Gateway",
        "status": {"label": "HEALTHY", "text": "Healthy", "icon": "🟢"},
        "fields": {"Container": "gw-1", "Port": "8080", "Status": "Serves the public API"},
    }
    assert [c["status"] for c in components[1:]] == [
        "PARTIAL",
        "BROKEN",
        {"label": "OK", "text": "Working"},
        {"label": "PARTIAL", "text": "Pending", "icon": "🟡"},
    ]
    assert "note" not in components[3] and components[4]["note"] == "Kept for 90 days"
    tests = files["tests.yaml"]["categories"]  # type: ignore[index]
    assert [(t["name"], t["status"], t["tests"]) for t in tests] == [
        ("Unit", "PASSING", {"passed": 120, "total": 120}),
        ("Integration", "FLAKY", {"passed": 12, "total": 14}),
    ]
    assert files["project.yaml"]["project"]["metrics"][1] == {  # type: ignore[index]
        "id": "p95-latency",
        "label": "p95 latency",
        "value": "180 ms",
    }
    risk = files["risks.yaml"]["risks"][0]  # type: ignore[index]
    assert (risk["status"], risk["severity"], risk["mitigation"]) == ("AT RISK", "High", "Renewal job runs weekly")
    milestones = files["milestones.yaml"]["milestones"]  # type: ignore[index]
    assert [(m["name"], m["percent"], m["fields"]) for m in milestones] == [
        ("Phase 1", 100, {"Goal": "Ingest"}),
        ("Phase 2", 40, {"Goal": "Reports"}),
    ]
    outline = files["outline.yaml"]["sections"]  # type: ignore[index]
    kinds = [(s["kind"], s.get("ids")) for s in outline if s["kind"] != "free"]
    assert kinds == [
        ("components", ["gateway", "billing", "mailer"]),
        ("components", ["single-sign-on", "audit-log"]),
        ("tests", ["unit", "integration"]),
        ("metrics", ["requests-per-day", "p95-latency"]),
        ("risks", ["certificate-expiry"]),
        ("milestones", ["phase-1", "phase-2"]),
    ]
    # The last table stays as written: a ✅ over the word Broken, and HTML in a cell.
    bodies = files["sections.yaml"]["sections"]  # type: ignore[index]
    assert "| Search | ✅ Broken |" in bodies[-1]["body"]


@pytest.mark.parametrize(
    "row",
    [
        "| Rates | 12 | 2 | 14 | 90% | ⚠️ FLAKY |",  # the stated rate is not 12/14
        "| Rates | 15 | 0 | 14 | 100% | ✅ PASSING |",  # passed above total
        "| Rates | 12 | 1 | 14 | 85.7% | ⚠️ FLAKY |",  # 12 + 1 is not 14
    ],
)
def test_a_row_whose_counts_disagree_keeps_the_table_as_written(row: str) -> None:
    text = (
        "# T\n\n## Tests\n\n| Suite | Passed | Failed | Total | Rate | Result |\n|---|---|---|---|---|---|\n"
        + row
        + "\n"
    )
    files = _files(text)
    assert "tests.yaml" not in files
    assert row in files["sections.yaml"]["sections"][-1]["body"]  # type: ignore[index]


@pytest.mark.parametrize(
    "cell",
    [
        "a \\| b",  # an escaped pipe: a value with a bar, drawn back escaped
        "<script>alert(1)</script>",  # HTML: escaping would change it, so the table stays text
        "::error::pwned",
        "##vso[task.setvariable]x",
        "**bold** and `code`",
    ],
)
def test_hostile_cells_come_back_as_written(cell: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "# T\n\n**Last Updated:** 2025-10-02\n\n## Parts\n\n| Part | Status | Notes |\n|---|---|---|\n"
    text += f"| Alpha | ✅ OK | {cell} |\n"
    (tmp_path / "STATUS.md").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run_cli("import", "STATUS.md")[0] == 0
    code, out, err = run_cli("render", "--output", "-", "--today", "2026-01-01")
    assert code == 0, err
    assert f"| Alpha | ✅ OK | {cell} |" in out.split("\n")
    assert not any(line.startswith(("::", "##vso")) for line in out.split("\n"))


def test_a_phase_marked_done_below_100_percent_stays_as_written() -> None:
    text = "# T\n\n## Plan\n\n| Phase | Progress | Status |\n|---|---|---|\n| Phase 1 | 95% | ✅ Done |\n"
    files = _files(text)
    assert "milestones.yaml" not in files  # as records, rule SG602 would refuse ✅ at 95%
    assert "| Phase 1 | 95% | ✅ Done |" in files["sections.yaml"]["sections"][-1]["body"]  # type: ignore[index]
    assert "milestones.yaml" in _files(text.replace("95%", "100%"))


def test_ten_thousand_rows_are_refused_with_the_table_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = "".join(f"| part {n} | ✅ OK |\n" for n in range(10_000))
    (tmp_path / "STATUS.md").write_text(f"# T\n\n## Parts\n\n| Part | Status |\n|---|---|\n{rows}", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli("import", "STATUS.md")
    assert code == 2
    assert "STATUS.md:5:1" in err and "10,000 rows" in err and "split it" in err
    assert not (tmp_path / "data").exists()


def test_several_tables_of_one_kind_each_show_their_own_rows(project: Path) -> None:
    text = "# T\n\n**Last Updated:** 2025-10-02\n\n## A\n\n| Component | Status |\n|---|---|\n| One | ✅ OK |\n\n"
    text += "## B\n\n| Component | Status |\n|---|---|\n| Two | ❌ BROKEN |\n| Three | ✅ OK |\n"
    (project / "STATUS.md").write_text(text, encoding="utf-8")
    assert run_cli("import", "STATUS.md")[0] == 0
    code, out, err = run_cli("render", "--output", "-", "--today", "2026-01-01")
    assert code == 0, err
    assert out.endswith(text.split("\n", 1)[1])
    outline = yaml.safe_load((project / "data" / "outline.yaml").read_text(encoding="utf-8"))["sections"]
    assert [s.get("ids") for s in outline if s["kind"] == "components"] == [["one"], ["two", "three"]]


FIRST = ["Component", "Test Suite", "Phase", "Risk", "Metric"]
HEADERS = ["Status", "Notes", "Passed", "Total", "Failed", "Rate", "Port", "Severity", "Progress", "Value"]
# Cells by the kind of column they fit; a column draws from one kind, or from all of them.
COLUMN_CELLS = [
    ["✅ OK", "✅ Working", "🟢 Healthy", "⚠️ PARTIAL", "❌ BROKEN", "🔄 In progress"],
    ["✅", "⚠️", "❌"],
    ["12", "14", "2", "0"],
    ["85.7%", "40%", "**40%**", "100%"],
    ["Alpha", "**Beta**", "`gamma`", "", "a \\| b", "plain words"],
    ["✅ Broken", "<b>x</b>", "::error::x", "~1 s", "+x", "#12", "12/14", "15/14"],
]
CELLS = [cell for cells in COLUMN_CELLS for cell in cells]


@settings(
    max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 40, suppress_health_check=[HealthCheck.too_slow]
)
@given(data=st.data())
def test_any_table_comes_back_line_for_line(data: st.DataObject) -> None:
    """Claimed or kept as text, every line of a table is in the rendered document, and lint stays clean."""
    import tempfile

    from status_gen.api import build
    from status_gen.importer import lines_kept, write_import

    width = data.draw(st.integers(1, 4))
    headers = [data.draw(st.sampled_from(FIRST))]
    headers += data.draw(st.lists(st.sampled_from(HEADERS), min_size=width, max_size=width, unique=True))
    pools = [data.draw(st.sampled_from([*COLUMN_CELLS, CELLS])) for _ in range(width)]
    height = data.draw(st.integers(1, 4))
    rows = [[f"Part {n}"] + [data.draw(st.sampled_from(pool)) for pool in pools] for n in range(height)]
    table = [f"| {' | '.join(headers)} |", "|" + "---|" * len(headers)]  # unique names: no row contradicts another
    table += ["| " + " | ".join(row) + " |" for row in rows]
    text = "# T\n\n**Last Updated:** 2025-10-02\n\n## Parts\n\n" + "\n".join(table) + "\n"
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        planned = plan_import(text, "S.md", DAY)
        write_import(root / "data", planned.files, root)
        config = load_config(None, root)
        result = build(config, DAY, "OUT.md")
    rendered = result.text
    assert [p.code for p in result.errors] == [], rendered  # the rules accept what import wrote
    assert lines_kept(text, rendered) == 1.0, rendered
    same = {" ".join(line.split()) for line in rendered.split("\n")}
    assert {" ".join(line.split()) for line in table} <= same, rendered  # as written, markup and all
    if not lint_text(text, "S.md", config):
        assert lint_text(rendered, "OUT.md", config) == []

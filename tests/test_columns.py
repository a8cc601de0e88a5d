"""The ``columns`` layout, ``ids`` and statuses shown as written ({label, level, text, icon})."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli

DAY = "2025-09-17"
PROJECT = """project:
  name: Demo
  last_updated: "2025-09-17"
  metrics:
    - {id: p95, label: p95 latency, value: 120 ms}
    - {id: uptime, label: Uptime, value: "99.9%"}
"""
COMPONENTS = """components:
  - id: api
    name: API
    status: {label: HEALTHY, text: Healthy, icon: "🟢"}
    note: serves 2k rps
    fields: {Port: "8000", Container: api-1}
  - id: db
    name: Database
    status: {label: OK, level: warn, text: Slow}
  - id: web
    name: Web | UI
    status: BROKEN
    fields: {Port: "3000"}
"""
TESTS = """categories:
  - {id: unit, name: Unit, status: PASSING, tests: {passed: 12, total: 14}}
  - {id: e2e, name: End to end, status: {label: OK, text: Pass}}
commands:
  - {label: Run, command: make test}
"""
COLUMNS = """sections:
  - kind: components
    ids: [api, db]
    columns:
      - {header: Service, cell: "**{name}**"}
      - {header: Container, cell: "{field:code}"}
      - {header: Port}
      - {header: Status, cell: "{icon} {status}"}
      - {header: Notes, cell: "{note}"}
    rule: "| ------- | --- | --- | :---: | --- |"
  - kind: components
    heading: Others
"""


def _project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **files: str) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    for name, text in {"project": PROJECT, **files}.items():
        (data / f"{name}.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _lint_clean(text: str) -> bool:
    Path("OUT.md").write_text(text, encoding="utf-8")
    code, out, err = run_cli("lint", "OUT.md")
    assert code == 0, out + err
    return True


def _render() -> str:
    code, out, err = run_cli("render", "--today", DAY, "--output", "-")
    assert code == 0, err
    return out


def test_columns_draw_the_table_the_outline_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _project(tmp_path, monkeypatch, components=COMPONENTS, outline=COLUMNS)
    out = _render()
    lines = out.split("\n")
    start = lines.index("| Service | Container | Port | Status | Notes |")
    assert lines[start : start + 4] == [
        "| Service | Container | Port | Status | Notes |",
        "| ------- | --- | --- | :---: | --- |",
        "| **API** | `api-1` | 8000 | 🟢 Healthy | serves 2k rps |",
        "| **Database** | | | ⚠️ Slow | |",
    ]
    # The section without ids shows the rest, and nothing twice.
    assert "| **Web \\| UI** | ❌ BROKEN |  |" in out
    assert out.count("**API**") == 1 and out.count("**Database**") == 1
    assert _lint_clean(out)


def test_tests_and_metrics_as_columns_with_derived_counts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outline = """sections:
  - kind: tests
    columns:
      - {header: Suite, cell: "{name}"}
      - {header: Passed, cell: "{passed}"}
      - {header: Failed, cell: "{failed}"}
      - {header: Rate, cell: "{rate}"}
      - {header: Result, cell: "{icon} **{status}**"}
  - kind: metrics
    ids: [uptime]
    columns: [{header: Metric, cell: "{label}"}, {header: Value, cell: "{value}"}]
"""
    _project(tmp_path, monkeypatch, tests=TESTS, outline=outline)
    out = _render()
    assert "| Unit | 12 | 2 | 85.7% | ✅ **PASSING** |" in out
    assert "| End to end | | | | ✅ **Pass** |" in out
    assert "- **Run:** `make test`" in out  # the commands still go with the tests
    assert "| Uptime | 99.9% |" in out and "p95" not in out


@pytest.mark.parametrize(
    ("sections", "where", "message"),
    [
        ("  - kind: components\n    columns: [{header: N, cell: '{nmae}'}]\n", "3:33", "did you mean {name}?"),
        ("  - kind: components\n    columns: [{header: N, cell: '{name} | x'}]\n", "3:33", r"write '\|'"),
        ("  - kind: components\n    columns: [{header: N, cell: '{name'}]\n", "3:33", "a lone '{'"),
        ("  - kind: components\n    columns: [{header: N}]\n    rule: '|---|---|'\n", "4:11", "2 cells for 1"),
        ("  - kind: components\n    columns: [{header: N}]\n    rule: '|===|'\n", "4:11", "separator line"),
        ("  - kind: components\n    rule: '|---|'\n", "3:11", "add 'columns'"),
        ("  - kind: issues\n    columns: [{header: N, cell: x}]\n", "3:14", "no 'columns' layout"),
        ("  - kind: metrics\n    columns: [{header: N}]\n", "3:15", "give the column a 'cell'"),
        ("  - kind: components\n    style: list\n    columns: [{header: N}]\n", "3:12", "remove 'style'"),
        ("  - kind: components\n    ids: [api, dbb]\n", "3:16", "'dbb'; did you mean 'db'?"),
        ("  - kind: components\n    ids: [api]\n  - kind: components\n    ids: [api]\n", "5:11", "placed twice"),
        ("  - kind: header\n    ids: [db]\n", "3:10", "'ids' is for"),
        ("  - kind: components\n    columns: [{header: N, cell: '✅ {name}'}]\n", "3:33", "write {icon}"),
        ("  - kind: risks\n    item: '- {title}'\n    columns: [{header: N}]\n", "3:11", "remove 'item'"),
    ],
)
def test_layout_mistakes_exit_2_at_their_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sections: str, where: str, message: str
) -> None:
    root = _project(tmp_path, monkeypatch, components=COMPONENTS, outline="sections:\n" + sections)
    code, out, err = run_cli("render", "--today", DAY)
    assert code == 2 and out == ""
    assert f"data/outline.yaml:{where}: error: " in err and message in err, err
    assert not (root / "SYSTEM_STATUS.md").exists()


@pytest.mark.parametrize(
    ("status", "message"),
    [
        ('{label: OK, icon: "❌"}', "does not show ok; use one of ✅"),
        ('{label: BROKEN, icon: "🟢"}', "does not show fail"),
        ("{label: OK, text: Broken}", "reads as fail, but this status is ok"),
        ("{label: OK, text: Partially done}", "shown: | **A** | ✅ Partially done |"),
        ("{label: IMPROVED, level: ok, text: Working}", "shown: | **A** | ✅ Working |"),
        ('{label: OK, text: "✅ Fine"}', "put the marker in 'icon'"),
        ("{label: OK, text: ''}", "1 to 40 characters"),
        ("{label: OK, colour: red}", "a status is a label"),
    ],
)
def test_a_shown_status_must_agree_with_its_level(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, status: str, message: str
) -> None:
    _project(tmp_path, monkeypatch, components=f"components:\n  - id: a\n    name: A\n    status: {status}\n")
    code, out, err = run_cli("render", "--today", DAY, "--output", "-")
    if message.startswith("shown: "):
        assert code == 0, err
        assert message.removeprefix("shown: ") in out
    else:
        assert code == 2, out
        assert "data/components.yaml:4:13: error: " in err and message in err, err


def test_a_shown_status_is_used_by_every_layout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outline = "sections:\n  - kind: components\n    style: list\n  - kind: readiness\n"
    _project(tmp_path, monkeypatch, components=COMPONENTS, outline=outline)
    out = _render()
    assert "- 🟢 **API** (Healthy): serves 2k rps" in out
    assert "- ⚠️ **Database** (Slow)" in out
    assert _lint_clean(out)

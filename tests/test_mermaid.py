"""Mermaid pictures: exact text for small data, and every diagram accepted by Mermaid's own parser.

The parser is the real one (the ``mermaid`` npm package, run by node through
tests/mermaid/validate.mjs); .ci/run installs it with ``npm ci --prefix tests/mermaid``. Without it
these parser tests are skipped on a developer's machine (the reason says how to install it) and
fail in CI, where it must be present.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from status_gen import models as m
from status_gen.mermaid import Bar, Point, component_map, gantt, health_chart, issue_bars, label
from status_gen.vocabulary import DEFAULT_LABELS

HERE = Path(__file__).resolve().parent / "mermaid"
HOSTILE_NAMES = [
    '%%{init: {"theme": "dark"}}%%',
    'x"]; click c1 call alert(1); a["',
    "end",
    "section evil :done, 2020-01-01, 1d",
    "title\nnew line",
    "<img src=x onerror=alert(1)> & co",
    "`**markdown**`",
    "a | b | c",
    "```",
    "#quot; ;:#",
    "subgraph x",
    "classDef ok fill:#f00",
    "dateFormat X",
    "\\u0000 \\",
    "é 😀 中文",
    "",
]


def parse_with_mermaid(diagrams: list[str]) -> list[dict[str, object]]:
    node = shutil.which("node")
    if node is None or not (HERE / "node_modules" / "mermaid").is_dir():
        if os.environ.get("CI"):
            pytest.fail("the Mermaid parser is missing: .ci/run installs it with 'npm ci --prefix tests/mermaid'")
        pytest.skip("Mermaid parser not installed: run 'npm ci --prefix tests/mermaid' (needs node)")
    done = subprocess.run(
        [node, str(HERE / "validate.mjs")],
        input=json.dumps(diagrams),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    results: list[dict[str, object]] = json.loads(done.stdout)
    return results


def component(i: int, name: str, status: str) -> m.Component:
    return m.Component(id=f"c{i}", name=name or "x", status=status, note="n")


COMPONENTS = [component(1, "API", "FIXED"), component(2, "Database", "BROKEN"), component(3, "Cache", "PARTIAL")]


def test_component_map_exact() -> None:
    assert component_map(COMPONENTS, DEFAULT_LABELS) == (
        "flowchart LR\n"
        '  subgraph g_fail["❌ fail: 1"]\n'
        '    c2["Database<br/>❌ BROKEN"]:::fail\n'
        "  end\n"
        '  subgraph g_warn["⚠️ warn: 1"]\n'
        '    c3["Cache<br/>⚠️ PARTIAL"]:::warn\n'
        "  end\n"
        '  subgraph g_ok["✅ ok: 1"]\n'
        '    c1["API<br/>✅ FIXED"]:::ok\n'
        "  end\n"
        "  classDef ok fill:#dafbe1,stroke:#2da44e,color:#1f2328\n"
        "  classDef warn fill:#fff8c5,stroke:#bf8700,color:#1f2328\n"
        "  classDef fail fill:#ffebe9,stroke:#cf222e,color:#1f2328\n"
    )


def issue(number: int, title: str, status: str, opened: str | None, phases: list[dict[str, str]]) -> m.Issue:
    return m.Issue.model_validate(
        {"number": number, "title": title or "x", "status": status, "opened": opened, "phases": phases}
    )


ISSUES = [
    issue(
        7,
        "Slow queries",
        "in_progress",
        "2025-01-01",
        [
            {"name": "Measure", "status": "done", "completed": "2025-01-03"},
            {"name": "Fix", "status": "in_progress"},
            {"name": "Verify", "status": "todo"},
        ],
    ),
    issue(8, "Backups", "open", "2025-01-05", []),
    issue(9, "Undated", "open", None, []),
    issue(10, "Same day", "closed", "2025-01-02", [{"name": "All", "status": "done", "completed": "2025-01-02"}]),
]


def test_timeline_exact() -> None:
    bars = issue_bars(ISSUES, dt.date(2025, 1, 8))
    assert gantt(bars, "Issues") == (
        "gantt\n"
        "  title Issues\n"
        "  dateFormat YYYY-MM-DD\n"
        "  axisFormat %Y-%m-%d\n"
        "  section Issue 7 - Slow queries\n"
        "    1. Measure :done, 2025-01-01, 2025-01-03\n"
        "    2. Fix :active, 2025-01-03, 2025-01-08\n"
        "  section Issue 8 - Backups\n"
        "    8. Backups :active, 2025-01-05, 2025-01-08\n"
        "  section Issue 10 - Same day\n"
        "    1. All :milestone, done, 2025-01-02, 0d\n"
    )


def test_health_chart_exact() -> None:
    points = [Point(dt.date(2025, 1, 1), "fail"), Point(dt.date(2025, 1, 8), "warn"), Point(dt.date(2025, 1, 15), "ok")]
    assert health_chart(points, "Health") == (
        "xychart-beta\n"
        '  title "Health"\n'
        '  x-axis ["2025-01-01", "2025-01-08", "2025-01-15"]\n'
        '  y-axis "0 fail, 1 warn, 2 ok" 0 --> 2\n'
        "  line [0, 1, 2]\n"
    )


@pytest.mark.parametrize("text", HOSTILE_NAMES)
def test_labels_are_one_line_without_mermaid_syntax(text: str) -> None:
    shown = label(text)
    assert "\n" not in shown
    assert not set(shown) & set("\"'`#%:;<>&[]{}()|\\")
    assert len(shown) <= 60


def test_every_diagram_parses_with_the_real_mermaid_parser() -> None:
    components = [component(i, name, "BROKEN" if i % 3 else "FIXED") for i, name in enumerate(HOSTILE_NAMES, 1)]
    issues = [
        issue(
            i, name, "in_progress", "2025-01-01", [{"name": name or "p", "status": "done", "completed": "2025-01-02"}]
        )
        for i, name in enumerate(HOSTILE_NAMES, 1)
    ]
    bars = [
        *issue_bars(issues, dt.date(2025, 1, 9)),
        Bar("%%{init}%%", "a: b; #c", dt.date(2025, 1, 1), dt.date(2025, 1, 4), "open"),
    ]
    diagrams = [
        component_map(COMPONENTS, DEFAULT_LABELS),
        component_map(components, DEFAULT_LABELS),
        gantt(issue_bars(ISSUES, dt.date(2025, 1, 8)), "Issues"),
        gantt(bars, "Timeline: #1 %% ;"),
        health_chart([Point(dt.date(2025, 1, d), lv) for d, lv in ((1, "fail"), (8, "warn"), (15, "ok"))], 'He"alth'),
        health_chart([Point(dt.date(2025, 1, 1), "ok")], "one point"),
    ]
    results = parse_with_mermaid(diagrams)
    assert [r.get("ok") for r in results] == [True] * len(diagrams), results
    assert [r["type"] for r in results] == ["flowchart-v2", "flowchart-v2", "gantt", "gantt", "xychart", "xychart"]


def test_the_parser_really_rejects_broken_diagrams() -> None:
    """A control: the validator is not a stub that accepts anything."""
    broken = [
        'flowchart LR\n  c1["x"]:::ok\n  c2["unclosed\n',
        "gantt\n  dateFormat YYYY-MM-DD\n  a task without colon\n",
    ]
    results = parse_with_mermaid(broken)
    assert [r["ok"] for r in results] == [False, False]


def test_milestone_bars_and_a_titleless_gantt_parse() -> None:
    from status_gen.mermaid import milestone_bars

    milestones = [
        m.Milestone.model_validate(
            {"id": "a", "name": "Alpha", "status": "DONE", "start": "2025-01-01", "completed": "2025-01-05"}
        ),
        m.Milestone.model_validate({"id": "b", "name": "Beta: #2", "status": "IN PROGRESS", "due": "2025-02-01"}),
        m.Milestone.model_validate({"id": "c", "name": "Later", "status": "IN PROGRESS", "due": "Q3 2025"}),
    ]
    bars = milestone_bars(milestones, dt.date(2025, 1, 8), "Roadmap")
    text = gantt(bars)
    assert text == (
        "gantt\n"
        "  dateFormat YYYY-MM-DD\n"
        "  axisFormat %Y-%m-%d\n"
        "  section Roadmap\n"
        "    Alpha :done, 2025-01-01, 2025-01-05\n"
        "    Beta： ＃2 :milestone, 2025-02-01, 0d\n"
    )
    assert [r["ok"] for r in parse_with_mermaid([text, health_chart([Point(dt.date(2025, 1, 1), "ok")])])] == [
        True,
        True,
    ]

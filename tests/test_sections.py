"""Sections of the reference outline: each under its own '##', stated once, punctuated once.

Issue 9 items 3 (readiness printed twice), 5 (headings nested under the wrong section when an
optional file is missing), 6 (doubled punctuation) and 7 (error text rendered into the document).
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLE_TODAY, run_cli
from tests.test_consistency import blocks, failures_of, no_doubled_punctuation, render_case

# A small data set using every optional file, without references between files, so that any
# subset of the files is valid data on its own. Always in the reference outline (the shape these
# tests read); the other outlines have their own tests (test_outline.py, test_projects.py).
REFERENCE = {"preset": "reference"}
FILES: dict[str, Any] = {
    "outline": REFERENCE,
    "project": {
        "project": {
            "name": "Demo",
            "last_updated": "2025-09-17",
            "headline": "Mostly fine",
            "summary": "The API is up.",
            "achievements": [{"title": "Fast builds", "text": "under a minute"}],
        }
    },
    "components": {
        "components": [
            {"id": "api", "name": "API", "status": "OK", "note": "serving", "capability": "Public API"},
            {"id": "db", "name": "Database", "status": "PARTIAL", "note": "slow", "capability": "Storage"},
        ]
    },
    "issues": {
        "issues": [
            {
                "number": 7,
                "title": "Login",
                "status": "in_progress",
                "phases": [{"name": "Build", "status": "done"}, {"name": "Ship", "status": "todo"}],
            },
            {
                "number": 8,
                "title": "Billing",
                "status": "closed",
                "closed": "2025-09-10",
                "phases": [{"name": "Build", "status": "done", "items": ["invoices"]}],
            },
            {"number": 9, "title": "Search", "status": "resolved", "closed": "2025-01-10", "outcome": "Shipped."},
        ]
    },
    "blockers": {
        "blockers": [
            {
                "id": "slow-db",
                "title": "Slow queries",
                "detail": "p99 2 s",
                "severity": "P1",
                "next_step": "Add an index",
            }
        ]
    },
    "tests": {
        "categories": [{"id": "unit", "name": "Unit", "status": "PASSING", "note": "green"}],
        "commands": [{"label": "All", "command": "pytest"}],
    },
    "priorities": {
        "period": "2025-09-01",
        "items": [{"title": "Speed", "goal": "Faster", "status": "started", "next_steps": "Profile"}],
    },
    "validation": {
        "runs": [
            {
                "date": "2025-09-16",
                "title": "Nightly",
                "summary": "green",
                "impacts": [{"area": "Users", "status": "OK", "note": "fine"}],
            }
        ]
    },
}
OPTIONAL = [kind for kind in FILES if kind not in ("project", "outline")]


def _parents(text: str) -> dict[str, str]:
    """Each heading's text mapped to the '##' section it stands in."""
    return {b.text: b.section for b in blocks(text) if b.kind == "heading" and b.level > 2}


FULL_PARENTS = _parents(render_case(FILES)[1])


@pytest.mark.parametrize(
    "present", [s for n in range(len(OPTIONAL) + 1) for s in itertools.combinations(OPTIONAL, n)], ids=str
)
def test_every_section_stands_under_its_own_heading_whatever_files_are_present(present: tuple[str, ...]) -> None:
    case, text = render_case({k: v for k, v in FILES.items() if k in ("project", "outline") or k in present})
    assert failures_of(case, text) == []
    # A sub-heading never moves to another section because some other file is missing.
    for heading, section in _parents(text).items():
        assert FULL_PARENTS.get(heading) == section, (heading, section)


def test_the_full_example_has_every_section() -> None:
    text = render_case(FILES)[1]
    sections = [b.text for b in blocks(text) if b.kind == "heading" and b.level == 2]
    assert sections == [
        "Executive Summary",
        "System Health",
        "Critical Validation Findings (2025-09-16)",
        "Current Priorities (September 2025)",
        "Recently Completed",
        "Key Architectural Achievements",
        "Test Status",
        "Deployment Readiness: ⚠️ READY WITH RISKS",
        "Issue Status",
    ]
    assert "Issue #9" not in text.split("## Recently Completed")[1].split("\n## ")[0]  # closed in January


def test_readiness_is_stated_once_when_a_run_states_it_too() -> None:
    files = {
        **FILES,
        "validation": {
            "runs": [
                {
                    "date": "2025-09-16",
                    "title": "Nightly",
                    "summary": "green",
                    "impacts": [
                        {"area": "Deployment Readiness", "status": "NOT READY", "note": "typed by hand"},
                    ],
                }
            ]
        },
    }
    text = render_case(files)[1]
    lines = [b.text for b in blocks(text) if b.kind == "item" and b.text.startswith("Deployment Readiness:")]
    assert lines == ["Deployment Readiness: ⚠️ READY WITH RISKS - 1 open P1 blocker, 1 component at warn level"]
    assert "typed by hand" not in text


@pytest.mark.parametrize(
    ("summary", "metric", "expected"),
    [
        ("The API is up", None, "The API is up."),
        ("The API is up.", None, "The API is up."),
        ("Is it up?", None, "Is it up?"),
        ("The API is up", ("99.9%", "Uptime (30 days)"), "The API is up (99.9% Uptime (30 days))."),
        ("The API is up.", ("99.9%", "Uptime (30 days)"), "The API is up. 99.9% Uptime (30 days)."),
    ],
)
def test_the_summary_ends_with_one_full_stop(summary: str, metric: tuple[str, str] | None, expected: str) -> None:
    project = {**FILES["project"]["project"], "summary": summary}
    if metric:
        project |= {"metrics": [{"id": "m", "value": metric[0], "label": metric[1]}], "headline_metric": "m"}
    text = render_case({"project": {"project": project}, "outline": REFERENCE})[1]
    health = next(b.text for b in blocks(text) if b.text.startswith("System Health:"))
    assert health.endswith(" - " + expected)


def test_init_example_has_no_doubled_punctuation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run_cli("init", "--today", EXAMPLE_TODAY)[0] == 0
    text = (tmp_path / "SYSTEM_STATUS.md").read_text(encoding="utf-8")
    assert no_doubled_punctuation(None, text) == []  # type: ignore[arg-type]
    assert "yet. 99.9% Uptime (30 days)." in text


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("project.yaml", "  - issue: 1294\n", "  - issue: 1249\n", "unknown issue '1249'"),
        (
            "blockers.yaml",
            "    component: websocket\n",
            "    component: web-socket\n",
            "unknown component 'web-socket'",
        ),
        ("components.yaml", "  - id: database\n", "  - id: websocket\n", "duplicate component id 'websocket'"),
    ],
)
def test_integrity_errors_block_the_write(project: Path, file: str, old: str, new: str, message: str) -> None:
    """The document never states what the data did not: render exits 2 and writes nothing."""
    path = project / "data" / file
    assert old in path.read_text(encoding="utf-8")
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    before = (project / "SYSTEM_STATUS.md").read_bytes()
    for command in ("render", "check"):
        code, out, err = run_cli(command, "--today", EXAMPLE_TODAY)
        assert code == 2, (command, out, err)
        assert message in err and ("[SG101 duplicate-id]" in err or "[SG102 unknown-reference]" in err)
    assert (project / "SYSTEM_STATUS.md").read_bytes() == before


def test_a_downgraded_reference_error_renders_no_error_text(project: Path) -> None:
    """With SG102 set to warning the document renders, and still says nothing the data did not."""
    path = project / "data" / "project.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("  - issue: 1294\n", "  - issue: 1249\n"), encoding="utf-8"
    )
    (project / ".status-gen.toml").write_text('[rules]\nunknown-reference = "warning"\n', encoding="utf-8")
    code, out, err = run_cli("render", "--today", EXAMPLE_TODAY, "--output", "-")
    assert code == 0, err
    assert "1249" not in out and "not found" not in out
    assert "unknown issue '1249'" in err


def test_a_ready_component_without_capability_or_note_has_no_dangling_colon() -> None:
    # 'note' is optional: a ready component may have nothing to say after its name.
    files = dict(FILES)
    files["components"] = {"components": [{"id": "db", "name": "Database", "status": "OK"}]}
    text = render_case({k: v for k, v in files.items() if k in ("project", "outline", "components")})[1]
    ready = text.split("**Staging Ready Components:**")[1].split("\n\n**")[0]
    assert "- ✅ **Database**\n" in ready + "\n" and ":**" not in ready

"""The reference document's facts as written (contradictions included): which rules catch what.

README.md beside this file lists each finding and the sentence of the reference it comes from.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.rules.support import check

DATA = Path(__file__).resolve().parent / "data"
DOCUMENT_DATE = dt.date(2025, 9, 17)


def test_exactly_these_rules_fire_on_the_reference_as_written() -> None:
    problems = check(DATA, today=DOCUMENT_DATE)
    assert sorted(p.code for p in problems) == [
        "SG204",  # "Current Priorities (January 2025)" in a document dated 2025-09-17
        "SG302",  # #1176: every phase done, "ready for closure"
        "SG304",  # #1296 closed 2025-01-17, still the first current priority
        "SG305",  # Test Infrastructure FIXED, yet the test-fixtures P0 blocker stands against it
        "SG309",  # "Staging Ready": Authentication System (auth service NOT RUNNING)
        "SG309",  # "Staging Ready": Database Architecture (PARTIAL)
        "SG309",  # "Staging Ready": WebSocket System (UNTESTED)
        "SG309",  # "Staging Ready": Configuration Management (INCOMPLETE)
        "SG309",  # "Staging Ready": Core Agent System (BROKEN) ...
        "SG309",  # ... "and message routing functional" (Message Routing BLOCKED)
        "SG309",  # achievement: Multi-Tier Persistence "operational" (Database PARTIAL)
        "SG309",  # achievement: WebSocket Event System (WebSocket UNTESTED)
        "SG310",  # #1176 "ready for closure" yet "CLOSED 2025-09-17"
    ]


def test_findings_point_at_the_contradicting_lines() -> None:
    found = {(p.code, p.where.path, p.where.line) for p in check(DATA, today=DOCUMENT_DATE)}
    assert ("SG204", "data/priorities.yaml", 2) in found
    assert ("SG304", "data/priorities.yaml", 8) in found
    assert ("SG305", "data/components.yaml", 5) in found
    assert ("SG302", "data/issues.yaml", 15) in found
    assert ("SG310", "data/issues.yaml", 16) in found


def test_levels_split_errors_from_warnings() -> None:
    problems = check(DATA, today=DOCUMENT_DATE)
    assert sorted({p.code for p in problems if p.level == "warning"}) == ["SG204", "SG302"]


def test_read_later_the_document_is_also_stale() -> None:
    later = DOCUMENT_DATE + dt.timedelta(days=31)
    codes = {p.code for p in check(DATA, today=later)}
    assert "SG401" in codes and "SG401" not in {p.code for p in check(DATA, today=DOCUMENT_DATE)}


def test_check_command_fails_on_the_reference_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    args = ("--data", str(DATA), "--output", "STATUS.md", "--today", "2025-09-17")
    assert run_cli("render", *args)[0] == 1  # errors are reported, the document is still written
    code, out, _ = run_cli("check", *args, "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert report["stale"] is False
    assert sorted({p["code"] for p in report["problems"]}) == ["SG204", "SG302", "SG304", "SG305", "SG309", "SG310"]

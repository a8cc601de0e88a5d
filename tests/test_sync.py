"""status-gen sync: the tracker's states and dates written into issues.yaml as in-place edits."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import run_cli

ISSUES = """\
# Issues we track. Comments, order, quoting and layout must survive a sync.
issues:
  - number: 7            # sign-in
    title: Login
    status: in_progress  # waiting for review
    opened: '2025-09-01'
    phases:
      - {name: Build, status: done, completed: "2025-09-04"}

  - {number: 8, title: Billing, status: open, opened: "2025-09-10"}   # flow style
  - number: 9
    title: Search
    status: closed
    opened: 2025-09-02
    closed: "2025-09-06"
  - number: 10
    title: Not in the export
    status: open
"""
EXPECTED = """\
# Issues we track. Comments, order, quoting and layout must survive a sync.
issues:
  - number: 7            # sign-in
    title: Login
    status: closed  # waiting for review
    closed: "2025-09-05"
    opened: '2025-08-30'
    phases:
      - {name: Build, status: done, completed: "2025-09-04"}

  - {number: 8, title: Billing, status: closed, closed: "2025-09-15", opened: "2025-09-10"}   # flow style
  - number: 9
    title: Search
    status: closed
    opened: 2025-09-02
    closed: "2025-09-07"
  - number: 10
    title: Not in the export
    status: open
"""
EXPORT = [
    {"number": 7, "title": "Login", "state": "CLOSED", "createdAt": "2025-08-30T10:00:00Z",
     "closedAt": "2025-09-05T10:00:00Z", "labels": []},
    {"number": 8, "title": "Billing", "state": "CLOSED", "createdAt": "2025-09-10T10:00:00Z",
     "closedAt": "2025-09-15T10:00:00Z", "labels": []},
    {"number": 9, "title": "Search", "state": "CLOSED", "createdAt": "2025-09-02T10:00:00Z",
     "closedAt": "2025-09-07T10:00:00Z", "labels": []},
    {"number": 11, "title": "Only in the tracker", "state": "OPEN", "createdAt": "2025-09-02T10:00:00Z",
     "closedAt": None, "labels": []},
]  # fmt: skip


@pytest.fixture
def synced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "project.yaml").write_text(
        'project: {name: Demo, last_updated: "2025-09-17", headline: H, summary: S}\n', encoding="utf-8"
    )
    (tmp_path / "data" / "issues.yaml").write_text(ISSUES, encoding="utf-8")
    (tmp_path / "issues.json").write_text(json.dumps(EXPORT), encoding="utf-8")
    (tmp_path / ".status-gen.toml").write_text('tracker = "issues.json"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_only_the_changed_scalars_change(synced: Path) -> None:
    code, _, err = run_cli("sync")
    assert code == 0, err
    assert (synced / "data" / "issues.yaml").read_bytes() == EXPECTED.encode("utf-8")
    assert "issue #7: status in_progress -> closed" in err
    assert 'issue #9: closed "2025-09-06" -> "2025-09-07"' in err


def test_after_a_sync_the_tracker_rules_are_quiet_and_a_second_sync_changes_nothing(synced: Path) -> None:
    assert run_cli("sync")[0] == 0
    code, out, err = run_cli("check", "--today", "2025-09-17", "--output", "-")
    assert "SG505" not in out + err and "SG506" not in out + err
    before = (synced / "data" / "issues.yaml").read_bytes()
    code, _, err = run_cli("sync")
    assert code == 0 and "already agrees" in err
    assert (synced / "data" / "issues.yaml").read_bytes() == before


def test_dry_run_writes_nothing_and_exits_1(synced: Path) -> None:
    code, _, err = run_cli("sync", "--dry-run")
    assert code == 1
    assert "issue #8: add closed" in err
    assert (synced / "data" / "issues.yaml").read_text(encoding="utf-8") == ISSUES


def test_a_reopened_issue_is_left_to_the_user_where_a_line_would_go(synced: Path) -> None:
    export = [dict(EXPORT[2], state="OPEN", closedAt=None)]
    (synced / "issues.json").write_text(json.dumps(export), encoding="utf-8")
    code, _, err = run_cli("sync")
    assert code == 0
    text = (synced / "data" / "issues.yaml").read_text(encoding="utf-8")
    assert text == ISSUES.replace("    status: closed\n", "    status: open\n")
    assert "delete its 'closed: 2025-09-06' line" in err


def test_crlf_files_keep_their_line_ends(synced: Path) -> None:
    (synced / "data" / "issues.yaml").write_bytes(ISSUES.replace("\n", "\r\n").encode("utf-8"))
    assert run_cli("sync")[0] == 0
    assert (synced / "data" / "issues.yaml").read_bytes() == EXPECTED.replace("\n", "\r\n").encode("utf-8")


def test_sync_never_writes_through_a_symlink(synced: Path) -> None:
    real = synced / "elsewhere.yaml"
    os.replace(synced / "data" / "issues.yaml", real)
    os.symlink(real, synced / "data" / "issues.yaml")
    code, _, err = run_cli("sync")
    assert code == 2, err
    assert "symlink" in err
    assert real.read_text(encoding="utf-8") == ISSUES


def test_sync_without_a_tracker_setting_says_what_is_missing(synced: Path) -> None:
    (synced / ".status-gen.toml").write_text("", encoding="utf-8")
    code, _, err = run_cli("sync")
    assert code == 2
    assert "needs the 'tracker' setting" in err

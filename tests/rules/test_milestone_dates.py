"""A milestone's dates must run forward: start, then due or completed (review finding 1)."""

from __future__ import annotations

from pathlib import Path

from tests.rules.support import check, make_data


def _problems_on_line(tmp_path: Path, milestone: str, line: int) -> list[str]:
    files = {"milestones.yaml": f"milestones:\n  - id: beta\n    name: Beta\n    status: IN PROGRESS\n{milestone}"}
    problems = check(make_data(tmp_path, files))
    return [p.message for p in problems if p.where.path == "data/milestones.yaml" and p.where.line == line]


def test_due_before_start_is_reported_on_the_due_line_with_both_dates(tmp_path: Path) -> None:
    messages = _problems_on_line(tmp_path, '    start: "2025-10-01"\n    due: "2025-09-20"\n', 6)
    assert len(messages) == 1
    assert "2025-09-20" in messages[0] and "2025-10-01" in messages[0] and "correct" in messages[0]


def test_due_after_start_or_free_text_is_not_reported(tmp_path: Path) -> None:
    assert _problems_on_line(tmp_path / "a", '    start: "2025-09-01"\n    due: "2025-09-20"\n', 6) == []
    assert _problems_on_line(tmp_path / "b", '    start: Q4 2025\n    due: "2025-09-20"\n', 6) == []

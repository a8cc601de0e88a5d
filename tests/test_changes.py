"""changes.compare: the pure comparison of two datasets, case by case (expectations by hand)."""

from __future__ import annotations

from typing import Any

from status_gen import models as m
from status_gen.changes import Fact, compare
from status_gen.dataset import Dataset
from status_gen.vocabulary import DEFAULT_LABELS


def dataset(date: str = "2025-01-08", **records: list[dict[str, Any]]) -> Dataset:
    project = m.Project(name="P", last_updated=date, headline="h", summary="s")
    return Dataset(
        project=project,
        components=[m.Component.model_validate({"note": "n", **c}) for c in records.get("components", [])],
        issues=[m.Issue.model_validate(i) for i in records.get("issues", [])],
        blockers=[m.Blocker.model_validate({"detail": "d", **b}) for b in records.get("blockers", [])],
        categories=[m.TestCategory.model_validate({"note": "n", **c}) for c in records.get("categories", [])],
        milestones=[m.Milestone.model_validate(ms) for ms in records.get("milestones", [])],
    )


def facts(before: Dataset, after: Dataset) -> list[str]:
    return [f.sentence() for f in compare(before, after, DEFAULT_LABELS).facts]


def test_nothing_changed() -> None:
    data = dataset(components=[{"id": "a", "name": "A", "status": "OK"}])
    assert compare(data, data, DEFAULT_LABELS).facts == ()


def test_a_label_change_within_one_level_is_not_a_fact() -> None:
    before = dataset(components=[{"id": "a", "name": "A", "status": "OK"}])
    after = dataset(components=[{"id": "a", "name": "A", "status": "FIXED"}])
    assert facts(before, after) == []


def test_components_added_removed_and_readiness() -> None:
    before = dataset(components=[{"id": "a", "name": "A", "status": "OK"}, {"id": "b", "name": "B", "status": "OK"}])
    after = dataset(components=[{"id": "a", "name": "A", "status": "OK"}, {"id": "c", "name": "C", "status": "DOWN"}])
    assert facts(before, after) == [
        "health: HEALTHY → CRITICAL",
        "readiness: READY → NOT READY",
        "component c 'C': added (fail (DOWN))",
        "component b 'B': removed",
    ]


def test_issues_reopened_removed_and_phases() -> None:
    phases_before = [
        {"name": "One", "status": "done"},
        {"name": "Two", "status": "done"},
        {"name": "Three", "status": "todo"},
    ]
    phases_after = [
        {"name": "One", "status": "done"},
        {"name": "Two", "status": "in_progress"},
        {"name": "Three", "status": "done"},
    ]
    before = dataset(
        issues=[
            {"number": 1, "title": "Reopen me", "status": "closed", "phases": phases_before},
            {"number": 2, "title": "Gone", "status": "open"},
        ]
    )
    after = dataset(issues=[{"number": 1, "title": "Reopen me", "status": "in_progress", "phases": phases_after}])
    assert facts(before, after) == [
        "issue #1 'Reopen me': reopened",
        "issue #2 'Gone': removed",
        "phase #1 'Two': reopened",
        "phase #1 'Three': finished",
    ]


def test_blockers_reopened_resized_and_removed_while_open() -> None:
    before = dataset(
        blockers=[
            {"id": "x", "title": "X", "severity": "P1", "status": "resolved"},
            {"id": "y", "title": "Y", "severity": "P2"},
            {"id": "z", "title": "Z", "severity": "P0"},
            {"id": "w", "title": "W", "severity": "P0", "status": "resolved"},
        ]
    )
    after = dataset(
        blockers=[
            {"id": "x", "title": "X", "severity": "P1"},
            {"id": "y", "title": "Y", "severity": "P0"},
            {"id": "new-resolved", "title": "N", "severity": "P0", "status": "resolved"},
        ]
    )
    assert facts(before, after) == [
        "blocker x 'X': reopened (P1)",
        "blocker y 'Y': P2 → P0",
        "blocker z 'Z': removed while open (P0)",
    ]


def test_test_counts_appear_and_disappear() -> None:
    before = dataset(
        categories=[
            {"id": "u", "name": "U", "status": "OK"},
            {"id": "e", "name": "E", "status": "OK", "tests": {"passed": 0, "total": 0}},
        ]
    )
    after = dataset(
        categories=[
            {"id": "u", "name": "U", "status": "OK", "tests": {"passed": 3, "total": 4}},
            {"id": "e", "name": "E", "status": "OK"},
        ]
    )
    assert facts(before, after) == [
        "tests category u 'U': no counts → 3/4 (75%)",
        "tests category e 'E': 0/0 → no counts",
    ]


def test_duplicate_ids_compare_their_first_record() -> None:
    before = dataset(components=[{"id": "a", "name": "A", "status": "OK"}, {"id": "a", "name": "A2", "status": "DOWN"}])
    after = dataset(components=[{"id": "a", "name": "A", "status": "OK"}])
    assert [f for f in compare(before, after, DEFAULT_LABELS).facts if f.kind == "component"] == []


def test_fact_sentences_quote_names() -> None:
    fact = Fact("issue", "closed", "#3", "it's\nmulti-line")
    assert fact.sentence() == 'issue #3 "it\'s\\nmulti-line": closed'


def test_milestones_reached_added_and_moved() -> None:
    before = dataset(
        milestones=[
            {"id": "v1", "name": "1.0", "status": "IN PROGRESS"},
            {"id": "v2", "name": "2.0", "status": "PARTIAL"},
        ]
    )
    after = dataset(
        milestones=[
            {"id": "v1", "name": "1.0", "status": "DONE", "completed": "2025-01-07"},
            {"id": "v2", "name": "2.0", "status": "BLOCKED"},
            {"id": "v3", "name": "3.0", "status": "IN PROGRESS"},
        ]
    )
    assert facts(before, after) == [
        "milestone v1 '1.0': reached (2025-01-07)",
        "milestone v2 '2.0': warn (PARTIAL) → fail (BLOCKED)",
        "milestone v3 '3.0': added",
    ]

"""The derived facts: rollup, readiness, blocker order, pass rates."""

from __future__ import annotations

import pytest

from status_gen import models as m
from status_gen.derive import format_rate, open_blockers, pass_rate, readiness, rollup
from status_gen.vocabulary import DEFAULT_LABELS


def component(cid: str, status: str, capability: str | None = None) -> m.Component:
    return m.Component(id=cid, name=cid.title(), status=status, note="n", capability=capability)


def blocker(bid: str, severity: str, order: int | None = None, status: str = "open") -> m.Blocker:
    return m.Blocker.model_validate(
        {"id": bid, "title": bid, "detail": "d", "severity": severity, "order": order, "status": status}
    )


def test_rollup_is_the_worst_level() -> None:
    assert rollup([], DEFAULT_LABELS) == "ok"
    assert rollup([component("a", "OK"), component("b", "PARTIAL")], DEFAULT_LABELS) == "warn"
    assert rollup([component("a", "BROKEN"), component("b", "PARTIAL")], DEFAULT_LABELS) == "fail"


@pytest.mark.parametrize(
    ("severities", "statuses", "verdict", "confidence"),
    [
        ([], [], "READY", "HIGH"),
        (["P2"], ["OK"], "READY", "HIGH"),
        (["P1"], ["OK"], "READY WITH RISKS", "MEDIUM"),
        ([], ["OK", "PARTIAL"], "READY WITH RISKS", "MEDIUM"),
        (["P0"], ["OK"], "NOT READY", "MEDIUM"),
        ([], ["OK", "NOT RUNNING"], "NOT READY", "MEDIUM"),
        (["P0"], ["BROKEN"], "NOT READY", "LOW"),
        (["P0", "P0", "P1"], [], "NOT READY", "LOW"),
    ],
)
def test_readiness_follows_blockers_and_component_levels(
    severities: list[str], statuses: list[str], verdict: str, confidence: str
) -> None:
    """The README's readiness table, row by row: a fail-level component is never READY."""
    blockers = [blocker(f"b{i}", s) for i, s in enumerate(severities)]
    components = [component(f"c{i}", s) for i, s in enumerate(statuses)]
    result = readiness(blockers, components, DEFAULT_LABELS)
    assert (result.verdict.name, result.confidence) == (verdict, confidence)


def test_readiness_ignores_resolved_blockers_and_names_its_reasons() -> None:
    blockers = [blocker("a", "P0", status="resolved"), blocker("b", "P1")]
    components = [component("x", "BROKEN"), component("y", "DOWN")]
    assert readiness(blockers, components, DEFAULT_LABELS).reason == "2 components at fail level, 1 open P1 blocker"
    assert readiness(blockers, [], DEFAULT_LABELS).reason == "1 open P1 blocker"


def test_a_not_ready_reason_names_every_cause_worst_first() -> None:
    blockers = [blocker("a", "P0"), blocker("b", "P1"), blocker("c", "P1")]
    components = [component("x", "BROKEN"), component("y", "PARTIAL"), component("z", "OK")]
    assert readiness(blockers, components, DEFAULT_LABELS).reason == (
        "1 open P0 blocker, 1 component at fail level, 2 open P1 blockers, 1 component at warn level"
    )


def test_open_blockers_ordered_and_resolved_dropped() -> None:
    blockers = [blocker("c", "P1"), blocker("b", "P0", 2), blocker("a", "P0", 1), blocker("z", "P0", 0, "resolved")]
    assert [b.id for b in open_blockers(blockers)] == ["a", "b", "c"]


def test_pass_rate_and_format() -> None:
    assert pass_rate(None) is None
    assert pass_rate(m.Tests(passed=0, total=0)) is None
    assert pass_rate(m.Tests(passed=25, total=29)) == pytest.approx(86.2069, rel=1e-4)
    assert format_rate(86.2069) == "86.2%"
    assert format_rate(100.0) == "100%"
    assert format_rate(0.0) == "0%"


def issue(number: int, status: str, closed: str | None = None) -> m.Issue:
    return m.Issue.model_validate({"number": number, "title": f"t{number}", "status": status, "closed": closed})


def test_issue_lists_open_work_first_and_recent_by_close_date() -> None:
    import datetime as dt

    from status_gen.derive import closed_issues, issue_state, open_issues, recent_issues

    issues = [
        issue(3, "closed", "2025-09-01"),
        issue(9, "in_progress"),
        issue(1, "resolved", "2025-09-15"),
        issue(5, "closed", "2025-08-17"),  # exactly 31 days before: outside a 30-day window
        issue(2, "closed"),  # no close date: never recent
        issue(4, "open"),
    ]
    assert [i.number for i in open_issues(issues) + closed_issues(issues)] == [4, 9, 1, 2, 3, 5]
    recent = recent_issues(issues, dt.date(2025, 9, 17), 30)
    assert [i.number for i in recent] == [1, 3]
    assert [i.number for i in recent_issues(issues, dt.date(2025, 9, 17), 31)] == [1, 3, 5]
    assert [issue_state(i) for i in issues[:3]] == ["CLOSED 2025-09-01", "IN PROGRESS", "RESOLVED 2025-09-15"]

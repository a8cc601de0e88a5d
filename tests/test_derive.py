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
    ("severities", "verdict", "confidence"),
    [
        ([], "READY", "HIGH"),
        (["P2"], "READY", "HIGH"),
        (["P1"], "READY WITH RISKS", "MEDIUM"),
        (["P0"], "NOT READY", "MEDIUM"),
        (["P0", "P0", "P1"], "NOT READY", "LOW"),
    ],
)
def test_readiness_from_open_blockers(severities: list[str], verdict: str, confidence: str) -> None:
    result = readiness([blocker(f"b{i}", s) for i, s in enumerate(severities)])
    assert (result.verdict.name, result.confidence) == (verdict, confidence)


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

"""Every summary is computed from the records: rollup, readiness, lists, counts, rates."""

from __future__ import annotations

import pytest

from status_gen import models as m
from status_gen.dataset import Dataset, load_dataset
from status_gen.view import View, format_rate, open_blockers, pass_rate, readiness, rollup
from status_gen.vocabulary import DEFAULT_LABELS
from tests.conftest import EXAMPLE_DATA


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


def test_example_view_derivations() -> None:
    data = load_dataset(EXAMPLE_DATA, DEFAULT_LABELS, "data")
    view = View(data, DEFAULT_LABELS)
    assert view.health.name == "CRITICAL"
    assert [c.id for c in view.ready_components] == ["test-infrastructure", "auth-infrastructure", "ssot-architecture"]
    assert len(view.p0_blockers) == 6
    assert view.readiness.verdict.name == "NOT READY"
    assert view.readiness.reason == "6 open P0 blockers"
    assert len(view.next_steps) == 7
    assert view.next_steps[0].startswith("Start auth service")
    assert view.next_steps[-1] == "Re-run comprehensive test suite to validate fixes"
    assert [i.number for i in view.closed_issues] == [1176, 1294, 1296, 1309, 1312]
    assert view.issue_status(data.issue_by_number[1296]).name == "ALL PHASES COMPLETE"
    assert view.component_note(data.component_by_id["agent-system"]).startswith("0/15 tests pass - ")
    assert view.component_note(data.component_by_id["ssot-architecture"]).startswith("98.7% compliance")


def test_a_single_change_moves_every_view() -> None:
    """Resolving every P0 blocker changes the verdict, the counts and the next steps together."""
    data = load_dataset(EXAMPLE_DATA, DEFAULT_LABELS, "data")
    resolved = [b.model_copy(update={"status": "resolved"}) for b in data.blockers]
    changed = Dataset(**{**{k: getattr(data, k) for k in Dataset.__dataclass_fields__}, "blockers": resolved})
    view = View(changed, DEFAULT_LABELS)
    assert view.p0_blockers == []
    assert view.readiness.verdict.name == "READY"
    assert view.next_steps == ["Re-run comprehensive test suite to validate fixes"]


def test_configured_label_icon_is_shown() -> None:
    from status_gen.vocabulary import Label

    labels = {**DEFAULT_LABELS, "ON HOLD": Label("ON HOLD", "warn", "⏸️")}
    data = load_dataset(EXAMPLE_DATA, DEFAULT_LABELS, "data")
    view = View(data, labels)
    assert view.status("ON HOLD").icon == "⏸️"
    assert view.status("FIXED").icon == "✅"
    assert view.status("NO SUCH LABEL").icon == "❌"

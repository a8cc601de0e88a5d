"""The view gathers the derived facts for the templates."""

from __future__ import annotations

from status_gen.dataset import Dataset, load_dataset
from status_gen.view import View
from status_gen.vocabulary import DEFAULT_LABELS
from tests.conftest import EXAMPLE_DATA


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

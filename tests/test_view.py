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
    assert [c.id for c in view.ready_components] == ["test-infrastructure", "ssot-architecture"]
    assert len(view.p0_blockers) == 6
    assert view.readiness.verdict.name == "NOT READY"
    assert view.readiness.reason == "6 open P0 blockers, 5 components at fail level, 2 components at warn level"
    assert len(view.next_steps) == 7
    assert view.next_steps[0].startswith("Start auth service")
    assert view.next_steps[-1] == "Re-run comprehensive test suite to validate fixes"
    assert [i.number for i in view.listed_issues] == [1176, 1294, 1296, 1309, 1312]
    assert [i.number for i in view.recent_issues] == [1176, 1294]  # closed on last_updated; the rest in January
    assert view.issue_state(data.issue_by_number[1296]) == "CLOSED 2025-01-17"
    assert view.phase_progress(data.issue_by_number[1296]) == "all 3 phases complete"
    assert view.component_note(data.component_by_id["agent-system"]).startswith("0/15 tests pass - ")
    assert view.component_note(data.component_by_id["ssot-architecture"]).startswith("98.7% compliance")


def test_a_single_change_moves_every_view() -> None:
    """Resolving every blocker changes the counts and the next steps together; the verdict
    still follows the components at fail level (issue 9.1: it said READY next to CRITICAL)."""
    data = load_dataset(EXAMPLE_DATA, DEFAULT_LABELS, "data")
    resolved = [b.model_copy(update={"status": "resolved"}) for b in data.blockers]
    changed = Dataset(**{**{k: getattr(data, k) for k in Dataset.__dataclass_fields__}, "blockers": resolved})
    view = View(changed, DEFAULT_LABELS)
    assert view.p0_blockers == []
    assert view.health.name == "CRITICAL"
    assert (view.readiness.verdict.name, view.readiness.reason) == (
        "NOT READY",
        "5 components at fail level, 2 components at warn level",
    )
    assert view.next_steps == ["Re-run comprehensive test suite to validate fixes"]


def test_recently_completed_counts_back_from_last_updated() -> None:
    """The window is recent_days before the document's date, whatever today's date is."""
    data = load_dataset(EXAMPLE_DATA, DEFAULT_LABELS, "data")
    assert [i.number for i in View(data, DEFAULT_LABELS, recent_days=0).recent_issues] == [1176, 1294]
    wide = View(data, DEFAULT_LABELS, recent_days=365).recent_issues
    assert [i.number for i in wide] == [1176, 1294, 1296, 1309, 1312]  # newest first, then by number


def test_configured_label_icon_is_shown() -> None:
    from status_gen.vocabulary import Label

    labels = {**DEFAULT_LABELS, "ON HOLD": Label("ON HOLD", "warn", "⏸️")}
    data = load_dataset(EXAMPLE_DATA, DEFAULT_LABELS, "data")
    view = View(data, labels)
    assert view.status("ON HOLD").icon == "⏸️"
    assert view.status("FIXED").icon == "✅"
    assert view.status("NO SUCH LABEL").icon == "❌"


def test_the_health_line_ends_a_sentence_without_a_summary() -> None:
    """With only a headline metric the line read '... - 98.7% SSOT Architecture Compliance' (no stop)."""
    data = load_dataset(EXAMPLE_DATA, DEFAULT_LABELS, "data")
    project = data.project.model_copy(update={"summary": None})
    changed = Dataset(**{**{k: getattr(data, k) for k in Dataset.__dataclass_fields__}, "project": project})
    assert View(changed, DEFAULT_LABELS).summary == "98.7% SSOT Architecture Compliance."

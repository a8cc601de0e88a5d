"""The label vocabulary: `status-gen labels`, progress words, upper case (issue 9.12)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from status_gen.dataset import load_dataset
from status_gen.derive import ready_components
from status_gen.vocabulary import DEFAULT_LABELS, MEANINGS, label_hint
from tests.conftest import EXAMPLE_DATA, EXAMPLE_TODAY, run_cli


def test_labels_command_lists_label_icon_level_and_origin(project: Path) -> None:
    (project / ".status-gen.toml").write_text(
        '[labels]\n"ON HOLD" = { level = "warn", icon = "⏸️" }\nADDED = { level = "ok" }\n', encoding="utf-8"
    )
    code, out, _ = run_cli("labels")
    assert code == 0
    lines = [re.split(r"\s{2,}", line.strip()) for line in out.splitlines()]
    assert lines[0] == ["LABEL", "ICON", "LEVEL", "ORIGIN"]
    rows = {row[0]: row[1:] for row in lines[1:]}
    assert rows["FIXED"] == ["✅", "ok", "built-in"]
    assert rows["NOT RUNNING"] == ["❌", "fail", "built-in"]
    assert rows["ON HOLD"] == ["⏸️", "warn", "config"]
    assert rows["ADDED"] == ["✅", "ok", "config (built-in: warn, ⚠️)"]
    assert [row[2] for row in lines[1:]] == sorted((row[2] for row in lines[1:]), key=["ok", "warn", "fail"].index)


def test_progress_words_are_not_health() -> None:
    """IMPROVED and ADDED say something changed; they never make a component ready."""
    assert DEFAULT_LABELS["IMPROVED"].level == "warn"
    assert DEFAULT_LABELS["ADDED"].level == "warn"
    data = load_dataset(EXAMPLE_DATA, DEFAULT_LABELS, "data")
    ready = [c.id for c in ready_components(data.components, DEFAULT_LABELS)]
    assert "auth-infrastructure" not in ready  # "code implemented (not deployed)"


def test_example_document_keeps_the_reference_words(project: Path) -> None:
    text = (project / "SYSTEM_STATUS.md").read_text(encoding="utf-8")
    assert "| **Auth Infrastructure** | ⚠️ IMPROVED |" in text
    assert "| **Auth Tests** | ✅ ADDED |" in text  # the example's config: the tests were added and pass
    staging = text.split("**Staging Ready Components:**")[1].split("**Not Yet Ready:**")[0]
    assert "Auth Infrastructure" not in staging


def test_a_lower_case_label_says_labels_are_upper_case(project: Path) -> None:
    path = project / "data" / "components.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: FIXED", "status: fixed", 1), encoding="utf-8")
    code, _, err = run_cli("check", "--today", EXAMPLE_TODAY)
    assert code == 2
    assert "status labels are written in upper case: write 'FIXED', not 'fixed'" in err


def test_an_unknown_label_points_at_the_labels_command(project: Path) -> None:
    path = project / "data" / "components.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: FIXED", "status: SUPERB", 1), encoding="utf-8")
    code, _, err = run_cli("check", "--today", EXAMPLE_TODAY)
    assert code == 2 and "unknown status label 'SUPERB'" in err and "'status-gen labels' lists them" in err


def test_an_unknown_label_names_the_labels_table_of_either_settings_file(project: Path) -> None:
    # 'status-gen init' writes .status-gen.toml, whose table is [labels], not [tool.status-gen.labels].
    path = project / "data" / "components.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: FIXED", "status: SUPERB", 1), encoding="utf-8")
    _, _, err = run_cli("check", "--today", EXAMPLE_TODAY)
    assert "[labels] in .status-gen.toml or [tool.status-gen.labels] in pyproject.toml" in err


@pytest.mark.parametrize(("written", "wrong"), [("FAILED", "FIXED"), ("OPEN", "BROKEN"), ("FAILURE", "FIXED")])
def test_did_you_mean_never_offers_a_label_of_the_opposite_meaning(project: Path, written: str, wrong: str) -> None:
    path = project / "data" / "components.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("status: FIXED", f"status: {written}", 1), encoding="utf-8")
    code, _, err = run_cli("check", "--today", EXAMPLE_TODAY)
    assert code == 2 and f"unknown status label '{written}'" in err
    assert f"'{wrong}'" not in err, err


def test_a_status_word_with_a_known_meaning_gets_a_label_of_that_level() -> None:
    assert label_hint("FAILED", DEFAULT_LABELS) == "; did you mean 'FAILING'?"
    assert label_hint("PASSED", DEFAULT_LABELS) == "; did you mean 'PASSING'?"
    assert label_hint("OPEN", DEFAULT_LABELS).startswith("; labels that mean warn: PARTIAL, DEGRADED")
    assert label_hint("FAILS", DEFAULT_LABELS) == "; did you mean 'FAILING'?"  # a stem shared with FAILING


def test_a_word_of_unknown_meaning_gets_only_a_near_certain_typo() -> None:
    assert label_hint("FIXD", DEFAULT_LABELS) == "; did you mean 'FIXED'?"
    assert label_hint("NOT RUNING", DEFAULT_LABELS) == "; did you mean 'NOT RUNNING'?"
    assert label_hint("SUPERB", DEFAULT_LABELS) == ""


@pytest.mark.parametrize("word", sorted(MEANINGS))
def test_every_suggestion_for_a_known_status_word_has_its_level(word: str) -> None:
    hint = label_hint(word, DEFAULT_LABELS)
    suggested = re.findall(r"'([^']+)'", hint) or re.findall(r"[A-Z][A-Z ]+", hint.split(":", 1)[-1])
    assert suggested, f"{word}: {hint!r}"
    for label in suggested:
        assert DEFAULT_LABELS[label.strip()].level == MEANINGS[word], f"{word} -> {label} ({hint})"


def test_status_words_with_a_meaning_are_not_labels_themselves() -> None:
    assert not set(MEANINGS) & set(DEFAULT_LABELS)

"""The derived sections: changes since the previous status and the pictures, from real git history."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from status_gen.dataset import load_dataset
from status_gen.history import derive
from status_gen.mermaid import Point, component_map, gantt, health_chart, issue_bars
from status_gen.render import environment
from status_gen.verify import check_tables, normalise
from status_gen.vocabulary import DEFAULT_LABELS
from status_gen.words import ENGLISH_WORDS, ITALIAN, Words
from tests.gitrepo import COMPONENTS_2, commit, git, init, project, write_data
from tests.test_mermaid import parse_with_mermaid


def section(template: str, heading: str, records: list[object], words: Words = ENGLISH_WORDS) -> str:
    env = environment(None)
    fake = SimpleNamespace(heading=heading, hashes="##", records=records)
    return env.get_template(f"sections/{template}").render(section=fake, view=SimpleNamespace(w=words))


def _derive(repo: Path, *, changes: bool = True, statuses: int = 0):  # type: ignore[no-untyped-def]
    data = load_dataset(repo / "data", DEFAULT_LABELS)
    return data, derive(repo, repo / "data", DEFAULT_LABELS, data, changes=changes, statuses=statuses)


# Written by hand: the first status (2025-01-01) against the working tree (2025-01-08).
EXPECTED_SECTION = """\
## Changes since 2025-01-01

- last updated: 2025-01-01 → 2025-01-08
- health: DEGRADED → CRITICAL
- component db 'Database': warn (PARTIAL) → fail (BROKEN)
- issue #1 'Slow queries': closed
- issue #2 'Backups untested': opened
- phase #1 'Fix': finished (2025-01-07)
- blocker replicas 'Replicas lag': resolved (P0)
- blocker backups 'No restore drill': opened (P1)
- tests component api 'API': 8/10 (80%) → 10/10 (100%)
- tests category unit 'Unit tests': 5/10 (50%) → 9/10 (90%)

"""


def test_changes_section(history: dict[str, str]) -> None:
    _, derived = _derive(Path.cwd())
    assert derived.notes == ()
    assert section("changes.md.j2", "Changes since {since}", [derived.changes]) == EXPECTED_SECTION


def test_changes_section_in_the_it_preset_uses_the_word_table(history: dict[str, str]) -> None:
    """The facts were English in an Italian document; kinds, events and verdicts are translated,
    names, labels, dates and counts stay as written."""
    _, derived = _derive(Path.cwd())
    text = section("changes.md.j2", "Modifiche dal {since}", [derived.changes], Words(ITALIAN))
    lines = text.splitlines()
    assert lines[0] == "## Modifiche dal 2025-01-01"
    assert lines[2:-1] == [
        "- ultimo aggiornamento: 2025-01-01 → 2025-01-08",
        "- salute: DEGRADATO → CRITICO",
        "- componente db 'Database': warn (PARTIAL) → fail (BROKEN)",
        "- segnalazione #1 'Slow queries': chiuso",
        "- segnalazione #2 'Backups untested': aperto",
        "- fase #1 'Fix': completata (2025-01-07)",
        "- blocco replicas 'Replicas lag': risolto (P0)",
        "- blocco backups 'No restore drill': aperto (P1)",
        "- test componente api 'API': 8/10 (80%) → 10/10 (100%)",
        "- test categoria unit 'Unit tests': 5/10 (50%) → 9/10 (90%)",
    ]


def test_same_bytes_before_and_after_committing_the_edit(history: dict[str, str]) -> None:
    repo = Path.cwd()
    write_data(repo, components=COMPONENTS_2.replace("status: FIXED", "status: DEGRADED"))
    before = section("changes.md.j2", "Changes since {since}", [_derive(repo)[1].changes])
    commit(repo, "api degraded")
    after = section("changes.md.j2", "Changes since {since}", [_derive(repo)[1].changes])
    assert before == after
    assert "- component api 'API': ok (FIXED) → warn (DEGRADED)\n" in after


def test_no_change_since_the_previous_status(history: dict[str, str]) -> None:
    repo = Path.cwd()
    git(repo, "checkout", "-q", "--detach", history["first"])  # the first status has no earlier one
    _, derived = _derive(repo)
    assert derived.changes is None
    assert derived.notes == ("no earlier status in the git history: no changes section",)
    assert section("changes.md.j2", "Changes", []) == ""


def test_without_git_the_sections_are_absent_with_a_note(tmp_path: Path) -> None:
    write_data(tmp_path, project=project("2025-01-01"))
    _, derived = _derive(tmp_path, statuses=5)
    assert (derived.changes, derived.health) == (None, ())
    assert derived.notes == ("not a git repository (or git is missing): no changes section, no health chart",)


def test_shallow_clone_without_the_history_is_an_error(history: dict[str, str], tmp_path: Path) -> None:
    from status_gen.errors import StatusGenError

    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{Path.cwd()}", str(clone))
    with pytest.raises(StatusGenError, match="this clone is shallow"):
        _derive(clone)


def test_health_over_the_last_statuses(history: dict[str, str]) -> None:
    repo = Path.cwd()
    write_data(repo, project=project("2025-01-15"), components=COMPONENTS_2.replace("BROKEN", "FIXED"))
    _, derived = _derive(repo, changes=False, statuses=5)
    # Three statuses exist: 2025-01-01 (PARTIAL), 2025-01-08 (BROKEN), the working tree (all fixed).
    assert derived.health == (
        Point(dt.date(2025, 1, 1), "warn"),
        Point(dt.date(2025, 1, 8), "fail"),
        Point(dt.date(2025, 1, 15), "ok"),
    )
    _, two = _derive(repo, changes=False, statuses=2)
    assert two.health == derived.health[1:]


def test_a_document_with_every_picture_is_clean(history: dict[str, str], tmp_path: Path) -> None:
    """pymarkdown, the table check and Mermaid's parser all accept the sections together."""
    data, derived = _derive(Path.cwd(), statuses=3)
    diagrams = [
        component_map(data.components, DEFAULT_LABELS),
        gantt(issue_bars(data.issues, data.project.last_updated), "Issues"),
        health_chart(derived.health, "Health"),
    ]
    parts = ["# Demo", "", "| a | b |", "|---|---|", "| 1 | 2 |", ""]
    text = "\n".join(parts) + "\n" + section("changes.md.j2", "Changes since {since}", [derived.changes])
    for heading, diagram in zip(("Components", "Timeline", "Health"), diagrams, strict=True):
        text += section("mermaid.md.j2", heading, [diagram])
    text = normalise(text)
    assert text.count("```mermaid\n") == 3
    check_tables(text, "doc.md")
    document = tmp_path / "doc.md"
    document.write_text(text, encoding="utf-8")
    pymarkdown = str(Path(sys.executable).parent / "pymarkdown")
    done = subprocess.run(
        [pymarkdown, "--disable-rules", "md013", "scan", str(document)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert [r["ok"] for r in parse_with_mermaid(diagrams)] == [True, True, True]


def test_table_check_is_not_confused_by_mermaid_fences() -> None:
    from status_gen.errors import StatusGenError

    fence = '```mermaid\nflowchart LR\n  a["x | y | z"]\n|---|---|\n```\n'
    good = f"# T\n\n{fence}\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    check_tables(good, "doc.md")  # pipes inside the fence are not a table
    bad = good.replace("| 1 | 2 |", "| 1 | 2 | 3 |")
    with pytest.raises(StatusGenError, match="rendered table row has 3 cells"):
        check_tables(bad, "doc.md")  # and a fence does not hide a broken table after it


def test_data_outside_the_repository_is_a_note(tmp_path: Path) -> None:
    repo = init(tmp_path / "repo")
    (tmp_path / "elsewhere").mkdir()
    write_data(tmp_path / "elsewhere", project=project("2025-01-01"))
    data = load_dataset(tmp_path / "elsewhere" / "data", DEFAULT_LABELS)
    derived = derive(repo, tmp_path / "elsewhere" / "data", DEFAULT_LABELS, data, changes=True)
    assert derived.notes == ("the data folder is outside the git repository: no changes section, no health chart",)

"""Ragged table rows: import evens them (GitHub hides a long row's surplus) and notes each edit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from status_gen.importer import plan_import
from status_gen.importer.rows import even_rows
from status_gen.verify import cell_count, check_tables
from tests.conftest import run_cli

TABLE = "| Service | State |\n|---|---|\n{row}\n"


@pytest.mark.parametrize(
    ("row", "evened"),
    [
        ("| api | ✅ up |", "| api | ✅ up |"),
        ("| api |", "| api | |"),
        ("api", "api | |"),
        ("| api | up | hidden |", "| api | up \\| hidden |"),
        ("| api | up | a | b |", "| api | up \\| a \\| b |"),
        ("api | up | hidden", "api | up \\| hidden |"),
        ("| a \\| b | up | c |", "| a \\| b | up \\| c |"),
    ],
)
def test_rows_take_their_header_cell_count_and_keep_every_word(row: str, evened: str) -> None:
    text, notes = even_rows(TABLE.format(row=row))
    assert text.split("\n")[2] == evened
    assert cell_count(evened) == 2
    check_tables(text, "S.md")  # what the renderer's own check accepts
    assert (notes == {}) == (row == evened)


def test_a_note_names_the_line_and_the_counts() -> None:
    text = "# T\n\n" + TABLE.format(row="| api | up | hidden |") + "\n| one |\n"
    planned = plan_import(text, "S.md", dt.date(2026, 1, 1))
    every = "".join(planned.files.values())
    assert "# S.md:5: The table row had 3 cells under a header of 2; the surplus" in every
    assert "S.md:7" not in every  # not a table row: a paragraph after the table


def test_a_document_with_a_ragged_table_imports_and_renders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    rows = "| api | up | hidden |\n| db |\n"
    table = f"| Service | State |\n|---|---|\n{rows}"
    (tmp_path / "S.md").write_text(f"# T\n\nLast Updated: 2026-01-01\n\n{table}", "utf-8")
    code, _, err = run_cli("import", "S.md", "--data", "data")
    assert code == 0, err
    code, _, err = run_cli("render", "--data", "data", "--output", "OUT.md", "--today", "2026-01-01")
    assert code == 0, err
    out = (tmp_path / "OUT.md").read_text(encoding="utf-8")
    assert "| api | up \\| hidden |" in out and "| db | |" in out
    written = (tmp_path / "data" / "sections.yaml").read_text("utf-8")
    notes = [line for line in written.split("\n") if "header of" in line]
    assert len(notes) == 2
    assert yaml.safe_load((tmp_path / "data" / "sections.yaml").read_text("utf-8"))

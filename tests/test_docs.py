"""The README's reference tables are generated from the code (``status-gen docs``) and kept fresh.

The first test is the guard the issue asked for: a new rule, option, field, label or setting makes
it fail until ``status-gen docs`` has regenerated the README. The others check that the tables
say what the code declares, and that the command behaves like the tool's other writers.
"""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from status_gen import datafiles
from status_gen import models as m
from status_gen.cli import docs_tables
from status_gen.config import SETTINGS
from status_gen.docs import data_files_table, family, labels_table, regenerate, rules_table, settings_table
from status_gen.inject import markers
from status_gen.rules.registry import FAMILIES, LINT_RULES, RULES
from status_gen.verify import check_tables
from status_gen.vocabulary import DEFAULT_LABELS
from tests.conftest import ROOT, run_cli

README = ROOT / "README.md"


def _region(text: str, name: str) -> str:
    begin, end = markers(name)
    return text.split(begin + "\n", 1)[1].split(end, 1)[0]


def test_the_readme_tables_are_fresh() -> None:
    text = README.read_bytes()
    updated, found = regenerate(text, "README.md", docs_tables())
    assert sorted(found) == sorted(docs_tables()), "the README holds every generated table"
    assert updated == text, "README.md has stale tables: run 'status-gen docs'"


def test_generated_tables_are_well_formed_markdown() -> None:
    for name, table in docs_tables().items():
        check_tables(table(), name)  # raises on a row with the wrong number of cells
        assert table().endswith("|\n") and "\n\n\n" not in table()


def _rows(table: str) -> list[list[str]]:
    return [re.split(r"(?<!\\)\|", line)[1:-1] for line in table.splitlines() if line.startswith("| ")]


def test_rules_table_lists_every_rule_with_its_options() -> None:
    families, rules = rules_table().split("\n\n")
    assert [cells[0].strip() for cells in _rows(families)[1:]] == [family(f)[0] for f in FAMILIES]
    rows = {cells[0].strip(): cells for cells in _rows(rules)[1:]}
    assert list(rows) == [r.code for r in RULES]
    for rule in RULES:
        cells = [c.strip() for c in rows[rule.code]]
        assert cells[1:3] == [f"`{rule.slug}`", rule.level]
        for option in rule.options:
            assert f"`{option.name} = {option.default!r}`" in cells[3]


def test_settings_table_lists_every_setting_and_rule_option() -> None:
    names = [cells[0].strip() for cells in _rows(settings_table())[1:]]
    expected = [f"`{s.name}`" for s in SETTINGS]
    expected += [f"`rules.{r.code}.{o.name}`" for r in (*RULES, *LINT_RULES) for o in r.options]
    assert names == expected


def test_labels_table_lists_every_default_label_once() -> None:
    table = labels_table()
    for label in DEFAULT_LABELS.values():
        row = next(cells for cells in _rows(table) if f"`{label.name}`" in cells[2].strip().split(", "))
        assert [row[0].strip(), row[1].strip()] == [f"`{label.level}`", label.icon]
    assert sum(len(cells[2].split(",")) for cells in _rows(table)[1:]) == len(DEFAULT_LABELS)


def _records(model: type[m.Record]) -> set[type[m.Record]]:
    """Every record model reachable from a file model, through its fields."""
    found = {model}
    for info in model.model_fields.values():
        for kind in re.findall(r"models\.(\w+)", repr(info.annotation)):
            nested = getattr(m, kind)
            if nested not in found:
                found |= _records(nested)
    return found


def test_data_files_table_shows_every_file_and_every_field() -> None:
    table = data_files_table()
    rows = {cells[0].strip(): cells[-1] for cells in _rows(table)}
    for kind, model in datafiles.FILE_MODELS.items():
        assert f"`{kind}.yaml`" in rows
        for record in _records(model) - {model}:
            assert record.__name__ in rows, record
            for field, info in record.model_fields.items():
                shown = rows[record.__name__]
                assert f"`{field}` " in shown, (record.__name__, field)
                optional = shown.split("optional: ", 1)[1] if "optional: " in shown else ""
                assert (f"`{field}` " in optional) != info.is_required(), (record.__name__, field)


def test_a_new_rule_and_option_reach_the_tables_without_hand_edits(monkeypatch: pytest.MonkeyPatch) -> None:
    from status_gen.options import Option
    from status_gen.rules import registry
    from status_gen.rules.base import rule

    @rule("SG399", "brand-new-rule", level="warning", options=(Option("limit", int, 3, "how many"),))
    def brand_new(ctx: object) -> None:
        """A new rule's summary."""

    monkeypatch.setattr(registry, "RULES", (*registry.RULES, brand_new))
    assert "| SG399 | `brand-new-rule` | warning | `limit = 3` | A new rule's summary. |" in rules_table()
    assert "| `rules.SG399.limit` | a whole number | `3` | how many |" in settings_table()


# The command


def _readme(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "README.md"
    path.write_bytes(text.encode("utf-8"))
    return path


def test_docs_writes_only_the_regions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    begin, end = markers("labels")
    before = "# Mine\r\n\r\nKept \xe9 as is.\r\n"
    path = _readme(tmp_path, f"{before}{begin}\nold table\n{end}\ntail without newline")
    code, out, err = run_cli("docs", "--check")
    assert code == 1 and "-old table" in out
    assert "README.md has stale tables: run 'status-gen docs' to regenerate them" in err
    assert run_cli("docs")[0] == 0
    assert path.read_bytes() == f"{before}{begin}\n{labels_table()}{end}\ntail without newline".encode()
    code, _, err = run_cli("docs")
    assert code == 0 and "README.md is up to date" in err
    assert run_cli("docs", "--check")[0] == 0


def test_docs_names_another_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    begin, end = markers("rules")
    (tmp_path / "doc").mkdir()
    (tmp_path / "doc" / "RULES.md").write_text(f"{begin}\n{end}\n", encoding="utf-8")
    code, _, err = run_cli("docs", "doc/RULES.md", "--check")
    assert code == 1 and "run 'status-gen docs doc/RULES.md'" in err


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("# No markers\n", "README.md: error: no table markers: put '<!-- status-gen:begin rules -->' and"),
        (
            "<!-- status-gen:begin rules -->\ntext\n",
            "README.md:1:1: error: '<!-- status-gen:begin rules -->' has no matching '<!-- status-gen:end rules -->'",
        ),
    ],
)
def test_docs_refuses_a_file_without_usable_markers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    path = _readme(tmp_path, text)
    code, _, err = run_cli("docs")
    assert code == 2 and err.startswith(message), err
    assert path.read_text(encoding="utf-8") == text


def test_docs_on_a_missing_file_names_the_fix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli("docs", "--check")
    assert code == 2 and err.startswith("README.md: error: file does not exist: "), err
    assert "'status-gen docs FILE'" in err and "'<!-- status-gen:begin rules -->'" in err, err
    assert not (tmp_path / "README.md").exists()


def test_the_readme_lists_exactly_the_options_each_command_takes() -> None:
    # The README once said every command took --templates, --output and --today; diff, badge
    # and sync do not. Each row must match the command's own declaration, flag for flag.
    from status_gen.cli import main_group

    rows = {cells[0].strip(): cells for cells in _rows(_region(README.read_text(encoding="utf-8"), "options"))[1:]}
    assert set(rows) == {f"`status-gen {name}`" for name in main_group.commands}
    for name, command in main_group.commands.items():
        listed = set(re.findall(r"`(-[^`]*?)(?: [^`]*)?`", rows[f"`status-gen {name}`"][2]))
        declared = {
            "/".join(sorted([*p.opts, *p.secondary_opts], key=len))
            for p in command.params
            if isinstance(p, click.Option) and p.name != "help"
        }
        assert listed == declared, name
    assert "--templates" not in rows["`status-gen diff`"][2] and "--today" not in rows["`status-gen badge`"][2]


def test_ci_runs_the_check() -> None:
    assert ".venv/bin/status-gen docs --check" in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()

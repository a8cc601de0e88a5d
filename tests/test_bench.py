"""The benchmark's inputs are valid, and the fast paths it led to keep behaviour. No timings here."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))  # bench/ is a folder of scripts, not a package
from datagen import TODAY, generate


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bench")
    generate(folder / "data", 100)
    (folder / "status-gen.toml").write_text("", encoding="utf-8")
    return folder


def _cli(folder: Path, command: str) -> subprocess.CompletedProcess[str]:
    args = ["--today", TODAY.isoformat(), "--data", "data", "--output", "OUT.md", "--config", "status-gen.toml"]
    return subprocess.run(
        [sys.executable, "-m", "status_gen", command, *args], cwd=folder, capture_output=True, text=True, check=False
    )


def test_generated_data_loads_renders_and_is_consistent(synthetic: Path) -> None:
    rendered = _cli(synthetic, "render")
    assert rendered.returncode == 0, rendered.stderr
    checked = _cli(synthetic, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.endswith(", no problems\n")  # no rule finds anything: the timings measure the normal path
    text = (synthetic / "OUT.md").read_text(encoding="utf-8")
    rows = [line for line in text.split("\n") if line.startswith("| **")]
    assert len(rows) == 6 + 5  # every component and test category has its table row


def test_generated_data_scales_with_the_issue_count(tmp_path: Path) -> None:
    small = generate(tmp_path / "small", 100)
    large = generate(tmp_path / "large", 1000)
    assert large["issues"] == 10 * small["issues"]
    assert large["components"] > small["components"] and large["blockers"] > small["blockers"]
    assert (tmp_path / "large" / "issues.yaml").read_text(encoding="utf-8").count("  - number: ") == 1000


# That --help, rules and explain stay light is tested in tests/test_help.py.


TABLE_CASES = [
    "# T\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n## U\n\n- item\n\n| c |\n|:-:|\n| 3 |\n",
    "- | a |\n  |---|\n  | x |\n## h\n> | a | b |\n> |--|--|\n> |1|2|\n",
    "para\n| a |\n---\n## h | x\n|---|---|\n|1|2|\n",
    "```\n## x\n| a |\n|---|\n```\n| b |\n|-|\n",
    "<div>\n## y\n| a |\n|-|\n</div>\n\n| c |\n|-|\n",
    "* x\n\n  | a |\n  |---|\n  | 1 |\n\n## h\n| q |\n|--|\n    | not |\n    |---|\n",
]


@pytest.mark.parametrize("text", TABLE_CASES)
def test_table_spans_match_a_whole_document_parse(text: str) -> None:
    """verify parses only the sections that can hold a table; it must find what a full parse finds."""
    from markdown_it import MarkdownIt

    from status_gen.verify import table_spans

    whole = MarkdownIt("commonmark").enable("table").parse(text)
    expected = [tuple(t.map) for t in whole if t.type == "table_open" and t.map]
    assert table_spans(text, text.split("\n")) == expected


def test_table_spans_of_a_rendered_synthetic_document(synthetic: Path) -> None:
    from markdown_it import MarkdownIt

    from status_gen.verify import table_spans

    assert _cli(synthetic, "render").returncode == 0
    text = (synthetic / "OUT.md").read_text(encoding="utf-8")
    whole = MarkdownIt("commonmark").enable("table").parse(text)
    expected = [tuple(t.map) for t in whole if t.type == "table_open" and t.map]
    assert len(expected) == 2
    assert table_spans(text, text.split("\n")) == expected


def test_the_import_benchmark_document_renders_back_every_line(tmp_path: Path) -> None:
    """bench/importer.py times imports that work: its document comes back whole."""
    from importer import renders_back
    from lint import document

    assert renders_back(document(30 * 1024), tmp_path) == 1.0


BLOCK_CASES = [
    *TABLE_CASES,
    "# T *x*\n\n> quote\n> > deeper\n\n1. a\n   - b\n\n```\n# no\n```\n\n<details>\n\n## y\n\n</details>\n",
    "Setext\n===\n\n- [x] done\n- [ ] open\n\n[ref]: https://example.com\n\n    indented code\n",
]


@pytest.mark.parametrize("text", BLOCK_CASES)
def test_block_only_parsing_finds_the_blocks_a_full_parse_finds(text: str) -> None:
    """Import and the free-section check parse blocks without inline content (3x faster)."""
    from markdown_it import MarkdownIt

    def blocks(parser: MarkdownIt) -> list[tuple[str, int, list[int] | None, str]]:
        return [(t.type, t.level, t.map, t.content) for t in parser.parse(text)]

    full = MarkdownIt("commonmark", {"maxNesting": 40}).enable("table")
    assert blocks(full.disable("inline")) == blocks(MarkdownIt("commonmark", {"maxNesting": 40}).enable("table"))

"""status_gen.markdown reads plain and one-bold-span text without markdown-it's inline parser: its
tokens must be markdown-it's own, every field of every token."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from status_gen.markdown import parser

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = sorted({*ROOT.glob("*.md"), *(ROOT / "tests").rglob("*.md")} - set((ROOT / "tests" / "hostile").rglob("*")))


def _stock(max_nesting: int | None) -> MarkdownIt:
    return MarkdownIt("commonmark", {} if max_nesting is None else {"maxNesting": max_nesting}).enable("table")


def _dump(tokens: list[Token]) -> list[dict[str, object]]:
    return [token.as_dict() for token in tokens]


# Every character that starts an inline rule, delimiter look-alikes, spaces of several kinds, words.
_WORDS = ["Auth", " service", "✅", "🟢", "2025-01-15", "(P1)", "é", '"', "#", "~", "-", ":", "|", "(", ")"]
_MARKUP = ["**", "*", "_", "__", "`", "&amp;", "&", "\\", "\\*", "!", "[", "]", "<b>", "<", ">"]
_SPACES = ["\n", "  \n", "\t", "\u00a0", "\u3000"]
_PIECES = st.sampled_from([*_WORDS, *_MARKUP, *_SPACES])
_LINE = st.lists(_PIECES, max_size=10).map("".join)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.lists(_LINE, min_size=1, max_size=5), st.booleans())
def test_the_tokens_are_markdown_its_own_for_any_text(lines: list[str], bold: bool) -> None:
    # As a paragraph, a heading, a list item and table cells: every place an inline token comes from.
    lines = [f"**{line}**" if bold else line for line in lines]
    text = "\n".join(lines)
    cells = " | ".join(line.replace("|", "/").replace("\n", " ") or "x" for line in lines)
    doc = f"# {lines[0]}\n\n{text}\n\n- {lines[-1]}\n\n| a | b |\n|---|---|\n| {cells} |\n"
    for nesting in (None, 40):
        assert _dump(parser(nesting).parse(doc)) == _dump(_stock(nesting).parse(doc)), doc


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_tokens_are_markdown_its_own_on_whole_documents(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    assert _dump(parser(40).parse(text)) == _dump(_stock(40).parse(text))

"""Any text in any text field keeps the document's structure and shows exactly that text.

Every text field of the example data (found through the models' ``Text`` type, so new fields are
covered without editing this test) gets arbitrary text; markdown-it-py then parses the rendered
document. The block structure (headings, lists, tables, paragraphs) must be the same as with plain
placeholders, every table must keep its rows and columns, and every table cell must read back as
exactly the text that went in (line breaks shown as spaces) with no markup (links, HTML, emphasis)
that the template did not put there.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token
from pydantic import BaseModel, StringConstraints

from status_gen.config import load_config
from status_gen.dataset import Dataset, load_dataset
from status_gen.escape import code, inline, one_line
from status_gen.render import render_text
from status_gen.view import View
from tests.conftest import ROOT

PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
TEXT_MAX = 2000  # Text = Annotated[str, StringConstraints(min_length=1, max_length=2000)]
# Characters with a meaning somewhere in Markdown, plus every kind of line break and some
# look-alikes, so that short random strings hit the dangerous combinations often.
MARKDOWN = "|\\`*_[]()<>#!&;:-+=.~$^\"'{}/ \t\n\r\x0b\x0c\x85\u2028\u2029\u00a0\u3000"
TEXTS = st.one_of(
    st.text(alphabet=st.sampled_from(MARKDOWN + "ab1"), min_size=1, max_size=30),
    st.text(min_size=1, max_size=30),
    st.sampled_from(
        [
            "a | b",
            "`x|y`",
            "<script>alert(1)</script>",
            "[link](http://x)",
            "![img](x.png)",
            "# heading",
            "1. item",
            "- item",
            "> quote",
            "---",
            "&copy; &#169;",
            "{{ 7*7 }}",
            "{% raw %}",
            "**bold** _it_",
            "\\|",
            "a\nb\r\nc",
            "http://example.com",
            "~~gone~~",
            "<http://x>",
            "x\\",
            "&amp; &#x41; &nbsp",
            "<a@b.c> <!-- c -->",
            "www.example.com",
            "__init__ *a* _b_ ***",
            "1) one",
            "+ plus",
            "=== ",
            "[a]: http://x",
            "[^1]",
            ":emoji: $x$",
        ]
    ),
)
PROFILE = settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@cache
def example() -> tuple[Dataset, Any]:
    config = load_config(None, ROOT)
    return load_dataset(config.data, config.labels, "data"), config


def _is_text(annotation: Any) -> bool:
    """True for the models' ``Text`` alias, seen through Optional and list."""
    if typing.get_origin(annotation) is typing.Annotated:
        return any(isinstance(m, StringConstraints) and m.max_length == TEXT_MAX for m in annotation.__metadata__)
    return any(_is_text(arg) for arg in typing.get_args(annotation))


def _fill(value: Any, next_text: Callable[[], str]) -> Any:
    """A copy of a model tree with every Text field (and every item of a list of Text) replaced."""
    if isinstance(value, list):
        return [_fill(item, next_text) for item in value]
    if not isinstance(value, BaseModel):
        return value
    update: dict[str, Any] = {}
    for name, info in type(value).model_fields.items():
        current = getattr(value, name)
        is_text = any(isinstance(m, StringConstraints) and m.max_length == TEXT_MAX for m in info.metadata)
        if (is_text or _is_text(info.annotation)) and current is not None:
            update[name] = [next_text() for _ in current] if isinstance(current, list) else next_text()
        else:
            update[name] = _fill(current, next_text)
    return value.model_copy(update=update)


def render_with(texts: list[str]) -> tuple[str, list[str]]:
    """The document with the texts assigned to the text fields in turn; also which text each field got."""
    data, config = example()
    used: list[str] = []

    def next_text() -> str:
        used.append(texts[len(used) % len(texts)])
        return used[-1]

    changes = {
        f.name: _fill(getattr(data, f.name), next_text)
        for f in dataclasses.fields(data)
        if f.name not in ("documents",) and f.init
    }
    filled = dataclasses.replace(data, **changes)
    text = render_text(View(filled, config.labels), templates=config.templates, banner="<!-- banner -->")
    return text, used


def blocks(tokens: list[Token]) -> list[tuple[str, int]]:
    return [(t.type, t.level) for t in tokens if t.type != "inline"]


def tables(tokens: list[Token]) -> Iterator[list[list[Token]]]:
    """Each table as rows of cells, each cell being its inline token."""
    rows: list[list[Token]] = []
    row: list[Token] = []
    inside = False
    for token in tokens:
        if token.type == "table_open":
            inside, rows = True, []
        elif token.type == "table_close":
            inside = False
            yield rows
        elif inside and token.type == "tr_open":
            row = []
        elif inside and token.type == "tr_close":
            rows.append(row)
        elif inside and token.type == "inline":
            row.append(token)


def cell_text(cell: Token) -> tuple[str, list[str]]:
    """The text a reader sees in a cell, and the kinds of markup around it."""
    shown, markup = [], []
    for child in cell.children or []:
        if child.type in ("text", "code_inline"):
            shown.append(child.content)
        else:
            markup.append(child.type)
    return "".join(shown), markup


def squash(text: str) -> str:
    return " ".join(text.split())


def placeholders(count: int) -> list[str]:
    return [f"Zq{i}qZ" for i in range(count)]


@cache
def baseline() -> tuple[list[tuple[str, int]], list[list[list[tuple[str, list[str]]]]], int]:
    """Structure and cells of the document with placeholder texts, and how many text fields there are."""
    _, used = render_with(["counting"])
    text, _ = render_with(placeholders(len(used)))
    tokens = PARSER.parse(text)
    cells = [[[cell_text(c) for c in row] for row in table] for table in tables(tokens)]
    return blocks(tokens), cells, len(used)


def test_every_kind_of_text_field_is_filled() -> None:
    _, cells, fields = baseline()
    assert fields >= 40  # names, notes, titles, summaries, list items of every record kind
    assert len(cells) >= 2 and all(len(table) >= 2 for table in cells)
    marks = {
        mark for table in cells for row in table for text, _ in row for mark in placeholders(fields) if mark in text
    }
    assert len(marks) >= 4  # component and test-category names and notes reach table cells


@PROFILE
@given(st.lists(TEXTS, min_size=1, max_size=6))
def test_arbitrary_text_keeps_structure_and_round_trips(texts: list[str]) -> None:
    # The models strip surrounding whitespace and refuse empty text; mirror that.
    texts = [t.strip() for t in texts if t.strip() and one_line(t)]
    if not texts:
        texts = ["x"]
    structure, expected_cells, fields = baseline()
    document, used = render_with(texts)
    tokens = PARSER.parse(document)
    assert blocks(tokens) == structure
    marks = placeholders(fields)
    for expected_table, table in zip(expected_cells, tables(tokens), strict=True):
        assert [len(row) for row in table] == [len(row) for row in expected_table]
        for expected_row, row in zip(expected_table, table, strict=True):
            for (template_text, template_markup), cell in zip(expected_row, row, strict=True):
                wanted = template_text
                for mark, value in zip(marks, used, strict=True):
                    wanted = wanted.replace(mark, one_line(value))
                shown, markup = cell_text(cell)
                # Whitespace runs are compared as one space: a view may join two fields before
                # escaping, so a control character at a field's edge becomes one space or two.
                assert (squash(shown), markup) == (squash(wanted), template_markup)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(TEXTS)
def test_inline_and_code_round_trip_in_a_paragraph(text: str) -> None:
    expected = one_line(text)
    # Models refuse empty text, so an empty code span (which shows its padding) never occurs.
    for rendered in (inline(text), code(text)) if expected else (inline(text),):
        tokens = PARSER.parse(f"start {rendered} end\n")
        assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
        shown, markup = cell_text(tokens[1])
        assert markup == []
        assert shown == f"start {expected} end"


# Values that open a block at a line's start, and look-alikes that open none ('#49', '+5%').
STARTS = st.one_of(
    TEXTS,
    st.text(alphabet=st.sampled_from("#+-=>* \t1.)x5"), min_size=1, max_size=12),
    st.sampled_from(["#49", "# 49", "######", "####### x", "+5%", "+ x", "-3 dB", "- x", "---", "- - -", "===", "=5"]),
)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(STARTS)
def test_inline_text_opens_no_block_where_a_line_or_item_starts(text: str) -> None:
    expected = one_line(text)
    rendered = inline(text)
    if not expected:
        return
    # As a paragraph, a list item and a table cell: each must stay one block of its own kind.
    for doc, shape in (
        (f"{rendered}\n", ["paragraph_open", "inline", "paragraph_close"]),
        (f"- {rendered}\n", ["bullet_list_open", "list_item_open", "paragraph_open", "inline"]),
        (f"| h |\n|---|\n| {rendered} |\n", ["table_open", "thead_open", "tr_open", "th_open", "inline"]),
    ):
        tokens = PARSER.parse(doc)
        assert [t.type for t in tokens][: len(shape)] == shape, (text, doc)
        inline_tokens = [t for t in tokens if t.type == "inline"]
        assert cell_text(inline_tokens[-1]) == (expected, []), (text, doc)


def test_look_alikes_of_block_starts_stay_as_written() -> None:
    # What opens nothing is not escaped, so imported tables of such cells draw back line for line.
    assert [inline(v) for v in ("#49", "+5%", "-3 dB", "=5", "####### x")] == ["#49", "+5%", "-3 dB", "=5", "####### x"]
    assert [inline(v) for v in ("# 49", "+ x", "- x", "---", "===", ">x")] == [
        "\\# 49",
        "\\+ x",
        "\\- x",
        "\\---",
        "\\===",
        "\\>x",
    ]

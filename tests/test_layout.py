"""layout.py: formats with placeholders, checked at load and filled with escaped values."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from status_gen.layout import check, fill, names, table_row

KNOWN = ("name", "status", "icon", "note")


@pytest.mark.parametrize(
    ("fmt", "values", "expected"),
    [
        ("**{name}**", {"name": "Auth Service"}, "**Auth Service**"),
        ("{icon} {status}", {"icon": "🟢", "status": "Healthy"}, "🟢 Healthy"),
        ("{icon} {status}", {"icon": "✅", "status": ""}, "✅"),
        ("**{note}**", {}, ""),
        ("{name} ({note})", {"name": "a", "note": None}, "a ()"),
        ("{{{name}}}", {"name": "x"}, "{x}"),
        ("{name:code}", {"name": "app/main.py"}, "`app/main.py`"),
        ("{name:code}", {"name": "a`b"}, "``a`b``"),
        ("{name}", {"name": "a | b <b>x</b> *y*"}, r"a \| b \<b\>x\</b\> \*y\*"),
        ("{name}", {"name": "line\nbreak"}, "line break"),
        ("{name}", {"name": 85}, "85"),
        (r"{name} \| {note}", {"name": "a", "note": "b"}, r"a \| b"),
    ],
)
def test_fill_escapes_values_and_keeps_the_format(fmt: str, values: dict[str, object], expected: str) -> None:
    assert check(fmt, KNOWN) is None
    assert fill(fmt, values) == expected


@pytest.mark.parametrize(
    ("fmt", "message"),
    [
        ("", "empty"),
        ("{name}\n", "one line"),
        ("{name} | {note}", r"write '\|'"),
        (r"{name} \\| x", r"write '\|'"),
        ("{nmae}", "unknown placeholder {nmae}; did you mean {name}? (known: {name}, {status}, {icon}, {note})"),
        ("{Name!r}", "unknown placeholder {Name!r}"),
        ("{name", "a lone '{'"),
        ("name}", "a lone '}'"),
        ("{name:upper}", "only one is ':code'"),
        ("x" * 501, "longer than 500"),
    ],
)
def test_check_names_the_problem(fmt: str, message: str) -> None:
    problem = check(fmt, KNOWN)
    assert problem is not None
    assert message in problem


def test_a_bar_is_allowed_outside_a_cell() -> None:
    assert check("{name} | {note}", KNOWN, cell=False) is None


def test_names_in_order() -> None:
    assert names("{icon} **{status}** {{x}} {note:code}") == ["icon", "status", "note"]


def test_a_row_of_hostile_values_keeps_its_cells() -> None:
    hostile = ["a|b", "::error::x", "<script>", "`|`", "\\", "line\r\nrow | x |"]
    cells = [fill("{name}", {"name": value}) for value in hostile]
    text = "| " + " | ".join(f"h{i}" for i in range(len(cells))) + " |\n|" + "---|" * len(cells) + "\n"
    text += table_row(cells) + "\n"
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    body = [t for t in tokens if t.type == "inline"][len(cells) :]
    assert len(text.strip().split("\n")) == 3
    assert len(body) == len(cells)
    assert [t.children[0].content if t.children else "" for t in body][:4] == ["a|b", "::error::x", "<script>", "`|`"]


def test_an_empty_cell_is_a_single_space() -> None:
    assert table_row(["a", "", "b"]) == "| a | | b |"

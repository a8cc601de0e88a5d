"""Indentation mistakes are named as such, with the key, the column difference and the fix (issue 9.14)."""

from __future__ import annotations

from pathlib import Path

import pytest

from status_gen.errors import StatusGenError
from status_gen.indentation import key_at
from status_gen.loader import parse
from tests.conftest import EXAMPLE_TODAY, run_cli


def error_of(text: str) -> str:
    with pytest.raises(StatusGenError) as caught:
        parse(text, "f.yaml")
    return str(caught.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "issues:\n  - number: 1\n    title: x\n   status: open\n",
            "f.yaml:4:4: YAML syntax error: 'status' is indented 1 column less than the other keys of this mapping "
            "('title' on line 3); line it up with them",
        ),
        (
            "components:\n  - id: api\n      name: API\n",
            "f.yaml:3:7: YAML syntax error: 'name' is indented 2 columns more than the other keys of this mapping "
            "('id' on line 2); line it up with them",
        ),
        (
            "project:\n  name: x\n  last_updated: '2025-09-17'\n\n  # a comment\n headline: y\n",
            "f.yaml:6:2: YAML syntax error: 'headline' is indented 1 column less than the other keys of this mapping "
            "('last_updated' on line 3); line it up with them",
        ),
        (
            "issues:\n  - number: 7\n    phases:\n      - name: Build\n        status: done\n      completed: x\n",
            "f.yaml:6:7: YAML syntax error: 'completed' is indented 2 columns less than the other keys of this "
            "mapping ('status' on line 5); line it up with them",
        ),
    ],
)
def test_a_misaligned_key_is_named_with_its_column_difference(text: str, expected: str) -> None:
    assert error_of(text) == expected


def test_a_dedented_duplicate_key_suggests_indenting_it() -> None:
    text = "issues:\n  - number: 7\n    status: open\n    phases:\n      - name: Build\n    status: done\n"
    assert error_of(text) == (
        "f.yaml:6:5: duplicate key 'status' (first at line 3); 'status' is indented 4 columns less than the keys "
        "of the mapping just above ('name' on line 5); if it belongs there, indent it 4 columns more; otherwise "
        "keep one of them"
    )


def test_a_plain_duplicate_key_keeps_the_plain_advice() -> None:
    assert error_of("project:\n  name: a\n  name: b\n") == (
        "f.yaml:3:3: duplicate key 'name' (first at line 2); keep one of them"
    )


def test_other_syntax_errors_keep_the_parser_message() -> None:
    assert "YAML syntax error: found unexpected end of stream" in error_of('project:\n  name: "a\n')


def test_a_dedented_unknown_key_is_not_given_a_misleading_did_you_mean(project: Path) -> None:
    path = project / "data" / "blockers.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\nfinal_steps:", "\nnext_step: Ship it\nfinal_steps:", 1), encoding="utf-8")
    code, _, err = run_cli("check", "--today", EXAMPLE_TODAY)
    assert code == 2
    assert "unknown key 'next_step' here; 'next_step' is indented 4 columns less than the keys of the mapping" in err
    assert "if it belongs there, indent it 4 columns more" in err
    assert "did you mean 'final_steps'" not in err


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("  name: API", ("name", 3)),
        ("  - id: api", ("id", 5)),
        ("  - - deep: 1", ("deep", 7)),
        ("    'quoted key': 1", ("quoted key", 5)),
        ("  - plain item", None),
        ("  # comment: no", None),
        ("  url: http://x", ("url", 3)),
    ],
)
def test_key_at(line: str, expected: tuple[str, int] | None) -> None:
    assert key_at(line) == expected

"""The loader keeps file:line:column for every node and reads scalars the YAML 1.2 way."""

from __future__ import annotations

import pytest

from status_gen.errors import Location, StatusGenError
from status_gen.loader import MAX_KEYS, MAX_RECORD_VALUES, Map, Seq, decode, find_ignores, parse

NESTED = """\
issues:
  - number: 1
    title: First
    phases:
      - name: One
        status: done
      - {name: Two, status: todo}
"""


def test_positions_of_nested_keys_values_and_list_items() -> None:
    root = parse(NESTED, "data/issues.yaml")
    assert isinstance(root, Map)
    assert root.where("issues") == Location("data/issues.yaml", 2, 3)
    issues = root["issues"]
    assert isinstance(issues, Seq)
    assert issues.where(0) == Location("data/issues.yaml", 2, 5)
    issue = issues[0]
    assert issue.where("title") == Location("data/issues.yaml", 3, 12)
    assert issue.where("title", of_key=True) == Location("data/issues.yaml", 3, 5)
    phases = issue["phases"]
    assert phases.where(1) == Location("data/issues.yaml", 7, 9)
    assert phases[0].where("status") == Location("data/issues.yaml", 6, 17)
    # flow mapping inside a block list: key and value positions are exact too
    assert phases[1].where("status") == Location("data/issues.yaml", 7, 29)
    assert phases[1].where("name", of_key=True) == Location("data/issues.yaml", 7, 10)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no", "no"),
        ("off", "off"),
        ("yes", "yes"),
        ("2025-09-17", "2025-09-17"),
        ("010", "010"),
        ("1:30", "1:30"),
        ("1.10", 1.1),
        ("12", 12),
        ("-3", -3),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("'1.10'", "1.10"),
        ('"true"', "true"),
        (".inf", ".inf"),
        ("0x1F", "0x1F"),
    ],
)
def test_yaml_12_scalar_resolution(text: str, expected: object) -> None:
    value = parse(f"v: {text}\n", "f.yaml")["v"]
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize(
    ("text", "line", "column", "fragment"),
    [
        ("a: 1\nb: 2\na: 3\n", 3, 1, "duplicate key 'a' (first at line 1)"),
        ("a: &x 1\nb: *x\n", 1, 4, "anchor '&x'"),
        ("a: !!python/object:os.system x\n", 1, 4, "tag"),
        ("a: !include other.yaml\n", 1, 4, "tag"),
        ("a: 1\n---\nb: 2\n", 2, 1, "second YAML document"),
        ("title: Fix #1296\n", 1, 12, "'#1296' starts a YAML comment"),
        ("issue: #12\n", 1, 8, "'#12' starts a YAML comment"),
        ("a: [1, 2\nb: 3\n", 2, 2, "YAML syntax error"),
        ("a: 'unterminated\n", 2, 1, "YAML syntax error"),
        ("\n\n   \n", 1, 1, "file is empty"),
        ("? [a]\n: 1\n", 1, 3, "mapping key must be plain text"),
    ],
)
def test_refusals_carry_positions(text: str, line: int, column: int, fragment: str) -> None:
    with pytest.raises(StatusGenError) as caught:
        parse(text, "data/x.yaml")
    error = caught.value
    assert error.where == Location("data/x.yaml", line, column), str(error)
    assert fragment in error.message


def test_depth_cap() -> None:
    deep = "a: " + "[" * 100 + "]" * 100 + "\n"
    with pytest.raises(StatusGenError, match="nesting is deeper than 64"):
        parse(deep, "d.yaml")


def test_decode_bom_nul_and_bad_utf8() -> None:
    assert decode("\ufeffa: 1\n".encode(), "f.yaml") == "a: 1\n"
    with pytest.raises(StatusGenError) as nul:
        decode(b"a: 1\nb: \x00\n", "f.yaml")
    assert nul.value.where == Location("f.yaml", 2, 4)
    with pytest.raises(StatusGenError) as bad:
        decode(b"a: 1\nb: caf\xe9\n", "f.yaml")
    assert bad.value.where == Location("f.yaml", 2, 7)
    assert "not valid UTF-8" in bad.value.message


def test_ignore_comments() -> None:
    text = "a: 1  # status-gen: ignore[SG201, sg302]\nb: 2 # plain comment\n"
    assert find_ignores(text) == {1: frozenset({"SG201", "SG302"})}


# --- bounds on one mapping and one record (pydantic reports every error of a value at once) ---


def test_a_mapping_over_the_key_limit_is_refused_at_its_first_key_over() -> None:
    keys = "".join(f"  k{i}: 1\n" for i in range(MAX_KEYS + 5))
    with pytest.raises(StatusGenError) as caught:
        parse("project:\n  name: X\n" + keys, "data/project.yaml")
    assert caught.value.where == Location("data/project.yaml", MAX_KEYS + 2, 3)
    assert f"a mapping with {MAX_KEYS + 6:,} keys; the limit is {MAX_KEYS:,}" in caught.value.message


def test_a_record_over_the_value_limit_is_refused_at_the_list_that_holds_them() -> None:
    # A nested list was handed to pydantic whole: 420,000 bad items in 4 MB took 13.5 s and 747 MB.
    items = "      - 1\n" * (MAX_RECORD_VALUES + 1)
    text = "milestones:\n  - id: m\n    name: M\n    status: OK\n    items:\n" + items
    with pytest.raises(StatusGenError) as caught:
        parse(text, "data/milestones.yaml")
    assert caught.value.where == Location("data/milestones.yaml", 6, 7)
    assert f"this list holds {MAX_RECORD_VALUES + 1:,} values; the limit for one record" in caught.value.message


def test_a_long_list_at_the_top_of_a_file_and_a_full_record_still_load() -> None:
    top = "components:\n" + "  - {id: c, name: C, status: OK}\n" * (MAX_RECORD_VALUES + 10)
    assert len(parse(top, "data/components.yaml")["components"]) == MAX_RECORD_VALUES + 10
    items = "      - {text: step, done: true}\n" * (MAX_RECORD_VALUES // 3 - 10)
    record = "milestones:\n  - id: m\n    name: M\n    status: OK\n    items:\n" + items
    assert len(parse(record, "data/milestones.yaml")["milestones"][0]["items"]) == MAX_RECORD_VALUES // 3 - 10

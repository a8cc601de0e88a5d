"""Import's YAML writer: whatever it writes reads back as the same data, comments where they were."""

from __future__ import annotations

import os

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from status_gen.importer import yamltext

EXAMPLES = int(os.environ.get("STATUS_GEN_PROPERTY_EXAMPLES", "150"))
# The writer's output is not read back at run time: these examples are its proof (about 3 s).
WRITER_EXAMPLES = int(os.environ.get("STATUS_GEN_PROPERTY_EXAMPLES", "400"))

# Text of every kind import meets: words, emoji, Markdown, YAML look-alikes, breaks and controls.
_TEXT = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["yes", "No", "null", "~", "1.0", "0x1F", "2025-09-10", "12:30", "a: b", "a #b", "- x", "|", ""]),
    st.lists(
        st.sampled_from(["✅ ok", "🟢 up", "| a | b |", "  indented", "", "# h", "- [x] t", "x\t"]), max_size=5
    ).map("\n".join),
    st.text(alphabet="ab \n\t#:-|>'\"\\\r\x85\u2028\ufeff🟢", max_size=30),
)
_VALUE = st.recursive(
    st.one_of(_TEXT, st.integers(-5, 10**6), st.booleans(), st.none()),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.text(min_size=1, max_size=12), inner, max_size=3),
    ),
    max_leaves=12,
)
_RECORD = st.dictionaries(st.text(min_size=1, max_size=12), _VALUE, min_size=1, max_size=4)


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.lists(_RECORD, min_size=1, max_size=4), st.lists(st.lists(_TEXT, max_size=2), min_size=4, max_size=4))
def test_a_list_file_reads_back_as_its_records(records: list[dict[str, object]], notes: list[list[str]]) -> None:
    text = yamltext.dump_list("items", records, notes[: len(records)])
    assert yaml.safe_load(text) == {"items": records}


@settings(max_examples=WRITER_EXAMPLES, deadline=None)
@given(_RECORD)
def test_the_small_writer_alone_is_right_whenever_it_writes(record: dict[str, object]) -> None:
    """The fallback to PyYAML must never be what keeps the data: the writer is right on its own."""
    try:
        text = yamltext._write([record])
    except yamltext._Fallback:
        return
    assert yaml.safe_load(text) == [record], text


def test_ordinary_records_are_written_plain_and_markdown_as_a_block() -> None:
    records: list[dict[str, object]] = [
        {"id": "api", "name": "Auth Service", "status": {"label": "OK", "text": "up", "icon": "🟢"}, "done": True},
        {"id": "notes", "body": "## Notes\n\n- one\n- two", "count": 3, "fields": {"Port": "8080"}},
    ]
    text = yamltext.dump_list("components", records, [["Kept ✅ on line 3; line 9 says ❌."], []])
    assert text == (
        "components:\n"
        "# Kept ✅ on line 3; line 9 says ❌.\n"
        "- id: api\n"
        "  name: Auth Service\n"
        "  status:\n"
        "    label: OK\n"
        "    text: up\n"
        "    icon: 🟢\n"
        "  done: true\n"
        "- id: notes\n"
        "  body: |-\n"
        "    ## Notes\n"
        "\n"
        "    - one\n"
        "    - two\n"
        "  count: 3\n"
        "  fields:\n"
        '    Port: "8080"\n'
    )
    assert yaml.safe_load(text)["components"] == records


def test_a_key_that_is_not_text_goes_to_pyyaml_and_still_reads_back() -> None:
    records: list[dict[str, object]] = [{"id": "a", "fields": {1: "one"}}]
    text = yamltext.dump_list("items", records, [["a note"]])
    assert yaml.safe_load(text) == {"items": records}
    assert text.startswith("items:\n# a note\n- id: a\n")  # the note stays above its record


def test_a_float_goes_to_pyyaml_and_still_reads_back() -> None:
    # JSON's spellings 1e+20 and NaN are text to YAML 1.1: the small writer does not guess.
    records: list[dict[str, object]] = [{"id": "a", "big": 1e20, "odd": float("inf")}, {"id": "b", "n": 0.5}]
    text = yamltext.dump_list("items", records, [["kept OK; line 3 says BROKEN"], []])
    assert yaml.safe_load(text) == {"items": records}
    assert "# kept OK; line 3 says BROKEN\n- id: a\n" in text
    mapping = yamltext.dump_mapping("project", {"name": "T", "ratio": 1e-7}, ["a note"])
    assert mapping.startswith("# a note\n") and yaml.safe_load(mapping) == {"project": {"name": "T", "ratio": 1e-7}}


# Every character YAML's reader treats specially: controls, NEL, the Unicode line and paragraph
# separators, the byte-order mark and non-characters, tab, CR and LF, indicators and quotes.
_SPECIAL = [chr(c) for c in range(0x20)] + [chr(c) for c in range(0x7F, 0xA1)]
_SPECIAL += ["\u2028", "\u2029", "\ufeff", "\ufffe", "\uffff", " ", "#", ":", "-", "|", ">", "'", '"', "\\", "%"]
_SPECIAL += ["@", "`", "!", "&", "*", "?", ",", "[", "]", "{", "}", "~", "=", "<", "+", ".", "0", "🟢"]


@pytest.mark.parametrize("char", _SPECIAL, ids=[f"U+{ord(c):04X}" for c in _SPECIAL])
def test_the_small_writer_keeps_every_special_character_in_every_place(char: str) -> None:
    # Import reads this back nowhere at run time: the writer must be right by construction.
    texts = [char, char * 3, f"{char}a", f"a{char}", f"a{char}b", f"a {char} b", f"{char}\nx", f"x\n{char}"]
    texts += [f"x\n{char}\n", f"## h\n\n- {char}\n", f"  {char}", f"{char}  ", f"a\n\n{char}\n\n"]
    for text in texts:
        for value in ({"k": text}, {text: "v"}, {"k": [text, {"n": text}]}):
            written = yamltext._write([value])
            assert yaml.safe_load(written) == [value], written

"""YAML text for imported data: readable blocks for Markdown, and comments above the records they explain.

Import writes plain data (mappings, lists, text, numbers, booleans), so a small writer does it:
PyYAML's pure-Python emitter took 40% of an import's time (one object per event, an analysis per
scalar), and libyaml's writes emoji as ``\\U0001F7E2``. Text is written plain when YAML reads it
back as the same text, else double-quoted (JSON's escapes are YAML's), and multi-line Markdown as a
``|`` block. PyYAML writes only what the small writer does not take (a key that is not text, a float).

The writer is right by construction, and tests/importer/test_yamltext.py proves it on its own:
every text hypothesis draws, and every character YAML treats specially in every position, reads
back as itself. (Reading each file back at run time cost about 5% of an import.)
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

import yaml

_STR = "tag:yaml.org,2002:str"
_RESOLVER = yaml.resolver.Resolver()
# Plain text: starts with no indicator, digit, dot or space, holds no ':' or '#' (which
# could end a key or start a comment), and nothing YAML would not print as is.
_PLAIN = re.compile(
    r"[^\s\-?:,\[\]{}#&*!|>'\"%@`0-9.+~=<\\\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]"
    r"[^:#\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]*"
)
# What a double-quoted or block scalar must not hold raw (YAML's reader refuses or folds them).
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
# What double quotes escape: the quote and backslash, and what YAML's reader refuses or folds.
_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]')
_SHORT_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


class _Dumper(yaml.SafeDumper):
    """PyYAML's writer, kept as the fallback: multi-line text as a '|' block."""


def _block_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar(_STR, value, style="|" if _blockable(value) else None)


_Dumper.add_representer(str, _block_text)


class _Fallback(Exception):
    """Data the small writer leaves to PyYAML (a key that is not text, a float)."""


def dump_mapping(key: str, value: dict[str, object], comments: list[str]) -> str:
    """``key: value`` as YAML, below the comment lines."""
    head = "".join(_comment(c) for c in comments)
    data = {key: value}
    try:
        return head + _write(data)
    except _Fallback:
        return head + _pyyaml(data)


def dump_list(key: str, records: list[dict[str, object]], comments: list[list[str]]) -> str:
    """``key:`` and its records as YAML, ``comments[i]`` (lines) above record ``i``."""
    if not records:
        return _pyyaml({key: []})
    try:
        return _list(key, records, comments, _write)
    except _Fallback:
        return _list(key, records, comments, _pyyaml)


def _list(key: str, records: list[dict[str, object]], comments: list[list[str]], write: Callable[[object], str]) -> str:
    parts = [f"{key}:\n"]
    for record, above in zip(records, comments, strict=True):
        parts += [_comment(c) for c in above]
        parts.append(write([record]))
    return "".join(parts)


def _pyyaml(data: object) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10_000)


def _write(value: object, indent: str = "") -> str:
    """``value`` (a mapping or a list) as block YAML lines, each starting with ``indent``."""
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise _Fallback
            lines.append(_entry(f"{indent}{_inline(key)}:", item, indent + "  ", indent))
    else:
        assert isinstance(value, list)
        for item in value:
            if isinstance(item, dict) and item:
                nested = _write(item, indent + "  ")
                lines.append(f"{indent}- {nested[len(indent) + 2 :]}")
                continue
            lines.append(_entry(f"{indent}-", item, indent + "  ", indent + "  "))
    return "".join(lines)


def _entry(lead: str, item: object, inner: str, list_indent: str) -> str:
    """One key's or list item's value after ``lead`` (``key:`` or ``-``)."""
    if isinstance(item, dict) and item:
        return f"{lead}\n{_write(item, inner)}"
    if isinstance(item, list) and item:
        # PyYAML's style: a list under a key is not indented further than the key.
        return f"{lead}\n{_write(item, list_indent if lead.endswith(':') else inner)}"
    return f"{lead} {_scalar(item, inner)}\n"


def _scalar(value: object, indent: str) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dict | list):  # only empty ones reach here
        return "{}" if isinstance(value, dict) else "[]"
    if not isinstance(value, str):
        raise _Fallback  # a float (import writes none): 1e+20 and NaN are text to YAML 1.1
    return _block(value, indent) if "\n" in value and _blockable(value) else _inline(value)


@functools.lru_cache(maxsize=2048)
def _inline(value: str) -> str:
    """Text on one line: plain when YAML reads it back as the same text, else double-quoted.

    Cached: labels, icons, levels and keys repeat in every record.
    """
    if _PLAIN.fullmatch(value) and value == value.rstrip() and _plain_is_text(value):
        return value
    return f'"{_ESCAPE.sub(_escaped, value)}"'


def _escaped(match: re.Match[str]) -> str:
    """One character as a double-quoted scalar writes it (JSON's escapes, which YAML shares)."""
    char = match.group()
    return _SHORT_ESCAPES.get(char) or f"\\u{ord(char):04x}"


def _plain_is_text(value: str) -> bool:
    """Whether YAML reads ``value`` written plain as text (not a boolean, null, number or date)."""
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    return tag == _STR


def _blockable(value: str) -> bool:
    """Multi-line text that a '|' block keeps exactly (no trailing spaces, nothing unprintable)."""
    lines = value.split("\n")
    first = next((line for line in lines if line), "")
    # A first line that starts with a space needs an indentation indicator: quoted text is simpler.
    plain_lines = all(line == line.rstrip() for line in lines) and not first.startswith(" ")
    return len(lines) > 1 and value.strip() != "" and plain_lines and not _UNSAFE.search(value)


def _block(value: str, indent: str) -> str:
    body = value.rstrip("\n")
    trailing = len(value) - len(body)
    chomp = "-" if trailing == 0 else "" if trailing == 1 else "+"
    lines = [f"{indent}{line}" if line else "" for line in body.split("\n")]
    lines += [""] * (trailing - 1 if trailing > 1 else 0)
    return f"|{chomp}\n" + "\n".join(lines)


def _comment(note: object) -> str:
    # A note quotes the document: one line, so it cannot end the comment and become YAML.
    text = " ".join(str(note).split())
    return "# " + _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"

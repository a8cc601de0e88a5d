"""YAML text for imported data: readable blocks for Markdown, and comments above the records they explain."""

from __future__ import annotations

import yaml


class _Dumper(yaml.SafeDumper):
    """Multi-line text as a '|' block, so a free section's body reads as the Markdown it is."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    block = "\n" in value and not any(line != line.rstrip() for line in value.split("\n"))
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if block else None)


_Dumper.add_representer(str, _text)


def dump(data: object) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10_000)


def dump_mapping(key: str, value: dict[str, object], comments: list[str]) -> str:
    """``key: value`` as YAML, below the comment lines."""
    return "".join(_comment(c) for c in comments) + dump({key: value})


def dump_list(key: str, records: list[dict[str, object]], comments: list[list[str]]) -> str:
    """``key:`` and its records as YAML, ``comments[i]`` (lines) above record ``i``."""
    if not records:
        return dump({key: []})
    text = f"{key}:\n"
    for record, above in zip(records, comments, strict=True):
        text += "".join(_comment(c) for c in above) + dump([record])
    return text


def _comment(note: object) -> str:
    # A note quotes the document: one line, so it cannot end the comment and become YAML.
    return "# " + " ".join(str(note).split()) + "\n"

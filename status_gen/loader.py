"""Read YAML into plain values that remember where each of them came from.

One pass over libyaml's parse events builds dicts, lists and scalars directly, instead of letting
PyYAML compose node objects and then construct Python values from them (about 6x slower on large
files). The same pass enforces everything status data never needs and an attacker or a typo could
use: duplicate keys, anchors and aliases, explicit tags, several documents, deep nesting.

Scalars resolve the YAML 1.2 way: only ``true``/``false`` are booleans, only plain decimal numbers
are numbers, nothing becomes a date, and ``null``/``~``/empty are null. Everything else is text.
"""

from __future__ import annotations

import itertools
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Location, StatusGenError
from .indentation import dedented, key_at, misaligned
from .textfile import decode

MAX_FILE_BYTES = 32 * 1024 * 1024
MAX_DEPTH = 64
# The keys of one mapping, and the values of one record (everything below a list at the top of a
# file such as 'issues:', which may be as long as the file allows and is validated in chunks).
# pydantic reports every error of a value at once: a 4 MB file of one record with 420,000 bad
# items, or of 260,000 unknown keys, took 12-14 s and 400-750 MB before the per-file cap cut the
# report to 100 lines. Records have a few dozen keys and at most hundreds of values.
MAX_KEYS = 1000
MAX_RECORD_VALUES = 10_000

Position = tuple[int, int]  # 1-based line, column

# yaml.cyaml does not export CParser, so getattr(yaml, "CParser") silently fell back to the pure-Python
# parser (about 10x slower). Only the loaders are exported; parse() uses just their parser half.
_Parser: Any = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?\Z")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
# An unquoted "#1296" after a value starts a comment and silently cuts the value short.
_GLUED_COMMENT = re.compile(r"[ \t]+#[^\s#]")
_PLAIN_TOKEN = re.compile(r"[^\s,\[\]{}#]+")
_IGNORE = re.compile(r"#\s*status-gen:\s*ignore\[([A-Za-z0-9_,\s-]+)\]")
# A double-quoted "\ud800" escape yields half of a UTF-16 pair, which no UTF-8 text can hold.
_SURROGATE = re.compile("[\ud800-\udfff]")
# What YAML calls non-printable (YAML 1.1 section 5.1), for locating a reader error.
# Compiled only on that error path: the astral range makes compiling it cost 3 ms of every run.
_NOT_PRINTABLE = "[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
# Python refuses int() on more than 4,300 digits (CVE-2020-10735); status data never has such numbers.
_MAX_DIGITS = 100
# First characters after which a plain scalar may be null, a boolean or a number (or is empty).
_PLAIN_SPECIAL = frozenset("0123456789+-.~nNtTfF")
_TOO_DEEP = f"nesting is deeper than {MAX_DEPTH} levels; status data is never this deep"


class Map(dict[str, Any]):
    """A YAML mapping: a dict that knows its file and the position of every key and value."""

    __slots__ = ("column", "key_at", "line", "path", "value_at", "weight")

    def __init__(self, path: str, line: int, column: int) -> None:
        super().__init__()
        self.path = path
        self.line = line
        self.column = column
        self.key_at: dict[str, Position] = {}
        self.value_at: dict[str, Position] = {}
        self.weight = 0  # values below it, all levels: the loader's bound and dataset's chunks

    def where(self, key: str | None = None, *, of_key: bool = False) -> Location:
        """The value's position (or the key's), falling back to the mapping itself."""
        pos = (self.key_at if of_key else self.value_at).get(key) if key is not None else None
        return Location(self.path, *(pos or (self.line, self.column)))


class Seq(list[Any]):
    """A YAML sequence: a list that knows its file and the position of every item."""

    __slots__ = ("column", "item_at", "line", "path", "weight")

    def __init__(self, path: str, line: int, column: int) -> None:
        super().__init__()
        self.path = path
        self.line = line
        self.column = column
        self.item_at: list[Position] = []
        self.weight = 0  # values below it, all levels

    def where(self, index: int | None = None) -> Location:
        if index is not None and 0 <= index < len(self.item_at):
            return Location(self.path, *self.item_at[index])
        return Location(self.path, self.line, self.column)


@dataclass(slots=True)
class Document:
    """One loaded file: its root value, its text (for hints) and its ignore comments."""

    path: str
    root: Any
    text: str
    ignores: dict[int, frozenset[str]] = field(default_factory=dict)
    # Split once, on the first error that needs it: splitting a 4 MB text per error (up to 100 of
    # them) cost 7.6 s.
    _lines: list[str] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def lines(self) -> list[str]:
        """The text's lines, for hints."""
        if self._lines is None:
            self._lines = self.text.splitlines()
        return self._lines

    def token_at(self, line: int, column: int) -> str:
        """The source text of the plain scalar starting at line:column (for error hints)."""
        lines = self.lines
        if not 0 < line <= len(lines):
            return ""
        token = _PLAIN_TOKEN.match(lines[line - 1], column - 1)
        return token.group(0) if token else ""


def read_text(path: Path, display: str) -> str:
    """Read a data file as UTF-8 text, refusing what cannot be status data."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise StatusGenError("is a folder, not a YAML file", Location(display))
        if not stat.S_ISREG(info.st_mode):
            # Reading a FIFO or a device such as /dev/zero would block or never end.
            raise StatusGenError("is not a regular file (a pipe, socket or device)", Location(display))
        size = info.st_size
        if size > MAX_FILE_BYTES:
            raise StatusGenError(
                f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} (split the data into smaller files)",
                Location(display),
            )
        data = path.read_bytes()
    except OSError as exc:
        raise StatusGenError(f"cannot read file: {exc.strerror or exc}", Location(display)) from None
    return decode(data, display)


def load_file(path: Path, display: str) -> Document:
    text = read_text(path, display)
    return Document(display, parse(text, display), text, find_ignores(text))


def find_ignores(text: str) -> dict[int, frozenset[str]]:
    """Lines carrying ``# status-gen: ignore[SG203,...]``, mapped to the codes they silence."""
    if "status-gen:" not in text:
        return {}
    found: dict[int, frozenset[str]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        match = _IGNORE.search(line)
        if match:
            codes = {c.strip().upper() for c in match.group(1).split(",") if c.strip()}
            found[number] = frozenset(codes)
    return found


def parse(text: str, path: str) -> Any:
    """Build plain values from the text's parse events; raise StatusGenError with a position."""
    if not text.strip():
        raise StatusGenError("file is empty; it should hold a YAML mapping", Location(path, 1, 1))
    try:
        # The parser's own get_event() until it returns None: yaml.parse() wraps it in a generator
        # that also calls check_event() per event, a fifth of libyaml's time on large files.
        return _build(iter(_Parser(text).get_event, None), text, path)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        where = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        if "nesting depth" in problem:
            # libyaml's scanner reads ahead past our own depth check and stops at its own limit.
            raise StatusGenError(_TOO_DEEP, where) from None
        slip = misaligned(text, where.line) if where.line else None
        if slip:  # the line holds a key (misaligned found it), so key_at does too
            key = key_at(text.splitlines()[where.line - 1])
            at = Location(path, where.line, key[1] if key else where.column)
            raise StatusGenError(f"YAML syntax error: {slip}", at) from None
        raise StatusGenError(f"YAML syntax error: {problem}", where) from None
    except yaml.reader.ReaderError:
        # Control characters. The error has no mark, and libyaml's offset counts UTF-8 bytes while
        # the pure-Python reader's counts characters, so the character is found again here.
        bad = re.search(_NOT_PRINTABLE, text)
        offset = bad.start() if bad else 0
        line = text.count("\n", 0, offset) + 1
        column = offset - text.rfind("\n", 0, offset)
        raise StatusGenError(
            f"contains the non-printable character U+{ord(text[offset]):04X}, which YAML does not allow; delete it "
            '(or write it as an escape such as "\\t" inside double quotes)',
            Location(path, line, column),
        ) from None
    except yaml.YAMLError as exc:
        raise StatusGenError(f"YAML error: {exc}", Location(path)) from None
    except RecursionError:
        raise StatusGenError(f"nesting is deeper than {MAX_DEPTH} levels", Location(path)) from None


def _build(events: Iterator[Any], text: str, path: str) -> Any:
    """The hot loop (600k events for 10,000 issues): common cases are inlined, rare ones call out."""
    stack: list[Any] = []  # open Map/Seq containers
    keys: list[str | None] = []  # per open Map: the key awaiting its value
    root: Any = None
    documents = 0
    scalar_event, seq_type, plain_special = yaml.ScalarEvent, Seq, _PLAIN_SPECIAL
    for event in events:
        kind = type(event)
        if kind is scalar_event:
            mark = event.start_mark
            pos = (mark.line + 1, mark.column + 1)
            if event.anchor is not None or event.tag is not None:  # rare: skip the call per scalar
                _refuse_anchor_and_tag(event, path, pos)
            raw = event.value
            plain = not event.style
            if plain:
                # Most plain scalars are words: only a few first characters can make them anything else.
                value = raw if raw and raw[0] not in plain_special else _resolve_plain(raw, path, pos)
            else:
                value = raw
                if event.style == '"' and _SURROGATE.search(value):
                    raise StatusGenError(
                        "a \\uD800-\\uDFFF escape is half of a UTF-16 pair, not a character; "
                        "write the character itself or a \\U0001XXXX escape",
                        Location(path, *pos),
                    )
            if not stack:
                root = value
                continue
            top = stack[-1]
            if type(top) is seq_type:
                if plain:
                    _check_glued_comment(event, text, path)
                top.append(value)
                top.item_at.append(pos)
            elif keys[-1] is None:
                if raw in top.key_at:
                    _duplicate_key(top, raw, path, pos, text)
                top.key_at[raw] = pos
                keys[-1] = raw
            else:
                if plain:
                    _check_glued_comment(event, text, path)
                key = keys[-1]
                top[key] = value
                top.value_at[key] = pos
                keys[-1] = None
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            done = stack.pop()
            keys.pop()
            done.weight += len(done)
            if stack:
                stack[-1].weight += done.weight
            if done.weight > MAX_KEYS:  # rare: one comparison per list or mapping
                _check_size(done, len(stack), path)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            mark = event.start_mark
            pos = (mark.line + 1, mark.column + 1)
            _refuse_anchor_and_tag(event, path, pos)
            if len(stack) >= MAX_DEPTH:
                raise StatusGenError(_TOO_DEEP, Location(path, *pos))
            node: Any = Map(path, *pos) if kind is yaml.MappingStartEvent else Seq(path, *pos)
            if stack:
                _add(stack, keys, node, pos, path)
            else:
                root = node
            stack.append(node)
            keys.append(None)
        elif kind is yaml.AliasEvent:
            mark = event.start_mark
            raise StatusGenError(
                f"alias '*{event.anchor}' is not supported; write the value out in full",
                Location(path, mark.line + 1, mark.column + 1),
            )
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                mark = event.start_mark
                raise StatusGenError(
                    "a second YAML document ('---') is not supported; use one document per file",
                    Location(path, mark.line + 1, mark.column + 1),
                )
    return root


def _check_size(node: Any, depth: int, path: str) -> None:
    """Refuse a mapping of over MAX_KEYS keys, or a record of over MAX_RECORD_VALUES values.

    ``depth`` counts the containers around ``node``: the file's root and the lists at its top
    (``issues:``) are not records; they are bounded by the file size and validated in chunks.
    """
    if type(node) is Map and len(node) > MAX_KEYS:
        first_over = next(itertools.islice(node.key_at.values(), MAX_KEYS, None))
        raise StatusGenError(
            f"a mapping with {len(node):,} keys; the limit is {MAX_KEYS:,} (a record has a few dozen: "
            "check the indentation, or make these entries a list)",
            Location(path, *first_over),
        )
    if depth == 0 or (depth == 1 and type(node) is Seq) or node.weight <= MAX_RECORD_VALUES:
        return
    noun = "list" if type(node) is Seq else "mapping"
    raise StatusGenError(
        f"this {noun} holds {node.weight:,} values; the limit for one record is {MAX_RECORD_VALUES:,} "
        "(long lists belong at the top of a file, like 'issues:'; check the indentation)",
        Location(path, node.line, node.column),
    )


def _duplicate_key(top: Map, raw: str, path: str, pos: Position, text: str) -> None:
    first = top.key_at[raw][0]
    slip = dedented(text.splitlines(), pos[0])
    advice = f"{slip}; otherwise keep one of them" if slip else "keep one of them"
    raise StatusGenError(f"duplicate key '{raw}' (first at line {first}); {advice}", Location(path, *pos))


def _add(stack: list[Any], keys: list[str | None], node: Any, pos: Position, path: str) -> None:
    """Put a new list or mapping into its parent (scalars are added inline in _build)."""
    top = stack[-1]
    if type(top) is Seq:
        top.append(node)
        top.item_at.append(pos)
        return
    key = keys[-1]
    if key is None:
        raise StatusGenError("a mapping key must be plain text, not a list or mapping", Location(path, *pos))
    top[key] = node
    top.value_at[key] = pos
    keys[-1] = None


def _refuse_anchor_and_tag(event: Any, path: str, pos: Position) -> None:
    if event.anchor is not None:
        raise StatusGenError(
            f"anchor '&{event.anchor}' is not supported; status data needs no anchors or aliases",
            Location(path, *pos),
        )
    if event.tag is not None and event.tag != "!":
        raise StatusGenError(
            f"tag '{event.tag}' is not supported; remove it (values are plain text, numbers, true/false)",
            Location(path, *pos),
        )


def _resolve_plain(text: str, path: str, pos: Position) -> Any:
    if text in _NULLS:
        return None
    first = text[0]
    if first in "tTfF":
        return _BOOLS.get(text, text)
    if first in "0123456789+-.":
        if _INT.match(text):
            if len(text) > _MAX_DIGITS:
                raise StatusGenError(
                    f"number has {len(text):,} digits; put it in quotes if it is text", Location(path, *pos)
                )
            return int(text)
        if _FLOAT.match(text):
            return float(text)
    return text


def _check_glued_comment(event: Any, text: str, path: str) -> None:
    end = event.end_mark.index
    if text[end : end + 1] not in (" ", "\t"):  # the pattern starts with a blank; most values end a line
        return
    newline = text.find("\n", end)
    rest = text[end : newline if newline >= 0 else len(text)]
    if rest and _GLUED_COMMENT.match(rest):
        shown = event.value or "nothing"
        cut = rest.strip().split()[0]
        raise StatusGenError(
            f"'{cut}' starts a YAML comment here, so this value loads as '{shown}'; put the whole value in quotes",
            Location(path, event.end_mark.line + 1, event.end_mark.column + 1 + len(rest) - len(rest.lstrip())),
        )

"""Coverage: Cobertura XML, coverage.py JSON and lcov ``.info``, for the project or a path prefix.

The format is chosen by the file name: ``.xml`` Cobertura, ``.json`` coverage.py JSON, ``.info``
or ``.lcov`` lcov. One pass over the file fills every prefix asked for; nothing else is kept.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import Location, StatusGenError
from .files import Refused, chunks, epoch_milliseconds, parse_timestamp, read_bytes
from .jsonsafe import load_json
from .safexml import integer, stream

MAX_COVERAGE_BYTES = 256 * 1024 * 1024
MAX_JSON_BYTES = 64 * 1024 * 1024  # JSON is read whole: a lower limit
FORMATS = {".xml": "cobertura", ".json": "coverage.py JSON", ".info": "lcov", ".lcov": "lcov"}


class Coverage(NamedTuple):
    lines_covered: int = 0
    lines_total: int = 0
    branches_covered: int | None = None
    branches_total: int | None = None

    @property
    def line_rate(self) -> float | None:
        return 100.0 * self.lines_covered / self.lines_total if self.lines_total else None

    @property
    def branch_rate(self) -> float | None:
        if not self.branches_total or self.branches_covered is None:
            return None
        return 100.0 * self.branches_covered / self.branches_total


class CoverageReport(NamedTuple):
    by_prefix: dict[str, Coverage]
    timestamp: dt.datetime | None
    source: str

    @property
    def date(self) -> dt.date | None:
        return self.timestamp.date() if self.timestamp else None


def normal_prefix(prefix: str) -> str:
    return prefix.strip().removeprefix("./").strip("/")


def matches(path: str, prefix: str) -> bool:
    """Is a reported file under ``prefix`` (a project-relative folder or file; '' = everything)?

    Reports name files relative to the project (coverage.py), to a source folder (Cobertura) or
    absolutely (lcov): an absolute path matches when the prefix appears in it as whole parts.
    """
    if not prefix:
        return True
    path = path.replace("\\", "/").removeprefix("./")
    if path == prefix or path.startswith(prefix + "/"):
        return True
    return path.startswith("/") and (f"/{prefix}/" in path or path.endswith(f"/{prefix}"))


class _Totals:
    """Running sums for each prefix."""

    def __init__(self, prefixes: Iterable[str], root: Path | None) -> None:
        self.sums = {normal_prefix(p): [0, 0, 0, 0] for p in prefixes}
        self.branches = False
        self.root = f"{root.resolve().as_posix().rstrip('/')}/" if root is not None else None

    def add(self, path: str, covered: int, total: int, branches_covered: int = 0, branches_total: int = 0) -> None:
        if self.root and path.startswith(self.root):
            path = path[len(self.root) :]
        for prefix, sums in self.sums.items():
            if matches(path, prefix):
                sums[0] += covered
                sums[1] += total
                sums[2] += branches_covered
                sums[3] += branches_total

    def result(self, asked: Iterable[str]) -> dict[str, Coverage]:
        found = {}
        for prefix in asked:
            c, t, bc, bt = self.sums[normal_prefix(prefix)]
            found[prefix] = Coverage(c, t, bc if self.branches else None, bt if self.branches else None)
        return found


def read_coverage(
    path: Path,
    display: str,
    prefixes: Iterable[str] = ("",),
    root: Path | None = None,
    max_bytes: int = MAX_COVERAGE_BYTES,
) -> CoverageReport:
    """Line (and branch) coverage under each prefix; the format follows the file's extension.

    Reported paths are matched as project-relative: absolute ones under ``root`` are made
    relative to it; Cobertura's, which are relative to its ``<source>`` folder, are joined to it.
    """
    asked = list(prefixes)
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise StatusGenError(
            f"cannot tell the coverage format from the name; use .xml (Cobertura), .json (coverage.py) "
            f"or .info (lcov), not {path.suffix or 'no extension'!r}",
            Location(display),
        )
    totals = _Totals(asked, root)
    if kind == "cobertura":
        stamp = _cobertura(path, display, max_bytes, totals)
    elif kind == "lcov":
        _lcov(path, display, max_bytes, totals)
        stamp = None  # lcov records no time
    else:
        stamp = _coverage_json(path, display, min(max_bytes, MAX_JSON_BYTES), totals)
    return CoverageReport(totals.result(asked), stamp, display)


def _cobertura(path: Path, display: str, max_bytes: int, totals: _Totals) -> dt.datetime | None:
    stamp: list[dt.datetime] = []
    sources: list[str] = []  # <sources><source>: the folders class file names are relative to
    in_source = False
    filename = ""
    lines_depth = 0  # depth of the class's own <lines> while inside it, else 0
    counts = [0, 0, 0, 0]  # the current class's covered, total, branches covered, branches total

    def start(name: str, attributes: dict[str, str], depth: int) -> None:
        nonlocal filename, lines_depth, in_source
        if name == "line":
            # Lines also appear under <method><lines>; only the class's own list counts, once.
            if depth != lines_depth + 1:
                return
            hits = attributes.get("hits", "0")
            # Plain digits are by far the common case; anything else goes through the full check.
            counts[0] += hits.strip("0") != "" if hits.isdigit() else integer(hits, "hits") > 0
            counts[1] += 1
            if attributes.get("branch") == "true" and "condition-coverage" in attributes:
                covered, total = _condition(attributes["condition-coverage"])
                counts[2] += covered
                counts[3] += total
        elif name == "lines" and filename and depth == class_depth[0] + 1:
            lines_depth = depth
        elif name == "class":
            filename = attributes.get("filename", "") or "?"
            class_depth[0] = depth
            if len(sources) == 1 and sources[0].strip() and not filename.startswith("/"):
                filename = f"{sources[0].strip().rstrip('/')}/{filename}"
        elif name == "source":
            sources.append("")
            in_source = True
        elif depth == 1 and attributes.get("timestamp"):
            # Cobertura writes milliseconds since the epoch; a few tools write ISO 8601.
            text = attributes["timestamp"]
            if text.strip().isdigit():
                stamp.append(epoch_milliseconds(text))
            else:
                stamp.append(parse_timestamp(text))

    def end(name: str, depth: int) -> None:
        nonlocal filename, lines_depth, in_source
        if name == "lines" and depth == lines_depth:
            lines_depth = 0
        elif name == "class" and depth == class_depth[0]:
            # One update per class, not per line: the prefixes are matched once per file.
            if counts[3]:
                totals.branches = True
            totals.add(filename, *counts)
            counts[:] = [0, 0, 0, 0]
            filename = ""
        elif name == "source":
            in_source = False

    def text(data: str) -> None:
        if in_source and len(sources[-1]) < 4096:
            sources[-1] += data

    class_depth = [0]
    stream(path, display, max_bytes, ("coverage",), start, end, text)
    return stamp[0] if stamp else None


def _condition(text: str) -> tuple[int, int]:
    """'50% (1/2)' -> (1, 2)."""
    inside = text[text.find("(") + 1 : text.rfind(")")]
    covered, _, total = inside.partition("/")
    if not (covered.strip().isdigit() and total.strip().isdigit()) or int(covered) > int(total):
        raise Refused(f"condition-coverage={text[:40]!r} is not like '50% (1/2)'")
    return int(covered), int(total)


def _lcov(path: Path, display: str, max_bytes: int, totals: _Totals) -> None:
    """lcov tracefiles: records from ``SF:`` to ``end_of_record``; unknown record kinds are skipped."""
    number = 0
    source: str | None = None
    lines: dict[str, int] = {}  # line numbers of the current record -> hits (DA may repeat)
    branches: dict[str, bool] = {}
    pending = b""

    def fail(message: str) -> StatusGenError:
        return StatusGenError(
            f"{message}; lcov records look like 'DA:12,1' between 'SF:' and 'end_of_record'",
            Location(display, number, 1),
        )

    def record(line: str) -> None:
        nonlocal source
        key, colon, value = line.partition(":")
        if line == "end_of_record":
            if source is None:
                raise fail("'end_of_record' without an 'SF:' line before it")
            covered_branches = sum(branches.values())
            totals.add(source, sum(h > 0 for h in lines.values()), len(lines), covered_branches, len(branches))
            source = None
            lines.clear()
            branches.clear()
        elif not colon or not key.isupper():
            raise fail(f"not an lcov record: {line[:40]!r}")
        elif key == "SF":
            if source is not None:
                raise fail(f"'SF:' before the record for {source!r} ended")
            if not value:
                raise fail("'SF:' without a file name")
            source = value
        elif key in ("DA", "BRDA"):
            if source is None:
                raise fail(f"'{key}:' outside a record (no 'SF:' line before it)")
            parts = value.split(",")
            if key == "DA":
                if len(parts) < 2 or not _number(parts[0]) or not _number(parts[1].removeprefix("-")):
                    raise fail(f"bad line record 'DA:{value[:30]}'")
                lines[parts[0]] = max(lines.get(parts[0], 0), int(parts[1]))
            else:
                if len(parts) != 4 or not _number(parts[0]) or not (parts[3] == "-" or _number(parts[3])):
                    raise fail(f"bad branch record 'BRDA:{value[:30]}'")
                totals.branches = True
                branch = ",".join(parts[:3])
                branches[branch] = branches.get(branch, False) or (parts[3] != "-" and int(parts[3]) > 0)

    for chunk in chunks(path, display, max_bytes):
        pending += chunk
        *complete, pending = pending.split(b"\n")
        for raw in complete:
            number += 1
            line = _text(raw, display, number).strip()
            if line:
                record(line)
        if len(pending) > 1 << 20:
            raise StatusGenError("a line longer than 1 MiB; this is not an lcov file", Location(display, number + 1, 1))
    if pending.strip():
        number += 1
        record(_text(pending, display, number).strip())
    if source is not None:
        raise fail(f"the record for {source!r} has no 'end_of_record' (is the file cut short?)")


def _number(text: str) -> bool:
    """Plain digits, at most 18 of them (int() of thousands of digits is refused or slow)."""
    return text.isdigit() and len(text) <= 18


def _text(raw: bytes, display: str, number: int) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise StatusGenError("is not valid UTF-8", Location(display, number, exc.start + 1)) from None


def _coverage_json(path: Path, display: str, max_bytes: int, totals: _Totals) -> dt.datetime | None:
    document = load_json(read_bytes(path, display, max_bytes), display)
    try:
        if not isinstance(document, dict) or not isinstance(document.get("files"), dict):
            raise Refused("expected coverage.py's JSON report (an object with 'meta' and 'files'); run 'coverage json'")
        meta = document.get("meta")
        meta = meta if isinstance(meta, dict) else {}
        branch = meta.get("branch_coverage") is True
        totals.branches = branch
        for name, entry in document["files"].items():
            summary = entry.get("summary") if isinstance(entry, dict) else None
            if not isinstance(summary, dict):
                raise Refused(f"file {name[:80]!r} has no 'summary' object")
            numbers = [_count(summary, key, name) for key in ("covered_lines", "num_statements")]
            if branch:
                numbers += [_count(summary, key, name) for key in ("covered_branches", "num_branches")]
            totals.add(name, *numbers)
        stamp = meta.get("timestamp")
        return parse_timestamp(stamp) if isinstance(stamp, str) else None
    except Refused as exc:
        raise StatusGenError(str(exc), Location(display)) from None


def _count(summary: dict[str, Any], key: str, name: str) -> int:
    value = summary.get(key)
    if type(value) is not int or value < 0:
        raise Refused(f"file {name[:80]!r}: summary '{key}' must be a whole number >= 0, not {json.dumps(value)[:30]}")
    return value

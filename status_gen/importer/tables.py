"""Recognisers for tables: components, tests with counts, metrics, risks and milestones.

A table becomes records of one kind plus a ``columns`` layout (columns.py) that draws it back:
each column gets a role (the name, the status, a note, counts, a percent, ...) and one cell
format that every cell of the column fits, and whatever has no field goes to the record's
``fields``. The kind comes from the headers (``Test File`` -> tests, ``Phase`` -> milestones,
``Severity`` -> risks, ``Metric | Value`` -> metrics, a name and a status -> components).

A status cell keeps its words and marker as written (``🟢 Healthy``, ``⚠️ PARTIAL``): the level
comes from the marker or, without one, from the status word through lint's vocabulary, and a
cell whose marker and words disagree is not claimed. Before claiming, every row is drawn through
``columns.cells`` from the validated records and compared with the document's line; one
difference and the table stays verbatim in a free section, which is always safe.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from pydantic import ValidationError

from .. import models as m
from ..claims import ICONS, vocabulary, word_reader
from ..columns import cells as draw_cells
from ..errors import Location, StatusGenError
from ..escape import inline
from ..layout import fill, table_row
from ..listitems import label_status
from ..vocabulary import ICONS as DEFAULT_ICONS
from .blocks import Block, plain_heading
from .context import Context, Found, heading_entry

if TYPE_CHECKING:
    from ..derive import Status
    from ..vocabulary import Label

_Reader = Callable[[str], "str | None"]  # a status word's level (claims.word_reader)
MAX_ROWS = 2000  # rows in one table; a longer one is refused with its line (a bound on the work)
_ICON = re.compile("(" + "|".join(re.escape(icon) for icon in ICONS) + ")\ufe0f?")
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_NUMBER = re.compile(r"[0-9]{1,9}\Z")
_FRACTION = re.compile(r"([0-9]{1,9})/([0-9]{1,9})\Z")


class _Kind(NamedTuple):
    file: str
    key: str  # the file's top-level key (and the key ids are made unique under)
    model: type[m.Record]
    name: str  # the field column 0 fills


KINDS: dict[str, _Kind] = {
    "components": _Kind("components.yaml", "components", m.Component, "name"),
    "tests": _Kind("tests.yaml", "categories", m.TestCategory, "name"),
    "milestones": _Kind("milestones.yaml", "milestones", m.Milestone, "name"),
    "risks": _Kind("risks.yaml", "risks", m.Risk, "title"),
    "metrics": _Kind("project.yaml", "metrics", m.Metric, "label"),
}


class _Head:
    """Words a whole header may be (any case), compiled the first time a header is tried.

    Most of these never meet a header in one import, and compiling them all took a few milliseconds.
    """

    def __init__(self, pattern: str) -> None:
        self.pattern = rf"(?:{pattern})\Z"

    @functools.cached_property
    def _compiled(self) -> re.Pattern[str]:
        return re.compile(self.pattern, re.I)

    def match(self, header: str) -> re.Match[str] | None:
        return self._compiled.match(header)


# What the first column's header says the rows are.
_TESTS_HEADER = _Head(r".*\b(tests?|suites?|specs?)\b.*|(test )?categor(y|ies)|테스트.*|测试.*|テスト.*")
_MILESTONES_HEADER = _Head(
    r"(phase|milestone|stage|sprint|release|version|iteration|epic)s?|단계|阶段|フェーズ|里程碑|マイルストーン"
)
_STATUS_HEADER = _Head(r"(current )?(status|state|health|result|verdict|pass)|상태|状态|狀態|状態|結果|结果")
_RISK_HEADERS = _Head(r"severity|mitigation|likelihood|risks?|impact|심각도|严重性|重大度")
_METRIC_NAME = _Head(r"metrics?|measures?|kpis?|indicators?|propert(y|ies)|items?|keys?|지표|指标|項目|属性")
_METRIC_VALUE = _Head(r"values?|results?|값|值|値")
# Roles of the other columns, by header; the first that fits every cell wins, else a field.
_ROLES: tuple[tuple[_Head, str, tuple[str, ...]], ...] = (
    (_Head(r"notes?|details?|descriptions?|comments?|remarks?|summary|备注|비고|説明|설명|備考"), "note", ("{note}",)),
    (_Head(r"owners?|assignee|responsible|lead|담당자?|负责人|担当"), "owner", ("{owner}",)),
    (_Head(r"severity|priority|impact|likelihood|심각도|严重性|重大度"), "severity", ("{severity}", "**{severity}**")),
    (_Head(r"mitigation|workaround|resolution|plan|action|대응|缓解|対策"), "mitigation", ("{mitigation}",)),
    (
        _Head(r"percent(age)?|progress|%|complete|completion|완료율|진행률|完成度|进度|進捗|完成率"),
        "percent",
        ("{percent}%", "**{percent}%**"),
    ),
    (_Head(r"due|target|eta|deadline|end|due date|target date|期限|마감"), "due", ("{due}",)),
    (_Head(r"start|started|start date|開始|开始|시작"), "start", ("{start}",)),
    (_Head(r"pass(ed|ing|es)?|ok|✅"), "passed", ("{passed}",)),
    (_Head(r"fail(ed|ing|ures?|s)?|❌"), "failed", ("{failed}",)),
    (_Head(r"total|tests|count|cases|#|number|test count"), "total", ("{total}",)),
    (_Head(r"(pass(ing)? |success )?rate|pass %|%"), "rate", ("{rate}",)),
)
# Which roles each kind has a field for (others become ``fields``).
_KIND_ROLES: dict[str, frozenset[str]] = {
    "components": frozenset({"note", "owner", "passed", "failed", "total", "rate", "fraction"}),
    "tests": frozenset({"note", "passed", "failed", "total", "rate", "fraction"}),
    "milestones": frozenset({"note", "owner", "percent", "due", "start"}),
    "risks": frozenset({"note", "owner", "severity", "mitigation"}),
}
_COUNT_ROLES = frozenset({"passed", "failed", "total", "rate", "fraction"})
_NAME_FORMATS = ("**{%s}**", "{%s}", "{%s:code}")
_FIELD_FORMATS = ("{field}", "**{field}**", "{field:code}")
_STATUS_FORMATS = ("{icon} {status}", "{icon} **{status}**", "{icon}", "**{status}**", "{status}")
_PREFERRED = {"ok": ("OK", "DONE"), "warn": ("PARTIAL", "AT RISK"), "fail": ("BROKEN", "FAILING")}


class _Table(NamedTuple):
    headers: list[str]
    rule: str
    rows: list[list[str]]  # each row's cells as written (Markdown), stripped
    lines: list[str]  # the table's own lines, stripped


def table(context: Context, index: int) -> Found | None:
    """A plain heading directly over a table (the section's heading), or a table on its own."""
    blocks = context.blocks
    if blocks[index].type == "heading":
        if index + 1 >= len(blocks) or blocks[index + 1].type != "table":
            return None
        heading = plain_heading(blocks[index], context.lines)
        if heading is None:
            return None
        return _claim(context, blocks[index + 1], 2, heading)
    if blocks[index].type == "table":
        return _claim(context, blocks[index], 1, ("", 2))
    return None


def _claim(context: Context, block: Block, taken: int, heading: tuple[str, int]) -> Found | None:
    rows = block.end - block.start - 2
    if rows > MAX_ROWS:
        raise StatusGenError(
            f"this table has {rows:,} rows, more than import takes in one table ({MAX_ROWS:,}); "
            "split it into smaller tables (or move the rows to a file it links to), then import again",
            Location(context.source, block.start + 1, 1),
        )
    read = _read(context.block_lines(block))
    if read is None:
        return None
    planned = _plan(read, context.labels)
    if planned is None:
        return None
    kind, columns, records = planned
    spec = KINDS[kind]
    ids = [context.unique(spec.key, str(record[spec.name]), kind.rstrip("s")) for record in records]
    records = [{"id": ident, **record} for ident, record in zip(ids, records, strict=True)]
    options: dict[str, object] = {"ids": ids, "columns": columns}
    if read.rule != _default_rule(len(columns)):
        options["rule"] = read.rule
    title, level = heading
    first_row = block.start + 2
    lines = [first_row + n for n in range(len(records))]
    return Found(taken, spec.file, spec.key, records, heading_entry(kind, title, level, **options), lines)


def _default_rule(columns: int) -> str:
    return "|" + "---|" * columns


def _read(lines: list[str]) -> _Table | None:
    """The table's header, rule and rows, when every line is ``| cell | ... |`` with as many cells."""
    lines = [line.strip() for line in lines if line.strip()]
    if len(lines) < 3 or not all(line.startswith("|") and line.endswith("|") for line in lines):
        return None
    split = [[cell.strip() for cell in _CELL_SPLIT.split(line[1:-1])] for line in lines]
    headers = split[0]
    if any(len(cells) != len(headers) for cells in split) or len(headers) < 2:
        return None
    if any(not h or inline(h) != h for h in headers) or len(set(headers)) != len(headers):
        return None  # a header is plain text, escaped when drawn: one with markup would come back changed
    return _Table(headers, " ".join(lines[1].split()), split[2:], lines)


@functools.lru_cache(maxsize=8)
def _reader(levels: tuple[tuple[str, str], ...]) -> _Reader:
    """The status-word reader for a project's labels (label, level), built once per import, not per table."""
    return word_reader(vocabulary(dict(levels)))


def _plan(read: _Table, labels: dict[str, Label]) -> tuple[str, list[dict[str, str]], list[dict[str, Any]]] | None:
    """(kind, columns, records) that draw ``read`` back exactly, or None."""
    words = _reader(tuple((name, label.level) for name, label in labels.items()))
    columns_of = list(zip(*read.rows, strict=True)) if read.rows else [() for _ in read.headers]
    status_at, statuses = None, None
    # A column of markers is the status (one headed like a status first); without markers, only a
    # column headed like one ("Working on it" in a notes column is not a status).
    candidates = []
    for at in range(1, len(read.headers)):
        found = _statuses(list(columns_of[at]), labels, words)
        headed = _STATUS_HEADER.match(" ".join(read.headers[at].split())) is not None
        if found is not None and ("{icon}" in found[0] or headed):
            candidates.append(("{icon}" not in found[0], not headed, at, found))
    if candidates:
        _, _, status_at, statuses = min(candidates, key=lambda c: c[:3])
    kind = _kind_of(read.headers, status_at is not None)
    if kind is None or not read.rows:
        return None
    if kind == "metrics":
        return _metrics(read)
    spec = KINDS[kind]
    records: list[dict[str, Any]] = [{} for _ in read.rows]
    columns: list[dict[str, str]] = []
    name = _column(list(columns_of[0]), [f % spec.name for f in _NAME_FORMATS], spec.name, required=True)
    if name is None:
        return None
    columns.append({"header": read.headers[0], "cell": name[0]})
    for record, value in zip(records, name[1], strict=True):
        record[spec.name] = value
    counted: dict[str, list[int]] = {}
    count_columns: list[tuple[int, str, list[str]]] = []
    used: set[str] = set()
    for at in range(1, len(read.headers)):
        header, cells = read.headers[at], list(columns_of[at])
        if at == status_at and statuses is not None:
            columns.append({"header": header, "cell": statuses[0]})
            for record, status in zip(records, statuses[1], strict=True):
                record["status"] = status
            continue
        column = _role_column(header, cells, kind, used, counted)
        if column is None:
            return None
        role, cell, values = column
        if role in _COUNT_ROLES:
            count_columns.append((len(columns), header, cells))
        columns.append({"header": header} if cell == "{field}" else {"header": header, "cell": cell})
        for record, value in zip(records, values, strict=True):
            if value is None or role in _COUNT_ROLES:
                continue
            if role == "field":
                record.setdefault("fields", {})[header] = value
            else:
                record[role] = int(value) if role == "percent" else value
    if "status" not in records[0]:
        if kind != "risks":
            return None
        for record in records:  # a risk table without a status column: each one is a risk
            record["status"] = "AT RISK"
    made = _counts(records, counted) if counted else True
    if made is None:
        return None  # counts that contradict each other (passed above total): the table stays as written
    if not made:
        # Counts that do not make passed and total (a "Tests" column alone) are shown as written.
        for at, header, cells in count_columns:
            as_field = _column(cells, list(_FIELD_FORMATS), "field", required=False)
            if as_field is None:
                return None
            fmt, texts = as_field
            columns[at] = {"header": header} if fmt == "{field}" else {"header": header, "cell": fmt}
            for record, value in zip(records, texts, strict=True):
                if value is not None:
                    record.setdefault("fields", {})[header] = value
    return _checked(kind, columns, records, read, labels)


def _kind_of(headers: list[str], has_status: bool) -> str | None:
    first = " ".join(headers[0].split())
    if not has_status:
        if len(headers) == 2 and (_METRIC_NAME.match(first) or _METRIC_VALUE.match(headers[1])):
            return "metrics"
        return "risks" if any(_RISK_HEADERS.match(h) for h in headers[1:]) else None
    if _TESTS_HEADER.match(first):
        return "tests"
    if _MILESTONES_HEADER.match(first):
        return "milestones"
    if any(_RISK_HEADERS.match(h) for h in headers[1:]):
        return "risks"
    return "components"


def _metrics(read: _Table) -> tuple[str, list[dict[str, str]], list[dict[str, Any]]] | None:
    label = _column([row[0] for row in read.rows], ["{label}", "**{label}**"], "label", required=True)
    value = _column([row[1] for row in read.rows], ["{value}", "**{value}**", "{value:code}"], "value", required=True)
    if label is None or value is None:
        return None
    columns = [{"header": read.headers[0], "cell": label[0]}, {"header": read.headers[1], "cell": value[0]}]
    records = [{"label": a, "value": b} for a, b in zip(label[1], value[1], strict=True)]
    return _checked("metrics", columns, records, read, {})


def _role_column(
    header: str, cells: list[str], kind: str, used: set[str], counted: dict[str, list[int]]
) -> tuple[str, str, list[str | None]] | None:
    """(role, cell format, values) for one column: a field of the kind when one fits, else ``fields``."""
    allowed = _KIND_ROLES[kind]
    if "fraction" in allowed and "fraction" not in used and cells and all(_FRACTION.match(c) for c in cells):
        pairs = [_FRACTION.match(c) for c in cells]
        counted["passed"] = [int(p[1]) for p in pairs if p]
        counted["total"] = [int(p[2]) for p in pairs if p]
        used.add("fraction")
        return "fraction", "{passed}/{total}", [None] * len(cells)
    for pattern, role, formats in _ROLES:
        if role not in allowed or role in used or not pattern.match(" ".join(header.split())):
            continue
        if role in ("passed", "failed", "total"):
            if not cells or not all(_NUMBER.match(c) for c in cells):
                continue
            counted[role] = [int(c) for c in cells]
            used.add(role)
            return role, formats[0], [None] * len(cells)
        if role == "rate":
            used.add(role)  # checked once the counts are known: the drawn rate must be the one written
            return role, "{rate}", [None] * len(cells)
        found = _column(cells, list(formats), role, required=False)
        if found is not None and (role != "percent" or all(v is None or 0 <= int(v) <= 100 for v in found[1])):
            used.add(role)
            return role, found[0], found[1]
    found = _column(cells, list(_FIELD_FORMATS), "field", required=False)
    return ("field", found[0], found[1]) if found is not None else None


def _counts(records: list[dict[str, Any]], counted: dict[str, list[int]]) -> bool | None:
    """Test counts from the count columns (passed and total, or either with failed).

    False when the columns do not make both numbers (a "Tests" column alone); None when they make
    impossible ones (passed above total).
    """
    rows = len(records)
    passed, total, failed = counted.get("passed"), counted.get("total"), counted.get("failed")
    if passed is None and total is not None and failed is not None:
        passed = [t - f for t, f in zip(total, failed, strict=True)]
    if total is None and passed is not None and failed is not None:
        total = [p + f for p, f in zip(passed, failed, strict=True)]
    if passed is None or total is None or len(passed) != rows:
        return False
    for record, p, t in zip(records, passed, total, strict=True):
        if not 0 <= p <= t:
            return None
        record["tests"] = {"passed": p, "total": t}
    return True


def _column(cells: list[str], formats: list[str], name: str, *, required: bool) -> tuple[str, list[str | None]] | None:
    """The first format every cell of the column fits, and each cell's value (None when empty)."""
    for fmt in formats:
        values = [_value(fmt, name, cell) for cell in cells]
        if all(v is not None for v in values) and (not required or all(values)):
            return fmt, [v or None for v in values]
    return None


def _value(fmt: str, name: str, cell: str) -> str | None:
    """The value ``cell`` holds under a one-placeholder format ("" for an empty cell), or None."""
    if not cell:
        return ""
    head, _, tail = fmt.partition("{")
    inner, _, after = tail.partition("}")
    if not (cell.startswith(head) and cell.endswith(after) and len(cell) > len(head) + len(after)):
        return None
    text = cell[len(head) : len(cell) - len(after)]
    value = text[1:-1] if inner.endswith(":code") and len(text) > 2 and text[0] == text[-1] == "`" else None
    if value is None:
        value = _ESCAPED.sub(r"\1", text)
    return value if fill(fmt, {name: value}) == cell else None


def _statuses(cells: list[str], labels: dict[str, Label], words: _Reader) -> tuple[str, list[object]] | None:
    """(cell format, each row's status) when every cell states a status in one shape, else None."""
    if not cells:
        return None
    for fmt in _STATUS_FORMATS:
        found = [_status_cell(fmt, cell, labels, words) for cell in cells]
        if all(status is not None for status in found):
            return fmt, found
    return None


def _status_cell(fmt: str, cell: str, labels: dict[str, Label], words: _Reader) -> object | None:
    icon_match = _ICON.match(cell)
    icon = icon_match.group() if icon_match else None
    rest = cell[len(icon) :] if icon else cell
    if fmt.startswith("{icon}"):
        if icon is None:
            return None
        if fmt == "{icon}":
            text = None if not rest else ""
        elif fmt == "{icon} {status}":
            text = rest[1:] if rest.startswith(" ") and not rest.startswith(" **") else ""
        else:
            text = rest[3:-2] if rest.startswith(" **") and rest.endswith("**") and len(rest) > 5 else ""
        if text == "":
            return None
    else:
        if icon is not None:
            return None
        text = rest[2:-2] if fmt == "**{status}**" and rest.startswith("**") and rest.endswith("**") else rest
        if fmt == "**{status}**" and text == rest:
            return None
    if text is not None:
        text = _ESCAPED.sub(r"\1", text)
    return _status(icon, text, labels, words)


def _status(icon: str | None, text: str | None, labels: dict[str, Label], words: _Reader) -> object | None:
    """A record's status for a marker and words as written: a label, or {label, level, text, icon}."""
    level = ICONS.get(icon.replace("\ufe0f", "")) if icon else None
    label: str | None
    if text is not None and text in labels:  # the label itself ("✅ IMPROVED" is IMPROVED at ok)
        label, shown = text, None
        level = level or labels[text].level
    else:
        said = words(text) if text else None
        if level is not None and said is not None and {said, level} == {"ok", "fail"}:
            return None  # ✅ Broken: the marker and the words disagree; the document must settle it first
        level = level or said
        if level is None:
            return None
        upper = text.upper() if text else ""
        label = upper if upper in labels and labels[upper].level == level else _preferred(level, labels)
        shown = text
    if label is None:
        return None
    status: dict[str, object] = {"label": label}
    if labels[label].level != level:
        status["level"] = level
    if shown:
        status["text"] = shown
    if icon is not None and icon != (labels[label].icon if labels[label].level == level else DEFAULT_ICONS[level]):
        status["icon"] = icon
    return status if len(status) > 1 else label


def _preferred(level: str, labels: dict[str, Label]) -> str | None:
    for name in _PREFERRED[level]:
        if name in labels and labels[name].level == level:
            return name
    return next((name for name, label in labels.items() if label.level == level), None)


class _Lookups:
    """What drawing a row needs, for records not yet written to a data folder."""

    def __init__(self, labels: dict[str, Label]) -> None:
        self.labels = labels

    def status(self, label: str) -> Status:
        return label_status(label, self.labels)

    def counts(self, record: Any) -> tuple[int, int] | None:
        tests = getattr(record, "tests", None)
        return (tests.passed, tests.total) if tests is not None else None

    def component_name(self, component_id: str) -> str:
        return component_id


def _checked(
    kind: str, columns: list[dict[str, str]], records: list[dict[str, Any]], read: _Table, labels: dict[str, Label]
) -> tuple[str, list[dict[str, str]], list[dict[str, Any]]] | None:
    """The plan, when the records validate and every line they draw is the document's line."""
    from ..vocabulary import DEFAULT_LABELS

    labels = labels or dict(DEFAULT_LABELS)
    model = KINDS[kind].model
    try:
        layout = [m.Column.model_validate(column) for column in columns]
        models = [model.model_validate({"id": "x", **r}, context={"labels": labels}) for r in records]
    except ValidationError:
        return None
    lookups = _Lookups(labels)
    if kind == "milestones" and any(_done_mismatch(record, lookups) for record in models):
        return None  # rule SG602 would fail the imported data: the document must settle it first
    drawn = [table_row([inline(c.header) for c in layout])]
    drawn += [table_row(draw_cells(kind, layout, record, lookups)) for record in models]
    wanted = [read.lines[0], *read.lines[2:]]
    if [" ".join(line.split()) for line in drawn] != [" ".join(line.split()) for line in wanted]:
        return None
    return kind, columns, [_ordered(record, model) for record in records]


def _done_mismatch(milestone: Any, lookups: _Lookups) -> bool:
    """✅ at 95%, or 100% not done: a percent that contradicts the status (rule SG602)."""
    percent = milestone.percent
    return percent is not None and (percent == 100) != (lookups.status(milestone.status).level == "ok")


def _ordered(record: dict[str, Any], model: type[m.Record]) -> dict[str, Any]:
    """The record's keys in its model's order (name and status first), for readable YAML."""
    return {key: record[key] for key in model.model_fields if key in record}

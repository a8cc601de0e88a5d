"""The domain: one pydantic model per kind of record (``datafiles.py`` has one per data file).

Validators are built the first time a model validates (``defer_build``): import validates a few
kinds of record and should not pay for the others. Every record remembers the YAML mapping it was
validated from (``_src``), so that rules and reference checks can point at ``file:line:column``
of any of its fields.
"""

import calendar
import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StrictBool,
    StrictInt,
    StringConstraints,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    model_validator,
)
from pydantic.functional_validators import AfterValidator, BeforeValidator, WrapValidator

from .errors import Location
from .loader import Map
from .vocabulary import ICONS, LEVELS, Label, Use, label_hint

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=80)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=2000)]
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


def _iso_date(value: Any) -> Any:
    """Dates are written YYYY-MM-DD. pydantic alone would also take 1758067200 or "20250917"."""
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value):
        _check_day_exists(value)
        return value
    got = f"the number {value}" if isinstance(value, int | float) and not isinstance(value, bool) else repr(value)
    raise ValueError(f"expected a date, got {got}; write dates as YYYY-MM-DD, for example 2025-09-17")


def _check_day_exists(text: str) -> None:
    """'2025-02-30' is written the right way but names no day: say that, not "write YYYY-MM-DD"."""
    year, month, day = (int(part) for part in text.split("-"))
    if not 1 <= month <= 12:
        raise ValueError(f"{text} is not a day of the calendar: there is no month {month} (months are 01 to 12)")
    if year == 0:
        raise ValueError(f"{text} is not a day of the calendar: there is no year 0")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise ValueError(
            f"{text} is not a day of the calendar: {calendar.month_name[month]} {year} has {last} days"
            if day
            else f"{text} is not a day of the calendar: days start at 01"
        )


Date = Annotated[dt.date, BeforeValidator(_iso_date)]


def _period(value: Any) -> Any:
    """A date when written as one (YYYY-MM-DD), otherwise the text as written ("Q3 2025")."""
    if isinstance(value, str) and _ISO_DATE.match(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"'{value}' looks like a date but does not exist; write a real date") from None
    return value


# Priorities' period and milestone dates: a date, or free text such as "Q3 2025" or "September
# 2025" (real documents write both). Rules that measure time use only the dates.
Period = Annotated[dt.date | Annotated[str, StringConstraints(min_length=1, max_length=80)], BeforeValidator(_period)]
Severity = Literal["P0", "P1", "P2", "P3"]
IssueStatus = Literal["open", "in_progress", "resolved", "closed"]
PhaseStatus = Literal["todo", "in_progress", "done"]
# Strict: pydantic's lax mode turns true into 1 and 'yes' into True, so a typo would change a number.
Count = Annotated[StrictInt, Field(ge=0)]


class Record(BaseModel):
    """Base of every model: unknown keys are errors; the source mapping is kept."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True)
    _src: Map | None = PrivateAttr(default=None)

    @model_validator(mode="wrap")
    @classmethod
    def _keep_source(cls, data: Any, handler: Any) -> Any:
        record = handler(data)
        if isinstance(data, Map):
            record._src = data
        return record

    def where(self, key: str | None = None) -> Location:
        """Position of a field's value (or of the record) in its YAML file."""
        if self._src is None:
            return Location("<memory>")
        return self._src.where(key)


def _check_label(value: str, info: ValidationInfo) -> str:
    """Labels come from the vocabulary, passed in the validation context."""
    labels = (info.context or {}).get("labels")
    if labels is not None and value not in labels:
        if value.upper() in labels and value.upper() != value:
            # Issue statuses are lower case (open, closed) and labels upper case: say which.
            raise ValueError(f"status labels are written in upper case: write '{value.upper()}', not '{value}'")
        hint = label_hint(value.upper(), labels)
        raise ValueError(
            f"unknown status label '{value}'{hint} (new labels go under [labels] in .status-gen.toml or "
            "[tool.status-gen.labels] in pyproject.toml; "
            "'status-gen labels' lists them)"
        )
    return value


LabelName = Annotated[str, StringConstraints(min_length=1, max_length=40), AfterValidator(_check_label)]


def _status_use(value: Any, handler: ValidatorFunctionWrapHandler, info: ValidationInfo) -> Any:
    """A label, or ``{label: NAME, level: ok|warn|fail, text: ..., icon: ...}`` for this use only.

    ``text`` is how the status is shown (``Healthy`` for HEALTHY, ``Running`` for OK) and ``icon``
    which marker shows it (🟢 rather than ✅); both must agree with the use's level, so the
    document never shows an ok marker on a failing status.
    """
    if not isinstance(value, dict):
        return handler(value)
    extra = sorted(set(value) - {"label", "level", "text", "icon"})
    if extra or "label" not in value:
        raise ValueError("a status is a label, or {label: NAME, level: ok|warn|fail, text: shown, icon: marker}")
    level = value.get("level")
    if level is not None and level not in LEVELS:
        raise ValueError(f"level must be one of ok, warn, fail, not {level!r}")
    label = handler(value["label"])
    _check_override(label, level, (info.context or {}).get("labels"))
    text, icon = value.get("text"), value.get("icon")
    if text is None and icon is None:
        return Use(label, level)
    from .vocabulary import DEFAULT_LABELS, level_of

    labels = (info.context or {}).get("labels") or DEFAULT_LABELS
    problem = _shown_status_problem(text, icon, level or level_of(label, labels), labels)
    if problem:
        raise ValueError(problem)
    return Use(label, level, text=text.strip() if text else None, icon=icon.strip() if icon else None)


def _shown_status_problem(text: object, icon: object, level: str, labels: Any) -> str | None:
    """Why ``text`` or ``icon`` cannot show a status of ``level`` (lint would read another level)."""
    from .claims import ICONS, icon_status, vocabulary, word_level

    if text is not None:
        if not isinstance(text, str) or not 1 <= len(text.strip()) <= 40 or "\n" in text:
            return "a status 'text' is one line of 1 to 40 characters"
        if icon_status(text):
            return "put the marker in 'icon', not in 'text'"
        said = word_level(text, vocabulary({name: label.level for name, label in labels.items()}))
        if said is not None and {said, level} == {"ok", "fail"}:  # one step apart is fine, as for 'level'
            return (
                f"the text '{text.strip()}' reads as {said}, but this status is {level}; "
                f"give it a {said} label or other words"
            )
    if icon is not None:
        marks = [mark for mark, at in ICONS.items() if at == level]
        if not isinstance(icon, str) or ICONS.get(icon.strip().replace("\ufe0f", "")) != level:
            return f"the icon {icon!r} does not show {level}; use one of {' '.join(marks)}"
    return None


def _check_override(name: str, level: str | None, labels: dict[str, Label] | None) -> None:
    """A use may move a label one step (IMPROVED at ok), never across the scale.

    ``{label: CRITICAL, level: ok}`` would print ✅ beside a failure word and count a failure as
    healthy: the icon and the rollup would contradict the word the reader sees.
    """
    own = labels.get(name) if labels else None
    if own is None or level is None or {own.level, level} != {"ok", "fail"}:
        return
    same = [label.name for label in labels.values() if label.level == level][:3] if labels else []
    raise ValueError(
        f"'{name}' is a {own.level}-level label, so level {level} contradicts it ({ICONS[level]} {name}); "
        f"use a label of level {level} ({', '.join(same)}, ...), level warn, or a label of your own "
        "(under [labels] in .status-gen.toml or [tool.status-gen.labels] in pyproject.toml)"
    )


# A status label as used by one record. The level override travels with the text (``Use``), so
# everything that compares or shows labels keeps working, and level lookups honour it.
StatusName = Annotated[LabelName, WrapValidator(_status_use)]
Owner = Annotated[str, StringConstraints(min_length=1, max_length=200)]
_URL = re.compile(r"(?:https?://|mailto:)?[^\s<>()\[\]`'\"\\|]+\Z")


def _url(value: str) -> str:
    if not _URL.match(value) or value.lower().startswith(("javascript:", "data:", "vbscript:")):
        raise ValueError("a link url is http(s)://..., mailto:... or a relative path, without spaces or brackets")
    return value


class Link(BaseModel):
    """A link shown beside a record: ``{title: PR 12, url: https://...}``."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True)
    title: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    url: Annotated[str, StringConstraints(min_length=1, max_length=2000), AfterValidator(_url)]


class Tests(Record):
    """Test counts; the pass rate is always computed from them."""

    passed: Count
    total: Count


class Metric(Record):
    id: Id
    label: Text
    value: Text


class Command(Record):
    label: Text
    command: Text


class Achievement(Record):
    id: Id | None = None  # lets a section pick it with 'ids'
    title: Text
    text: Text
    components: list[Id] = []


class Highlight(Record):
    """An executive-summary line: an issue, the latest validation run, or a free statement."""

    issue: StrictInt | None = None
    validation: StrictBool = False
    label: StatusName | None = None
    title: Text | None = None
    text: Text | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> "Highlight":
        kinds = (self.issue is not None) + self.validation + (self.title is not None)
        if kinds != 1:
            raise ValueError("a highlight is exactly one of: 'issue: N', 'validation: true', or 'title' with 'text'")
        if self.title is not None and (self.text is None or self.label is None):
            raise ValueError("a free highlight needs 'label', 'title' and 'text'")
        return self


class Claims(Record):
    """What people state independently of the data; rules compare these with what it computes."""

    health: StatusName | None = None
    readiness: StatusName | None = None
    ready: list[Id] = []  # components stated to be ready (a hand-written "ready" list)


class Project(Record):
    name: Text
    last_updated: Date
    headline: Text | None = None
    summary: Text | None = None
    headline_metric: Id | None = None
    metrics: list[Metric] = []
    # Constructed, not Claims(): validating would build the validator at import (defer_build).
    claims: Claims = Claims.model_construct()
    highlights: list[Highlight] = []
    achievements: list[Achievement] = []


# Columns a table shows that no field holds ("Port", "Size"): column header -> the cell's text.
# Only a ``columns`` layout with a column of that header shows them (outline.md).
Fields = Annotated[dict[Annotated[str, StringConstraints(min_length=1, max_length=200)], Text], Field(max_length=30)]
ReportPath = Annotated[str, StringConstraints(min_length=1, max_length=500)]


class CoverageSource(Record):
    """A coverage report and the path prefix (a folder or file, relative to the project) it is read for."""

    report: ReportPath
    prefix: Annotated[str, StringConstraints(max_length=500)] = ""


# A record's numbers may come from files: JUnit reports (one path or a list) and a coverage report
# (a path, or a report and the prefix to read it for). Paths are relative to the project root.
JUnitPaths = ReportPath | list[ReportPath] | None
CoveragePath = ReportPath | CoverageSource | None


class Component(Record):
    id: Id
    name: Text
    status: StatusName
    note: Text | None = None
    metric: Id | None = None
    tests: Tests | None = None
    checked: Date | None = None
    max_age_days: Count | None = None
    capability: Text | None = None
    junit: JUnitPaths = None
    coverage: CoveragePath = None
    owner: Owner | None = None
    links: list[Link] = []
    fields: Fields = {}


class Phase(Record):
    name: Text
    summary: Text | None = None
    status: PhaseStatus
    completed: Date | None = None
    items: list[Text] = []


class Issue(Record):
    number: Annotated[StrictInt, Field(ge=1)]
    title: Text
    status: IssueStatus
    opened: Date | None = None
    closed: Date | None = None
    priority: Severity | None = None
    components: list[Id] = []
    phases: list[Phase] = []
    highlights: list[Text] = []
    outcome: Text | None = None
    owner: Owner | None = None
    links: list[Link] = []

    @property
    def is_closed(self) -> bool:
        return self.status in ("resolved", "closed")


class Blocker(Record):
    id: Id
    title: Text
    detail: Text | None = None
    severity: Severity
    status: Literal["open", "resolved"] = "open"
    opened: Date | None = None
    component: Id | None = None
    issue: StrictInt | None = None
    next_step: Text | None = None
    order: StrictInt | None = None
    owner: Owner | None = None
    links: list[Link] = []


class TestCategory(Record):
    id: Id
    name: Text
    status: StatusName
    note: Text | None = None
    tests: Tests | None = None
    issue: StrictInt | None = None
    junit: JUnitPaths = None
    coverage: CoveragePath = None
    fields: Fields = {}


class PriorityItem(Record):
    id: Id | None = None  # lets a section pick it with 'ids'
    title: Text
    goal: Text | None = None
    status: Text | None = None
    focus: list[Text] = []
    next_steps: Text | None = None
    issue: StrictInt | None = None


class Impact(Record):
    area: Text
    status: StatusName
    note: Text | None = None


class ValidationRun(Record):
    date: Date
    title: Text | None = None
    summary: Text | None = None
    metrics: list[Metric] = []
    impacts: list[Impact] = []
    evidence: list[Text] = []


class ChecklistItem(Record):
    """One ``[x]`` / ``[ ]`` line."""

    text: Text
    done: StrictBool = False


class Milestone(Record):
    """A roadmap entry: a release, a phase of a plan, a quarter's goal."""

    id: Id
    name: Text
    status: StatusName
    start: Period | None = None
    due: Period | None = None
    completed: Date | None = None
    percent: Annotated[StrictInt, Field(ge=0, le=100)] | None = None
    owner: Owner | None = None
    note: Text | None = None
    items: list[ChecklistItem] = []
    links: list[Link] = []
    fields: Fields = {}


class Risk(Record):
    """A risk or known issue: something that may go, or already goes, wrong."""

    id: Id
    title: Text
    status: StatusName
    severity: Annotated[str, StringConstraints(min_length=1, max_length=40)] | None = None
    owner: Owner | None = None
    component: Id | None = None
    mitigation: Text | None = None
    note: Text | None = None
    links: list[Link] = []
    fields: Fields = {}


class Checklist(Record):
    id: Id
    title: Text
    # An empty checklist would render its title over nothing.
    items: Annotated[list[ChecklistItem], Field(min_length=1)]


MAX_BODY = 20_000


class FreeSection(Record):
    """Markdown written by hand, rendered as written (checked so it cannot break what follows)."""

    id: Id
    heading: Annotated[str, StringConstraints(min_length=1, max_length=200)] | None = None
    body: Annotated[str, StringConstraints(min_length=1, max_length=MAX_BODY)]


class Column(Record):
    """One column of a section's table: its header, and the format of its cells (layout.py)."""

    header: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    # None: the record's ``fields`` entry named by the header.
    cell: Annotated[str, StringConstraints(min_length=1, max_length=500)] | None = None

"""Pictures as Mermaid source, which GitHub and GitLab draw from a ```mermaid fence. Pure.

User text reaches a diagram only as a label, through ``label``: it becomes one line, and every
character that Mermaid's grammars give a meaning to inside a label (quotes and brackets of the
flowchart, ':' ';' '#' of the gantt, '%%' directives anywhere, HTML tags and entities, Markdown
strings in backticks) is replaced by a look-alike that has none. So a component called
``%%{init: ...}%%`` or ``end`` or ``"]; click x call evil()`` is drawn as its text, never obeyed.
Node ids are generated (``c1``, ``c2``), never taken from the data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from .derive import level_of
from .escape import one_line
from .vocabulary import ICONS, RANK

if TYPE_CHECKING:
    from . import models as m
    from .vocabulary import Label, Level

# Look-alikes with no meaning in any Mermaid grammar (fullwidth forms and angle quotes).
_LOOKALIKES = str.maketrans(
    {
        '"': "＂",
        "'": "＇",
        "`": "ˋ",
        "#": "＃",
        "%": "％",
        ":": "：",
        ";": "；",
        "<": "‹",
        ">": "›",
        "&": "＆",
        "[": "［",
        "]": "］",
        "{": "｛",
        "}": "｝",
        "(": "（",
        ")": "）",
        "|": "｜",
        "\\": "＼",
    }
)
MAX_LABEL = 60
LEVEL_STYLE = {
    "ok": "fill:#dafbe1,stroke:#2da44e,color:#1f2328",
    "warn": "fill:#fff8c5,stroke:#bf8700,color:#1f2328",
    "fail": "fill:#ffebe9,stroke:#cf222e,color:#1f2328",
}
LEVEL_VALUE = {"fail": 0, "warn": 1, "ok": 2}  # the health chart's y axis: higher is better


def label(text: str, limit: int = MAX_LABEL) -> str:
    """User text as a label that every Mermaid grammar reads as plain text."""
    flat = one_line(text).translate(_LOOKALIKES)
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def component_map(components: Sequence[m.Component], labels: dict[str, Label]) -> str:
    """Components grouped by level (worst first), each coloured by its level: health at a glance."""
    lines = ["flowchart LR"]
    groups: dict[str, list[str]] = {}
    for number, c in enumerate(components, start=1):
        level = level_of(c.status, labels)
        node = f'    c{number}["{label(c.name)}<br/>{ICONS[level]} {label(c.status)}"]:::{level}'
        groups.setdefault(level, []).append(node)
    for group in sorted(groups, key=lambda lv: -RANK[lv]):
        lines.append(f'  subgraph g_{group}["{ICONS[group]} {group}: {len(groups[group])}"]')
        lines += groups[group]
        lines.append("  end")
    lines += [f"  classDef {name} {style}" for name, style in LEVEL_STYLE.items()]
    return "\n".join(lines) + "\n"


class Bar(NamedTuple):
    """One bar of the timeline: a group (gantt section), a name, its dates and its state."""

    group: str
    name: str
    start: dt.date
    end: dt.date
    state: str  # "done" | "active" | "open"


def issue_bars(issues: Sequence[m.Issue], today: dt.date) -> list[Bar]:
    """Issues and their phases as bars, from the dates the data holds.

    A phase runs from the previous phase's completion (or the issue's opening) to its own; one in
    progress runs to ``today`` (the document's ``last_updated``). Undated parts are left out.
    """
    bars: list[Bar] = []
    for issue in issues:
        group = f"Issue {issue.number} - {issue.title}"
        if issue.opened is None:
            continue
        start = issue.opened
        for number, phase in enumerate(issue.phases, start=1):
            if phase.status == "done" and phase.completed is not None:
                end, state = phase.completed, "done"
            elif phase.status == "in_progress":
                end, state = today, "active"
            else:
                continue
            bars.append(Bar(group, f"{number}. {phase.name}", min(start, end), max(start, end), state))
            start = max(start, end)
        if not issue.phases:
            end = issue.closed or today
            state = "done" if issue.is_closed else "active"
            bars.append(
                Bar(group, f"{issue.number}. {issue.title}", min(issue.opened, end), max(issue.opened, end), state)
            )
    return bars


def milestone_bars(milestones: Sequence[m.Milestone], today: dt.date, group: str) -> list[Bar]:
    """Milestones with dates as bars: from ``start`` to ``completed`` (done) or ``due``; one with a
    single date is a point. Free-text dates ("Q3 2025") are left out."""
    bars: list[Bar] = []
    for ms in milestones:
        start = ms.start if isinstance(ms.start, dt.date) else None
        due = ms.due if isinstance(ms.due, dt.date) else None
        end = ms.completed or due
        if start is None and end is None:
            continue
        first, last = start or end or today, end or start or today
        state = "done" if ms.completed else "active" if first <= today else "open"
        bars.append(Bar(group, ms.name, min(first, last), max(first, last), state))
    return bars


def gantt(bars: Sequence[Bar], title: str = "") -> str:
    """A gantt chart of the bars, grouped in the order the groups first appear."""
    lines = [
        "gantt",
        *([f"  title {label(title)}"] if title else []),
        "  dateFormat YYYY-MM-DD",
        "  axisFormat %Y-%m-%d",
    ]
    current = None
    for bar in bars:
        if bar.group != current:
            current = bar.group
            lines.append(f"  section {label(bar.group)}")
        tags = [] if bar.state == "open" else [bar.state]
        if bar.start == bar.end:
            tags.insert(0, "milestone")
            when = f"{bar.start.isoformat()}, 0d"
        else:
            when = f"{bar.start.isoformat()}, {bar.end.isoformat()}"
        lines.append(f"    {label(bar.name)} :{', '.join([*tags, when])}")
    return "\n".join(lines) + "\n"


class Point(NamedTuple):
    """The health of one published status: its date and rolled-up level."""

    date: dt.date
    level: Level


def health_chart(points: Sequence[Point], title: str = "") -> str:
    """The health level of the last statuses as a line chart (0 fail, 1 warn, 2 ok)."""
    axis = ", ".join(f'"{p.date.isoformat()}"' for p in points)
    values = ", ".join(str(LEVEL_VALUE[p.level]) for p in points)
    return (
        "xychart-beta\n"
        + (f'  title "{label(title)}"\n' if title else "")
        + f"  x-axis [{axis}]\n"
        + '  y-axis "0 fail, 1 warn, 2 ok" 0 --> 2\n'
        + f"  line [{values}]\n"
    )

"""Recognisers for lists: next steps, known issues, blockers, issues, components, milestones, achievements.

A list becomes records of one kind, rendered back through an ``item`` layout (listitems.py). The
kind comes from the words of the heading or bold label above the list ("Known Issues" -> risks),
or from the items themselves (issue numbers with states -> issues; ``icon **Name**: note`` ->
components). The item shape is inferred once per list: candidate layouts are tried in order, and
one is taken only when every item of the list parses with it and renders back exactly, compared
here line by line. Anything else declines, which keeps the list verbatim in a free section.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Any, NamedTuple

from pydantic import ValidationError

from .. import models as m
from ..claims import ICONS
from ..layout import names
from ..listitems import LEVELLED, line, status_of
from ..words import ENGLISH_WORDS
from .blocks import Block, plain_heading
from .context import Context, Found, heading_entry

if TYPE_CHECKING:
    from ..vocabulary import Label


class _Kind(NamedTuple):
    file: str
    key: str
    model: type[m.Record]
    name: str  # the field a list item names the record by
    text: str  # the field that holds the rest of the item's text


KINDS: dict[str, _Kind] = {
    "components": _Kind("components.yaml", "components", m.Component, "name", "note"),
    "risks": _Kind("risks.yaml", "risks", m.Risk, "title", "note"),
    "blockers": _Kind("blockers.yaml", "blockers", m.Blocker, "title", "detail"),
    "priorities": _Kind("priorities.yaml", "items", m.PriorityItem, "title", "goal"),
    "achievements": _Kind("project.yaml", "achievements", m.Achievement, "title", "text"),
    "milestones": _Kind("milestones.yaml", "milestones", m.Milestone, "name", "note"),
    "issues": _Kind("issues.yaml", "issues", m.Issue, "title", "outcome"),
}
# The words of a heading or bold label that say what its list holds; the first match wins.
_TITLE_KINDS = (
    ("blockers", re.compile(r"\bblock(?:ers?|ing)\b", re.I)),
    (
        "risks",
        re.compile(r"\b(known (issues|problems|bugs|limitations)|limitations?|risks?|technical debt|caveats)\b", re.I),
    ),
    (
        "priorities",
        re.compile(r"\b(next steps?|priorit(y|ies)|upcoming|to ?do|action items|immediate|short[- ]term)\b", re.I),
    ),
    ("achievements", re.compile(r"\b(achievements?|highlights?|accomplishments?)\b", re.I)),
    ("milestones", re.compile(r"\b(milestones?|roadmap)\b", re.I)),
)
# Longer lists stay text (as tables over 2,000 rows do): import time grows with the records written.
MAX_ITEMS = 2000
# A list's own lines: top-level items of one line each.
_ITEM_LINE = re.compile(r"(?:[-*+]|[0-9]{1,9}[.)]) \S")
_BOLD_LABEL = re.compile(r"\*\*([^*]+):\*\*\s*")
_ISSUE_MENTION = re.compile(r"#[0-9]+\b")
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_LABEL_KINDS = frozenset({"components", "risks", "milestones"})
# With only a marker written, the record's status is the first of these labels at the marker's level.
_PREFERRED = {"ok": ("OK", "DONE"), "warn": ("PARTIAL", "AT RISK"), "fail": ("BROKEN", "FAILING")}
_ISSUE_WORDS = {"OPEN": "open", "IN PROGRESS": "in_progress", "RESOLVED": "resolved", "CLOSED": "closed"}

# Item shapes, most specific first. N and T stand for the kind's name and text fields.
_CORES = (
    "**{N}**: {T}",
    "**{N}:** {T}",
    "**{N}** - {T}",
    "**{N}** — {T}",
    "**{N}**",
    "{N}: {T}",
    "{N} - {T}",
    "{N}",
)
# Shapes with the marker after the name ("**Auth:** ✅ works"), for kinds with a level.
_ICON_CORES = (
    "**{N}**: {icon} {T}",
    "**{N}:** {icon} {T}",
    "**{N}**: {icon} **{status}**",
    "**{N}:** {icon} **{status}**",
)
_STATUS_TRAILS = (" **{status}**", " - **{status}**", " ({status})", " - {status}")
_PERCENT_TRAILS = (" ({percent}%)", " - {percent}%")
_ISSUE_CORES = (
    "**Issue #{number}**: {title} - **{status}** ({outcome})",
    "**Issue #{number}**: {title} - **{status}**",
    "**Issue #{number} {status}:** {title}",
    "**Issue #{number}**: {title} ({status})",
    "**Issue #{number}**: {title}",
    "**#{number}** {title} - {status}",
    "**#{number}**: {title}",
    "Issue #{number}: {title} - {status}",
    "Issue #{number}: {title}",
    "#{number}: {title}",
    "#{number} {title}",
)


def heading_list(context: Context, index: int) -> Found | None:
    """A plain heading directly over a list that becomes records: the heading is the section's."""
    blocks = context.blocks
    if index + 1 >= len(blocks) or blocks[index + 1].type not in ("bullet_list", "ordered_list"):
        return None
    heading = plain_heading(blocks[index], context.lines)
    if heading is None:
        return None
    found = _records(context, index + 1, _titles(context, index + 1))
    if found is None:
        return None
    kind, layout, records = found
    return _found(context, kind, layout, records, 2, heading, blocks[index + 1].start)


def bare_list(context: Context, index: int) -> Found | None:
    """A list under a heading or bold label kept as text: the section has no heading of its own."""
    if context.blocks[index].type not in ("bullet_list", "ordered_list"):
        return None
    found = _records(context, index, _titles(context, index))
    if found is None:
        return None
    kind, layout, records = found
    return _found(context, kind, layout, records, 1, ("", 2), context.blocks[index].start)


def _found(
    context: Context,
    kind: str,
    layout: str,
    records: list[dict[str, Any]],
    blocks: int,
    heading: tuple[str, int],
    first: int,  # 0-based line of the first item (each item is one line)
) -> Found:
    """Ids given (only now that the list is claimed), and the outline entry that renders them."""
    spec = KINDS[kind]
    ids = []
    for record in records:
        if kind == "issues":
            context.ids.setdefault("issues", set()).add(str(record["number"]))
            ids.append(str(record["number"]))
            continue
        record["id"] = context.unique(spec.key, str(record[spec.name]), kind)
        ids.append(record["id"])
    ordered = [_ordered(record, spec) for record in records]
    title, level = heading
    section = heading_entry(kind, title, level, item=layout, ids=ids)
    return Found(blocks, spec.file, spec.key, ordered, section, [first + n for n in range(len(records))])


def _ordered(record: dict[str, Any], spec: _Kind) -> dict[str, Any]:
    """The record's keys in the order of its model (id and name first), for readable YAML."""
    return {key: record[key] for key in spec.model.model_fields if key in record}


def _titles(context: Context, index: int) -> list[str]:
    """What stands above block ``index``: a bold label paragraph right before it, then the headings over it."""
    titles = []
    before = context.blocks[index - 1] if index else None
    if before is not None and before.type == "paragraph":
        text = " ".join(context.lines[before.start : before.end]).strip()
        label = _BOLD_LABEL.fullmatch(text)
        if label:
            titles.append(label[1])
    level = 7
    for block in reversed(context.blocks[:index]):
        if block.type == "heading" and block.level < level:
            titles.append(block.text)
            level = block.level
    return titles


def _kind_of(titles: list[str]) -> str | None:
    for title in titles:
        for kind, pattern in _TITLE_KINDS:
            if pattern.search(title):
                return kind
    return None


def _records(context: Context, index: int, titles: list[str]) -> tuple[str, str, list[dict[str, Any]]] | None:
    """(kind, layout, records) when every item of the list renders back exactly; else None."""
    items = _item_lines(context, context.blocks[index])
    if items is None:
        return None
    kinds = []
    if all(_ISSUE_MENTION.search(item) for item in items):
        kinds.append("issues")
    titled = _kind_of(titles)
    if titled is not None:
        kinds.append(titled)
    if "components" not in kinds:
        kinds.append("components")
    marker = "{n}" + items[0][len(items[0].split(" ", 1)[0]) - 1] if items[0][0].isdigit() else items[0][0]
    for kind in kinds:
        for layout in _layouts(kind, marker):
            records = _parse(context, kind, layout, items)
            if records is not None:
                return kind, layout, records
    return None


def _item_lines(context: Context, block: Block) -> list[str] | None:
    """The list's lines when each is one top-level item (no nesting, no wrapped or blank lines)."""
    lines = [text.rstrip() for text in context.lines[block.start : block.end]]
    while lines and not lines[-1]:
        lines.pop()
    if not lines or len(lines) > MAX_ITEMS or not all(_ITEM_LINE.match(text) for text in lines):
        return None
    return lines


@functools.cache
def _layouts(kind: str, marker: str) -> tuple[str, ...]:
    """Every candidate layout of a kind for a list marker, most specific first."""
    spec = KINDS[kind]
    levelled = kind not in ("priorities", "achievements")
    cores = (
        _ISSUE_CORES
        if kind == "issues"
        else tuple(core.replace("{N}", f"{{{spec.name}}}").replace("{T}", f"{{{spec.text}}}") for core in _CORES)
    )
    trails: tuple[str, ...] = ("",)
    if kind in _LABEL_KINDS:
        trails += _STATUS_TRAILS
    if kind == "milestones":
        trails += _PERCENT_TRAILS
    found = []
    if kind in LEVELLED and kind != "issues":
        for core in _ICON_CORES:
            if "{status}" not in core or kind in _LABEL_KINDS:
                core = core.replace("{N}", f"{{{spec.name}}}").replace("{T}", f"{{{spec.text}}}")
                found += [f"{marker} {core}{trail}" for trail in trails if "{status}" not in core or not trail]
    for core in cores:
        for trail in (*trails[1:], trails[0]):  # a trail that reads a status or percent before none
            # An item's icon is its status: a layout that reads it comes before one that would
            # keep it as part of the text ('- ✅ Memory leak' is not a risk titled '✅ Memory leak').
            if levelled:
                found.append(f"{marker} {{icon}} {core}{trail}")
                if "{status}" not in trail:
                    found.append(f"{marker} {core}{trail} {{icon}}")
            found.append(f"{marker} {core}{trail}")
    # Every candidate is a valid 'item' layout (a test runs listitems.check over all of them):
    # checking them here parsed a hundred samples with markdown-it in every import.
    return tuple(found)


@functools.cache
def _pattern(layout: str) -> re.Pattern[str]:
    """A regular expression with one named group per placeholder of the layout."""
    parts = re.split(r"\{([a-z_]+)\}", layout)
    # An item whose status is its icon and whose only text is its name: a separator in that text
    # means a detail the name would swallow ('✅ Search - BROKEN' is not a component named
    # 'Search - BROKEN' that is OK), so such a list stays as written.
    texts = [p for p in parts[1::2] if p not in ("icon", "status", "percent", "n", "number")]
    bare = "icon" in parts[1::2] and len(texts) == 1 and texts[0] in ("name", "title")
    regex = ""
    for number, part in enumerate(parts):
        if number % 2 == 0:
            regex += re.escape(part)
        elif part == "icon":
            regex += r"(?P<icon>\S{1,2})"
        elif part in ("n", "number", "percent"):
            regex += rf"(?P<{part}>[0-9]{{1,9}})"
        elif bare and part == texts[0]:
            regex += rf"(?P<{part}>(?:(?!: | [-–—] ).)*?\S)"
        else:
            regex += rf"(?P<{part}>\S.*?)"
    return re.compile(regex + r"\Z")


@functools.cache
def _literals(layout: str) -> tuple[str, ...]:
    """The layout's text around its placeholders: the pattern matches these, escaped, in order."""
    return tuple(re.split(r"\{[a-z_]+\}", layout))


def _may_match(layout: str, item: str) -> bool:
    """Whether the item holds the layout's literal text in order, as ``_pattern`` must find it.

    A list is tried against dozens of layouts, and compiling a pattern costs more than this test:
    most layouts fail it (an item without ': ' cannot be '{name}: {note}').
    """
    literals = _literals(layout)
    if not item.startswith(literals[0]) or not item.endswith(literals[-1]):
        return False
    at = len(literals[0])
    for literal in literals[1:-1]:
        at = item.find(literal, at)
        if at < 0:
            return False
        at += len(literal)
    return True


def _parse(context: Context, kind: str, layout: str, items: list[str]) -> list[dict[str, Any]] | None:
    """The records, when every item matches the layout and renders back as written."""
    if not all(_may_match(layout, item) for item in items):
        return None
    pattern = _pattern(layout)
    spec = KINDS[kind]
    records = []
    for n, item in enumerate(items, start=1):
        match = pattern.match(item)
        if match is None:
            return None
        record = _record(kind, {k: v for k, v in match.groupdict().items() if k != "n"}, context.labels)
        if record is None:
            return None
        try:
            given = {"id": "x", **record} if "id" in spec.model.model_fields else record
            model = spec.model.model_validate(given, context={"labels": context.labels})
        except ValidationError:
            return None
        status = status_of(kind, model, context.labels)
        if line(layout, kind, model, n, status, ENGLISH_WORDS) != item:
            return None
        percent = getattr(model, "percent", None)
        if percent is not None and status is not None and (percent == 100) != (status.level == "ok"):
            return None  # rule SG602 would refuse the data (✅ at 80%): the document must settle it first
        records.append(record)
    if kind == "issues":
        numbers = [str(record["number"]) for record in records]
        if len(set(numbers)) != len(numbers) or set(numbers) & context.ids.get("issues", set()):
            return None  # an issue is one record: a second list naming it stays text
    if kind == "achievements" and not {"title", "text"} <= set(names(layout)):
        return None
    return records


def _record(kind: str, raw: dict[str, str], labels: dict[str, Label]) -> dict[str, Any] | None:
    """A record's fields from the texts the layout matched; None when they cannot make one."""
    record: dict[str, Any] = {}
    for key, value in raw.items():
        if key in ("icon", "status"):
            continue
        text = _ESCAPED.sub(r"\1", value)
        record[key] = int(text) if key in ("number", "percent") else text
    level = ICONS.get(raw["icon"].replace("\ufe0f", "")) if "icon" in raw else None
    if "icon" in raw and level is None:
        return None
    written = raw.get("status")
    if kind == "issues":
        state = _ISSUE_WORDS.get(written or "") or {"ok": "closed", "warn": "open"}.get(level or "")
        if state is None:
            return None
        record["status"] = state
    elif kind == "blockers":
        severity = {"fail": "P0", "warn": "P1"}.get(level or "")
        if severity is None:
            return None  # a blocker's severity decides readiness: never guessed from nothing
        record["severity"] = severity
    elif kind in _LABEL_KINDS:
        status = _status(level, raw.get("icon"), written, labels, kind)
        if status is None:
            return None
        record["status"] = status
    return record


def _status(
    level: str | None, icon: str | None, written: str | None, labels: dict[str, Label], kind: str
) -> str | dict[str, str] | None:
    """A record's status from its marker and status word as written, or None when they disagree.

    A word that is a label is the label; another status word of lint's vocabulary ("Completed")
    is shown as written over a label of its level (``{label, text}``), and a marker other than the
    label's icon (🟢) is kept the same way (``icon``), so the line comes back as the document had it.
    """
    text = None
    said: str | None
    if written is not None and written in labels:
        label: str | None = written
        said = labels[written].level
    elif written is not None:
        said = _vocabulary(labels).get(" ".join(written.upper().replace("_", " ").split()))
        if said is None:
            return None
        label, text = _label_for(said, labels, kind), written
    else:
        said = level
        label = _label_for(level, labels, kind)
    if label is None or (level is not None and said != level):
        return None
    shown: dict[str, str] = {"label": label}
    if text is not None:
        shown["text"] = text
    if icon is not None and icon != labels[label].icon:
        shown["icon"] = icon
    return shown if len(shown) > 1 else label


@functools.lru_cache(maxsize=4)
def _levels(labels: tuple[tuple[str, str], ...]) -> dict[str, str]:
    from ..claims import vocabulary

    return vocabulary(dict(labels))


def _vocabulary(labels: dict[str, Label]) -> dict[str, str]:
    """Lint's status words (with the project's labels) and their levels."""
    return _levels(tuple(sorted((name, label.level) for name, label in labels.items())))


def _label_for(level: str | None, labels: dict[str, Label], kind: str) -> str | None:
    """A label for a record whose list shows only a marker (or, for a risk, nothing: AT RISK)."""
    if level is None:
        return "AT RISK" if kind == "risks" and "AT RISK" in labels else None
    for name in _PREFERRED[level]:
        if name in labels and labels[name].level == level:
            return name
    return next((name for name, label in labels.items() if label.level == level), None)

"""The generated document never contradicts itself, over random but valid data sets (issue 9.2).

Each example draws a data folder (YAML files, every optional file present or not), runs the real
pipeline on it (load, validate, rules, view, templates), parses the Markdown with markdown-it-py
and hands the data and the text to every checker in ``CHECKERS``. A checker is a function
``(case, markdown_text) -> list of failures``; it reads the document as a reader would and compares
it with the records, computing what it needs from the data itself (never through status-gen's own
derivations, which are what is under test).

Extending it is one line:

- a new consistency check: ``CHECKERS.append(my_check)``;
- a new data file (a new section kind's records): a ``draw_<kind>(draw, ids) -> dict`` added to
  ``OPTIONAL_FILES``.

Examples: 30 by default (CI); ``STATUS_GEN_PROPERTY_EXAMPLES=5000 pytest tests/test_consistency.py``
for a long local run.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from status_gen.api import build
from status_gen.dataset import Dataset
from status_gen.settings import Config
from status_gen.vocabulary import DEFAULT_LABELS

EXAMPLES = int(os.environ.get("STATUS_GEN_PROPERTY_EXAMPLES", "30"))
PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
LABELS = sorted(DEFAULT_LABELS)
LAST_UPDATED = dt.date(2025, 9, 17)
ISSUE_WORDS = {"open": "OPEN", "in_progress": "IN PROGRESS", "resolved": "RESOLVED", "closed": "CLOSED"}


# --- the document as a reader sees it -----------------------------------------------------------


class Block(NamedTuple):
    """One piece of text: a heading, a paragraph, a list item's paragraph or a table cell."""

    kind: str  # "heading" | "paragraph" | "item" | "cell" | "hr" | "fence"
    level: int  # heading level; list depth for items; 0 otherwise
    text: str  # escapes resolved, markup removed
    strong: tuple[str, ...]  # the bold runs, in order
    section: str  # the text of the enclosing '##' heading ('' before the first)


@functools.lru_cache(maxsize=8)
def blocks(markdown: str) -> tuple[Block, ...]:
    """The document's text pieces in order (cached: every checker reads the same document)."""
    found: list[Block] = []
    tokens = PARSER.parse(markdown)
    section, depth, pending_heading, in_cell = "", 0, 0, False
    for token in tokens:
        if token.type == "heading_open":
            pending_heading = int(token.tag[1])
        elif token.type == "bullet_list_open" or token.type == "ordered_list_open":
            depth += 1
        elif token.type == "bullet_list_close" or token.type == "ordered_list_close":
            depth -= 1
        elif token.type in ("th_open", "td_open"):
            in_cell = True
        elif token.type in ("th_close", "td_close"):
            in_cell = False
        elif token.type == "hr":
            found.append(Block("hr", 0, "", (), section))
        elif token.type == "fence":  # a picture (```mermaid): content, kept verbatim
            found.append(Block("fence", 0, token.content, (token.info,), section))
        elif token.type == "inline":
            text, strong = _read_inline(token)
            if pending_heading:
                if pending_heading <= 2:
                    section = text if pending_heading == 2 else ""
                found.append(Block("heading", pending_heading, text, strong, section))
                pending_heading = 0
            elif in_cell:
                found.append(Block("cell", 0, text, strong, section))
            else:
                found.append(Block("item" if depth else "paragraph", depth, text, strong, section))
    return tuple(found)


def _read_inline(token: Any) -> tuple[str, tuple[str, ...]]:
    text: list[str] = []
    strong: list[str] = []
    bold: list[str] | None = None
    for child in token.children or []:
        if child.type == "strong_open":
            bold = []
        elif child.type == "strong_close" and bold is not None:
            strong.append("".join(bold))
            bold = None
        piece = {"softbreak": " ", "hardbreak": " "}.get(child.type, child.content if child.type in _TEXTUAL else "")
        text.append(piece)
        if bold is not None:
            bold.append(piece)
    return "".join(text), tuple(strong)


_TEXTUAL = {"text", "code_inline", "text_special"}


def after(found: Sequence[Block], lead: str) -> list[Block]:
    """The list items that follow the paragraph reading ``lead`` (a bold lead-in such as 'Not Yet Ready:')."""
    for index, block in enumerate(found):
        if block.kind == "paragraph" and block.text == lead:
            items = []
            for nxt in found[index + 1 :]:
                if nxt.kind != "item":
                    break
                items.append(nxt)
            return [i for i in items if i.level == 1]
    return []


# --- the cases -----------------------------------------------------------------------------------


class Case(NamedTuple):
    """What a checker gets besides the text: the validated records and the settings."""

    data: Dataset
    config: Config
    files: dict[str, Any]

    def level(self, label: str) -> str:
        found = self.config.labels.get(label)
        return found.level if found else "fail"

    def open_p0(self) -> list[Any]:
        return [b for b in self.data.blockers if b.status == "open" and b.severity == "P0"]


Checker = Callable[[Case, str], list[str]]


def render_case(files: dict[str, Any]) -> tuple[Case, str]:
    """Write the files to a scratch data folder and run the real pipeline over it."""
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        (root / "data").mkdir()
        for kind, content in files.items():
            text = yaml.safe_dump(content, sort_keys=False, allow_unicode=True)
            (root / "data" / f"{kind}.yaml").write_text(text, encoding="utf-8")
        config = Config(root=root, data=root / "data", templates=None)
        result = build(config, LAST_UPDATED)
    return Case(result.data, config, files), result.text


# --- the checkers --------------------------------------------------------------------------------

VERDICT = re.compile(r"Deployment Readiness: \S+ (NOT READY|READY WITH RISKS|READY)\b")


def readiness_agrees(case: Case, text: str) -> list[str]:
    """One verdict everywhere; READY only without fail-level components or open P0/P1 blockers."""
    failures = []
    found = blocks(text)
    verdicts = {m[1] for b in found for m in VERDICT.finditer(b.text)}
    # The reference outline's readiness section shows once there are blockers or components.
    shown = bool("blockers" in case.data.kinds or case.data.components)
    if len(verdicts) > 1 or (shown and not verdicts):
        failures.append(f"readiness verdicts stated: {sorted(verdicts)}")
    levels = [case.level(c.status) for c in case.data.components]
    opened = [b.severity for b in case.data.blockers if b.status == "open"]
    if "fail" in levels or "P0" in opened:
        expected = "NOT READY"
    elif "warn" in levels or "P1" in opened:
        expected = "READY WITH RISKS"
    else:
        expected = "READY"
    if verdicts and verdicts != {expected}:
        failures.append(f"verdict {sorted(verdicts)} but components {levels} and open blockers {opened}")
    impact_lines = [b for b in found if b.kind == "item" and b.text.startswith("Deployment Readiness:")]
    if len(impact_lines) > 1:
        failures.append(f"the readiness line is printed {len(impact_lines)} times")
    return failures


CAUSE = re.compile(r"(\d+) (open P[01] blocker|components? at (?:fail|warn) level)s?")
NO_CAUSE = "no open P0 or P1 blockers, every component at ok level"


def readiness_reason_names_every_cause(case: Case, text: str) -> list[str]:
    """The reason beside the verdict counts every open P0/P1 blocker and fail/warn component."""
    levels = [case.level(c.status) for c in case.data.components]
    opened = [b.severity for b in case.data.blockers if b.status == "open"]
    causes = {
        "open P0 blocker": opened.count("P0"),
        "component at fail level": levels.count("fail"),
        "open P1 blocker": opened.count("P1"),
        "component at warn level": levels.count("warn"),
    }
    expected = {cause: n for cause, n in causes.items() if n}
    failures = []
    for block in blocks(text):
        if not block.strong or block.strong[0] not in ("Confidence Level:", "Deployment Readiness:"):
            continue
        reason = block.text.partition(" - ")[2]
        stated = {m[2].replace("components", "component"): int(m[1]) for m in CAUSE.finditer(reason)}
        if stated != expected or (not expected and reason != NO_CAUSE):
            failures.append(f"{block.strong[0]} reason {reason!r}, but the causes are {expected or NO_CAUSE}")
    return failures


def ready_lists_agree(case: Case, text: str) -> list[str]:
    """Listed as ready ⇒ ok level; ok level with a capability ⇒ listed; not-ready list ⇒ not ok."""
    found = blocks(text)
    by_name = {c.name: c for c in case.data.components}
    ready = {b.strong[0].rstrip(":") for b in after(found, "Staging Ready Components:") if b.strong}
    unready = {b.strong[0] for b in after(found, "Not Yet Ready:") if b.strong}
    failures = []
    for name in sorted(ready):
        component = by_name.get(name)
        if component is None or case.level(component.status) != "ok":
            failures.append(f"'{name}' is listed as ready but is not at ok level")
    for component in case.data.components:
        ok = case.level(component.status) == "ok"
        if ok and component.capability and component.name not in ready:
            failures.append(f"'{component.name}' is at ok level with a capability but not listed as ready")
        if component.name in unready and ok:
            failures.append(f"'{component.name}' is at ok level but listed as not yet ready")
    return failures


P0_REASON = re.compile(r"(\d+) open P0 blockers?")


def p0_counts_agree(case: Case, text: str) -> list[str]:
    """Every statement of the P0 count says the number of open P0 blockers."""
    found = blocks(text)
    expected = len(case.open_p0())
    stated: list[tuple[str, int]] = []
    stated += [("reason", int(m[1])) for b in found for m in P0_REASON.finditer(b.text)]
    if any(b.kind == "heading" and b.text.startswith("P0 Critical Issues") for b in found):
        listed = _list_under(found, "P0 Critical Issues")
        stated.append(("validation list", len(listed)))
    if any(b.text == "Critical Blockers (P0):" for b in found):
        stated.append(("readiness list", len(after(found, "Critical Blockers (P0):"))))
    elif expected and case.data.components is not None:
        stated.append(("readiness list (absent)", 0))
    if not expected and any(P0_REASON.search(b.text) for b in found):
        stated.append(("reason with no P0", -1))
    return [f"{where} says {n} open P0 blockers, the data has {expected}" for where, n in stated if n != expected]


def _list_under(found: Sequence[Block], heading: str) -> list[Block]:
    for index, block in enumerate(found):
        if block.kind == "heading" and block.text.startswith(heading):
            items = []
            for nxt in found[index + 1 :]:
                if nxt.kind == "heading":
                    break
                if nxt.kind == "item" and nxt.level == 1:
                    items.append(nxt)
            return items
    return []


MENTION = re.compile(r"Issue:? ?#(\d+)")
STATE_WORD = re.compile(r"\b(OPEN|IN PROGRESS|RESOLVED|CLOSED)\b")
DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def issue_mentions_agree(case: Case, text: str) -> list[str]:
    """Each line that names one issue gives its own status word and close date, and no other."""
    failures = []
    issues = case.data.issue_by_number
    stated: set[int] = set()
    for block in blocks(text):
        numbers = {int(n) for n in MENTION.findall(block.text)}
        if len(numbers) != 1 or block.kind == "hr":
            continue
        number = numbers.pop()
        issue = issues.get(number)
        if issue is None:  # free text citing some other tracker's issue
            continue
        words = set(STATE_WORD.findall(block.text))
        dates = set(DATE.findall(block.text))
        closed = str(issue.closed) if issue.closed and issue.status in ("closed", "resolved") else None
        if words - {ISSUE_WORDS[issue.status]}:
            failures.append(f"issue #{number} is {issue.status} but a line says {sorted(words)}: {block.text!r}")
        if dates - ({closed} if closed else set()):
            failures.append(f"issue #{number} closed {closed} but a line says {sorted(dates)}: {block.text!r}")
        if words and closed and closed not in dates:
            failures.append(f"issue #{number}'s close date {closed} is missing from {block.text!r}")
        if words:
            stated.add(number)
    missing = sorted(set(issues) - stated)
    if missing:
        failures.append(f"issues never stated with their status: {missing}")
    return failures


def closed_issues_not_in_priorities(case: Case, text: str) -> list[str]:
    """Nothing under 'Current Priorities' names a closed issue."""
    closed = {i.number for i in case.data.issues if i.status in ("closed", "resolved")}
    return [
        f"closed issue #{n} appears among current priorities: {b.text!r}"
        for b in blocks(text)
        if b.section.startswith("Current Priorities")
        for n in {int(x) for x in re.findall(r"#(\d+)", b.text)} & closed
    ]


def headings_well_formed(case: Case, text: str) -> list[str]:
    """One '#' title first; then every block under a '##'; no level skipped; no empty '##'."""
    found = blocks(text)
    failures = []
    headings = [b for b in found if b.kind == "heading"]
    if not headings or headings[0].level != 1 or sum(h.level == 1 for h in headings) != 1:
        failures.append(f"expected one '#' title first, got {[(h.level, h.text) for h in headings[:3]]}")
    previous = 1
    for h in headings[1:]:
        if h.level > previous + 1:
            failures.append(f"'{h.text}' is level {h.level} right after level {previous}")
        previous = h.level
    seen_h2 = False
    for index, block in enumerate(found):
        if block.kind == "heading" and block.level == 2:
            seen_h2 = True
            nxt = found[index + 1] if index + 1 < len(found) else None
            if nxt is None or (nxt.kind == "heading" and nxt.level <= 2):
                failures.append(f"section '{block.text}' is empty")
        if block.kind == "heading" and block.level > 2 and not seen_h2:
            failures.append(f"'{block.text}' stands under no '##' section")
        if block.kind == "hr":
            nxt = found[index + 1] if index + 1 < len(found) else None
            if nxt is not None and nxt.kind != "heading":
                failures.append(f"a '---' is followed by text without a heading: {nxt.text!r}")
    # Before the first '##': only the title and the header's one-line quote.
    first_h2 = next((i for i, b in enumerate(found) if b.kind == "heading" and b.level == 2), len(found))
    loose = [b.text for b in found[:first_h2] if b.kind != "heading" and not b.text.startswith("Last Updated:")]
    if loose:
        failures.append(f"text before the first section: {loose}")
    return failures


DOUBLED = re.compile(r"[.!?:;,]\s*[.!?:;,]")


def no_doubled_punctuation(case: Case, text: str) -> list[str]:
    """No '..', '.:', ', .' and the like: the template never adds a stop after one."""
    return [f"doubled punctuation in {b.text!r}" for b in blocks(text) if b.kind != "fence" and DOUBLED.search(b.text)]


HEALTH_LINE = re.compile(r"[^:]+: (?:✅|⚠️|❌) \S.*")


def health_line_is_a_sentence(case: Case, text: str) -> list[str]:
    """The health line's text (summary, headline metric, or both) ends with a full stop."""
    return [
        f"the health line does not end a sentence: {b.text!r}"
        for b in blocks(text)
        if b.kind == "paragraph"
        and b.strong
        and HEALTH_LINE.fullmatch(b.strong[0])
        and b.text.startswith(b.strong[0] + " - ")
        and not b.text.endswith((".", "!", "?", "…"))
    ]


# Lint rules that restate a data rule: data that breaks the data rule (an ok label over 0/1 tests)
# renders a document stating that contradiction, and lint rightly reports it as well.
LINT_MIRRORS = {"SL503": "SG306", "SL401": "SG201", "SL502": "SG103"}


def lint_finds_nothing(case: Case, text: str) -> list[str]:
    """``status-gen lint`` reads the document as a hand-written one and finds nothing (issue 11)."""
    from status_gen.lint import lint_text
    from status_gen.rules.engine import run_rules

    reported = {p.code for p in run_rules(case.data, case.config, LAST_UPDATED)}
    found = lint_text(text, "doc.md", case.config)
    return [f"{p.code} line {p.where.line}: {p.message}" for p in found if LINT_MIRRORS.get(p.code) not in reported]


CHECKBOX = re.compile(r"^\s*- \[([ x])\] (.+)$", re.M)


def checklist_marks_agree(case: Case, text: str) -> list[str]:
    """Every '[x]' / '[ ]' line is an item of a checklist or milestone with that state, once each."""
    outline = case.data.outline
    tabled = outline is not None and any(s.kind == "milestones" and s.columns for s in outline.sections or [])
    milestones = [] if tabled else case.data.milestones  # a table of milestones shows no items
    expected = sorted((item.done, item.text) for owner in [*case.data.checklists, *milestones] for item in owner.items)
    found = sorted((mark == "x", item) for mark, item in CHECKBOX.findall(text))
    return [] if found == expected else [f"checkbox lines {found} but the data has {expected}"]


PROGRESS = re.compile(r"\*\*([^*]+)\*\* \([^)]*\) - (?:([0-9]+)% complete)?(?: - )?(?:([0-9]+)/([0-9]+) items done)?")


def milestone_progress_agrees(case: Case, text: str) -> list[str]:
    """A milestone's line states its own percent and item counts, never another's."""
    failures = []
    by_name = {m.name: m for m in case.data.milestones}
    for match in PROGRESS.finditer(text):
        milestone = by_name.get(match[1])
        if milestone is None:
            continue
        if match[2] is not None and int(match[2]) != milestone.percent:
            failures.append(f"{milestone.id}: {match[2]}% shown, {milestone.percent}% in the data")
        if match[3] is not None:
            done = sum(i.done for i in milestone.items)
            if (int(match[3]), int(match[4])) != (done, len(milestone.items)):
                failures.append(
                    f"{milestone.id}: {match[3]}/{match[4]} items shown, {done}/{len(milestone.items)} in the data"
                )
    return failures


MAP_GROUP = re.compile(r'^  subgraph g_(ok|warn|fail)\["[^"]* (?:ok|warn|fail): ([0-9]+)"\]$', re.M)
MAP_NODE = re.compile(r"^    c[0-9]+\[.*\]:::(ok|warn|fail)$", re.M)


def component_map_agrees(case: Case, text: str) -> list[str]:
    """The Mermaid component map counts and colours each level as the component records say."""
    pictures = [b.text for b in blocks(text) if b.kind == "fence" and b.text.startswith("flowchart")]
    if not case.data.components:
        return [f"a component map without components: {pictures[0][:60]!r}"] if pictures else []
    if len(pictures) != 1:  # none: the drawn outline has no component map
        return [f"{len(pictures)} component maps"] if pictures else []
    expected: dict[str, int] = {}
    for c in case.data.components:
        expected[case.level(c.status)] = expected.get(case.level(c.status), 0) + 1
    groups = {level: int(count) for level, count in MAP_GROUP.findall(pictures[0])}
    nodes: dict[str, int] = {}
    for level in MAP_NODE.findall(pictures[0]):
        nodes[level] = nodes.get(level, 0) + 1
    failures = []
    if groups != expected:
        failures.append(f"map groups {groups}, components by level {expected}")
    if nodes != expected:
        failures.append(f"map nodes {nodes}, components by level {expected}")
    return failures


def free_sections_as_written(case: Case, text: str) -> list[str]:
    """Every free section's body appears once, as written, and its heading with it."""
    failures = []
    for free in case.data.free_sections:
        placed = f"{free.heading}\n\n{free.body.rstrip()}\n" if free.heading else free.body.rstrip()
        if placed not in text:
            failures.append(f"free section '{free.id}' is not in the document as written")
    return failures


def columns_agree(case: Case, text: str) -> list[str]:
    """A ``columns`` table has a row per record of its kind, in order, each with its own level's icon."""
    from status_gen.claims import ICONS

    outline = case.data.outline
    failures: list[str] = []
    lines = text.split("\n")
    for spec in outline.sections or [] if outline is not None else []:
        if spec.columns is None:
            continue
        header = "| " + " | ".join(column.header for column in spec.columns) + " |"
        every = {
            "components": case.data.components,
            "tests": case.data.categories,
            "milestones": case.data.milestones,
            "risks": case.data.risks,
            "metrics": case.data.project.metrics,
        }[spec.kind]
        # Its own records: those its 'ids' name, else those no section of the kind names.
        named = {i for other in outline.sections or [] if other.kind == spec.kind for i in other.ids or []}
        by_id = {r.id: r for r in reversed(every)}
        records = [by_id[i] for i in spec.ids] if spec.ids else [r for r in every if r.id not in named]
        if header not in lines:
            failures += [f"{spec.kind}: no table for {len(records)} records"] if records else []
            continue
        start = lines.index(header) + 2
        rows = lines[start : start + len(records) + 1]
        if len(records) != sum(row.startswith("|") for row in rows):
            failures.append(f"{spec.kind}: {len(records)} records, rows {rows}")
        status = next((i for i, c in enumerate(spec.columns) if c.cell and "{icon}" in c.cell), None)
        for record, row in zip(records, rows, strict=False):
            cells = re.split(r"(?<!\\)\|", row)[1:-1]
            if status is None or len(cells) != len(spec.columns):
                continue
            cell = cells[status].strip()
            icon = next((ICONS[i] for i in ICONS if cell.replace("\ufe0f", "").startswith(i)), None)
            if icon != case.level(record.status):
                failures.append(f"{spec.kind} {record.id}: cell {cell!r} for level {case.level(record.status)}")
    return failures


def reference_shape(check: Checker) -> Checker:
    """A checker that reads the reference outline's headings; other outlines do not have them."""

    def checked(case: Case, text: str) -> list[str]:
        outline = case.data.outline
        return check(case, text) if outline is not None and outline.preset == "reference" else []

    checked.__name__ = check.__name__
    return checked


def _plain_line(case: Case, spec: Any, record: Any, n: int) -> str:
    """What a reader sees on a record's 'item' line, computed from the record alone."""
    from status_gen.listitems import FIELDS

    values = {"n": str(n)}
    for name in FIELDS[spec.kind]:
        value = getattr(record, name, None)
        values[name] = "" if value is None else str(value)
    icons = {"ok": "✅", "warn": "⚠️", "fail": "❌"}
    if spec.kind == "issues":
        values["status"] = ISSUE_WORDS[record.status]
        values["icon"] = icons["ok" if record.status in ("resolved", "closed") else "warn"]
    elif spec.kind == "blockers":
        values["icon"] = icons["fail" if record.severity == "P0" else "warn"]
    elif "status" in values and spec.kind != "priorities":  # a label, maybe shown as {label, text, icon}
        values["status"] = getattr(record.status, "text", None) or str(record.status)
        values["icon"] = getattr(record.status, "icon", None) or icons[case.level(record.status)]
    line = re.sub(r"\{([a-z_]+)\}", lambda m: values[m[1]], spec.item)
    return blocks(line)[0].text


def item_sections_agree(case: Case, text: str) -> list[str]:
    """Each 'item' section lists the records its 'ids' name (open blockers only), in order, each
    line with the record's own values and the icon of its own level."""
    from status_gen.kinds import KINDS, record_id

    outline = case.data.outline
    if outline is None or not outline.sections:
        return []
    found = blocks(text)
    failures = []
    for spec in outline.sections:
        if spec.item is None or spec.ids is None:
            continue
        pool = {record_id(r): r for r in KINDS[spec.kind].every(case.data)}  # type: ignore[misc]
        shown = [pool[i] for i in spec.ids if spec.kind != "blockers" or pool[i].status == "open"]
        expected = [_plain_line(case, spec, r, n) for n, r in enumerate(shown, start=1)]
        at = next((i for i, b in enumerate(found) if b.kind == "heading" and b.text == spec.heading), None)
        lines = []
        for block in found[at + 1 :] if at is not None else []:
            if block.kind == "heading":
                break
            if block.kind == "item" and block.level == 1:
                lines.append(block.text)
        if lines != expected:
            failures.append(f"section '{spec.heading}' lists {lines}, its records say {expected}")
    return failures


CHECKERS: list[Checker] = [
    reference_shape(readiness_agrees),
    reference_shape(readiness_reason_names_every_cause),
    reference_shape(ready_lists_agree),
    reference_shape(p0_counts_agree),
    reference_shape(issue_mentions_agree),
    reference_shape(closed_issues_not_in_priorities),
    headings_well_formed,
    no_doubled_punctuation,
    health_line_is_a_sentence,
    lint_finds_nothing,
    checklist_marks_agree,
    milestone_progress_agrees,
    free_sections_as_written,
    component_map_agrees,
    columns_agree,
    item_sections_agree,
]


def failures_of(case: Case, text: str) -> list[str]:
    return [f"{check.__name__}: {failure}" for check in CHECKERS for failure in check(case, text)]


# --- the data sets -------------------------------------------------------------------------------

# Plain lower-case words: the checkers read status words (upper case), dates and issue numbers
# from the text, so free text must not contain any (the escaping property test covers hostile text).
VOCABULARY = ["alpha", "beta", "gamma", "delta", "cache", "queue", "login", "build", "ship", "slow", "api"]
WORDS = st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=4).map(" ".join)
# Free text sometimes ends a sentence, so that any stop the template adds would show up doubled.
SENTENCES = st.tuples(WORDS, st.sampled_from(["", ".", "!"])).map("".join)
LABEL = st.sampled_from(LABELS)


def _date(draw: Any, back: int = 120) -> str:
    return str(LAST_UPDATED - dt.timedelta(days=draw(st.integers(0, back))))


class Ids(NamedTuple):
    """What the files drawn so far define, for references from the next ones."""

    components: list[str]
    issues: dict[int, str]  # number -> status


def draw_components(draw: Any, ids: Ids) -> dict[str, Any]:
    records = []
    for n in range(draw(st.integers(0, 6))):
        record: dict[str, Any] = {"id": f"c{n}", "name": f"Comp {n} {draw(WORDS)}", "status": draw(LABEL)}
        if draw(st.booleans()):
            record["status"] = draw_shown_status(draw, record["status"])
        record["note"] = draw(SENTENCES)
        if draw(st.booleans()):
            record["capability"] = draw(SENTENCES)
        if draw(st.booleans()):
            total = draw(st.integers(0, 50))
            record["tests"] = {"passed": draw(st.integers(0, total)), "total": total}
        records.append(record)
        ids.components.append(record["id"])
    return {"components": records}


# Words a status may be shown as ({label, text, icon}), by the level lint reads them at.
SHOWN = {
    "ok": ["Working", "Running", "Healthy", "all good"],
    "warn": ["Pending", "Partial"],
    "fail": ["Failed", "Down"],
}


def draw_shown_status(draw: Any, label: str) -> dict[str, str]:
    from status_gen.claims import ICONS

    level = DEFAULT_LABELS[label].level
    icons = sorted(icon for icon, at in ICONS.items() if at == level)
    return {"label": label, "text": draw(st.sampled_from(SHOWN[level])), "icon": draw(st.sampled_from(icons))}


def draw_issues(draw: Any, ids: Ids) -> dict[str, Any]:
    records = []
    for number in draw(st.lists(st.integers(1, 9999), max_size=5, unique=True)):
        status = draw(st.sampled_from(sorted(ISSUE_WORDS)))
        record: dict[str, Any] = {"number": number, "title": f"Task {number} {draw(WORDS)}", "status": status}
        if status in ("closed", "resolved") and draw(st.integers(0, 4)):
            record["closed"] = _date(draw)
        phases = []
        for p in range(draw(st.integers(0, 3))):
            phase: dict[str, Any] = {
                "name": f"step {p}",
                "status": draw(st.sampled_from(["todo", "in_progress", "done"])),
            }
            if draw(st.booleans()):
                phase["summary"] = draw(SENTENCES)
            phase["items"] = draw(st.lists(SENTENCES, max_size=2))
            phases.append(phase)
        record["phases"] = phases
        if draw(st.booleans()):
            record["outcome"] = draw(SENTENCES)
        if draw(st.booleans()):
            record["highlights"] = draw(st.lists(SENTENCES, max_size=2))
        records.append(record)
        ids.issues[number] = status
    return {"issues": records}


def draw_blockers(draw: Any, ids: Ids) -> dict[str, Any]:
    records = []
    for n in range(draw(st.integers(0, 5))):
        record: dict[str, Any] = {
            "id": f"b{n}",
            "title": f"Blocker {n} {draw(WORDS)}",
            "detail": draw(SENTENCES),
            "severity": draw(st.sampled_from(["P0", "P1", "P2", "P3"])),
            "status": draw(st.sampled_from(["open", "open", "resolved"])),
        }
        if ids.components and draw(st.booleans()):
            record["component"] = draw(st.sampled_from(ids.components))
        if draw(st.booleans()):
            record["next_step"] = draw(SENTENCES)
        if draw(st.booleans()):
            record["order"] = draw(st.integers(0, 9))
        records.append(record)
    return {"blockers": records, "final_steps": draw(st.lists(SENTENCES, max_size=2))}


def draw_tests(draw: Any, ids: Ids) -> dict[str, Any]:
    categories = []
    for n in range(draw(st.integers(0, 4))):
        record: dict[str, Any] = {"id": f"t{n}", "name": f"Suite {n}", "status": draw(LABEL), "note": draw(SENTENCES)}
        if ids.issues and draw(st.booleans()):
            record["issue"] = draw(st.sampled_from(sorted(ids.issues)))
        if draw(st.booleans()):
            total = draw(st.integers(0, 40))
            record["tests"] = {"passed": draw(st.integers(0, total)), "total": total}
        categories.append(record)
    commands = [{"label": f"Run {n}", "command": draw(WORDS)} for n in range(draw(st.integers(0, 2)))]
    return {"categories": categories, "commands": commands}


def draw_priorities(draw: Any, ids: Ids) -> dict[str, Any]:
    # Current priorities refer only to open work: SG304 makes a closed one an error.
    still_open = sorted(n for n, status in ids.issues.items() if status in ("open", "in_progress"))
    items = []
    for n in range(draw(st.integers(1, 3))):
        item: dict[str, Any] = {"title": f"Goal {n}", "goal": draw(SENTENCES), "status": draw(SENTENCES)}
        item["next_steps"] = draw(SENTENCES)
        if still_open and draw(st.booleans()):
            item["issue"] = draw(st.sampled_from(still_open))
        items.append(item)
    return {"period": _date(draw, 20), "items": items}


def draw_validation(draw: Any, ids: Ids) -> dict[str, Any]:
    impacts = [
        {"area": draw(st.sampled_from(["Golden Path", "Chat", "Deployment Readiness"])) + f" {n}" * (n > 0)}
        | {"status": draw(LABEL), "note": draw(SENTENCES)}
        for n in range(draw(st.integers(0, 3)))
    ]
    run = {"date": _date(draw, 20), "title": f"Run {draw(WORDS)}", "summary": draw(SENTENCES), "impacts": impacts}
    run["metrics"] = [
        {"id": f"m{n}", "label": f"Metric {n}", "value": f"{n}0%"} for n in range(draw(st.integers(0, 2)))
    ]
    return {"runs": [run]}


def _items(draw: Any) -> list[dict[str, Any]]:
    return [{"text": f"item {n} {draw(WORDS)}", "done": draw(st.booleans())} for n in range(draw(st.integers(0, 3)))]


def draw_milestones(draw: Any, ids: Ids) -> dict[str, Any]:
    records = []
    for n in range(draw(st.integers(0, 3))):
        record: dict[str, Any] = {"id": f"m{n}", "name": f"Milestone {n}", "status": draw(LABEL)}
        if draw(st.booleans()):
            record["percent"] = draw(st.integers(0, 100))
        if draw(st.booleans()):
            record["due"] = draw(st.sampled_from(["Q3 2025", "autumn", _date(draw)]))
        if draw(st.booleans()):
            record["owner"] = draw(WORDS)
        record["items"] = _items(draw)
        records.append(record)
    return {"milestones": records}


def draw_risks(draw: Any, ids: Ids) -> dict[str, Any]:
    records = []
    for n in range(draw(st.integers(0, 3))):
        record: dict[str, Any] = {"id": f"r{n}", "title": f"{draw(WORDS)} {n}", "status": draw(LABEL)}
        if draw(st.booleans()):
            record["severity"] = draw(st.sampled_from(["low", "medium", "high"]))
        if ids.components and draw(st.booleans()):
            record["component"] = draw(st.sampled_from(ids.components))
        if draw(st.booleans()):
            record["mitigation"] = draw(SENTENCES)
        records.append(record)
    return {"risks": records}


def draw_checklists(draw: Any, ids: Ids) -> dict[str, Any]:
    lists = [{"id": f"l{n}", "title": f"List {n}", "items": _items(draw)} for n in range(draw(st.integers(0, 2)))]
    return {"checklists": [one for one in lists if one["items"]]}  # a checklist has at least one item


def draw_sections(draw: Any, ids: Ids) -> dict[str, Any]:
    bodies = [
        "Plain text.",
        "- one\n- two",
        "| a | b |\n|---|---|\n| 1 | 2 |",
        "> quoted",
    ]  # (the block reader skips code blocks)
    return {
        "sections": [
            {"id": f"s{n}", "heading": f"Notes {n}", "body": draw(st.sampled_from(bodies))}
            for n in range(draw(st.integers(0, 2)))
        ]
    }


def draw_outline(draw: Any, ids: Ids) -> dict[str, Any]:
    """A preset; the reference's shape is the one most checkers read, the default the new kinds'.

    Or an outline of tables with random ``columns`` layouts (``columns_agree`` reads them).
    """
    preset = draw(st.sampled_from(["reference", "default", "columns"]))
    return draw_columns_outline(draw, ids) if preset == "columns" else {"preset": preset}


NAME_CELLS = ["**{%s}**", "{%s}", "{%s:code}"]
STATUS_CELLS = ["{icon} {status}", "{icon} **{status}**", "{icon}", "{icon} - {status}"]
OTHER_CELLS: dict[str, list[str]] = {
    "components": ["{note}", "{passed}/{total}", "{rate}", "{failed}", "{capability}", "**{field}**", "{field:code}"],
    "tests": ["{note}", "{passed}", "{total}", "{rate}", "{issue}", "{field}"],
    "milestones": ["{percent}%", "**{percent}%**", "{due}", "{owner}", "{note}", "{field}"],
    "risks": ["{severity}", "{mitigation}", "{owner}", "{component}", "{field}"],
}


def draw_columns_outline(draw: Any, ids: Ids) -> dict[str, Any]:
    sections: list[dict[str, Any]] = [{"kind": "header"}]
    for kind, cells in OTHER_CELLS.items():
        name = "title" if kind == "risks" else "name"
        columns = [{"header": f"{kind} name", "cell": draw(st.sampled_from(NAME_CELLS)) % name}]
        columns.append({"header": f"{kind} state", "cell": draw(st.sampled_from(STATUS_CELLS))})
        for n, cell in enumerate(draw(st.lists(st.sampled_from(cells), max_size=3))):
            columns.insert(draw(st.integers(1, len(columns))), {"header": f"{kind} col {n}", "cell": cell})
        if kind == "components" and ids.components and draw(st.booleans()):
            # Two tables of components: the first shows those its ids name, the second the rest.
            picked = draw(st.lists(st.sampled_from(ids.components), min_size=1, unique=True))
            again = [{**column, "header": column["header"] + " again"} for column in columns]
            sections.append({"kind": kind, "ids": picked, "columns": again})
        sections.append({"kind": kind, "columns": columns})
    sections.append({"kind": "metrics", "columns": [{"header": "Metric", "cell": "{label}"}, {"header": "Value"}]})
    sections[-1]["columns"][1]["cell"] = "{value}"
    return {"sections": [*sections, {"kind": "checklists"}, {"kind": "free"}]}


# Kinds an 'item' layout can show: the records a section may list by id, and a heading for it.
ITEM_POOLS: dict[str, tuple[Callable[[dict[str, Any]], list[dict[str, Any]]], str]] = {
    "components": (lambda files: files.get("components", {}).get("components", []), "Components"),
    "issues": (lambda files: files.get("issues", {}).get("issues", []), "Issues"),
    "blockers": (lambda files: files.get("blockers", {}).get("blockers", []), "Blockers"),
    "risks": (lambda files: files.get("risks", {}).get("risks", []), "Known Issues"),
    "priorities": (lambda files: files.get("priorities", {}).get("items", []), "Next Steps"),
    "milestones": (lambda files: files.get("milestones", {}).get("milestones", []), "Roadmap"),
    "achievements": (lambda files: files["project"]["project"]["achievements"], "Achievements"),
}
LEADS = {"components": "name", "issues": "title", "blockers": "title", "risks": "title"}
LEADS |= {"priorities": "title", "milestones": "name", "achievements": "title"}


def draw_item(draw: Any, kind: str) -> str:
    """A random 'item' layout: a marker, maybe the icon, the record's name (maybe bold), more fields."""
    from status_gen.listitems import FIELDS, LEVELLED, check

    marker = draw(st.sampled_from(["-", "*", "+", "{n}.", "{n})"]))
    icon = "{icon} " if kind in LEVELLED and draw(st.booleans()) else ""
    lead = f"{{{LEADS[kind]}}}"
    if kind == "issues" and draw(st.booleans()):
        lead = "Issue #{number}: " + lead
    lead = f"**{lead}**" if draw(st.booleans()) else lead
    others = [f for f in FIELDS[kind] if f != LEADS[kind]] + (["icon"] if kind in LEVELLED and not icon else [])
    rest = draw(st.lists(st.sampled_from(others), max_size=2, unique=True))
    tail = "".join(draw(st.sampled_from([" - {x}", " ({x})"])).replace("x", name) for name in rest)
    item = f"{marker} {icon}{lead}{tail}"
    assert check(item, kind) is None, item
    return item


def draw_item_outline(draw: Any, files: dict[str, Any]) -> dict[str, Any]:
    """An outline of 'item' sections: each kind's records split between two sections by 'ids'."""
    sections: list[dict[str, Any]] = [{"kind": "header"}]
    for kind, (pool, heading) in ITEM_POOLS.items():
        records = pool(files)
        for n, record in enumerate(records):  # priority items and achievements get ids to be listed by
            record.setdefault("id", f"{kind[0]}{n}") if "number" not in record else None
        order = draw(st.permutations([str(r.get("id", r.get("number"))) for r in records]))
        cut = draw(st.integers(0, len(order)))
        for part, ids in enumerate(p for p in (order[:cut], order[cut:]) if p):
            item = draw_item(draw, kind)
            sections.append({"kind": kind, "heading": f"{heading} part {part + 1}", "item": item, "ids": ids})
    return {"sections": [*sections, {"kind": "checklists"}, {"kind": "free"}]}


# Every optional data file: (kind, how to draw it). Present or absent independently.
OPTIONAL_FILES: list[tuple[str, Callable[[Any, Ids], dict[str, Any]]]] = [
    ("components", draw_components),
    ("issues", draw_issues),
    ("blockers", draw_blockers),
    ("tests", draw_tests),
    ("priorities", draw_priorities),
    ("validation", draw_validation),
    ("milestones", draw_milestones),
    ("risks", draw_risks),
    ("checklists", draw_checklists),
    ("sections", draw_sections),
    ("outline", draw_outline),
]


@st.composite
def datasets(draw: Any) -> dict[str, Any]:
    ids = Ids([], {})
    files: dict[str, Any] = {}
    for kind, draw_file in OPTIONAL_FILES:
        if draw(st.booleans()):
            files[kind] = draw_file(draw, ids)
    project: dict[str, Any] = {
        "name": f"Project {draw(WORDS)}",
        "last_updated": str(LAST_UPDATED),
        "headline": draw(WORDS),
    }
    if draw(st.booleans()):
        project["summary"] = draw(SENTENCES)
    if draw(st.booleans()):
        project["metrics"] = [{"id": "score", "label": draw(WORDS), "value": "98.7%"}]
        project["headline_metric"] = "score"
    highlights: list[dict[str, Any]] = (
        [{"issue": n} for n in draw(st.lists(st.sampled_from(sorted(ids.issues)), max_size=2, unique=True))]
        if ids.issues
        else []
    )
    if draw(st.booleans()):
        highlights.append({"validation": True})
    if draw(st.booleans()):
        highlights.append({"label": draw(LABEL), "title": f"Note {draw(WORDS)}", "text": draw(SENTENCES)})
    project["highlights"] = highlights
    project["achievements"] = [
        {
            "title": f"Feat {n}",
            "text": draw(SENTENCES),
            "components": draw(st.lists(st.sampled_from(ids.components), max_size=1)),
        }
        if ids.components
        else {"title": f"Feat {n}", "text": draw(SENTENCES)}
        for n in range(draw(st.integers(0, 2)))
    ]
    files["project"] = {"project": project}
    if "preset" in files.get("outline", {}) and draw(st.booleans()):
        files["outline"] = draw_item_outline(draw, files)
    return files


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=EXAMPLES <= 30,  # CI runs the same examples every time; long runs explore
)
@given(files=datasets())
def test_generated_document_never_contradicts_itself(files: dict[str, Any]) -> None:
    case, text = render_case(files)
    failures = failures_of(case, text)
    assert not failures, "\n".join(failures) + "\n\n" + text


# --- the checkers can fail: the example passes, and each planted contradiction is caught ---------


def example_case() -> tuple[Case, str]:
    from tests.conftest import ROOT

    config = Config(root=ROOT, data=ROOT / "data", templates=None)
    result = build(config, LAST_UPDATED)
    return Case(result.data, config, {}), result.text


def test_the_shipped_example_passes_every_checker() -> None:
    case, text = example_case()
    assert failures_of(case, text) == []


PLANTED = [
    (readiness_agrees, "## Deployment Readiness: ❌ NOT READY", "## Deployment Readiness: ✅ READY"),
    (
        readiness_agrees,
        "### Evidence Sources",
        "- **Deployment Readiness:** ❌ NOT READY - again\n\n### Evidence Sources",
    ),
    (ready_lists_agree, "**Not Yet Ready:**\n", "**Not Yet Ready:**\n\n- ✅ **Test Infrastructure** (FIXED): x\n"),
    (ready_lists_agree, "- ✅ **Test Infrastructure:** Unified test runner with real service integration\n", ""),
    (
        p0_counts_agree,
        "- ❌ Auth Service Not Running - Port 8081 unavailable, blocking all authentication (Auth Service)\n",
        "",
    ),
    (p0_counts_agree, "LOW - 6 open P0", "LOW - 5 open P0"),
    (issue_mentions_agree, "Issue #1294 Status: ✅ CLOSED 2025-09-17", "Issue #1294 Status: ✅ CLOSED 2025-09-16"),
    (issue_mentions_agree, "Issue #1294 Status: ✅ CLOSED", "Issue #1294 Status: ⚠️ OPEN"),
    (
        closed_issues_not_in_priorities,
        "- **Next Steps:** Load testing",
        "- **Issue:** #1296\n- **Next Steps:** Load testing",
    ),
    (headings_well_formed, "## Test Status", "#### Test Status"),
    (closed_issues_not_in_priorities, "## Recently Completed", "### Recently Completed"),
    (headings_well_formed, "## Issue Status\n", "---\n"),
    (headings_well_formed, "## Key Architectural Achievements\n", "## Key Architectural Achievements\n\n## Empty\n"),
    (no_doubled_punctuation, "Compliance).", "Compliance).."),
    (health_line_is_a_sentence, "Compliance).", "Compliance)"),
    (lint_finds_nothing, "| **Auth Service** | ❌ NOT RUNNING |", "| **Auth Service** | ✅ HEALTHY |"),
    (checklist_marks_agree, "## Issue Status", "- [x] not in the data\n\n## Issue Status"),
]


def test_every_checker_catches_a_planted_contradiction() -> None:
    case, text = example_case()
    for check, old, new in PLANTED:
        assert old in text, old
        broken = text.replace(old, new, 1)
        assert check(case, broken), f"{check.__name__} missed: {old!r} -> {new!r}"


def test_outline_record_checkers_catch_planted_contradictions() -> None:
    """The checkers of milestones, checklists and free sections, on a fixture project that has them."""
    from tests.conftest import ROOT

    project = ROOT / "tests" / "projects" / "library"
    config = Config(root=project, data=project / "data", templates=None)
    result = build(config, dt.date(2026, 3, 2))
    case, text = Case(result.data, config, {}), result.text
    assert failures_of(case, text) == []
    planted = [
        (milestone_progress_agrees, "60% complete - 1/3 items done", "60% complete - 2/3 items done"),
        (milestone_progress_agrees, "60% complete", "70% complete"),
        (checklist_marks_agree, "- [ ] Changelog complete", "- [x] Changelog complete"),
        (free_sections_as_written, "chooses line breaks", "picks line breaks"),
    ]
    for check, old, new in planted:
        assert old in text, old
        assert check(case, text.replace(old, new, 1)), f"{check.__name__} missed: {old!r} -> {new!r}"


def test_columns_checker_catches_planted_contradictions() -> None:
    files: dict[str, Any] = {
        "project": {"project": {"name": "P", "last_updated": str(LAST_UPDATED)}},
        "components": {
            "components": [
                {"id": "a", "name": "Alpha", "status": {"label": "OK", "text": "Running", "icon": "🟢"}},
                {"id": "b", "name": "Beta", "status": "BROKEN"},
            ]
        },
        "outline": {
            "sections": [
                {"kind": "header"},
                {"kind": "components", "columns": [{"header": "Part", "cell": "**{name}**"}, {"header": "State"}]},
            ]
        },
    }
    files["outline"]["sections"][1]["columns"][1]["cell"] = "{icon} {status}"
    case, text = render_case(files)
    assert "| **Alpha** | 🟢 Running |" in text
    assert failures_of(case, text) == []
    for old, new in [("| 🟢 Running |", "| ❌ Running |"), ("| **Beta** | ❌ BROKEN |\n", "")]:
        assert old in text, old
        assert columns_agree(case, text.replace(old, new, 1)), f"missed: {old!r} -> {new!r}"


def test_item_sections_checker_catches_planted_contradictions() -> None:
    """Random 'item' layouts are checked by item_sections_agree: a wrong icon, a lost or doubled line."""
    files: dict[str, Any] = {
        "project": {"project": {"name": "P", "last_updated": str(LAST_UPDATED)}},
        "risks": {
            "risks": [
                {"id": "r0", "title": "leak", "status": "BROKEN", "note": "slow"},
                {"id": "r1", "title": "disk", "status": "OK"},
                {"id": "r2", "title": "dns", "status": "PARTIAL"},
            ]
        },
        "outline": {
            "sections": [
                {"kind": "header"},
                {
                    "kind": "risks",
                    "heading": "Known Issues part 1",
                    "item": "- {icon} **{title}** - {note}",
                    "ids": ["r2", "r0"],
                },
                {"kind": "risks", "heading": "Known Issues part 2", "item": "{n}. {title} ({status})", "ids": ["r1"]},
            ]
        },
    }
    case, text = render_case(files)
    assert "- ⚠️ **dns** -\n- ❌ **leak** - slow\n" in text
    assert failures_of(case, text) == []
    for old, new in [
        ("- ❌ **leak** - slow\n", "- ✅ **leak** - slow\n"),
        ("- ❌ **leak** - slow\n", ""),
        ("1. disk (OK)\n", "1. disk (OK)\n2. disk (OK)\n"),
        ("- ⚠️ **dns** -\n- ❌ **leak** - slow\n", "- ❌ **leak** - slow\n- ⚠️ **dns** -\n"),
    ]:
        assert old in text, old
        assert item_sections_agree(case, text.replace(old, new, 1)), f"missed: {old!r} -> {new!r}"

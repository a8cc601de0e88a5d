"""Before import: settle each contradiction lint finds, keeping one value and noting the other.

``resolve`` is pure: the document text, lint (a function of a text) and the import day in; the
edited text and notes out. Each finding is settled by one decision, always the same for its kind:

- the same thing ok here, failing there (SL101-SL104): the most specific place wins, a status
  written on the item over one implied by its list, a table row over a list item over a heading,
  then the later line; the other lines take its mark and word;
- an issue closed here, open there (SL201): the closed state wins (an issue moves from open to
  closed; the open mention was not updated), unless the open side says REOPENED;
- a checklist item ticked and open (SL601): the tick wins, for the same reason;
- a stated total that is not the sum of its table (SL501): the sum wins (the rows are the detail);
- an ok mark beside a low pass rate (SL503): the measured rate wins; the mark becomes a warning;
- a verdict better than its items (SL301): the items win, since a verdict only sums them up; the
  verdict is negated ("NOT PRODUCTION READY");
- dates (SL401, SL402): the latest of the document's own dates and the events it reports (up to
  the import day) becomes the document's date: a later date proves the document was edited then;
- merge-conflict markers (SL701): the side stating the later date wins (the upper, HEAD side when
  neither does); the markers and the other side are dropped.

Edits are minimal (a mark, a word, a number, a date) and every decision is a one-line note beside
the kept value naming the other value and its line in the original document. What no minimal edit
can settle (17/15 tests pass: which number is wrong?) is left as written, and its note says so.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from ..claims import _DATE_PATTERNS, _MONTHS, _VERDICT_OK, ICONS, WORD_DATES, extract, normalise, parse_date
from .settled import Resolution, printable

if TYPE_CHECKING:
    from ..claims import Claims, Entity
    from ..rules.base import Problem

Lint = Callable[[str], "list[Problem]"]
ClaimsOf = Callable[[str], "Claims"]

_MARKS = {"ok": "✅", "warn": "⚠️", "fail": "❌"}
_WORDS = {"ok": "WORKING", "warn": "PARTIAL", "fail": "FAILED"}  # a status word of each level
_PLACES = {"table": (3, "table row"), "list": (2, "list item"), "heading": (1, "heading")}
_BULLET = re.compile(r"^(\s*(?:>\s*)*(?:[-*+]|\d{1,9}[.)])\s+)")
_HEADING = re.compile(r"^(\s{0,3}#{1,6}\s+)")
_BOX = re.compile(r"^(\s*(?:>\s*)*[-*+]\s+)\[ \]")
_ICON = re.compile("(" + "|".join(map(re.escape, ICONS)) + ")\ufe0f?")
_GAP = re.compile(r"[\s*_`]*")
_VERDICT_PHRASE = re.compile(r"(?<![A-Za-z])" + _VERDICT_OK.pattern.removeprefix("^"), re.I)
_MARKER = re.compile(r"^(<{7}|={7}|>{7}|\|{7})(?: |$)")
MAX_ROUNDS = 12  # a family per round, each at most about twice: bounds the lint passes of a hostile document


@dataclass
class _Doc:
    lines: list[str]
    source: str
    words: Mapping[str, str]
    today: dt.date
    origin: list[int] = field(default_factory=list)
    notes: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    project: list[str] = field(default_factory=list)
    explained: set[tuple[str, int]] = field(default_factory=set)  # findings already noted as left
    pinned: set[int] = field(default_factory=set)  # lines whose status a measurement decided

    def text(self) -> str:
        return "\n".join(self.lines)

    def at(self, line: int) -> str:
        """``source:line`` in the original document for a 1-based line of the edited text."""
        return f"{self.source}:{self.origin[line - 1]}"

    def note(self, line: int, text: str) -> None:
        self.notes[line - 1].append(text)

    def leave(self, problem: Problem, why: str) -> None:
        """A finding no minimal edit settles: said beside its line, text unchanged."""
        line = problem.where.line
        self.explained.add((problem.code, line))
        self.note(line, f"Left as written ({problem.code}, {self.at(line)}): {why}.")


def resolve(
    text: str, source: str, today: dt.date, lint: Lint, words: Mapping[str, str], claims_of: ClaimsOf | None = None
) -> Resolution:
    """Settle every contradiction ``lint`` finds in ``text`` (LF line breaks); see the module's rules.

    ``claims_of`` reads a text's claims (``extract`` with ``words`` unless given: import passes
    one that remembers the last text, so lint and the recognisers share one reading).
    """
    claims_of = claims_of or (lambda edited: extract(edited, words))
    lines = text.split("\n")
    doc = _Doc(lines, printable(source), words, today, list(range(1, len(lines) + 1)))
    before = after = lint(text)
    if any(p.code == "SL701" for p in before):
        _merge_conflicts(doc, {p.where.line for p in before if p.code == "SL701"})
        after = lint(doc.text())
    tried: set[tuple[str, int]] = set()
    for _ in range(MAX_ROUNDS):
        found = [p for p in after if (p.code, p.where.line) not in tried]
        if not found:
            break
        codes, handler = next(
            ((codes, handler) for codes, handler in _FAMILIES if any(p.code in codes for p in found)),
            (frozenset(p.code for p in found), _unknown),
        )
        batch = [p for p in found if p.code in codes]
        handler(doc, batch, claims_of(doc.text()))
        tried.update((p.code, p.where.line) for p in batch)
        after = lint(doc.text())
    for problem in after:
        if (problem.code, problem.where.line) not in doc.explained:
            doc.leave(problem, "import's edit did not settle it; make the two places agree by hand")
    return Resolution(doc.text(), doc.origin, dict(doc.notes), doc.project, len(before), len(after))


# --- quoting -------------------------------------------------------------------------------------


def quote(text: str, limit: int = 60) -> str:
    """A short, single-line, printable quotation of document text for a note."""
    text = printable(text)
    return "'" + (text if len(text) <= limit else text[: limit - 1] + "…") + "'"


def _case_like(word: str, model: str) -> str:
    if model.isupper() or not model.isascii():
        return word.upper()
    if model.islower():
        return word.lower()
    return word.capitalize() if model[:1].isupper() else word


# --- entities (SL101-SL104) ------------------------------------------------------------------------


class _Mark(NamedTuple):
    icon: tuple[int, int] | None  # span of the status marker on the line
    word: tuple[int, int] | None  # span of the status word


def _cells_start(line: str) -> int:
    """Where a table row's cells after the first begin (the name cell holds no status)."""
    body = line.lstrip()
    offset = len(line) - len(body)
    first = body.find("|", 1 if body.startswith("|") else 0)
    return offset + first + 1 if first >= 0 else 0


def _word_re(word: str) -> re.Pattern[str]:
    return re.compile(r"(?<![A-Za-z])" + re.escape(word).replace(r"\ ", r"[\s_-]+") + r"(?![A-Za-z])", re.I)


def _vocabulary_re(words: Iterable[str]) -> re.Pattern[str]:
    phrases = sorted(words, key=len, reverse=True)
    return re.compile(
        "(?:" + "|".join(re.escape(p).replace(r"\ ", r"[\s_-]+") for p in phrases) + r")(?![A-Za-z])", re.I
    )


def _mark(doc: _Doc, entity: Entity) -> _Mark:
    """Where an entity's status sits on its line: its marker, and the status word beside it."""
    line = doc.lines[entity.line - 1]
    start = _cells_start(line) if entity.place == "table" else 0
    if not entity.explicit:
        return _Mark(None, None)
    if entity.word.replace("\ufe0f", "") in ICONS:
        icon = _ICON.search(line, start)
        while icon and icon.group(1) != entity.word.replace("\ufe0f", ""):
            icon = _ICON.search(line, icon.end())
        if icon is None:
            return _Mark(None, None)
        gap = _GAP.match(line, icon.end())
        after = gap.end() if gap else icon.end()
        word = _vocabulary_re(doc.words).match(line, after)
        return _Mark(icon.span(), word.span() if word else None)
    found = _word_re(entity.word).search(line, start)
    if found is None:
        return _Mark(None, None)
    before = line[: found.start()].rstrip(" *_`")
    icon = _ICON.search(before, max(0, len(before) - 2))
    return _Mark(icon.span() if icon else None, found.span())


def _entities(doc: _Doc, batch: list[Problem], claims: Claims) -> None:
    from ..rules.markdown import LintContext

    lines = {(p.code, p.where.line) for p in batch}
    by_key: dict[str, list[Entity]] = defaultdict(list)
    for entity in claims.entities:
        by_key[entity.key].append(entity)
    for conflict in LintContext(claims, doc.source).conflicts:
        if (conflict.code, conflict.at.line) in lines:
            _settle_entity(doc, conflict.code, by_key[conflict.at.key])


def _rank(doc: _Doc, entity: Entity) -> tuple[bool, bool, int, int]:
    return (entity.line in doc.pinned, entity.explicit, _PLACES[entity.place][0], entity.line)


def _settle_entity(doc: _Doc, code: str, sides: list[Entity]) -> None:
    kept = max(sides, key=lambda e: _rank(doc, e))
    others = [e for e in sides if (e.level == "ok") != (kept.level == "ok")]
    if not others:
        return
    line = doc.lines[kept.line - 1]
    mark = _mark(doc, kept)
    icon = line[slice(*mark.icon)] if mark.icon else _MARKS[kept.level]
    word = line[slice(*mark.word)] if mark.word else None
    shown = " ".join(part for part in (icon, word) if part)
    changed = []
    for other in others:
        said = _edit_status(doc, other, icon, word, kept.level)
        if said is None:
            doc.note(other.line, f"Left as written ({code}, {doc.at(other.line)}): no safe place to change its status.")
            continue
        changed.append(f"{doc.at(other.line)} said {quote(said)}")
    if changed:
        doc.note(
            kept.line,
            f"Kept {quote(shown)} for {quote(kept.name)} ({_PLACES[kept.place][1]} at {doc.at(kept.line)}: "
            f"{_why_entity(doc, kept, others)}); {', '.join(changed)}, changed to match [{code}].",
        )


def _why_entity(doc: _Doc, kept: Entity, others: list[Entity]) -> str:
    if kept.line in doc.pinned:
        return "its status was set from a measurement on its line"
    if kept.explicit and not all(o.explicit for o in others):
        return "a status written on the item is more specific than one implied by its list"
    if all(_PLACES[kept.place][0] > _PLACES[o.place][0] for o in others):
        other = _PLACES[others[0].place][1]
        return f"a {_PLACES[kept.place][1]} is more specific than a {other}"
    return "the later of places equally specific, where a document's detail usually sits"


def _edit_status(doc: _Doc, entity: Entity, icon: str, word: str | None, level: str) -> str | None:
    """Give ``entity``'s line the kept status; what it said before, or None when there is no safe edit."""
    index = entity.line - 1
    line = doc.lines[index]
    mark = _mark(doc, entity)
    if mark.icon is None and mark.word is None:
        if entity.explicit:
            return None
        prefix = _BULLET.match(line) or _HEADING.match(line)
        if prefix is None:
            return None
        doc.lines[index] = line[: prefix.end()] + icon + " " + line[prefix.end() :]
        return entity.word
    said = line[(mark.icon or mark.word or (0, 0))[0] : (mark.word or mark.icon or (0, 0))[1]]
    edits: list[tuple[tuple[int, int], str]] = []
    if mark.word:
        model = line[slice(*mark.word)]
        edits.append((mark.word, word if word else _case_like(_WORDS[level], model)))
    if mark.icon:
        edits.append((mark.icon, icon))
    for (start, end), new in sorted(edits, reverse=True):
        line = line[:start] + new + line[end:]
    doc.lines[index] = line
    return said


# --- issues (SL201) and checklists (SL601) ------------------------------------------------------------


def _issues(doc: _Doc, batch: list[Problem], claims: Claims) -> None:
    lines = {p.where.line for p in batch}
    by_key: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
    for issue in claims.issues:
        by_key[issue.key].append((issue.state, issue.word, issue.line))
    for key, states in by_key.items():
        opened = [s for s in states if s[0] in ("open", "closing") and s[2] in lines]
        if not opened:
            continue
        done = ("closed",) if all(s[0] == "closing" for s in opened) else ("closed", "resolved")
        closed = [s for s in states if s[0] in done]
        if not closed:
            continue
        reopened = [s for s in opened if _state_word(s[1]) == "REOPENED"]
        if reopened:
            kept, others, why = reopened[-1], closed, "REOPENED is said after an issue was closed"
        else:
            kept = next((s for s in closed if s[0] == "closed"), closed[0])
            others, why = opened, "an issue moves from open to closed, so the open mention was not updated"
        changed = []
        for _, said, line in others:
            if _replace_word(doc, line, said, _case_like(_state_word(kept[1]), said), after=key.split("#")[-1]):
                changed.append(f"{doc.at(line)} said {quote(said)}")
            else:
                doc.note(line, f"Left as written (SL201, {doc.at(line)}): the state word could not be found.")
        if changed:
            doc.note(
                kept[2],
                f"Kept {quote(kept[1])} for {key} ({doc.at(kept[2])}: {why}); {', '.join(changed)}, "
                "changed to match [SL201].",
            )


def _state_word(word: str) -> str:
    return " ".join(re.split(r"[\s_-]+", word.upper()))


def _replace_word(doc: _Doc, line: int, word: str, new: str, after: str = "") -> bool:
    text = doc.lines[line - 1]
    start = 0
    if after:
        anchor = re.search(r"(?<!\d)" + re.escape(after) + r"(?!\d)", text)
        start = anchor.end() if anchor else 0
    found = _word_re(word).search(text, start) or _word_re(word).search(text)
    if found is None:
        return False
    doc.lines[line - 1] = text[: found.start()] + new + text[found.end() :]
    return True


def _checklists(doc: _Doc, batch: list[Problem], claims: Claims) -> None:
    lines = {p.where.line for p in batch}
    by_key: dict[str, list[tuple[bool, int, str]]] = defaultdict(list)
    for item in claims.checks:
        by_key[item.key].append((item.done, item.line, item.text))
    for states in by_key.values():
        todo = [s for s in states if not s[0]]
        done = [s for s in states if s[0]]
        if not done or not todo or todo[0][1] not in lines:
            continue
        changed = []
        for _, line, _ in todo:
            box = _BOX.match(doc.lines[line - 1])
            if box is None:
                doc.note(line, f"Left as written (SL601, {doc.at(line)}): the checkbox could not be found.")
                continue
            doc.lines[line - 1] = box[1] + "[x]" + doc.lines[line - 1][box.end() :]
            changed.append(doc.at(line))
        if changed:
            doc.note(
                done[0][1],
                f"Kept the tick of {quote(done[0][2])} ({doc.at(done[0][1])}: an item is ticked once done, so the "
                f"open box was not updated); {', '.join(changed)} said '[ ]', changed to match [SL601].",
            )


# --- numbers (SL501, SL502, SL503) ------------------------------------------------------------------


def _totals(doc: _Doc, batch: list[Problem], claims: Claims) -> None:
    lines = {p.where.line for p in batch}
    for total in claims.totals:
        if total.line not in lines or total.stated == total.computed:
            continue
        problem = next(p for p in batch if p.where.line == total.line)
        if not _replace_number(
            doc, total.line, total.stated, total.computed, _column(doc, total.table_line, total.what)
        ):
            doc.leave(problem, f"the stated {total.stated} could not be found on the line")
            continue
        doc.note(
            total.line,
            f"Kept {total.computed} {printable(total.what)}, the sum of the table at {doc.at(total.table_line)} "
            f"(a total is computed from its rows, the detail); {doc.at(total.line)} said {total.stated} [SL501].",
        )


def _column(doc: _Doc, header_line: int, name: str) -> int | None:
    cells = doc.lines[header_line - 1].strip().strip("|").split("|")
    names = [normalise(cell) for cell in cells]
    return names.index(name) if name in names else None


def _replace_number(doc: _Doc, line: int, stated: int, computed: int, column: int | None) -> bool:
    text = doc.lines[line - 1]
    lo, hi = 0, len(text)
    if column is not None and text.lstrip().startswith("|"):
        pipes = [m.start() for m in re.finditer(r"(?<!\\)\|", text)]
        if column + 1 < len(pipes):
            lo, hi = pipes[column], pipes[column + 1]
    numbers = [
        m
        for m in re.finditer(r"(?<![\d.,])\d[\d,]*(?![\d,]*\d)(?![\d.])", text[lo:hi])
        if int(m.group().replace(",", "")) == stated
    ]
    if not numbers:
        return False
    near = text.lower().find("total", lo)
    best = min(numbers, key=lambda m: abs(lo + m.start() - near) if near >= 0 else m.start())
    new = f"{computed:,}" if "," in best.group() else str(computed)
    doc.lines[line - 1] = text[: lo + best.start()] + new + text[lo + best.end() :]
    return True


def _counts(doc: _Doc, batch: list[Problem], claims: Claims) -> None:
    for problem in batch:
        doc.leave(
            problem,
            "more tests pass than exist, and which of the two numbers is wrong cannot be told from the document",
        )


def _low_rates(doc: _Doc, batch: list[Problem], claims: Claims) -> None:
    rates = {c.line: c.text for c in claims.counts} | {r.line: r.text for r in claims.ok_rates}
    for problem in batch:
        line = problem.where.line
        text = doc.lines[line - 1]
        icon = _ICON.search(text)
        if icon is None or ICONS[icon.group(1)] != "ok":
            doc.leave(problem, "its ok mark could not be found")
            continue
        gap = _GAP.match(text, icon.end())
        word = _vocabulary_re([w for w, level in doc.words.items() if level == "ok"]).match(
            text, gap.end() if gap else icon.end()
        )
        said = text[icon.start() : word.end() if word else icon.end()]
        if word:
            text = text[: word.start()] + _case_like(_WORDS["warn"], word.group()) + text[word.end() :]
        doc.lines[line - 1] = text[: icon.start()] + _MARKS["warn"] + text[icon.end() :]
        doc.pinned.add(line)
        doc.note(
            line,
            f"Kept the measured {quote(rates.get(line, 'pass rate'))} over the mark {quote(said)} at {doc.at(line)} "
            f"(a mark is a judgement of the measurement); lowered it to {_MARKS['warn']} [SL503].",
        )


# --- verdicts (SL301) -----------------------------------------------------------------------------


def _verdicts(doc: _Doc, batch: list[Problem], claims: Claims) -> None:
    failing = [e for e in claims.entities if e.explicit and e.level == "fail"]
    for problem in batch:
        line = problem.where.line
        text = doc.lines[line - 1]
        colon = re.search(r"(status|health|readiness)\W{0,6}[:：]", text, re.I)
        phrase = _VERDICT_PHRASE.search(text, colon.end() if colon else 0)
        if phrase is None or not failing:
            doc.leave(problem, "the verdict's words could not be found")
            continue
        said = phrase.group()
        start = text.rfind("|", 0, phrase.start()) + 1
        lead = _ICON.sub(
            lambda m: _MARKS["warn"] if ICONS[m.group(1)] == "ok" else m.group(), text[start : phrase.start()]
        )
        negation = "NOT " if said.isupper() else "not "
        doc.lines[line - 1] = text[:start] + lead + negation + text[phrase.start() :]
        worst = failing[0]
        doc.note(
            line,
            f"Lowered the verdict {quote(said)} at {doc.at(line)} to {quote(negation + said)}: a verdict sums up its "
            f"items, and the document marks {quote(worst.name)} {printable(worst.word)} at {doc.at(worst.line)}"
            f"{f' and {len(failing) - 1} more' if len(failing) > 1 else ''}; kept the items [SL301].",
        )


# --- dates (SL401, SL402) -------------------------------------------------------------------------------


def _dates(doc: _Doc, batch: list[Problem], claims: Claims) -> None:
    if not claims.doc_dates:
        for problem in batch:
            doc.leave(problem, "the document states no date of its own")
        return
    lines = {p.where.line for p in batch}
    candidates = [(d.date, d.line, "its own date") for d in claims.doc_dates]
    candidates += [(e.date, e.line, "a dated event in the body") for e in claims.events if e.line in lines]
    future = [(date, line) for date, line, _ in candidates if date > doc.today]
    for date, line in future:
        for late in (p for p in batch if p.where.line == line):
            doc.leave(late, f"dated {date.isoformat()}, after the import day {doc.today.isoformat()} (a typo?)")
    usable = [c for c in candidates if c[0] <= doc.today]
    if not usable:
        return
    date, source_line, what = max(usable, key=lambda c: (c[0], -c[1]))
    changed = []
    for stated in claims.doc_dates:
        if stated.date == date or (stated.precision == "month" and stated.date.replace(day=1) == date.replace(day=1)):
            continue
        new = _rewrite_date(doc.lines[stated.line - 1], stated.date, date)
        if new is None:
            doc.note(stated.line, f"Left as written ({doc.at(stated.line)}): its date could not be rewritten.")
            continue
        doc.lines[stated.line - 1] = new
        changed.append(f"{doc.at(stated.line)} said {quote(stated.text)}")
    if changed:
        why = (
            "the latest of its dates was written by the latest update"
            if what == "its own date"
            else "the body reports it, so the document was updated at least then"
        )
        if future:
            why += f"; dates after the import day, {doc.today.isoformat()}, cannot be right and were set aside"
        doc.project.append(
            f"Kept {date.isoformat()} as the document's date, from {what} at {doc.at(source_line)} ({why}); "
            f"{', '.join(changed)}, changed to match [{'/'.join(sorted({p.code for p in batch}))}]."
        )


def _rewrite_date(line: str, old: dt.date, new: dt.date) -> str | None:
    """``line`` with its date ``old`` written as ``new``, in the same style; None when not found."""
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(line):
            try:
                found = dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                continue
            if found == old:
                parts = {
                    "y": str(new.year),
                    "m": f"{new.month:0{len(match['m'])}d}",
                    "d": f"{new.day:0{len(match['d'])}d}",
                }
                return _substitute(line, match, parts)
    for match in (m for pattern in WORD_DATES for m in pattern.finditer(line)):
        month = _MONTHS[match["mon"].lower()]
        if (int(match["y"]), month) != (old.year, old.month) or (match["d"] and int(match["d"]) != old.day):
            continue
        names = [n for n, m in _MONTHS.items() if m == new.month]  # full name first, then abbreviations
        name = names[0] if len(match["mon"]) > 4 else names[1] if len(names) > 1 else names[0]
        parts = {"mon": _case_like(name, match["mon"]), "y": str(new.year)}
        if match["d"]:
            parts["d"] = str(new.day)
        return _substitute(line, match, parts)
    return None


def _substitute(line: str, match: re.Match[str], parts: dict[str, str]) -> str:
    for group in sorted(parts, key=lambda g: match.start(g), reverse=True):
        line = line[: match.start(group)] + parts[group] + line[match.end(group) :]
    return line


# --- merge conflicts (SL701) ------------------------------------------------------------------------------


def _merge_conflicts(doc: _Doc, markers: set[int]) -> None:
    """Keep one side of each conflict; drop the markers and the other side (the only edit that removes lines)."""
    drop: set[int] = set()
    notes: list[tuple[int, str]] = []  # (0-based original line the note sits beside, text)
    lines = doc.lines
    index = 0
    while index < len(lines):
        number = index + 1
        if number not in markers or not lines[index].startswith("<<<<<<<"):
            if number in markers:  # a closing marker without its opening one
                drop.add(index)
                notes.append((index, f"Dropped a lone merge-conflict marker at {doc.source}:{number} [SL701]."))
            index += 1
            continue
        middle = next((i for i in range(index + 1, len(lines)) if re.match(r"^={7}\s*$", lines[i])), None)
        end = next((i for i in range(middle or index, len(lines)) if lines[i].startswith(">>>>>>>")), None)
        if middle is None or end is None or end < middle:
            drop.add(index)
            notes.append(
                (index, f"Dropped a merge-conflict marker without its other half at {doc.source}:{number} [SL701].")
            )
            index += 1
            continue
        base = next((i for i in range(index + 1, middle) if lines[i].startswith("|||||||")), middle)
        upper, lower = range(index + 1, base), range(middle + 1, end)
        upper_date, lower_date = _latest(lines, upper), _latest(lines, lower)
        if lower_date is not None and (upper_date is None or lower_date > upper_date):
            kept, dropped, which = lower, upper, f"the lower side, which states the later date {lower_date.isoformat()}"
        else:
            kept, dropped = upper, lower
            which = (
                f"the upper (HEAD) side, which states the later date {upper_date.isoformat()}"
                if upper_date and upper_date != lower_date
                else "the upper (HEAD) side, as neither side states a later date"
            )
        drop.update({index, middle, end, *range(base, middle), *dropped})
        first = next((lines[i] for i in dropped if lines[i].strip()), "")
        span = f"{dropped.start + 1}" + (f"-{dropped.stop}" if len(dropped) > 1 else "")
        gone = f"{doc.source}:{span} ({quote(first)}) and " if first else ""
        notes.append(
            (
                kept.start if len(kept) else end + 1,
                f"Merge conflict at {doc.source}:{number}-{end + 1}: kept {which}; dropped {gone}the markers [SL701].",
            )
        )
        for i in range(index + 1, end):
            if i + 1 in markers:
                markers.discard(i + 1)
        index = end + 1
    survivors = [i for i in range(len(lines)) if i not in drop]
    place = {original: new for new, original in enumerate(survivors)}
    doc.lines = [lines[i] for i in survivors]
    doc.origin = [i + 1 for i in survivors]
    for line, text in notes:
        target = next((place[i] for i in range(line, len(lines)) if i in place), len(survivors) - 1)
        doc.notes[max(target, 0)].append(text)
    if not doc.lines:
        doc.lines, doc.origin = [""], [1]


def _latest(lines: list[str], span: range) -> dt.date | None:
    dates = [found[0] for i in span if (found := parse_date(lines[i])) is not None]
    return max(dates) if dates else None


def _unknown(doc: _Doc, batch: list[Problem], claims: Claims) -> None:
    for problem in batch:
        doc.leave(problem, f"import has no rule to settle {problem.code}; make the places agree by hand")


Handler = Callable[[_Doc, "list[Problem]", "Claims"], None]

# Settled in this order, one family per round, lint re-run between rounds: statuses first (they
# may lower or raise the items a verdict sums up), the verdict after them, dates last.
_FAMILIES: list[tuple[frozenset[str], Handler]] = [
    (frozenset({"SL101", "SL102", "SL103", "SL104"}), _entities),
    (frozenset({"SL201"}), _issues),
    (frozenset({"SL601"}), _checklists),
    (frozenset({"SL501"}), _totals),
    (frozenset({"SL502"}), _counts),
    (frozenset({"SL503"}), _low_rates),
    (frozenset({"SL301"}), _verdicts),
    (frozenset({"SL401", "SL402"}), _dates),
]

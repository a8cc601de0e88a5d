"""The claims a hand-written status document makes, read from its Markdown (for ``status-gen lint``).

Pure: text in, claims out, each with its 1-based line. markdown-it-py gives the structure (tables,
list items and their nesting, headings) with line maps; this module decides what each block says:
an entity at a status level, an issue's state, a checklist item, a verdict, a date, a total. It
reads conservatively: a status comes from a marker (✅ ⚠️ ❌ 🟢 🟡 🔴 ⏳ 🔄 🚧, ``[x]``) or a status
word in a place that holds one (a table's status column, a bold or upper-case word), never from
prose, because every claim read wrongly becomes a false contradiction.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from markdown_it.token import Token

# Markers and the level each one states. Variation selectors (U+FE0F) are removed before lookup.
ICONS: dict[str, str] = {
    "✅": "ok",
    "✔": "ok",
    "☑": "ok",
    "🟢": "ok",
    "💚": "ok",
    "⚠": "warn",
    "🟡": "warn",
    "🟠": "warn",
    "⏳": "warn",
    "🔄": "warn",
    "🚧": "warn",
    "⏸": "warn",
    "❌": "fail",
    "🔴": "fail",
    "⛔": "fail",
    "🚫": "fail",
    "✖": "fail",
    "❗": "fail",
}
_ICON_RE = re.compile("|".join(map(re.escape, ICONS)))
# Other pictographs people decorate names with ("## 🚀 Deployment"): dropped from names.
_DECORATION = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0f\u200d\u20e3]")

# Status words beyond the data vocabulary (config labels extend both), by level. Words in the
# corpus's other languages (Korean, Chinese, Japanese) are matched as they are written.
LINT_WORDS: dict[str, tuple[str, ...]] = {
    "ok": (
        "PASS",
        "PASSED",
        "RUNNING",
        "WORKING",
        "LIVE",
        "CONNECTED",
        "STABLE",
        "MERGED",
        "COMPLETED",
        "IMPLEMENTED",
        "DEPLOYED",
        "FUNCTIONAL",
        "FULLY FUNCTIONAL",
        "FULLY OPERATIONAL",
        "PRODUCTION READY",
        "SHIPPED",
        "YES",
        "완료",
        "완성",
        "정상",
        "已完成",
        "完成",
        "正常",
        "完了",
        "実装済み",
        "実装済",
    ),
    "warn": (
        "WARNING",
        "WARNINGS",
        "PENDING",
        "PLANNED",
        "TODO",
        "WIP",
        "NOT STARTED",
        "IN REVIEW",
        "ONGOING",
        "NEEDS AUDIT",
        "UNVALIDATED",
        "PARTIALLY",
        "진행 중",
        "진행중",
        "대기",
        "进行中",
        "部分完成",
        "待定",
        "進行中",
        "部分完了",
        "部分実装",
    ),
    "fail": (
        "FAIL",
        "FAILED",
        "ERROR",
        "ERRORS",
        "MISSING",
        "NOT IMPLEMENTED",
        "OFFLINE",
        "NOT WORKING",
        "미완료",
        "미구현",
        "실패",
        "未完成",
        "未实现",
        "失败",
        "未実装",
        "失敗",
    ),
}

# Issue states: only these words move an issue; "COMPLETE" after "Phase 1" says nothing about it.
# "resolved" (the work is done) may still be open for closure; "closing" contradicts only "closed".
ISSUE_STATES: dict[str, str] = {
    **dict.fromkeys(("CLOSED", "MERGED", "INVALID", "WONTFIX", "DUPLICATE"), "closed"),
    **dict.fromkeys(("RESOLVED", "FIXED"), "resolved"),
    **dict.fromkeys(("OPEN", "ACTIVE", "IN PROGRESS", "REOPENED", "ONGOING", "WIP"), "open"),
    "READY FOR CLOSURE": "closing",
}
_STATES = "|".join(re.escape(w).replace(r"\ ", r"[\s_-]+") for w in ISSUE_STATES)
_STATE_AFTER_REF = re.compile(rf"^\s*[:\-–—]?\s*(?:status\s*[:：]\s*)?(?P<w>{_STATES})\b", re.I)
_STATE_WORD = re.compile(rf"(?<![A-Za-z])(?P<w>{_STATES})(?![A-Za-z])")  # case as written: shouted only
# Severity and priority words are labels of risks, not statuses of things ("HIGH PRIORITY").
_NOT_STATUSES = ("LOW", "MEDIUM", "HIGH")

# Headings (or bold labels ending in ':') whose items are done, or are not.
_READY_HEADING = re.compile(
    r"\b(ready|done|completed?|working|fixed|resolved|achievements?|delivered|shipped|operational)\b"
    r"|완료|완성|已完成|完成|完了",
    re.I,
)
_NOT_READY_HEADING = re.compile(
    r"\b(not (yet )?ready|remaining|outstanding|to ?do|pending|failing|broken|still need|missing)\b"
    r"|미완료|未完成|未実装|残り",
    re.I,
)
# Lists of problems ("Critical Blockers", "Known Issues"): their items are problems by definition,
# titled by what is wrong ("Auth Service Not Running"), so only an unmarked item names a thing.
_PROBLEMS_HEADING = re.compile(
    r"\b(blockers?|blocking|known (issues|problems|bugs)|open issues|risks?|gaps?|limitations?|bugs)\b"
    r"|알려진 문제|已知问题|既知の問題",
    re.I,
)
# Names that mean nothing outside their section: scoped by the heading and the parent item.
_GENERIC_NAME = re.compile(
    r"(phase|step|stage|part|milestone|sprint|week|day|task|item|status|notes?|summary|total|overall|other|"
    r"tests?|docs?|documentation|next steps?|details?|issues?|\d+)( ?[\d.]+[a-z]?)?",
)
# "Phase 2 - backfill" is phase 2 of whatever the section is about.
_RELATIVE_NAME = re.compile(r"(phase|step|stage|part|milestone|sprint|week|day|item|round)\s*[\d.]+[a-z]?\b")
_DATE_PATTERNS = (
    re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d])"),
    re.compile(r"(?P<y>(?:19|20)\d\d)\s*[년年]\s*(?P<m>\d{1,2})\s*[월月]\s*(?P<d>\d{1,2})\s*[일日]"),
    # 2025/01/15, and 12.04.2025 (day first, as German and most of Europe write it); never 01/02/2025,
    # which reads as a different day in the US and in Europe.
    re.compile(r"(?<![\w./-])(?P<y>(?:19|20)\d\d)/(?P<m>[01]?\d)/(?P<d>[0-3]?\d)(?![\d/])"),
    re.compile(r"(?<![\w./-])(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>(?:19|20)\d\d)(?![\d.]\d)"),
)
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH_NAME = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WORD_DATE = re.compile(
    rf"\b(?P<mon>{_MONTH_NAME})\.? (?:(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,? )?(?P<y>(?:19|20)\d\d)\b", re.I
)
# "15 January 2025", "3rd Mar 2025": the day before the month (the month-first pattern alone read
# only "January 2025" and dropped the day).
_DAY_FIRST_DATE = re.compile(
    rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\.? (?P<mon>{_MONTH_NAME})\.?,? (?P<y>(?:19|20)\d\d)\b", re.I
)
WORD_DATES = (_DAY_FIRST_DATE, _WORD_DATE)
_DOC_DATE_LABEL = re.compile(
    r"^\W*(?:last[ -]updated|last[ -]verified|updated|date|as of|status as of|최종 업데이트|최종 수정|업데이트|"
    r"stand|zuletzt aktualisiert|aktualisiert|última actualización|actualizado|fecha|"
    r"dernière mise à jour|mis à jour|ultimo aggiornamento|aggiornato|"
    r"最后更新|更新时间|更新日期|最終更新|更新日)\W*[:：]",
    re.I,
)
_VERDICT = re.compile(
    r"^(?P<label>(?:current |overall |system |deployment |implementation |project |production )?"
    r"(?:status|health|readiness)(?: status)?)\s*[:：]\s*(?P<value>.+)$",
    re.I,
)
# Only the strong claims: "HEALTHY" or "READY" alone is what a generated document computes from
# its components (and may rightly say while a test suite fails); "PRODUCTION READY" promises more.
_VERDICT_OK = re.compile(
    r"^(production[ -]ready|fully (operational|functional)|all systems (go|operational)|live\b.*production|"
    r"ready for production|enterprise[ -]ready|complete working system|all green)\b",
    re.I,
)
_VERDICT_BAD = re.compile(r"^(not ready|critical|degraded|partial|broken|blocked|down|at risk)\b", re.I)
_FUTURE = re.compile(
    r"\b(target|due|deadline|eta|planned|plan|scheduled|expected|next|upcoming|until|by|before|review|"
    r"estimated|goal|will|roadmap|sprint)\b|예정|목표|计划|预计|予定|目標",
    re.I,
)
_PAST = re.compile(
    r"\b(closed|resolved|fixed|completed?|merged|validated|executed|released|deployed|done|finished|verified|"
    r"findings|shipped)\b|완료|完成|完了",
    re.I,
)
_ISSUE_REF = re.compile(
    r"(?:(?P<kind>\b(?:issues?|bugs?|tickets?|prs?|pull requests?|mrs?|merge requests?))\s*)?#(?P<num>\d{1,7})\b"
    r"|\b(?P<kind2>issue|bug|ticket)\s+(?P<num2>\d{2,7})\b",
    re.I,
)
_FRACTION = re.compile(
    r"(?<![\d/.])(?P<a>\d{1,7})\s*/\s*(?P<b>\d{1,7})(?![\d/.])\s*(?:\(\s*\d+(?:\.\d+)?\s*%\s*\)\s*)?"
    r"(?P<what>tests?|checks?|cases?|specs?|suites?)?\s*(?P<verb>pass(?:ed|ing|es)?|succeed(?:ed)?|green)?",
    re.I,
)
_PERCENT_PASS = re.compile(
    r"(?P<p>\d{1,3}(?:\.\d+)?)\s*%\s*(?:of\s+\w+\s+)?(?:tests?\s+)?(?:pass(?:ed|ing)?|pass rate|success rate)"
    r"|(?:pass rate|success rate)\W{0,3}(?P<p2>\d{1,3}(?:\.\d+)?)\s*%",
    re.I,
)
_TOTAL_ROW = re.compile(r"^(totals?|sum|overall|합계|총계|总计|合计|合計)$", re.I)
_STATED_TOTAL = re.compile(
    r"(?P<n>\d[\d,]*)\s+total\s+(?P<what>[a-z]+)|\btotal\s+(?P<what2>[a-z]+)\W{0,3}(?P<n2>\d[\d,]*)", re.I
)
_NUMBER_CELL = re.compile(r"^\d[\d,]*$")
_CONFLICT_MARKER = re.compile(r"^(<{7}|>{7})(?: |$)")


class Status(NamedTuple):
    level: str  # ok | warn | fail
    word: str  # the marker or word that states it, for messages


class Entity(NamedTuple):
    """Something the document gives a status: a table row, a list item, a heading."""

    key: str  # normalised name, scoped when the name alone is generic
    name: str  # as written, for messages
    level: str
    word: str
    line: int
    place: str  # "table" | "list" | "heading"
    listed: str  # "ready" | "not-ready" | "problems" | "": the kind of list the item sits in
    explicit: bool  # the status is written on the item itself (not implied by its list)
    section: str


class IssueState(NamedTuple):
    key: str  # "issue 1296", "pr 12"
    state: str  # closed | open
    word: str
    line: int


class CheckItem(NamedTuple):
    key: str
    text: str
    done: bool
    line: int


class Verdict(NamedTuple):
    label: str
    value: str
    level: str
    line: int


class DatedEvent(NamedTuple):
    date: dt.date
    text: str
    line: int


class DocDate(NamedTuple):
    date: dt.date
    precision: str  # "day" | "month"
    text: str
    line: int


class Total(NamedTuple):
    """A stated total and what its table adds up to."""

    what: str
    stated: int
    computed: int
    line: int
    table_line: int


class PassCount(NamedTuple):
    passed: int
    total: int
    line: int
    ok_marked: bool
    text: str


class PassRate(NamedTuple):
    percent: float
    line: int
    text: str


class Claims(NamedTuple):
    entities: list[Entity]
    issues: list[IssueState]
    checks: list[CheckItem]
    verdicts: list[Verdict]
    doc_dates: list[DocDate]
    events: list[DatedEvent]
    totals: list[Total]
    counts: list[PassCount]
    ok_rates: list[PassRate]  # pass rates written beside an ok marker
    conflict_markers: list[int]
    ignores: dict[int, frozenset[str]]


def vocabulary(labels: Mapping[str, str] | None = None) -> dict[str, str]:
    """Status words (upper case) to levels: the lint defaults, then the project's labels."""
    words = {word.upper(): level for level, group in LINT_WORDS.items() for word in group}
    for name, level in (labels or {}).items():
        words[name.upper().replace("_", " ")] = level
    for word in _NOT_STATUSES:
        words.pop(word, None)
    return words


_IGNORE = re.compile(r"<!--\s*status-gen:\s*ignore\[([A-Za-z0-9_,\s-]+)\]\s*-->")


def find_ignores(text: str) -> dict[int, frozenset[str]]:
    """Lines carrying ``<!-- status-gen: ignore[SL101,...] -->``, mapped to the codes they silence.

    The comment silences its own line; alone on a line, it silences the next one as well (a table
    row or heading reads better with the comment above it).
    """
    found: dict[int, frozenset[str]] = {}
    if "status-gen:" not in text:
        return found
    for number, line in enumerate(text.split("\n"), start=1):
        match = _IGNORE.search(line)
        if match:
            codes = frozenset(code.strip().upper() for code in match[1].split(",") if code.strip())
            found[number] = found.get(number, frozenset()) | codes
            if line.strip() == match.group():  # a comment alone on its line silences the next one
                found[number + 1] = codes
    return found


def _may_hold_date(text: str) -> bool:
    """Whether a text may hold a date: every date pattern has a year 19xx or 20xx (most texts have none)."""
    return "20" in text or "19" in text


def _may_label_date(text: str) -> bool:
    """Whether a text may hold a 'Last Updated:' label: each ends in a colon (most texts have none)."""
    return ":" in text or "：" in text


def parse_date(text: str) -> tuple[dt.date, str] | None:
    """The first date in a text, with its precision ("day" or "month"); None when there is none."""
    if not _may_hold_date(text):
        return None
    best: tuple[int, dt.date, str] | None = None
    for pattern in _DATE_PATTERNS:
        match = pattern.search(text)
        if match:
            try:
                found = dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                continue
            if best is None or match.start() < best[0]:
                best = (match.start(), found, "day")
    found_words = [m for m in (pattern.search(text) for pattern in WORD_DATES) if m]
    match = min(found_words, key=lambda m: m.start(), default=None)
    if match and (best is None or match.start() < best[0]):
        month = _MONTHS[match["mon"].lower()]
        try:
            if match["d"]:
                best = (match.start(), dt.date(int(match["y"]), month, int(match["d"])), "day")
            else:
                best = (match.start(), dt.date(int(match["y"]), month, 1), "month")
        except ValueError:
            pass
    return None if best is None else (best[1], best[2])


def _plain(children: Iterable[Token]) -> tuple[str, list[str]]:
    """An inline token's text without markup, and the texts of its bold spans."""
    parts: list[str] = []
    bold: list[str] = []
    depth = 0
    current: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
            if depth:
                current.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")  # claims are per line: "Last Updated" twice in one paragraph is two dates
        elif child.type == "strong_open":
            depth += 1
        elif child.type == "strong_close" and depth:
            depth -= 1
            if not depth:
                bold.append("".join(current).strip())
                current = []
        elif child.type == "html_inline":
            continue
        elif child.type == "image":
            parts.append(child.content)
    return "".join(parts), bold


def word_level(text: str, words: Mapping[str, str] | None = None) -> str | None:
    """The level of the status word ``text`` starts with (as a table's status cell reads), or None."""
    return word_reader(words)(text)


def word_reader(words: Mapping[str, str] | None = None) -> Callable[[str], str | None]:
    """``word_level`` over one vocabulary, compiled once (for reading many cells)."""
    reader = _words(tuple(sorted((words if words is not None else vocabulary()).items())))

    def level(text: str) -> str | None:
        status = reader.leading_status(text)
        return status.level if status else None

    return level


def icon_status(text: str) -> Status | None:
    """The first status marker in a text."""
    match = _ICON_RE.search(text)
    return Status(ICONS[match.group()], match.group()) if match else None


_EMPHASIS = re.compile(r"[*_`~]+")
_EDGE_PUNCTUATION = re.compile(r"^[\s:;,.\-–—|/]+|[\s:;,.\-–—|/]+$")


@functools.lru_cache(maxsize=8192)
def _clean(text: str) -> str:
    """Markers, decorations and Markdown emphasis removed; spaces collapsed.

    Cached: one table row's text is cleaned by each of the readers that look at it.
    """
    text = _DECORATION.sub(" ", _ICON_RE.sub(" ", text))
    return " ".join(_EMPHASIS.sub("", text).split())


@functools.lru_cache(maxsize=8192)
def normalise(name: str) -> str:
    """The key two spellings of one name share: case, emphasis, markers and punctuation ignored.

    Cached, as ``_clean`` is: a table's names are normalised by its own reading and its totals'.
    """
    return _EDGE_PUNCTUATION.sub("", _clean(name).lower())


class _Words:
    """Status-word lookups over one vocabulary: longest phrase first."""

    def __init__(self, words: Mapping[str, str]) -> None:
        self.words = dict(words)
        phrases = sorted(self.words, key=len, reverse=True)
        alternatives = "|".join(re.escape(p).replace(r"\ ", r"[\s_-]+") for p in phrases)
        self.leading = re.compile(rf"^(?:{alternatives})(?![A-Za-z])", re.I)
        self.upper = re.compile(rf"(?<![A-Za-z])(?:{alternatives})(?![A-Za-z])")
        self.trailing = re.compile(rf"\s(?:{alternatives})$")

    def level(self, phrase: str) -> str | None:
        return self.words.get(re.sub(r"[\s_-]+", " ", phrase.upper()))

    def leading_status(self, text: str) -> Status | None:
        """A status word the text starts with (a table's status cell), any case."""
        match = self.leading.match(_clean(text))
        if not match:
            return None
        level = self.level(match.group())
        return Status(level, match.group()) if level else None

    def shouted_status(self, text: str, bold: list[str]) -> Status | None:
        """A status word written in capitals, or alone in bold, inside an item's text."""
        for span in bold:
            level = self.level(_clean(span).rstrip(":"))
            if level:
                return Status(level, _clean(span).rstrip(":"))
        for match in self.upper.finditer(_clean(text)):
            word = match.group()
            if word == word.upper() and (len(word) > 2 or not word.isascii()):
                level = self.level(word)
                if level:
                    return Status(level, word)
        return None


class _Extractor:
    def __init__(self, text: str, words: _Words) -> None:
        self.text = text
        self.words = words
        self.claims = Claims([], [], [], [], [], [], [], [], [], [], find_ignores(text))
        self.headings: list[tuple[int, str]] = []  # (level, plain text)
        self.label = ""  # the latest bold label paragraph ("**Ready Components:**")
        self.label_depth = 0
        self.seen_h2 = False

    # --- context -----------------------------------------------------------------------------

    @property
    def section(self) -> str:
        return " / ".join(normalise(text) for _, text in self.headings)

    def listed(self) -> str:
        """Whether the current list sits under a ready or a not-ready heading or label.

        A bold label ("**Next Steps:**") decides alone when there is one; a heading that is a
        verdict ("Deployment Readiness: NOT READY") heads mixed lists and decides nothing.
        """
        text = self.label or (self.headings[-1][1] if self.headings else "")
        if not text or (not self.label and _VERDICT.match(_clean(text))):
            return ""
        if _PROBLEMS_HEADING.search(text):
            return "problems"
        if _NOT_READY_HEADING.search(text):
            return "not-ready"
        if _READY_HEADING.search(text):
            return "ready"
        return ""

    def key(self, name: str, parents: list[str]) -> str:
        key = normalise(name)
        if _GENERIC_NAME.fullmatch(key) or _RELATIVE_NAME.match(key) or parents:
            return " / ".join([self.section, *parents, key])
        return key

    # --- walking -----------------------------------------------------------------------------

    def run(self, tokens: list[Token]) -> Claims:
        self._conflict_markers()
        parents: list[str] = []
        item_stack: list[str | None] = []
        index = 0
        while index < len(tokens):
            token = tokens[index]
            if token.type == "heading_open":
                inline = tokens[index + 1]
                level = int(token.tag[1:])
                while self.headings and self.headings[-1][0] >= level:
                    self.headings.pop()
                text, bold = _plain(inline.children or [])
                self._heading(text, bold, _line(token))
                self.headings.append((level, text))
                self.seen_h2 = self.seen_h2 or level >= 2
                self.label = ""
            elif token.type == "table_open":
                index = self._table(tokens, index)
            elif token.type == "list_item_open":
                item_stack.append(None)
            elif token.type == "list_item_close":
                name = item_stack.pop() if item_stack else None
                if name is not None and parents:
                    parents.pop()
            elif token.type in ("bullet_list_close", "ordered_list_close") and not item_stack:
                self.label = ""
            elif token.type == "paragraph_open":
                inline = tokens[index + 1]
                text, bold = _plain(inline.children or [])
                line = _line(token)
                if item_stack and item_stack[-1] is None and tokens[index - 1].type == "list_item_open":
                    name = self._item(text, bold, line, parents)
                    item_stack[-1] = name
                    if name is not None:
                        parents.append(normalise(name))
                else:
                    self._paragraph(text, bold, line, inside_list=bool(item_stack))
            index += 1
        return self.claims

    def _conflict_markers(self) -> None:
        if "<<<<<<<" not in self.text and ">>>>>>>" not in self.text:
            return
        fence = ""
        for number, line in enumerate(self.text.split("\n"), start=1):
            stripped = line.lstrip()
            if stripped.startswith(("```", "~~~")):
                fence = "" if fence and stripped.startswith(fence) else (fence or stripped[:3])
            elif not fence and _CONFLICT_MARKER.match(line):
                self.claims.conflict_markers.append(number)

    # --- blocks ------------------------------------------------------------------------------

    def _heading(self, text: str, bold: list[str], line: int) -> None:
        self._dates(text, line, heading=True)
        self._verdict(text, line, always=True)
        self._issue(text, bold, line)
        self._rates(text, line)
        status = icon_status(text) or self.words.shouted_status(text, bold)
        name = self.name_of(text, bold)
        if status and name and not _ISSUE_REF.search(name) and not _VERDICT.match(_clean(text)):
            self._entity(name, status, line, "heading", [], explicit=True, listed="")

    def _paragraph(self, text: str, bold: list[str], line: int, inside_list: bool) -> None:
        cleaned = _clean(text)
        if bold and cleaned.endswith(":") and normalise(bold[0]) == normalise(cleaned) and not inside_list:
            self.label = cleaned  # "**Ready Components:**" heads the list that follows
        elif not inside_list:
            self.label = ""
        for number, part in enumerate(text.split("\n")):
            self._doc_date(part, line + number)
            self._verdict(part, line + number, always=False)
            self._dates(part, line + number, heading=False)
            self._issue(part, [b for b in bold if b in part], line + number)
            self._rates(part, line + number)

    def _item(self, text: str, bold: list[str], line: int, parents: list[str]) -> str | None:
        """A list item's first paragraph; returns the name nested items are scoped by."""
        first = text.split("\n", 1)[0]
        self._doc_date(first, line)
        self._verdict(first, line, always=False)
        self._dates(first, line, heading=False)
        self._rates(first, line)
        head = first.lstrip()
        box = re.match(r"^\[([ xX])\]\s+", head)
        if box:
            rest = head[box.end() :]
            key = self.key(rest, parents)
            self.claims.checks.append(CheckItem(key, _clean(rest), box[1] != " ", line))
            return rest
        bold_here = [b for b in bold if b in first]
        if self._issue(first, bold_here, line):
            return self.name_of(first, bold_here)
        name = self.name_of(first, bold_here)
        if not name:
            return None
        listed = self.listed()
        status = (
            icon_status(_lead_or_tail(first))
            or icon_status(_after_bold_name(first, bold_here))
            or self.words.shouted_status(first, bold_here)
        )
        if status is not None and listed == "problems":
            return name  # "❌ Auth Service Not Running": a problem's title, not a thing's status
        if status is not None:
            self._entity(name, status, line, "list", parents, explicit=True, listed=listed)
        elif listed and not parents:
            said = {"ready": "listed as ready", "not-ready": "listed as not ready", "problems": "listed as a problem"}
            implied = Status("ok" if listed == "ready" else "fail", said[listed])
            self._entity(name, implied, line, "list", parents, explicit=False, listed=listed)
        return name

    def _table(self, tokens: list[Token], index: int) -> int:
        """Read a table; return the index of its closing token."""
        table_line = _line(tokens[index])
        rows: list[tuple[int, list[tuple[str, list[str]]]]] = []
        row: list[tuple[str, list[str]]] = []
        row_line = table_line
        while tokens[index].type != "table_close":
            token = tokens[index]
            if token.type == "tr_open":
                row, row_line = [], _line(token)
            elif token.type == "inline":
                row.append(_plain(token.children or []))
            elif token.type == "tr_close":
                rows.append((row_line, row))
            index += 1
        if len(rows) < 2:
            return index
        header = [normalise(cell) for cell, _ in rows[0][1]]
        status_columns = [
            i
            for i, h in enumerate(header)
            if re.fullmatch(r"(current )?(status|state|health|result|상태|状态|狀態|状態|verdict)", h)
        ]
        status_columns.sort(key=lambda i: header[i] != "status")
        body = rows[1:]
        for line, cells in body:
            whole = " | ".join(cell for cell, _ in cells)
            self._dates(whole, line, heading=False)
            self._rates(whole, line)
            if not cells:
                continue
            name_text = cells[0][0]
            status = None
            for column in status_columns:
                if column < len(cells) and column > 0:
                    cell = cells[column][0]
                    status = icon_status(cell) or self.words.leading_status(cell)
                    if status:
                        break
            if status is None:  # no status column, or its cell is prose: a leading marker elsewhere
                for cell, _ in cells[1:]:
                    lead = icon_status(cell[:3])
                    if lead:
                        status = lead
                        break
            refs = list(_ISSUE_REF.finditer(name_text))
            if len(refs) == 1 and normalise(name_text).lstrip("#").isdigit():
                # An issue's row: its state is its status cell's whole text ("OPEN", "✅ CLOSED"),
                # which the status words need not hold, else the status word read above.
                said = [_clean(cells[c][0]) for c in status_columns if 0 < c < len(cells)]
                said += [status.word] if status is not None else []
                for word in said:
                    state = self._state_of(word)
                    if state:
                        self.claims.issues.append(IssueState(_issue_key(refs[0], header[0]), state, word, line))
                        break
                continue
            if status is not None and normalise(name_text) and not _TOTAL_ROW.match(normalise(name_text)):
                self._entity(name_text, status, line, "table", [], explicit=True, listed="")
        self._totals(header, body, table_line)
        return index

    def _totals(self, header: list[str], body: list[tuple[int, list[tuple[str, list[str]]]]], table_line: int) -> None:
        total_rows = [(line, cells) for line, cells in body if cells and _TOTAL_ROW.match(normalise(cells[0][0]))]
        items = [(line, cells) for line, cells in body if cells and not _TOTAL_ROW.match(normalise(cells[0][0]))]
        for column, name in enumerate(header):
            if column == 0:
                continue
            values = [_number(cells[column][0]) if column < len(cells) else None for _, cells in items]
            if not values or any(v is None for v in values):
                continue
            computed = sum(v for v in values if v is not None)
            for line, cells in total_rows:
                stated = _number(cells[column][0]) if column < len(cells) else None
                if stated is not None:
                    self.claims.totals.append(Total(name, stated, computed, line, table_line))
            for stated_line, what, stated in self._stated_before(table_line):
                if _same_word(what, name):
                    self.claims.totals.append(Total(name, stated, computed, stated_line, table_line))

    def _stated_before(self, table_line: int) -> Iterator[tuple[int, str, int]]:
        """ "91 total tests" in the text between the table and the heading above it."""
        lines = self.text.split("\n", table_line)[:table_line]
        for offset in range(len(lines) - 1, -1, -1):
            line = lines[offset]
            if line.lstrip().startswith("#"):
                return
            for match in _STATED_TOTAL.finditer(_clean(line)):
                number = match["n"] or match["n2"]
                yield offset + 1, match["what"] or match["what2"], int(number.replace(",", ""))

    def name_of(self, text: str, bold: list[str]) -> str:
        """The name an item or heading gives: its leading bold text, or the words before a separator."""
        stripped = _clean(re.sub(r"^\s*(\d+[.)]\s+)", "", text))
        if bold:
            first = _clean(bold[0])
            if first and stripped.startswith(first):
                return self.strip_status(first.rstrip(":"))
        head = re.split(r":\s|\s[-–—]\s|\s\(|\s→\s", stripped, maxsplit=1)[0]
        return self.strip_status(head)

    def strip_status(self, name: str) -> str:
        """ "Auth Service NOT RUNNING" names "Auth Service"; a trailing "(PARTIAL)" goes too."""
        name = re.sub(r"\s*\([^)]*\)\s*$", "", name).strip(" :")
        match = self.words.trailing.search(name)
        if match and match.start() > 0:
            name = name[: match.start()].rstrip(" :-–—")
        return name

    # --- claims ------------------------------------------------------------------------------

    def _entity(
        self, name: str, status: Status, line: int, place: str, parents: list[str], *, explicit: bool, listed: str
    ) -> None:
        key = self.key(name, parents)
        if not key or len(key) > 300:
            return
        self.claims.entities.append(
            Entity(key, _clean(name), status.level, status.word, line, place, listed, explicit, self.section)
        )

    def _state_of(self, word: str) -> str | None:
        return ISSUE_STATES.get(re.sub(r"[\s_-]+", " ", word.upper()))

    def _issue(self, text: str, bold: list[str], line: int) -> bool:
        """Issue states in a text; True when the text is about one issue (its name is the issue)."""
        cleaned = _clean(text)
        refs = list(_ISSUE_REF.finditer(cleaned))
        if not refs:
            return False
        found = False
        for ref in refs:
            after = cleaned[ref.end() :]
            # "Issue #12 CLOSED", "#12: resolved", "Issue #12 Status: CLOSED", "(Issue #12 closed)"
            match = _STATE_AFTER_REF.match(after)
            if match:
                state = self._state_of(match["w"])
                if state:
                    self.claims.issues.append(IssueState(_issue_key(ref), state, match["w"], line))
                    found = True
        if len(refs) == 1 and refs[0].start() < 12 and not found:
            # "**Issue #12**: title - **RESOLVED**": the item is the issue; its shouted state counts.
            for span in bold:
                state = self._state_of(_clean(span).rstrip(":"))
                if state:
                    self.claims.issues.append(IssueState(_issue_key(refs[0]), state, _clean(span), line))
                    return True
            tail = _STATE_WORD.search(cleaned[refs[0].end() :])
            if tail and tail["w"] == tail["w"].upper():
                state = self._state_of(tail["w"])
                before = cleaned[refs[0].end() : refs[0].end() + tail.start()]
                if state and not re.search(r"\bphases?\b", before, re.I):
                    self.claims.issues.append(IssueState(_issue_key(refs[0]), state, tail["w"], line))
                    return True
        return found or (len(refs) == 1 and refs[0].start() < 12)

    def _verdict(self, text: str, line: int, *, always: bool) -> None:
        if not always and "|" in text:  # "**Last Updated:** ... | **Status:** ✅ READY"
            for part in text.split("|"):
                self._verdict_part(part, line, always=False)
        else:
            self._verdict_part(text, line, always=always)

    def _verdict_part(self, text: str, line: int, *, always: bool) -> None:
        match = _VERDICT.match(_clean(text))
        if not match:
            return
        label = match["label"].lower()
        if label.strip() == "status" and self.seen_h2 and not always:
            return  # a bare "Status:" below the title belongs to an item, not to the document
        raw_value = text.split(":", 1)[1] if ":" in text else ""
        lead = icon_status(raw_value.strip()[:3])
        value = _clean(match["value"])
        level = lead.level if lead and lead.level != "ok" else None
        if level is None:
            if _VERDICT_OK.match(value):
                level = "ok"
            elif _VERDICT_BAD.match(value):
                level = "fail"
        if level is not None:
            self.claims.verdicts.append(Verdict(match["label"], value, level, line))

    def _doc_date(self, text: str, line: int) -> None:
        if not _may_label_date(text):
            return
        for part in text.split("|"):
            cleaned = _clean(part)
            match = _DOC_DATE_LABEL.match(cleaned)
            if match:
                found = parse_date(cleaned[match.end() :][:40])
                if found:
                    self.claims.doc_dates.append(DocDate(found[0], found[1], cleaned, line))

    def _dates(self, text: str, line: int, *, heading: bool) -> None:
        cleaned = _clean(text)
        if not _may_hold_date(cleaned):
            return
        if _may_label_date(text) and (
            _DOC_DATE_LABEL.match(cleaned)
            or ("|" in text and any(_DOC_DATE_LABEL.match(_clean(p)) for p in text.split("|")))
        ):
            return
        found = parse_date(cleaned)
        if found is None or found[1] != "day":
            return
        if _FUTURE.search(cleaned):
            return
        if heading or _PAST.search(cleaned) or "✅" in text:
            self.claims.events.append(DatedEvent(found[0], cleaned, line))

    def _rates(self, text: str, line: int) -> None:
        if "/" not in text and "%" not in text:  # a fraction's slash or a rate's percent sign
            return
        cleaned = _clean(text)
        for match in _FRACTION.finditer(cleaned):
            if match["what"] or match["verb"]:
                ok = (icon_status(text) or Status("", "")).level == "ok"
                self.claims.counts.append(PassCount(int(match["a"]), int(match["b"]), line, ok, match.group().strip()))
        status = icon_status(text) if "%" in cleaned else None
        if status and status.level == "ok":
            for match in _PERCENT_PASS.finditer(cleaned):
                percent = float(match["p"] or match["p2"])
                self.claims.ok_rates.append(PassRate(percent, line, match.group().strip()))


def _line(token: Token) -> int:
    return token.map[0] + 1 if token.map else 0


def _number(cell: str) -> int | None:
    cleaned = _clean(cell)
    return int(cleaned.replace(",", "")) if _NUMBER_CELL.match(cleaned) and len(cleaned) < 16 else None


def _same_word(a: str, b: str) -> bool:
    a, b = a.lower().rstrip("s"), b.lower().rstrip("s")
    return a == b


def _issue_key(ref: re.Match[str], header: str = "") -> str:
    kind = (ref["kind"] or ref["kind2"] or header or "issue").lower()
    number = ref["num"] or ref["num2"]
    prefix = "pr" if re.match(r"(prs?|pull|mrs?|merge)\b", kind) else "issue"
    return f"{prefix} #{int(number)}"


def _lead_or_tail(text: str) -> str:
    """Where an item's own marker sits: at its start, or at its end ("- Parser ✅ (PR #10)")."""
    stripped = text.strip()
    head = stripped[:4]
    if _ICON_RE.search(head):
        return head
    tail = re.sub(r"\s*\([^)]*\)\s*$", "", stripped)[-4:]
    return tail


def _after_bold_name(text: str, bold: list[str]) -> str:
    """The start of what follows an item's bold name and colon ("- **Auth**: ❌ down"), or ""."""
    stripped = text.strip()
    if not bold or not stripped.startswith(bold[0]):
        return ""
    rest = stripped[len(bold[0]) :]
    if not rest.startswith(":"):
        return ""
    return rest[1:].lstrip()[:3]


def extract(text: str, words: Mapping[str, str] | None = None, tokens: list[Token] | None = None) -> Claims:
    """Every claim the document makes. ``text`` has LF line breaks and no byte-order mark.

    ``tokens`` are ``text`` parsed by ``parse`` when the caller has them (import splits the
    document into blocks from the same tokens).
    """
    vocab = _words(tuple(sorted((words if words is not None else vocabulary()).items())))
    return _Extractor(text, vocab).run(parse(text) if tokens is None else tokens)


def parse(text: str) -> list[Token]:
    """The tokens claims are read from: CommonMark with tables, nesting up to 40 levels."""
    from .markdown import parser

    return parser(40).parse(text)


@functools.lru_cache(maxsize=8)
def _words(words: tuple[tuple[str, str], ...]) -> _Words:
    """Compiled lookups for one vocabulary (~10 ms to build; every document of a run shares them)."""
    return _Words(dict(words))

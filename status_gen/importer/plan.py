"""``plan_import``: the data files that render a hand-written document back (pure: text in, texts out).

The document is cut into top-level blocks. At each block the recognisers (``recognise.py``) are
offered the document from there; what one claims becomes records plus an outline entry, and runs
of unclaimed blocks become free sections (``sections.yaml``), cut at headings, kept verbatim. The
outline lists every part in the document's order, so ``render`` gives the document back.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING, NamedTuple

from ..errors import Location, StatusGenError
from ..inject import BANNER_START
from ..models import MAX_BODY
from .blocks import Block, split
from .recognise import RECOGNISERS, Context, Found
from .yamltext import dump_list, dump_mapping

if TYPE_CHECKING:
    from markdown_it.token import Token

    from ..claims import Claims
    from ..rules.base import Problem
    from ..settings import Config

_HEADER = "# Written by 'status-gen import' from {source}; edit freely.\n"


class Imported(NamedTuple):
    files: dict[str, str]  # path relative to the data folder -> YAML text
    counts: dict[str, int]  # records recognised, by data file key
    notes: dict[str, int]  # data file -> YAML comments written about contradictions settled or left
    found: int  # lint's findings on the document
    left: int  # findings the import's edits did not settle (each has a note)
    findings: list[Problem]  # lint's findings on the document as written (the CLI prints them)


class _Part(NamedTuple):
    """One outline entry and where its records go."""

    section: dict[str, object]
    key: str  # data file key ('sections' for free text)
    file: str
    records: list[dict[str, object]]
    start: int  # 0-based first source line
    until: int  # 0-based line after the last
    record_lines: list[int] | None = None  # 0-based first line of each record, when the recogniser knows


def plan_import(
    text: str, source: str, today: dt.date, words: dict[str, str] | None = None, config: Config | None = None
) -> Imported:
    """The data files that reproduce ``text`` (LF line breaks, no BOM) when rendered.

    Contradictions lint finds are settled first (``resolve.py``): the recognisers read the edited
    text, and each note about a value kept goes above the record (or free section) holding it.
    """
    from ..collector import paused

    with paused():  # the tokens, claims and records live until the end, as render's data does
        return _plan_import(text, source, today, words, config)


def _plan_import(
    text: str, source: str, today: dt.date, words: dict[str, str] | None, config: Config | None
) -> Imported:
    from ..claims import extract, parse, vocabulary
    from ..lint import lint_text
    from ..settings import Config
    from .rows import even_rows
    from .settled import Resolution, printable

    if not text.strip():
        raise StatusGenError(
            "the document is empty: there is nothing to import; name your status document", Location(source)
        )
    matter = _front_matter(text)
    if matter:
        raise StatusGenError(
            f"the document opens with front matter (lines 1-{matter}); a generated document opens with "
            "status-gen's banner, so the block would become a rule and a heading: move it out of the file, "
            "then import again",
            Location(source, 1, 1),
        )
    text = without_banner(text)
    source = printable(source)  # it goes into YAML comments: one line of printable characters, always
    settings = config or Config()
    if words is None:
        words = vocabulary({name: label.level for name, label in settings.labels.items()})
    read: dict[str, tuple[list[Token], Claims]] = {}

    def claims_of(edited: str) -> Claims:
        """The claims of the latest text read (resolve lints each edit; the last is the one imported)."""
        if edited not in read:
            read.clear()
            tokens = parse(edited)
            read[edited] = tokens, extract(edited, words, tokens)
        return read[edited][1]

    as_written, findings = text, lint_text(text, source, settings, claims_of(text))

    def lint_of(edited: str) -> list[Problem]:
        """lint's findings on a text; the document as written was read once already."""
        return findings if edited == as_written else lint_text(edited, source, settings, claims_of(edited))

    if findings:
        from .resolve import resolve

        resolution = resolve(text, source, today, lint_of, words, claims_of)
    else:
        resolution = Resolution.as_written(text)
    text, evened = even_rows(resolution.text)
    for line, note in evened.items():
        resolution.notes.setdefault(line, []).append(f"{source}:{resolution.origin[line]}: {note}")
    lines = text.split("\n")
    claims = claims_of(text)
    blocks = split(text, read[text][0])
    context = Context(lines, source, blocks, claims)
    context.labels = settings.labels
    project, project_notes = _project(blocks, claims, source, today, resolution.origin)
    try:
        parts = _parts(context)
    except StatusGenError as error:  # its line is the edited text's: name the document's own
        where = error.where
        if where is not None and 0 < where.line <= len(resolution.origin):
            where = where._replace(line=resolution.origin[where.line - 1])
        raise StatusGenError(error.message, where) from None
    # Achievements and metrics belong to the project record; every other kind has a file of its own.
    in_project: dict[str, list[dict[str, object]]] = {}
    for part in parts:
        if part.file == "project.yaml":
            in_project.setdefault(part.key, []).extend(part.records)
    project.update(in_project)
    # Notes about a line (a value kept over another) go above the record that holds the line.
    notes = resolution.notes

    by_file: dict[str, tuple[str, list[dict[str, object]], list[list[str]]]] = {}
    settled = list(resolution.project_notes)
    for part in _with_notes(parts, notes):
        if part.file == "project.yaml":  # its records are lists inside project: notes go above it
            settled += [note for above in _comments_of(part, notes) for note in above]
            continue
        key, records, comments = by_file.setdefault(part.file, (part.key, [], []))
        records.extend(part.records)
        comments.extend(_comments_of(part, notes))
    files: dict[str, str] = {
        "project.yaml": _HEADER.format(source=source) + dump_mapping("project", project, project_notes + settled),
        "outline.yaml": _HEADER.format(source=source)
        + dump_list("sections", [p.section for p in parts], [[] for _ in parts]),
    }
    written = {"project.yaml": len(settled)} if settled else {}
    for file, (key, records, comments) in by_file.items():
        files[file] = _HEADER.format(source=source) + dump_list(key, records, comments)
        if any(comments):
            written[file] = sum(len(c) for c in comments)  # free sections hold no other comments
    counts = {"project": 1} | {file.removesuffix(".yaml"): len(records) for file, (_, records, _) in by_file.items()}
    counts.update({key: len(records) for key, records in in_project.items()})
    return Imported(files, counts, written, resolution.found, resolution.left, findings)


def _with_notes(parts: list[_Part], notes: dict[int, list[str]]) -> list[_Part]:
    """The parts, each note on a line no part covers (a blank line between parts) moved to the next part."""
    if not parts:
        return parts
    covered = {line for part in parts for line in range(part.start, part.until)}
    for line in sorted(notes):
        if line not in covered:
            after = next((p for p in parts if p.start > line), parts[-1])
            notes.setdefault(after.start, [])[:0] = notes.pop(line)
    return parts


def _comments_of(part: _Part, notes: dict[int, list[str]]) -> list[list[str]]:
    """The notes above each of the part's records: a note goes above the record holding its line."""
    starts = part.record_lines or [part.start] * len(part.records)
    comments: list[list[str]] = [[] for _ in part.records]
    for line in range(part.start, part.until):
        for note in notes.get(line, []):
            holder = max((i for i, start in enumerate(starts) if start <= line), default=0)
            comments[holder].append(note)
    return comments


def without_banner(text: str) -> str:
    """``text`` without status-gen's banner on its first line (a blank line in its place).

    A document status-gen rendered is imported to rebuild its data: the banner is ours, not the
    author's. The blank line keeps the line numbers the notes cite.
    """
    first, _, rest = text.partition("\n")
    return "\n" + rest if first.startswith(BANNER_START) and first.rstrip().endswith("-->") else text


_MATTER_KEY = re.compile(r"[A-Za-z_][\w-]*\s*:(\s|$)")


def _front_matter(text: str) -> int:
    """The last line of a YAML front matter block opening the document, or 0 when there is none."""
    lines = text.split("\n", 200)[:200]
    if not lines or lines[0].rstrip() != "---":
        return 0
    end = next((n for n, line in enumerate(lines[1:], start=1) if line.rstrip() in ("---", "...")), 0)
    inside = [line for line in lines[1:end] if line.strip()]
    return end + 1 if end and inside and _MATTER_KEY.match(inside[0]) else 0


def _project(
    blocks: list[Block], claims: Claims, source: str, today: dt.date, origin: list[int]
) -> tuple[dict[str, object], list[str]]:
    """project.yaml's record (the title and the first 'Last Updated' date) and notes on the choice."""
    title = next((b.text for b in blocks if b.type == "heading" and b.level == 1), "")
    date = claims.doc_dates[0].date if claims.doc_dates else today
    notes: list[str] = []
    if not claims.doc_dates:
        notes.append(
            f"No document date found (a 'Last Updated:', 'Updated:', 'Date:' or 'As of:' line with a date such as "
            f"2025-01-15, 15 January 2025 or 15.01.2025): {today.isoformat()} (the import day) is used; correct it."
        )
    for other in claims.doc_dates[1:]:
        if other.date != date:
            notes.append(f"Kept {date.isoformat()}; {source}:{origin[other.line - 1]} says {other.date.isoformat()}.")
    return {"name": title.strip() or source, "last_updated": date.isoformat()}, notes


def _parts(context: Context) -> list[_Part]:
    """Every part of the document in order: recognised records, and free text between them."""
    blocks, lines = context.blocks, context.lines
    where = _Index.of(blocks)
    parts: list[_Part] = []
    pending: list[Block] = []  # unclaimed blocks not yet written as a free section

    def flush() -> None:
        if pending:
            parts.extend(_free(context, where, pending[0].start, pending[-1].until))
            pending.clear()

    index = 0
    # Free text that would swallow what follows (an HTML element left open) keeps taking blocks
    # until it closes: a recogniser must not cut it. Checking the whole run at every block would
    # parse it again and again (quadratic: 77 s for 127 KB of paragraphs), so a clean run is
    # checked through its newest block alone (it starts with nothing open), and an open run again
    # only when a block brings a closing tag, at most _CLOSING_CHECKS times per run of free text,
    # then when the run has doubled since its last check: a closing tag in every block (14 KB took
    # 16 s) stays linear. Checking late is safe: the run only keeps more text verbatim, and every
    # part is checked whole at the end.
    open_run = False
    closing_checks = checked = size = 0  # of the pending run: checks prompted by closing tags, its size then and now
    while index < len(blocks):
        block = blocks[index]
        own = _text(lines, block.start, block.until)
        if open_run:
            pending.append(block)
            index += 1
            size += len(own) + 1
            closing = "</" in own and closing_checks < _CLOSING_CHECKS
            if closing or size >= 2 * checked:
                closing_checks, checked = closing_checks + closing, size
                open_run = _body_problem(_text(lines, pending[0].start, pending[-1].until)) is not None
            continue
        found = _recognise(context, index)
        if found is None:
            if block.type == "heading":
                flush()
            if not pending:  # a new run of free text
                closing_checks = checked = size = 0
            pending.append(block)
            size += len(own) + 1
            open_run = _opens(own)
            checked = size if open_run else checked
            index += 1
            continue
        flush()
        taken = blocks[index : index + found.blocks]
        parts.append(
            _Part(
                found.section, found.key, found.file, found.records, taken[0].start, taken[-1].end, found.record_lines
            )
        )
        # Lines after the claimed blocks' own (link definitions, say) stay as free text.
        if _text(lines, taken[-1].end, taken[-1].until).strip():
            parts.extend(_free(context, where, taken[-1].end, taken[-1].until))
        index += found.blocks
    flush()
    # Lines before the first block hold no token (link definitions, say): they open the document.
    first = blocks[0].start if blocks else len(lines)
    if _text(lines, 0, first).strip():
        parts[:0] = _free(context, where, 0, first)
    for part in parts:
        if part.key == "sections":
            problem = _body_problem(str(part.records[0]["body"]))
            if problem is not None:
                # The body starts at the part's first non-blank line: count from there.
                first = next((i for i in range(part.start, part.until) if lines[i].strip()), part.start)
                raise StatusGenError(
                    f"cannot keep this part verbatim: {problem[1]}", Location(context.source, first + problem[0], 1)
                )
    return parts


def _recognise(context: Context, index: int) -> Found | None:
    for recogniser in RECOGNISERS:
        found = recogniser(context, index)
        if found is not None:
            return found
    return None


class _Index(NamedTuple):
    """Where blocks and headings start, for bisecting (a scan per free part was quadratic: 1 MB, 10 s)."""

    starts: list[int]  # every block's first line, in order
    heading_starts: list[int]
    headings: list[str]

    @classmethod
    def of(cls, blocks: list[Block]) -> _Index:
        headings = [b for b in blocks if b.type == "heading"]
        return cls([b.start for b in blocks], [b.start for b in headings], [b.text for b in headings])


def _free(context: Context, where: _Index, start: int, until: int) -> list[_Part]:
    """Lines ``start``..``until`` as one or more free sections (each under the size limit)."""
    # Named after the heading it sits under (ATX or setext), so ids say where the text stood.
    above = bisect_right(where.heading_starts, start)
    heading = where.headings[above - 1] if above else ""
    cuts = where.starts[bisect_right(where.starts, start) : bisect_left(where.starts, until)]
    parts = []
    for begin, end in _pieces(context.lines, start, until, cuts, context.source):
        body = _text(context.lines, begin, end)
        if not body.strip():
            continue
        ident = context.unique("sections", heading, "intro")
        record: dict[str, object] = {"id": ident, "body": body}
        parts.append(_Part({"kind": "free", "id": ident}, "sections", "sections.yaml", [record], begin, end))
    return parts


def _pieces(lines: list[str], start: int, until: int, cuts: list[int], source: str) -> list[tuple[int, int]]:
    """``start``..``until`` cut between blocks into ranges whose text fits a free section."""
    if len(_text(lines, start, until)) <= MAX_BODY // 2:
        return [(start, until)]
    ranges: list[tuple[int, int]] = []
    # Never cut inside an HTML element (a long <details> of history): the piece before the cut would
    # leave it open and be refused. A refused cut is tried again once the piece has grown a tenth
    # (a parse per block would be quadratic); a piece open past the limit is cut where it was
    # last refused, and the part's own check then names the element left open.
    begin, refused, tried = start, -1, 0
    for cut in [*cuts, until]:
        size = len(_text(lines, begin, cut))
        if size > MAX_BODY and refused > begin:
            ranges.append((begin, refused))
            begin, tried = refused, 0
            size = len(_text(lines, begin, cut))
        if size <= MAX_BODY // 2 or cut <= begin:
            continue
        if size <= MAX_BODY and (size < tried * 1.1 or _opens(_text(lines, begin, cut))):
            refused, tried = cut, tried if size < tried * 1.1 else size
            continue
        ranges.append((begin, cut))
        begin, tried = cut, 0
    ranges.append((begin, until))
    for begin, end in ranges:
        if len(_text(lines, begin, end)) > MAX_BODY:
            # A range is cut as soon as it passes half the limit, so its last block is the long one.
            culprit = max((cut for cut in cuts if begin <= cut < end), default=begin)
            raise StatusGenError(
                f"one block here is longer than a free section may be ({MAX_BODY:,} characters); "
                "split the table or list into smaller parts, then import again",
                Location(source, culprit + 1, 1),
            )
    return ranges


def _text(lines: list[str], start: int, until: int) -> str:
    return "\n".join(lines[start:until]).strip("\n")


# How many closing tags may each prompt a check of an open run before checks wait for it to double.
_CLOSING_CHECKS = 16


def _opens(text: str) -> bool:
    """Whether a block, after nothing open, leaves something open (or is refused as free text)."""
    # Only HTML stays open past its block: a fence left open runs to the end of the document (no
    # block follows it), and a table with a wrong cell count swallows nothing (the check of the
    # finished part refuses it). Without a '<' there is no parse to pay for.
    return "<" in text and _body_problem(text) is not None


def _body_problem(body: str) -> tuple[int, str] | None:
    """(line in the body, problem) when the body would not stay inside its free section."""
    from ..verify import check_body

    return check_body(body.strip("\n") + "\n")

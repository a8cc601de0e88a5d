"""Check the rendered Markdown before it is written: normal form and intact tables."""

from __future__ import annotations

import re
from bisect import bisect_right

from .errors import Location, StatusGenError

PIPE = re.compile(r"(?<!\\)(?:\\\\)*\|")
# A table's delimiter row (after indentation and blockquote markers): only '|', '-', ':' and spaces.
_DELIMITER_ROW = re.compile(r"[ \t>]*[|:-][ \t|:-]*\Z")
# A heading at column 0 ends every open block (paragraph, list, blockquote, table) except fenced
# code and HTML blocks, so the document can be parsed section by section when it has neither.
_TOP_HEADING = re.compile(r"#{1,6}(?:[ \t]|\Z)")
# A delimiter row markdown-it accepts as it stands: '|', then '---' cells each closed by '|'.
_PLAIN_DELIMITER = re.compile(r"\|(?: *:?-+:? *\|)+\Z")
_MAX_PADDED_CELLS = 0x10000  # markdown-it's MAX_AUTOCOMPLETED_CELLS
# A line that could open an HTML block that a heading would not end (a one-line comment cannot).
_HTML_OPENER = re.compile(r"[ \t>*+.)0-9-]*<(?!!--.*-->)")


def normalise(text: str) -> str:
    """LF only, no trailing spaces, exactly one final newline."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n") + "\n"


def check_tables(text: str, display: str) -> None:
    """Every table row has as many cells in the source as its header has columns.

    GFM silently drops surplus cells and pads missing ones, so the parsed table alone cannot show
    that a stray '|' or line break moved text; the source rows are counted instead.
    """
    lines = text.split("\n")
    for start, end in table_spans(text, lines):
        rows = [line for line in lines[start:end] if line.strip()]
        expected = cell_count(rows[0])
        for offset, row in enumerate(rows[1:], start=1):
            found = cell_count(row)
            if found != expected:
                raise StatusGenError(
                    f"rendered table row has {found} cells, its header {expected}: "
                    "a template writes a cell without the 'md' filter",
                    Location(display, start + offset + 1, 1),
                )


def table_spans(text: str, lines: list[str]) -> list[tuple[int, int]]:
    """The (start, end) line spans of every table markdown-it finds in the text.

    Parsing a large document costs seconds (block parsing of thousands of list items), while its
    tables are few: only the sections between top-level headings that hold a possible header and
    delimiter-row pair are parsed, each on its own, with line numbers shifted back. When the text
    could hold a fence or HTML block (where a heading does not end a section), it is parsed whole.
    """
    candidates = [i for i in range(1, len(lines)) if "|" in lines[i - 1] and _is_delimiter_row(lines[i])]
    if not candidates:
        return []
    fence = "```" in text or "~~~" in text
    whole = fence or any(_HTML_OPENER.match(line) for line in lines if "<" in line)
    simple = None if whole else _standalone_tables(lines, candidates)
    if simple is not None:
        return simple
    from .markdown import parser as markdown

    parser = markdown()
    if whole:
        sections = [(0, len(lines))]
    else:
        starts = [i for i, line in enumerate(lines) if line.startswith("#") and i and _TOP_HEADING.match(line)]
        bounds = list(zip([0, *starts], [*starts, len(lines)], strict=True))
        wanted = sorted({bisect_right(starts, i) for i in candidates})  # the section of each candidate
        sections = [bounds[k] for k in wanted]
    spans: list[tuple[int, int]] = []
    for first, stop in sections:
        chunk = "\n".join(lines[first:stop])
        for token in parser.parse(chunk):
            if token.type == "table_open" and token.map is not None:
                spans.append((first + token.map[0], first + token.map[1]))
    return spans


def _standalone_tables(lines: list[str], candidates: list[int]) -> list[tuple[int, int]] | None:
    """Spans of tables whose extent needs no parser, or None as soon as one might.

    Importing markdown-it costs about 15 ms of every run, while the tables a template writes are
    usually plain: at column 0 after a blank line or a heading (where no list, quote or paragraph
    can continue), every line starting with '|', no backslash in the header, up to a blank line.
    markdown-it tries its table rule first on such a line and ends the table at that blank line,
    so these spans are exactly its own. Anything else (indentation, quote markers, a row not
    starting with '|', a header and delimiter row it would reject) is left to markdown-it.
    Relies on ``normalise``: no line ends in whitespace, and a blank line is empty.
    """
    spans: list[tuple[int, int]] = []
    for delimiter in candidates:
        header = delimiter - 1
        if spans and header < spans[-1][1]:
            continue  # a row of the table above that happens to look like a delimiter row
        before = lines[header - 1] if header else ""
        head, rule = lines[header], lines[delimiter]
        if before and not _TOP_HEADING.match(before):
            return None
        if not head.startswith("|") or "\\" in head or not _PLAIN_DELIMITER.match(rule):
            return None
        columns = rule.count("|") - 1
        if head.count("|") - head.endswith("|") != columns:
            return None  # markdown-it would not open a table here
        end = delimiter + 1
        while end < len(lines) and lines[end]:
            if not lines[end].startswith("|"):
                return None
            end += 1
        if (end - delimiter) * columns > _MAX_PADDED_CELLS:
            return None  # markdown-it stops a table after padding this many missing cells
        spans.append((header, end))
    return spans


def _is_delimiter_row(line: str) -> bool:
    return "-" in line and _DELIMITER_ROW.match(line) is not None


def cell_count(row: str) -> int:
    stripped = row.strip()
    pipes = len(PIPE.findall(stripped))
    return pipes + 1 - stripped.startswith("|") - (stripped.endswith("|") and not stripped.endswith("\\|"))


_SENTINEL = "status-gen-end-of-free-section"
# markdown-it's commonmark preset stops at 20 levels, which a list only 10 deep reaches (a list
# and its item are a level each); 100 still keeps its recursion far from Python's limit.
_NESTING = 100
# A line that starts that deep: 40 characters of indentation, quote marks and list markers (a
# list nested 48 deep, where the parser stops, needs at least 96).
_DEEP = re.compile(r"^[ \t>*+\-0-9.)]{40}", re.M)
_OWN_MARKERS = ("<!-- status-gen:", "<!-- Generated by status-gen")


def check_body(body: str) -> tuple[int, str] | None:
    """Whether hand-written Markdown stays inside its section: None, or (line in body, problem).

    The body is parsed with a paragraph after it, as the document will place the next section:
    when that paragraph does not come out as a top-level paragraph, something in the body (an
    unclosed code fence, an HTML comment or block) would swallow the rest of the document.
    """
    text = normalise(body)
    lines = text.split("\n")
    for number, line in enumerate(lines, start=1):
        if any(marker in line for marker in _OWN_MARKERS):
            return number, "a status-gen marker comment stands here, and only status-gen writes those; remove it"
    # Only a fence, an HTML block, a table or nesting past the parser's limit can be at fault; text
    # with none of their marks needs no parse (import checks every free part it writes).
    if not any(mark in text for mark in "<`~|") and not _DEEP.search(text):
        return None
    from .markdown import parser as markdown

    # Blocks alone (no inline parse: a third of the cost) say what is open and where it ends.
    parser = markdown(_NESTING, inline=False)
    tokens = parser.parse(f"{text}\n{_SENTINEL}\n")
    # At its nesting limit markdown-it stops reading and drops the rest without a word: say so,
    # rather than blame a block for being open.
    deep = next((t for t in tokens if t.level >= _NESTING - 1 and t.map is not None), None)
    if deep is not None or any(t.level >= _NESTING - 1 for t in tokens):
        row = deep.map[0] + 1 if deep is not None and deep.map is not None else 1
        return row, f"lists or quotes nest too deep here to read (over {_NESTING // 2 - 2} list levels); flatten them"
    end = len(lines) + 1  # 0-based line of the sentinel
    tail = tokens[-3:]
    if not (
        len(tail) == 3 and tail[0].type == "paragraph_open" and tail[0].level == 0 and tail[1].content == _SENTINEL
    ):
        for token in tokens:
            if token.level == 0 and token.map is not None and token.map[0] <= end < token.map[1] + 1:
                what = {"fence": "a code fence", "html_block": "an HTML block or comment"}.get(
                    token.type, f"a {token.type.removesuffix('_open').replace('_', ' ')}"
                )
                return token.map[0] + 1, f"{what} opened here is not closed, so it would swallow what follows; close it"
        return len(lines), "the body does not close every block it opens; close them"
    unclosed = _unclosed_html(text)
    if unclosed is not None:
        return unclosed
    try:
        check_tables(text, "body")
    except StatusGenError as exc:
        row = exc.where.line if exc.where else 1
        return row, "a table row has a different number of cells than its header; escape a '|' in a cell as '\\|'"
    return None


# Elements that never take a closing tag: everything else opened in a body must be closed in it.
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?(/?)>")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")


def _unclosed_html(text: str) -> tuple[int, str] | None:
    """An HTML element opened in the body and not closed in it, such as ``<details>``.

    Markdown ends an HTML block at a blank line, so the parse above passes, but a browser keeps
    the element open: on GitHub an unclosed ``<details>`` folds away the rest of the document.
    Code spans and comments are skipped (their tags are text); fenced code is left to the caller's
    fence check, so tags are only looked for outside fences.
    """
    open_tags: list[tuple[str, int]] = []
    fence: str | None = None
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.lstrip()
        if fence is not None:
            if stripped.startswith(fence):
                fence = None
            continue
        if stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
            continue
        for match in _TAG.finditer(_CODE.sub("", _HTML_COMMENT.sub("", line))):
            closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
            if name in _VOID or self_closing:
                continue
            if not closing:
                open_tags.append((name, number))
            elif open_tags and open_tags[-1][0] == name:
                open_tags.pop()
            else:
                return (
                    number,
                    f"</{name}> closes an element that is not open here; remove it or open the element in this body",
                )
    if open_tags:
        name, number = open_tags[-1]
        return number, f"<{name}> is opened here and never closed, so it would swallow what follows; add </{name}>"
    return None

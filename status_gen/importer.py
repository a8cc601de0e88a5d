"""``status-gen import``: turn a hand-written Markdown status document into a data folder.

Pure in the middle: ``plan_import`` takes the document's text and returns the files to write
(name → YAML text) and what it recognised. The document is split at its headings with the same
markdown-it-py parser lint uses; what is mechanical and safe becomes records (the title and
"Last Updated" date into ``project.yaml``, a heading over nothing but a plain ``[x]`` / ``[ ]``
list into ``checklists.yaml``), and everything else goes verbatim into free sections, in place,
so ``render`` gives the document back and nothing is lost.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import NamedTuple

import yaml

from .errors import Location, StatusGenError
from .models import MAX_BODY

# A checklist item whose text the template would print unchanged (its text is escaped as Markdown).
_PLAIN_TASK = re.compile(r"^\s*[-*+] \[([ xX])\] ([A-Za-z0-9][A-Za-z0-9 .,:;()'/+#%=-]*)$")
_SLUG = re.compile(r"[^a-z0-9]+")
_HEADER = "# Written by 'status-gen import' from {source}; edit freely.\n"


class Imported(NamedTuple):
    files: dict[str, str]  # path relative to the data folder → YAML text
    counts: dict[str, int]  # records recognised, by kind


class _Chunk(NamedTuple):
    start: int  # 0-based first line
    end: int  # 0-based line after the last
    heading: str  # the heading's plain text ('' before the first heading)


def plan_import(text: str, source: str, today: dt.date, words: dict[str, str] | None = None) -> Imported:
    """The data files that reproduce ``text`` (LF line breaks, no BOM) when rendered."""
    from markdown_it import MarkdownIt

    from .claims import extract

    source = " ".join(source.split())  # it goes into YAML comments: one line, always
    lines = text.split("\n")
    tokens = MarkdownIt("commonmark", {"maxNesting": 40}).enable("table").parse(text)
    claims = extract(text, words)
    title = next(
        (tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h1"), ""
    )
    date = claims.doc_dates[0].date if claims.doc_dates else today
    project: dict[str, object] = {"name": title.strip() or source, "last_updated": date.isoformat()}
    comments: list[str] = []
    if not claims.doc_dates:
        comments.append(f"# The document states no 'Last Updated' date: {today.isoformat()} (the import day) is used.")
    for other in claims.doc_dates[1:]:
        if other.date != date:
            comments.append(f"# Kept {date.isoformat()}; {source}:{other.line} says {other.date.isoformat()}.")

    starts = [0]
    names = {0: ""}
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and token.level == 0 and token.map and token.map[0] > 0:
            starts.append(token.map[0])
            names[token.map[0]] = tokens[i + 1].content
    blocks = sorted({t.map[0] for t in tokens if t.level == 0 and t.map and t.nesting >= 0})
    chunks = [_Chunk(s, e, names[s]) for s, e in zip(starts, [*starts[1:], len(lines)], strict=True)]

    outline: list[dict[str, object]] = []
    free: list[dict[str, object]] = []
    checklists: list[dict[str, object]] = []
    ids: set[str] = set()
    pending: list[str] = []  # lines of chunks a body check asked to merge with what follows
    pending_start = 0
    for chunk in chunks:
        body = lines[chunk.start : chunk.end]
        checklist = None if pending else _checklist(body)
        if checklist is not None:
            ident = _unique(_slug(chunk.heading) or "checklist", ids)
            heading, items = checklist
            checklists.append({"id": ident, "title": heading, "items": items})
            outline.append({"kind": "checklists", "id": ident, "heading": heading})
            continue
        if not pending:
            pending_start = chunk.start
        pending += body
        if not "\n".join(pending).strip():
            pending = []
            continue
        if _body_problem("\n".join(pending)) is not None and chunk is not chunks[-1]:
            continue  # an HTML block or fence that runs into the next heading: keep them together
        for piece in _pieces(pending, pending_start, blocks):
            if len(piece) > MAX_BODY:
                raise StatusGenError(
                    f"one block here is longer than a free section may be ({MAX_BODY:,} characters); "
                    "split the table or list into smaller parts, then import again",
                    Location(source, pending_start + 1, 1),
                )
            ident = _unique(_slug(names.get(pending_start, "")) or "intro", ids)
            free.append({"id": ident, "body": piece})
            outline.append({"kind": "free", "id": ident})
        pending = []
    for record in free:
        problem = _body_problem(str(record["body"]))
        if problem is not None:
            raise StatusGenError(f"cannot keep this part verbatim: {problem}", Location(source))

    files = {
        "project.yaml": _dump(source, {"project": project}, comments),
        "outline.yaml": _dump(source, {"sections": outline}, []),
        "sections.yaml": _dump(source, {"sections": free}, []),
    }
    if checklists:
        files["checklists.yaml"] = _dump(source, {"checklists": checklists}, [])
    counts = {"project": 1, "free": len(free), "checklists": len(checklists)}
    return Imported(files, counts)


def _checklist(body: list[str]) -> tuple[str, list[dict[str, object]]] | None:
    """(heading, items) when a chunk is a '## heading' over nothing but a plain task list."""
    content = [line for line in body if line.strip()]
    if len(content) < 2:
        return None
    heading = re.fullmatch(r"## ([A-Za-z0-9][A-Za-z0-9 ,()'/-]*)", content[0].rstrip())
    matches = [_PLAIN_TASK.match(line) for line in content[1:]]
    if heading is None or not all(matches):
        return None
    items: list[dict[str, object]] = [
        {"text": m.group(2).strip(), "done": m.group(1) != " "} for m in matches if m is not None
    ]
    return heading.group(1).strip(), items


def _pieces(body: list[str], start: int, blocks: list[int]) -> list[str]:
    """The body as one or more texts under the free-section size limit, cut between blocks."""
    text = "\n".join(body).strip("\n")
    if len(text) <= MAX_BODY // 2:
        return [text]
    cuts = [b - start for b in blocks if start < b < start + len(body)]
    pieces: list[str] = []
    begin = 0
    for cut in [*cuts, len(body)]:
        if len("\n".join(body[begin:cut])) > MAX_BODY // 2 and cut > begin:
            pieces.append("\n".join(body[begin:cut]))
            begin = cut
    pieces.append("\n".join(body[begin:]))
    return [p.strip("\n") for p in pieces if p.strip()]


def _body_problem(body: str) -> str | None:
    from .verify import check_body

    found = check_body(body.strip("\n") + "\n")
    return None if found is None else f"line {found[0]} of the part: {found[1]}"


def _slug(heading: str) -> str:
    return _SLUG.sub("-", heading.lower()).strip("-")[:60].strip("-")


def _unique(base: str, taken: set[str]) -> str:
    name, n = base, 2
    while name in taken:
        name, n = f"{base}-{n}", n + 1
    taken.add(name)
    return name


def _dump(source: str, data: dict[str, object], comments: list[str]) -> str:
    head = _HEADER.format(source=source) + "".join(f"{c}\n" for c in comments)
    return head + yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10_000)


class _Dumper(yaml.SafeDumper):
    """Multi-line text as a '|' block, so a free section's body reads as the Markdown it is."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    block = "\n" in value and not any(line != line.rstrip() for line in value.split("\n"))
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if block else None)


_Dumper.add_representer(str, _text)


def write_import(target: Path, files: dict[str, str], root: Path) -> list[str]:
    """Create the files in ``target``; nothing is written if any exists or leads through a symlink."""
    from .confine import for_writing
    from .output import write_if_changed

    for name in files:
        for_writing(target / name, root, name)
    taken = sorted(name for name in files if (target / name).exists() or (target / name).is_symlink())
    if target.exists() and not target.is_dir():
        taken = [f"{target.name} (a file where the data folder goes)"]
    if taken:
        raise StatusGenError(
            f"import would overwrite {', '.join(taken)}; nothing was written. Move them, or pass another --data folder",
            Location(str(target)),
        )
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StatusGenError(f"cannot create the folder: {exc.strerror or exc}", Location(str(target))) from None
    for name, text in files.items():
        write_if_changed(target / name, text.encode("utf-8"), root)
    return list(files)


def lines_kept(original: str, rendered: str) -> float:
    """The share of the original's non-blank lines present in the rendered document.

    Whitespace and emphasis are normalised, so a re-flowed or re-emphasised line still counts.
    """

    def norm(line: str) -> str:
        return " ".join(re.sub(r"[*_`]+", "", line).split())

    have = {norm(line) for line in rendered.split("\n")}
    wanted = [norm(line) for line in original.split("\n") if line.strip()]
    return sum(line in have for line in wanted) / len(wanted) if wanted else 1.0

"""The document as a list of top-level blocks (headings, tables, lists, paragraphs, ...).

Each block owns its source lines up to the next block, so blank lines and what markdown-it keeps
no token for (link reference definitions) always belong to some block and nothing falls between.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from ..escape import inline

if TYPE_CHECKING:
    from markdown_it.token import Token


class Block(NamedTuple):
    start: int  # 0-based first line
    end: int  # 0-based line after the block's own lines (its token map)
    until: int  # 0-based line where the next block starts (or the document ends)
    type: str  # markdown-it's token type without '_open': heading, table, bullet_list, ordered_list, ...
    level: int  # heading level 1-6; 0 for other blocks
    text: str  # a heading's inline text ('' for other blocks)


def split(text: str, tokens: list[Token]) -> list[Block]:
    """The top-level blocks of ``text`` (LF line breaks), in order, from its tokens.

    The tokens are claims.parse's, which import has read the claims from already: a second parse
    for the block structure alone cost a tenth of an import. A heading's text is its inline
    token's content.
    """
    found: list[tuple[int, int, str, int, str]] = []
    for i, token in enumerate(tokens):
        if token.level != 0 or token.nesting < 0 or token.map is None:
            continue
        kind = token.type.removesuffix("_open")
        level = int(token.tag[1]) if kind == "heading" else 0
        heading = tokens[i + 1].content if kind == "heading" else ""
        found.append((token.map[0], token.map[1], kind, level, heading))
    total = len(text.split("\n"))
    starts = [start for start, *_ in found]
    return [
        Block(start, end, until, kind, level, heading)
        for (start, end, kind, level, heading), until in zip(found, [*starts[1:], total][: len(found)], strict=True)
    ]


def plain_heading(block: Block, lines: list[str]) -> tuple[str, int] | None:
    """(text, level) when a heading would render back exactly from its text at outline levels 2-4.

    A section's ``heading`` is escaped as plain text when rendered; a heading with emphasis, code or
    links would come back changed, so it stays in the free text instead.
    """
    if block.type != "heading" or not 2 <= block.level <= 4:
        return None
    line = lines[block.start].rstrip()
    if line != "#" * block.level + " " + block.text or inline(block.text) != block.text:
        return None
    return block.text, block.level

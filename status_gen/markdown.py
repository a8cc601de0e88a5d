"""The markdown-it parsers status-gen reads Markdown with, built once per process.

Building a parser compiles its rule chains (a fraction of a millisecond), and import's list-layout
check built a hundred of them per run. A parser keeps no state between ``parse`` calls (each gets
its own state and ``env``), so one of each configuration serves every caller.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


@functools.cache
def parser(max_nesting: int | None = None, *, inline: bool = True) -> MarkdownIt:
    """CommonMark with GFM tables; ``max_nesting`` None keeps the preset's limit; ``inline=False``
    reads block structure only (an inline token's content is set, its children are not parsed)."""
    from markdown_it import MarkdownIt

    options = {} if max_nesting is None else {"maxNesting": max_nesting}
    built = MarkdownIt("commonmark", options).enable("table")
    return built if inline else built.disable("inline")

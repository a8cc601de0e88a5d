"""The markdown-it parsers status-gen reads Markdown with, built once per process.

Building a parser compiles its rule chains (a fraction of a millisecond), and import's list-layout
check built a hundred of them per run. A parser keeps no state between ``parse`` calls (each gets
its own state and ``env``), so one of each configuration serves every caller.

Their inline rule skips markdown-it's inline parser for the two commonest texts of a status
document, which it would read to the same tokens: plain words, and one bold span (``**Auth
Service**``, a table's name cell). Reading those took a fifth of a 30 KB document's parse.
tests/test_markdown_fast_path.py compares the tokens with markdown-it's own, field by field.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore


@functools.cache
def parser(max_nesting: int | None = None, *, inline: bool = True) -> MarkdownIt:
    """CommonMark with GFM tables; ``max_nesting`` None keeps the preset's limit; ``inline=False``
    reads block structure only (an inline token's content is set, its children are not parsed)."""
    from markdown_it import MarkdownIt

    options = {} if max_nesting is None else {"maxNesting": max_nesting}
    built = MarkdownIt("commonmark", options).enable("table")
    if not inline:
        return built.disable("inline")
    built.core.ruler.at("inline", _inline)
    return built


# Where a CommonMark inline rule can start: autolinks and HTML (<), code (`), emphasis (* _),
# entities (&), escapes (\), images (!), links ([) and line breaks. Text with none of them is one
# text token, whatever the rules; '**' around such text, with no space inside its ends, is a
# strong span (its delimiters are left- and right-flanking, and neither can do the other's job).
_MARKUP = "<`*_&\\\\!\\[\\n"
_PLAIN = re.compile(f"[^{_MARKUP}]*\\Z")
_BOLD = re.compile(f"\\*\\*([^{_MARKUP}\\s](?:[^{_MARKUP}]*[^{_MARKUP}\\s])?)\\*\\*\\Z")


def _inline(state: StateCore) -> None:
    """markdown-it's core 'inline' rule, with the plain and the one-bold-span texts read directly."""
    from markdown_it.token import Token

    md = state.md
    for token in state.tokens:
        if token.type != "inline":
            continue
        if token.children is None:
            token.children = []
        content = token.content
        if _PLAIN.match(content):
            if content:
                token.children.append(Token("text", "", 0, content=content))
            continue
        bold = _BOLD.match(content)
        if bold:
            # The parser's own shape: empty text where each delimiter run stood, the text inside.
            inner = Token("text", "", 0, content=bold[1])
            inner.level = 1
            token.children += [
                Token("text", "", 0),
                Token("strong_open", "strong", 1, markup="**"),
                inner,
                Token("strong_close", "strong", -1, markup="**"),
                Token("text", "", 0),
            ]
            continue
        md.inline.parse(content, md, state.env, token.children)

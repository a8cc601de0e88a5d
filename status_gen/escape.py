"""Turn any user text into Markdown that shows exactly that text, and nothing more.

Every piece of data that reaches the document goes through ``inline`` (the ``md`` filter) or
``code`` (the ``code`` filter). Line breaks of every kind become spaces, so a value can never start
a new table row, list item or heading; characters that carry inline meaning get a backslash.
Characters that are harmless where they stand (an underscore inside a word, a '&' that starts no
entity) are left alone, so the Markdown stays readable in a diff.
"""

from __future__ import annotations

import re

# CR, LF, VT, FF, NEL, LINE/PARAGRAPH SEPARATOR and friends: str.splitlines' set of breaks.
_BREAKS = re.compile(r"[\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_ALWAYS = re.compile(r"([\\`*\[\]<>|~$])")
_UNDERSCORE = re.compile(r"(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_BANG = re.compile(r"!(?=\\\[)")
# What opens a block when it starts a line or a list item: an ATX heading ('#' to '######', then a
# space, a tab or nothing), a quote, a list marker ('-' or '+', then a space, a tab or nothing), a
# thematic break or setext underline (a line of nothing but '-' or '=' and spaces). Fences start
# with '`' or '~', which are always escaped. '#49', '+5%' and '-3 dB' open nothing and stay as
# written, so a table cell of them is imported as a record rather than kept as text.
_BLOCK_START = re.compile(r"^(?:#(?=#{0,5}(?:[ \t]|$))|>|[-+](?=[ \t]|$)|[-=](?=[-= \t]*$))")
_ORDERED = re.compile(r"^([0-9]{1,9})([.)])(?=\s|$)")
# Text that none of the substitutions in ``inline`` would change: no break, control or special
# character. Most values are plain words, and skipping the eight passes for them halves the time
# spent escaping (75,000 calls when rendering 10,000 issues).
_UNCHANGED = re.compile(r"[^\x00-\x1f\x7f\x85\u2028\u2029\\`*\[\]<>|~$_&]*\Z")
_OPENS_BLOCK = frozenset("#>+=-0123456789")


def one_line(text: str) -> str:
    """Collapse all line breaks and control characters to single spaces."""
    return _CONTROL.sub(" ", _BREAKS.sub(" ", text)).strip()


def inline(value: object) -> str:
    """Escape text for use inside a paragraph, list item, heading or table cell."""
    text = str(value)
    edges_plain = text and text[0] not in _OPENS_BLOCK and not (text[0].isspace() or text[-1].isspace())
    if edges_plain and _UNCHANGED.match(text):
        return text
    text = one_line(text)
    text = _ALWAYS.sub(r"\\\1", text)
    text = _UNDERSCORE.sub(r"\\_", text)
    text = _ENTITY.sub(r"\\&", text)
    text = _BANG.sub(r"\\!", text)
    text = _BLOCK_START.sub(r"\\\g<0>", text)
    return _ORDERED.sub(r"\1\\\2", text)


def code(value: object) -> str:
    """An inline code span holding the text verbatim, fenced by more backticks than it contains."""
    text = one_line(str(value))
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"

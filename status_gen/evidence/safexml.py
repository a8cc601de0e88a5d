"""A streaming, hardened XML reader on the standard library's expat (no defusedxml).

Why not defusedxml: it wraps the same expat with handlers that refuse entity declarations and
external references; the three handlers below do exactly that, and the readers need expat's
event interface anyway, because building even a partial tree (ElementTree, iterparse) costs memory
and time the reports do not need. One dependency fewer for the same protection.

What is refused, before any entity could be expanded or fetched:
- a DOCTYPE with an internal subset (every billion-laughs and inline-entity attack needs one);
  a bare ``<!DOCTYPE coverage SYSTEM "...dtd">``, as Cobertura writes, is allowed and never read;
- any entity declaration, external entity reference, or reference to an entity nobody declared;
- nesting deeper than MAX_DEPTH, and files larger than the caller's limit.
Errors carry the file, line and column expat was at.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.parsers import expat

from ..errors import Location, StatusGenError
from .files import Refused, chunks

MAX_DEPTH = 256

Start = Callable[[str, dict[str, str], int], None]  # name, attributes, depth (root = 1)
End = Callable[[str, int], None]
Text = Callable[[str], None]


def stream(
    path: Path,
    display: str,
    max_bytes: int,
    roots: tuple[str, ...],
    start: Start,
    end: End | None = None,
    text: Text | None = None,
) -> None:
    """Feed the file to expat chunk by chunk, calling ``start``/``end`` for every element."""
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    depth = 0

    def where() -> Location:
        return Location(display, parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)

    def doctype(name: str, system_id: Any, public_id: Any, has_internal_subset: int) -> None:
        if has_internal_subset:
            raise Refused("a DOCTYPE with declarations ([...]) is not allowed in a report; remove it")

    def entity(*_: Any) -> None:
        raise Refused("entity declarations are not allowed in a report (entity expansion is refused)")

    def external(*_: Any) -> int:
        raise Refused("external entities are not allowed in a report (nothing is fetched)")

    def skipped(name: str, *_: Any) -> None:
        raise Refused(f"reference to the undeclared entity '&{name};'; reports use only &lt; &gt; &amp; &quot; &apos;")

    def on_start(name: str, attributes: dict[str, str]) -> None:
        nonlocal depth
        depth += 1
        if depth > MAX_DEPTH:
            raise Refused(f"elements nest deeper than {MAX_DEPTH} levels; no report is this deep")
        if depth == 1 and name not in roots:
            expected = " or ".join(f"<{r}>" for r in roots)
            raise Refused(f"root element is <{name}>, expected {expected}; is this the right kind of report?")
        start(name, attributes, depth)

    def on_end(name: str) -> None:
        nonlocal depth
        if end is not None:
            end(name, depth)
        depth -= 1

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.UnparsedEntityDeclHandler = entity
    parser.ExternalEntityRefHandler = external
    parser.SkippedEntityHandler = skipped
    parser.StartElementHandler = on_start
    parser.EndElementHandler = on_end
    if text is not None:
        parser.CharacterDataHandler = text
    try:
        for chunk in chunks(path, display, max_bytes):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except Refused as exc:
        raise StatusGenError(str(exc), where()) from None
    except expat.ExpatError as exc:
        message = expat.ErrorString(exc.code)
        hint = "; the report is cut short (did the test run finish?)" if "no element found" in message else ""
        raise StatusGenError(
            f"XML syntax error: {message}{hint}", Location(display, exc.lineno, exc.offset + 1)
        ) from None


def integer(value: str | None, name: str) -> int:
    """A non-negative whole-number attribute ('12', also '12.0' as some tools write)."""
    text = (value or "").strip()
    try:
        number = float(text) if "." in text else int(text)
    except ValueError:
        raise Refused(f"attribute {name}={text[:30]!r} is not a number") from None
    if number != number or number < 0 or number > 1e15 or number != int(number):
        raise Refused(f"attribute {name}={text[:30]!r} is not a whole number >= 0")
    return int(number)

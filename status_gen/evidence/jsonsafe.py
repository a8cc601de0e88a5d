"""JSON from an untrusted file: UTF-8 only, no NaN or Infinity, no duplicate keys, bounded depth."""

from __future__ import annotations

import json
from typing import Any

from ..errors import Location, StatusGenError


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise ValueError(f"duplicate key {key[:40]!r}")
        found[key] = value
    return found


def _constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def load_json(data: bytes, display: str) -> Any:
    """Parse, or raise StatusGenError with the line and column of the problem."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise StatusGenError(
            "is not valid UTF-8", Location(display, line, exc.start - data.rfind(b"\n", 0, exc.start))
        ) from None
    try:
        return json.loads(text, object_pairs_hook=_pairs, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        raise StatusGenError(f"JSON syntax error: {exc.msg}", Location(display, exc.lineno, exc.colno)) from None
    except RecursionError:  # the C decoder stops cleanly at the interpreter's recursion limit
        raise StatusGenError("JSON nests too deeply; no export is this deep", Location(display)) from None
    except ValueError as exc:  # duplicate keys, NaN, numbers of more than 4,300 digits
        message = "a number with thousands of digits" if "digits" in str(exc) else str(exc)
        raise StatusGenError(f"JSON error: {message}; is this the right file?", Location(display)) from None

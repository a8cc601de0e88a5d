"""Bytes of a text file (YAML data, TOML settings) to str, or an error at the offending byte.

Apart from the YAML loader so that reading the settings (``status-gen rules`` does) costs no
PyYAML import.
"""

from __future__ import annotations

import re

from .errors import Location, StatusGenError

# libyaml (YAML 1.1) counts NEL and the Unicode line/paragraph separators as line breaks, YAML 1.2
# and most editors do not: the same file would mean different things and every position after one
# would be off. Always a paste accident in status data.
_ODD_BREAK = re.compile("[\x85\u2028\u2029]")


def decode(data: bytes, display: str) -> str:
    """UTF-8 (with or without a byte-order mark) or a clear error at the offending byte."""
    nul = data.find(b"\x00")
    if nul >= 0:
        line, column = _byte_position(data, nul)
        raise StatusGenError(
            "contains a NUL byte: this looks like a binary file, not YAML text",
            Location(display, line, column),
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _byte_position(data, exc.start)
        raise StatusGenError(
            f"is not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8",
            Location(display, line, column),
        ) from None
    text = text.removeprefix("\ufeff")
    odd = _ODD_BREAK.search(text)
    if odd:
        line = text.count("\n", 0, odd.start()) + 1
        column = odd.start() - text.rfind("\n", 0, odd.start())
        raise StatusGenError(
            f"contains U+{ord(odd.group()):04X}, an invisible line separator; replace it with a space or a line break",
            Location(display, line, column),
        )
    return text


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, offset - line_start + 1

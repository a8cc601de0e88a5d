"""``status-gen lint``: read hand-written Markdown documents and report where they contradict themselves.

I/O at the edge (``read_markdown``), then pure: ``lint_text`` extracts claims and runs the SL rules,
honouring the configured levels and ``<!-- status-gen: ignore[CODE] -->`` comments.
"""

from __future__ import annotations

import re
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from .confine import for_reading
from .errors import Location, StatusGenError

if TYPE_CHECKING:
    from .claims import Claims
    from .rules.base import Problem
    from .settings import Config

# Bounds for untrusted input: status documents are kilobytes; lint stays linear well past 1 MB.
MAX_BYTES = 2 * 1024 * 1024
MAX_LINE_CHARS = 100_000


def read_markdown(path: Path, display: str, root: Path | None = None) -> str:
    """A document's text with LF line breaks and no byte-order mark, or a clear error (exit 2).

    Like every reader, it refuses a symlink that leads outside the project (the document may come
    from a pull request, and lint quotes its lines), and anything but a regular file (a FIFO would
    block forever).
    """
    for_reading(path, root, display)
    try:
        if path.exists() and not path.is_dir() and not stat.S_ISREG(path.stat().st_mode):
            raise StatusGenError("is not a regular file; name a Markdown file", Location(display))
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise StatusGenError("no such file", Location(display)) from None
    except IsADirectoryError:
        raise StatusGenError("is a folder; name the Markdown files to lint", Location(display)) from None
    except OSError as exc:
        raise StatusGenError(f"cannot read: {exc.strerror or exc}", Location(display)) from None
    return decode_markdown(data, display)


def decode_markdown(data: bytes, display: str) -> str:
    if len(data) > MAX_BYTES:
        raise StatusGenError(
            f"is larger than {MAX_BYTES // (1024 * 1024)} MiB, far more than a hand-written status document; "
            "split it into smaller documents",
            Location(display),
        )
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise StatusGenError(
            "contains a NUL byte: this looks like a binary file, not Markdown text",
            Location(display, line, nul - data.rfind(b"\n", 0, nul)),
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise StatusGenError(
            f"is not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8",
            Location(display, line, exc.start - data.rfind(b"\n", 0, exc.start)),
        ) from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    long_line = re.search(rf"[^\n]{{{MAX_LINE_CHARS + 1}}}", text)
    if long_line:
        line = text.count("\n", 0, long_line.start()) + 1
        raise StatusGenError(
            f"has a line longer than {MAX_LINE_CHARS:,} characters; this is not a hand-written status document",
            Location(display, line, 1),
        )
    return text


def lint_text(text: str, display: str, config: Config, claims: Claims | None = None) -> list[Problem]:
    """Every contradiction the document states, sorted; levels and ignores applied.

    ``claims`` are ``text``'s, when the caller extracted them already (import reads them too).
    """
    from .claims import extract, vocabulary
    from .collector import paused
    from .rules.engine import run
    from .rules.markdown import RULES as LINT_RULES  # not the registry: it loads every data rule
    from .rules.markdown import LintContext

    if claims is None:
        with paused():  # a 10,000-row table is ~100,000 tokens that all live until the end
            claims = extract(text, vocabulary({name: label.level for name, label in config.labels.items()}))
    return run(
        LINT_RULES,
        config,
        lambda options: LintContext(claims, display, options),
        lambda where: claims.ignores.get(where.line, frozenset()),
    )

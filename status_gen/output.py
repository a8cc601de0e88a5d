"""The only module that writes the document: atomically, keeping its mode, through symlinks."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from .errors import Location, StatusGenError
from .paths import shown

MAX_DIFF_LINES = 200


def read_bytes(path: Path) -> bytes | None:
    """The document's current bytes, or None when it does not exist yet."""
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise StatusGenError("output is a folder; pass a file name with --output", Location(shown(path)))
        if not stat.S_ISREG(mode):
            # Reading a FIFO or a terminal would block; '-' is the way to print the document.
            raise StatusGenError(
                "output is not a regular file; use --output - to print the document", Location(shown(path))
            )
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StatusGenError(f"cannot read output file: {exc.strerror}", Location(shown(path))) from None


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` unless it already holds exactly these bytes; True if written.

    The temp file lives in the target's folder so ``os.replace`` is an atomic rename: a crash at
    any point leaves either the old file or the new one, never a mix.
    """
    try:
        target = path.resolve()  # write through a symlink to its target, keep the link
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop (Python 3.11)
        raise StatusGenError(f"cannot follow the output path: {exc}", Location(shown(path))) from None
    if read_bytes(target) == data:
        return False
    folder = target.parent
    if not folder.is_dir():
        raise StatusGenError(
            f"output folder {shown(folder)}/ does not exist; create it or pass another --output", Location(shown(path))
        )
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    try:
        fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise StatusGenError(
            f"cannot create a file in {shown(folder)}/: {exc.strerror} (is the folder read-only?)",
            Location(shown(path)),
        ) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException as exc:
        Path(temp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise StatusGenError(
                f"cannot write output: {exc.strerror}; the old file is unchanged", Location(shown(path))
            ) from None
        raise
    return True


def unified_diff(old: bytes | None, new: bytes, name: str, limit: int = MAX_DIFF_LINES) -> str:
    """A unified diff of the document on disk against the rendered one, cut after ``limit`` lines."""
    header = [f"--- {name} (on disk)\n", f"+++ {name} (from data)\n"]
    if old is not None and old != new and old.replace(b"\r\n", b"\n") == new:
        # A CRLF checkout (git's autocrlf, an editor) would otherwise show every line as changed.
        return "".join([*header, "@@ only line endings differ: the file has CRLF, status-gen writes LF @@\n"])
    import difflib  # only a stale document needs a diff

    before = (old or b"").decode("utf-8", errors="replace").splitlines(keepends=True)
    after = new.decode("utf-8", errors="replace").splitlines(keepends=True)
    lines = list(difflib.unified_diff(before, after, f"{name} (on disk)", f"{name} (from data)"))
    if not lines and old != new:
        lines = [*header, "@@ the bytes differ, the text does not (encoding?) @@\n"]
    if len(lines) > limit:
        lines = [*lines[:limit], f"... diff cut after {limit} of {len(lines)} lines\n"]
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)

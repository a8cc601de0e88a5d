"""The only module that writes files: atomically, keeping their mode, never through a symlink."""

from __future__ import annotations

import os
import stat
import tempfile
import time
from pathlib import Path

from .confine import for_reading, for_writing
from .errors import Location, StatusGenError
from .paths import shown

MAX_DIFF_LINES = 200


# Temp files are named '.<document>.<pid>-<random>.tmp', so a later run can tell a dead
# writer's leftover (kill -9, power cut) from a file another run is writing right now.
_TEMP_SUFFIX = ".tmp"
_STALE_AFTER_SECONDS = 3600  # leftovers without a pid part (older versions): an hour old is dead


def read_bytes(path: Path, root: Path | None = None) -> bytes | None:
    """The document's current bytes, or None when it does not exist yet.

    A document that is a symlink leading outside the project is refused: its target would be
    printed as the "on disk" side of the stale diff.
    """
    for_reading(path, root, shown(path, root))
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise StatusGenError("output is a folder; pass a file name with --output", Location(shown(path, root)))
        if not stat.S_ISREG(mode):
            # Reading a FIFO or a terminal would block; '-' is the way to print the document.
            raise StatusGenError(
                "output is not a regular file; use --output - to print the document", Location(shown(path, root))
            )
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StatusGenError(f"cannot read output file: {exc.strerror}", Location(shown(path, root))) from None


def write_if_changed(path: Path, data: bytes, root: Path | None = None) -> bool:
    """Write ``data`` to ``path`` unless it already holds exactly these bytes; True if written.

    The temp file lives in the target's folder so ``os.replace`` is an atomic rename: a crash at
    any point leaves either the old file or the new one, never a mix. Nothing is written through
    a symlink, to a file with other hard links (they would keep the old text), or over a file
    the user made read-only.
    """
    display = shown(path, root)
    target = for_writing(path, root, display)
    folder = target.parent
    remove_stale_temp_files(folder, target.name)
    try:
        info: os.stat_result | None = target.stat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise StatusGenError(f"cannot follow the output path: {exc.strerror or exc}", Location(display)) from None
    if info is not None:
        if read_bytes(target) == data:
            return False
        if info.st_nlink > 1:
            raise StatusGenError(
                f"the file has {info.st_nlink} hard links; writing a new file would leave the other names with "
                "the old text: remove the other links (or copy the file) first",
                Location(display),
            )
        if not info.st_mode & stat.S_IWUSR:
            raise StatusGenError(
                f"the file is read-only (mode {info.st_mode & 0o777:04o}); run 'chmod u+w {display}' to let "
                "status-gen update it",
                Location(display),
            )
    if not folder.is_dir():
        raise StatusGenError(
            f"output folder {shown(folder, root)}/ does not exist; create it or pass another --output",
            Location(display),
        )
    if info is not None:
        mode = info.st_mode & 0o7777
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    try:
        fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.{os.getpid()}-", suffix=_TEMP_SUFFIX)
    except OSError as exc:
        raise StatusGenError(
            f"cannot create a file in {shown(folder, root)}/: {exc.strerror} (is the folder read-only?)",
            Location(display),
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
                f"cannot write output: {exc.strerror}; the old file is unchanged", Location(display)
            ) from None
        raise
    return True


def remove_stale_temp_files(folder: Path, name: str) -> list[str]:
    """Delete temp files of ``name`` that a killed run left behind; returns their names.

    Only regular files of status-gen's own naming are touched: those of a process that no
    longer runs, or (an older naming without the process id) an hour old.
    """
    prefix = f".{name}."
    removed = []
    try:
        entries = [e for e in os.scandir(folder) if e.name.startswith(prefix) and e.name.endswith(_TEMP_SUFFIX)]
    except OSError:
        return []
    for entry in entries:
        middle = entry.name[len(prefix) : -len(_TEMP_SUFFIX)]
        pid, dash, _ = middle.partition("-")
        try:
            info = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(info.st_mode):
                continue
            if dash and pid.isdigit():
                if _running(int(pid)):
                    continue
            elif time.time() - info.st_mtime < _STALE_AFTER_SECONDS:
                continue
            os.unlink(entry.path)
            removed.append(entry.name)
        except OSError:
            continue
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return False  # our own earlier temp file could only be left by a failed write
    try:
        os.kill(pid, 0)
    except PermissionError:
        return True  # another user's live process
    except (ProcessLookupError, OverflowError):
        return False
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

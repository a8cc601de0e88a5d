"""Opening a report: inside the project, a regular file, and no larger than a limit."""

from __future__ import annotations

import datetime as dt
import stat
from collections.abc import Iterator
from pathlib import Path

from ..errors import Location, StatusGenError

CHUNK = 1 << 16


def check_file(path: Path, display: str, max_bytes: int) -> int:
    """The file's size, after refusing what is not a readable regular file within the limit."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise StatusGenError("report file does not exist", Location(display)) from None
    except OSError as exc:
        raise StatusGenError(f"cannot read report: {exc.strerror or exc}", Location(display)) from None
    if stat.S_ISDIR(info.st_mode):
        raise StatusGenError("is a folder, not a report file", Location(display))
    if not stat.S_ISREG(info.st_mode):
        # A FIFO or a device such as /dev/zero would block or never end.
        raise StatusGenError("is not a regular file (a pipe, socket or device)", Location(display))
    if info.st_size > max_bytes:
        raise StatusGenError(
            f"report is {info.st_size:,} bytes; the limit is {max_bytes:,} (is this the right file?)",
            Location(display),
        )
    return info.st_size


def chunks(path: Path, display: str, max_bytes: int) -> Iterator[bytes]:
    """The file's bytes in chunks, stopping with an error if it grows past the limit while read."""
    check_file(path, display, max_bytes)
    read = 0
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(CHUNK):
                read += len(chunk)
                if read > max_bytes:
                    raise StatusGenError(f"report grew past the limit of {max_bytes:,} bytes", Location(display))
                yield chunk
    except OSError as exc:
        raise StatusGenError(f"cannot read report: {exc.strerror or exc}", Location(display)) from None


def read_bytes(path: Path, display: str, max_bytes: int) -> bytes:
    return b"".join(chunks(path, display, max_bytes))


class Refused(Exception):
    """Raised where a reader finds something wrong; the caller adds the file (and line) it is at."""


def parse_timestamp(text: str) -> dt.datetime:
    """An ISO 8601 timestamp as tools write it (with or without a zone, 'Z' included), in UTC."""
    try:
        stamp = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise Refused(f"timestamp {text[:60]!r} is not ISO 8601 (expected e.g. 2025-09-17T10:11:12)") from None
    if stamp.tzinfo is not None:
        try:
            stamp = stamp.astimezone(dt.UTC).replace(tzinfo=None)
        except OverflowError:  # year 1 or 9999 moved across midnight by its zone
            raise Refused(f"timestamp {text[:60]!r} is out of range") from None
    return stamp


def epoch_milliseconds(text: str) -> dt.datetime:
    """Cobertura's timestamp: milliseconds since 1970 (UTC), within the years datetime can hold."""
    digits = text.strip()
    if len(digits) > 15:  # 10**15 ms is the year 33658; longer is no time, and int() of it is slow
        raise Refused(f"timestamp {digits[:30]!r} is not milliseconds since 1970")
    try:
        return dt.datetime.fromtimestamp(int(digits) / 1000, dt.UTC).replace(tzinfo=None)
    except (OverflowError, OSError, ValueError):
        raise Refused(f"timestamp {digits[:30]!r} is out of range") from None


def confined(root: Path, name: str, key: str, where: Location) -> Path:
    """``name`` (relative to the project root) as a path, refusing anything that leads outside it.

    The project's one confinement module decides: no absolute path or '..' (``where`` is the
    place that names the file), and symlinks are followed only to check they stay inside.
    """
    from ..confine import for_reading, setting_path

    try:
        path = root / setting_path(name, key, where)
    except StatusGenError as exc:  # its wording names a setting; 'junit' and 'coverage' are data keys
        raise StatusGenError(exc.message.replace(f"setting '{key}'", f"'{key}'"), where) from None
    try:
        return for_reading(path, root, name)
    except StatusGenError as exc:
        raise StatusGenError(f"{key} {name!r} {exc.message}", where) from None

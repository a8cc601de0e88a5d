"""The one place that decides which paths status-gen may read and write: those inside the project.

The repository is untrusted input (CI runs ``check`` on strangers' pull requests), so a symlink
or a setting must never lead a read or a write outside the project root, the folder of the
settings file. Reading through a symlink that stays inside the project is fine; writing through
any symlink is refused, since the link itself would not change and its target could be anywhere.

A path the user typed on the command line (``--output ../STATUS.md``) is their choice: when it
lies outside the root, the folder it names is the boundary instead, so only what lies beyond it
through a symlink is refused.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePath

from .errors import Location, StatusGenError


def setting_path(value: str, key: str, where: Location) -> Path:
    """A path from the settings file: relative, inside the project, without '..'."""
    pure = PurePath(value)
    if pure.is_absolute() or value.startswith(("/", "\\", "~")) or (len(value) > 1 and value[1] == ":"):
        raise StatusGenError(
            f"setting '{key}' must be a path inside the project, relative to the settings file, not {value!r}",
            where,
        )
    if ".." in pure.parts or ".." in value.replace("\\", "/").split("/"):
        raise StatusGenError(f"setting '{key}' must not leave the project with '..': {value!r}", where)
    return Path(value)


def _inside(real: str, real_root: str) -> bool:
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


def boundary(path: Path, root: Path | None) -> Path:
    """The folder ``path`` must stay inside: the root, or the path's own folder when it lies outside."""
    absolute = Path(os.path.abspath(path))
    if root is not None:
        base = Path(os.path.abspath(root))
        if absolute == base or absolute.is_relative_to(base):
            return base
    return absolute.parent


def for_reading(path: Path, root: Path | None, display: str) -> Path:
    """``path``, once its real location (symlinks followed) is known to be inside the boundary."""
    base = boundary(path, root)
    real = os.path.realpath(path)
    if not _inside(real, os.path.realpath(base)):
        raise StatusGenError(
            "leads outside the project through a symlink; status-gen reads only files inside the project",
            Location(display),
        )
    return path


def for_writing(path: Path, root: Path | None, display: str) -> Path:
    """``path`` (normalised), once no part of it below the boundary is a symlink.

    The parts that do not exist yet are created by the caller as plain folders.
    """
    absolute = Path(os.path.abspath(path))
    base = boundary(absolute, root)
    current = base
    for part in absolute.relative_to(base).parts:
        current = current / part
        if current.is_symlink():
            name = "this path" if current == absolute else f"the folder {current.relative_to(base).as_posix()}/"
            raise StatusGenError(
                f"{name} is a symlink; status-gen never writes through a symlink (its target could be "
                "outside the project): replace the link with a real file or folder, or pass the target's path",
                Location(display),
            )
    return absolute


def hidden_part(name: str) -> str | None:
    """The first part of a template name that is hidden ('.git', '.env'): never a template."""
    return next((part for part in name.replace("\\", "/").split("/") if part.startswith(".")), None)

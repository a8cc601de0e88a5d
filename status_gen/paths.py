"""How paths appear in messages and in the document: as the user wrote them, never resolved.

Resolving symlinks would put a machine's absolute path into the document's banner and make it
differ between clones.
"""

from __future__ import annotations

from pathlib import Path


def shown(path: Path, root: Path | None = None) -> str:
    """``path`` relative to ``root`` (default: the working folder) when inside it, else as given."""
    try:
        return path.relative_to(root or Path.cwd()).as_posix()
    except ValueError:
        return str(path)

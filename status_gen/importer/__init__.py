"""``status-gen import``: turn a hand-written Markdown status document into a data folder.

``plan_import`` (plan.py, pure) decides the files; ``write_import`` writes them without
overwriting anything. ``recognise.py`` holds what becomes records; the rest is kept verbatim.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import Location, StatusGenError
from .plan import Imported, plan_import

__all__ = ["Imported", "lines_kept", "plan_import", "write_import"]


def write_import(target: Path, files: dict[str, str], root: Path) -> list[str]:
    """Create the files in ``target``; nothing is written if any exists or leads through a symlink."""
    from ..confine import for_writing
    from ..output import write_if_changed

    for name in files:
        for_writing(target / name, root, name)
    taken = sorted(name for name in files if (target / name).exists() or (target / name).is_symlink())
    if target.exists() and not target.is_dir():
        taken = [f"{target.name} (a file where the data folder goes)"]
    if taken:
        raise StatusGenError(
            f"import would overwrite {', '.join(taken)}; nothing was written. Move them, or pass another --data folder",
            Location(str(target)),
        )
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StatusGenError(f"cannot create the folder: {exc.strerror or exc}", Location(str(target))) from None
    for name, text in files.items():
        write_if_changed(target / name, text.encode("utf-8"), root)
    return list(files)


def lines_kept(original: str, rendered: str) -> float:
    """The share of the original's non-blank lines present in the rendered document.

    Whitespace and emphasis are normalised, so a re-flowed or re-emphasised line still counts.
    """

    def norm(line: str) -> str:
        return " ".join(re.sub(r"[*_`]+", "", line).split())

    have = {norm(line) for line in rendered.split("\n")}
    wanted = [norm(line) for line in original.split("\n") if line.strip()]
    return sum(line in have for line in wanted) / len(wanted) if wanted else 1.0

"""The data at a revision, and which revision holds the previous status.

A revision's files are read from git into memory and go through the same loader and validator as
the working tree's, so a data file at a revision is accepted or refused exactly as it would be on
disk; its messages name it ``REV:data/components.yaml``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import Location, StatusGenError
from .gitread import Repo
from .loader import Document, find_ignores, parse
from .textfile import decode

if TYPE_CHECKING:
    from .dataset import Dataset
    from .vocabulary import Label

# How many changes of the project file the search for the previous status reads before giving up.
MAX_STATUS_CHANGES = 1000
WORKING_TREE = "working tree"


@dataclass(frozen=True)
class Revision:
    """A loaded state of the data: the dataset, what to call it, and its commit (None: working tree)."""

    name: str
    commit: str | None
    data: Dataset


def _document(raw: bytes, shown: str) -> Document:
    text = decode(raw, shown)
    return Document(shown, parse(text, shown), text, find_ignores(text))


def load_revision(repo: Repo, commit: str, folder: str, labels: dict[str, Label], name: str) -> Dataset:
    """The dataset stored in ``commit`` under ``folder``, validated in memory."""
    from .dataset import build_dataset, kinds_of

    entries = repo.entries(commit, folder)
    display = f"{name}:{folder}"
    if not entries:
        raise StatusGenError(f"{folder}/ does not exist at {name}", Location(display))
    by_name = {e.name: e for e in entries}
    files = kinds_of([e.name for e in entries], display)
    chosen = [by_name[file_name] for file_name, _ in files.values()]
    blobs = repo.read_blobs(chosen, {file_name: shown for file_name, shown in files.values()})
    sources = {kind: partial(_document, blobs[file_name], shown) for kind, (file_name, shown) in files.items()}
    return build_dataset(sources, labels)


def last_updated_at(repo: Repo, commit: str, folder: str, labels: dict[str, Label]) -> dt.date | None:
    """The project's ``last_updated`` at a commit (None when the project file is absent there)."""
    from .dataset import build_dataset, kinds_of

    entries = {e.name: e for e in repo.entries(commit, folder)}
    names: list[str] = [n for n in ("project.yaml", "project.yml") if n in entries]
    if not names:
        return None
    display = f"{commit[:12]}:{folder}"
    kind_files = kinds_of(names, display)
    file_name, shown = kind_files["project"]
    blob = repo.read_blobs([entries[file_name]], {file_name: shown})[file_name]
    return build_dataset({"project": partial(_document, blob, shown)}, labels).project.last_updated


def previous_status(repo: Repo, folder: str, current: dt.date, labels: dict[str, Label], start: str = "HEAD") -> str:
    """The newest commit on ``start``'s first-parent line whose ``last_updated`` differs from ``current``.

    That is the status as it stood before the one being edited: the same commit whether or not
    the edit is committed yet, so a document derived from it keeps its bytes across the commit.
    Only commits that touched a ``last_updated`` line can change the value, so just those are read.
    """
    if not repo.has_commits():
        raise StatusGenError("no earlier status: the repository has no commits yet")
    prefix = "" if folder in ("", ".") else folder.rstrip("/") + "/"
    paths = [f"{prefix}project.yaml", f"{prefix}project.yml"]
    candidates = repo.log("--first-parent", "-G", "last_updated", start, paths=paths, limit=MAX_STATUS_CHANGES)
    same: str | None = None  # the oldest candidate so far that still holds ``current``
    for commit in candidates:
        if last_updated_at(repo, commit, folder, labels) != current:
            return repo.resolve(start) if same is None else repo.resolve(f"{same}^1")
        same = commit
    shallow = " (the clone is shallow: fetch more history, e.g. 'fetch-depth: 0')" if repo.is_shallow() else ""
    if len(candidates) == MAX_STATUS_CHANGES:
        raise StatusGenError(f"no earlier status within {MAX_STATUS_CHANGES} changes of last_updated; pass REV")
    parent = repo.parent(same) if same else None
    if same is None or parent is None:
        raise StatusGenError(f"no earlier status: no commit has a last_updated other than {current}{shallow}")
    if last_updated_at(repo, parent, folder, labels) is None:
        raise StatusGenError(f"no earlier status: the project file was added with this date in {same[:12]}")
    return parent


def load_pair(
    cwd: Path,
    folder: Path,
    labels: dict[str, Label],
    working: Dataset | None,
    base: str | None,
    target: str | None,
) -> tuple[Revision, Revision]:
    """The two states ``diff`` compares: BASE (default: the previous status) and TARGET (default:
    the working tree, whose dataset the caller has loaded)."""
    repo = Repo(cwd)
    inside = repo.relative(folder)
    if target is None:
        if working is None:
            raise AssertionError("the working tree's dataset is needed when no second revision is given")
        after = Revision(WORKING_TREE, None, working)
    else:
        commit = repo.resolve(target)
        after = Revision(target, commit, load_revision(repo, commit, inside, labels, target))
    if base is None:
        start = after.commit or "HEAD"
        commit = previous_status(repo, inside, after.data.project.last_updated, labels, start)
        name = commit[:12]
    else:
        commit, name = repo.resolve(base), base
    before = Revision(name, commit, load_revision(repo, commit, inside, labels, name))
    return before, after

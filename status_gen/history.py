"""The data at a revision, and which revision holds the previous status.

A revision's files are read from git into memory and go through the same loader and validator as
the working tree's, so a data file at a revision is accepted or refused exactly as it would be on
disk; its messages name it ``REV:data/components.yaml``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import Location, StatusGenError
from .gitread import Repo
from .loader import Document, find_ignores, parse
from .textfile import decode

if TYPE_CHECKING:
    from .changes import Changes
    from .dataset import Dataset
    from .mermaid import Point
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


def earlier_statuses(
    repo: Repo, folder: str, current: dt.date, labels: dict[str, Label], start: str = "HEAD"
) -> Iterator[str]:
    """The commits holding each earlier status, newest first: for every value ``last_updated`` had
    before ``current``, the newest commit on ``start``'s first-parent line that still had it.

    That is each status as it stood before the next one replaced it, and the first one is the
    same commit whether or not the edit being prepared is committed yet, so a document derived
    from it keeps its bytes across the commit. Only commits that touched a ``last_updated`` line
    can change the value, so only they are read, lazily, as far back as the caller asks.
    """
    if not repo.has_commits():
        raise StatusGenError("no earlier status: the repository has no commits yet")
    prefix = "" if folder in ("", ".") else folder.rstrip("/") + "/"
    paths = [f"{prefix}project.yaml", f"{prefix}project.yml"]
    candidates = repo.log("--first-parent", "-G", "last_updated", start, paths=paths, limit=MAX_STATUS_CHANGES)
    value: dt.date | None = current
    newest: str | None = None  # the oldest candidate read so far: the newest commit of ``value``
    for commit in candidates:
        found = last_updated_at(repo, commit, folder, labels)
        if found is None:
            return  # the project file did not exist before this: no earlier status
        if found != value:
            yield repo.resolve(start) if newest is None else repo.resolve(f"{newest}^1")
            value = found
        newest = commit


def previous_status(repo: Repo, folder: str, current: dt.date, labels: dict[str, Label], start: str = "HEAD") -> str:
    """The commit holding the status before ``current`` (see ``earlier_statuses``), or a clear error."""
    for commit in earlier_statuses(repo, folder, current, labels, start):
        return commit
    shallow = " (the clone is shallow: fetch more history, e.g. 'fetch-depth: 0')" if repo.is_shallow() else ""
    raise StatusGenError(f"no earlier status: no commit has a last_updated other than {current}{shallow}")


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


@dataclass(frozen=True)
class Derived:
    """What the document derives from git at render time, and why a part is absent (for --verbose)."""

    changes: Changes | None = None  # since the previous status
    health: tuple[Point, ...] = ()  # the health of the last statuses, oldest first (two or more)
    notes: tuple[str, ...] = ()


def derive(
    root: Path, folder: Path, labels: dict[str, Label], current: Dataset, *, changes: bool, statuses: int = 0
) -> Derived:
    """The changes since the previous status and the health of the last ``statuses`` statuses.

    Depends only on the commits and the data, never on the clock, so one commit always renders
    the same bytes. Without a git repository (or with no earlier status) the parts are absent and
    a note says why; a shallow clone that lacks the history is an error, since the document would
    silently differ from one rendered with the history.
    """
    from .changes import compare
    from .derive import rollup
    from .mermaid import Point

    if not changes and statuses < 2:
        return Derived()
    repo = Repo.find(root)
    if repo is None:
        return Derived(notes=("not a git repository (or git is missing): no changes section, no health chart",))
    try:
        inside = repo.relative(folder)
    except StatusGenError:
        return Derived(notes=("the data folder is outside the git repository: no changes section, no health chart",))
    notes: list[str] = []
    found: Changes | None = None
    points: list[Point] = []
    try:
        walk = earlier_statuses(repo, inside, current.project.last_updated, labels)
        want = max(statuses - 1, 1 if changes else 0)
        for number, commit in enumerate(walk):
            before = load_revision(repo, commit, inside, labels, commit[:12])
            if number == 0 and changes:
                found = compare(before, current, labels)
            points.append(Point(before.project.last_updated, rollup(before.components, labels)))
            if number + 1 >= want:
                break
    except StatusGenError as error:
        if "no commits yet" not in error.message:
            raise
    if not points and repo.is_shallow():
        raise StatusGenError(
            "the changes section and health chart need the git history, and this clone is shallow: "
            "fetch it ('git fetch --unshallow', or 'fetch-depth: 0' for actions/checkout)"
        )
    if changes and found is None:
        notes.append("no earlier status in the git history: no changes section")
    health: tuple[Point, ...] = ()
    if statuses >= 2:
        health = (
            *reversed(points[: statuses - 1]),
            Point(current.project.last_updated, rollup(current.components, labels)),
        )
        if len(health) < 2:
            notes.append("fewer than two statuses in the git history: no health chart")
            health = ()
    return Derived(found, health, tuple(notes))

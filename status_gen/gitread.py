"""Read revisions of the data through git itself: ``git ls-tree`` and ``git cat-file``, never a checkout.

The repository is untrusted input (CI runs on strangers' pull requests), so git runs without a
shell, with an argument list, a timeout and a bound on what it may print; revision names are
checked before git sees them and resolved to a commit id once, and every path is passed after
``--`` or built from that id. Nothing here follows a symlink stored in history.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .errors import Location, StatusGenError
from .loader import MAX_FILE_BYTES

TIMEOUT_SECONDS = 30.0
MAX_OUTPUT_BYTES = 4 * MAX_FILE_BYTES
MAX_REVISION_CHARS = 256
_COMMIT_ID = re.compile(r"[0-9a-f]{40}(?:[0-9a-f]{24})?\Z")  # SHA-1 or SHA-256
# Settings a cloned repository cannot carry, but a user's or CI's global config might, that would
# make a read command run a program or page its output.
_SAFE_CONFIG = ("-c", "core.fsmonitor=false", "-c", "core.pager=cat", "-c", "diff.external=")
_REGULAR_MODES = ("100644", "100755")
_SYMLINK_MODE = "120000"


def check_revision(revision: str) -> str:
    """Refuse what is not a plain revision name before git sees it.

    A name starting with '-' would be read as an option (``--output=x`` writes a file); a ':'
    names a file inside a tree (``HEAD:../../etc/passwd``), not a revision of the data.
    """
    if not revision or revision.startswith("-"):
        raise StatusGenError(f"revision must not start with '-': {revision!r}")
    if len(revision) > MAX_REVISION_CHARS:
        raise StatusGenError(f"revision name is longer than {MAX_REVISION_CHARS} characters")
    if ":" in revision or not revision.isprintable() or any(c.isspace() for c in revision):
        raise StatusGenError(
            f"not a revision name: {revision!r} (give a commit, branch or tag such as HEAD~1; "
            "paths inside a revision are not accepted)"
        )
    return revision


@dataclass(frozen=True)
class Entry:
    """A file of the data folder as stored in a commit."""

    name: str
    mode: str
    blob: str
    size: int


class Repo:
    """A git repository seen from a folder inside its work tree."""

    def __init__(self, cwd: Path) -> None:
        self.cwd = cwd
        top = self._git("rev-parse", "--show-toplevel", what="find the git repository").decode().strip()
        self.top = Path(top)

    @classmethod
    def find(cls, cwd: Path) -> Repo | None:
        """The repository around ``cwd``, or None when there is none (or no git at all)."""
        try:
            return cls(cwd)
        except StatusGenError:
            return None

    # Running git.

    def _git(self, *args: str, what: str, stdin: bytes | None = None, limit: int = MAX_OUTPUT_BYTES) -> bytes:
        env = {
            **os.environ,
            "GIT_TERMINAL_PROMPT": "0",
            "GIT_OPTIONAL_LOCKS": "0",  # a read must not take the index lock another git holds
            "LC_ALL": "C",
        }
        for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
            env.pop(name, None)  # a hook's environment must not point us at another repository
        try:
            proc = subprocess.run(
                ["git", *_SAFE_CONFIG, *args],
                cwd=self.cwd,
                input=stdin,
                capture_output=True,
                timeout=TIMEOUT_SECONDS,
                env=env,
                check=False,
            )
        except FileNotFoundError:
            raise StatusGenError(f"cannot {what}: git is not installed") from None
        except subprocess.TimeoutExpired:
            raise StatusGenError(f"cannot {what}: git took longer than {TIMEOUT_SECONDS:.0f} s") from None
        if proc.returncode != 0:
            message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
            detail = message[-1].removeprefix("fatal: ") if message else f"git exited with {proc.returncode}"
            raise StatusGenError(f"cannot {what}: {detail}")
        if len(proc.stdout) > limit:
            raise StatusGenError(f"cannot {what}: git printed more than {limit:,} bytes")
        return proc.stdout

    # Questions about the repository.

    def is_shallow(self) -> bool:
        out = self._git("rev-parse", "--is-shallow-repository", what="inspect the repository")
        return out.strip() == b"true"

    def has_commits(self) -> bool:
        try:
            self._git("rev-parse", "--verify", "--quiet", "HEAD^{commit}", what="read HEAD")
        except StatusGenError:
            return False
        return True

    def resolve(self, revision: str) -> str:
        """The full commit id a revision names, or a clear reason why there is none."""
        check_revision(revision)
        try:
            out = self._git(
                "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}", what="resolve"
            )
        except StatusGenError:
            raise StatusGenError(self._missing(revision)) from None
        commit = out.decode().strip()
        if not _COMMIT_ID.match(commit):
            raise StatusGenError(f"git gave an unexpected commit id for {revision!r}")
        return commit

    def _missing(self, revision: str) -> str:
        if not self.has_commits():
            return f"revision {revision!r} does not exist: the repository has no commits yet"
        if self.is_shallow():
            return (
                f"revision {revision!r} is not in this clone: its history is shallow. Fetch more of it "
                "('git fetch --unshallow', or 'fetch-depth: 0' for actions/checkout)"
            )
        return f"revision {revision!r} does not exist in this repository (check 'git log')"

    def relative(self, folder: Path) -> str:
        """A working-tree folder as a path inside the repository ('data', 'status/data')."""
        try:
            # The folder itself unresolved: a data folder that is a symlink must be seen as one.
            inside = (folder.parent.resolve() / folder.name).relative_to(self.top.resolve())
        except (ValueError, OSError, RuntimeError):
            raise StatusGenError(
                f"the data folder is outside the git repository at {self.top}", Location(str(folder))
            ) from None
        return inside.as_posix()

    def entries(self, commit: str, folder: str) -> list[Entry]:
        """The files directly inside ``folder`` at ``commit`` (sorted by name), as git stores them."""
        prefix = "" if folder in ("", ".") else folder.rstrip("/") + "/"
        out = self._git("ls-tree", "-z", "-l", "--full-tree", commit, "--", prefix or ".", what="list the data folder")
        if prefix and not out:
            # "data/" lists nothing when data is missing, or is a file or a symlink: which one?
            out = self._git("ls-tree", "-z", "-l", "--full-tree", commit, "--", prefix.rstrip("/"), what="list")
        entries: list[Entry] = []
        for record in out.split(b"\0"):
            if not record:
                continue
            meta, _, path = record.partition(b"\t")
            mode, kind, blob, size = meta.decode().split()
            name = path.decode("utf-8", "replace")
            if prefix and not name.startswith(prefix):
                # ls-tree of "data/" lists its children; of "data" (a symlink or file) the entry itself.
                raise StatusGenError(
                    f"{prefix.rstrip('/')} is not a folder at {commit[:12]} "
                    f"({'a symlink' if mode == _SYMLINK_MODE else 'a ' + kind})"
                )
            entries.append(Entry(name[len(prefix) :], mode, blob, int(size) if size.isdigit() else -1))
        return sorted(entries, key=lambda e: e.name)

    def read_blobs(self, entries: list[Entry], shown: dict[str, str]) -> dict[str, bytes]:
        """The bytes of some regular files, bounded by size, in one ``git cat-file --batch``."""
        for entry in entries:
            where = Location(shown[entry.name])
            if entry.mode == _SYMLINK_MODE:
                raise StatusGenError(
                    "is a symlink in this revision; status-gen does not follow links in history", where
                )
            if entry.mode not in _REGULAR_MODES:
                raise StatusGenError("is not a regular file in this revision", where)
            if not 0 <= entry.size <= MAX_FILE_BYTES:
                raise StatusGenError(
                    f"file is {entry.size:,} bytes; the limit is {MAX_FILE_BYTES:,} (split the data into smaller "
                    "files)",
                    where,
                )
        if not entries:
            return {}
        request = "".join(f"{e.blob}\n" for e in entries).encode()
        limit = sum(e.size + 100 for e in entries)
        out = self._git("cat-file", "--batch", what="read data files", stdin=request, limit=limit)
        blobs: dict[str, bytes] = {}
        position = 0
        for entry in entries:
            header_end = out.index(b"\n", position)
            header = out[position:header_end].split()
            if len(header) != 3 or header[1] != b"blob" or int(header[2]) != entry.size:
                raise StatusGenError("git returned something other than the file's blob", Location(shown[entry.name]))
            start = header_end + 1
            blobs[entry.name] = out[start : start + entry.size]
            position = start + entry.size + 1
        return blobs

    def log(self, *args: str, paths: list[str], limit: int) -> list[str]:
        """Commit ids, newest first, of ``git log ARGS -- PATHS`` (at most ``limit``)."""
        out = self._git("log", f"--max-count={limit}", "--format=%H", *args, "--", *paths, what="read the history")
        return out.decode().split()

    def parent(self, commit: str) -> str | None:
        try:
            return self.resolve(f"{commit}^1")
        except StatusGenError:
            return None

"""Writing the document never loses it: atomic replace, crash safety, symlinks and modes.

Crashes are simulated two ways: an exception raised in the middle of writing (in-process), and
a child process killed with ``os._exit`` half-way through writing or just before the rename,
which is what a power cut or ``kill -9`` leaves behind.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import IO

import pytest

from status_gen.output import write_if_changed
from tests.conftest import EXAMPLE_TODAY, ROOT, run_cli

OLD = b"# the old document\nhand-written, must survive\n"


def _stale_document(project: Path) -> Path:
    document = project / "SYSTEM_STATUS.md"
    document.write_bytes(OLD)
    return document


def _temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


class _HalfWriter:
    """A file handle that writes half of what it is given, then fails like a full disk."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle = handle

    def __enter__(self) -> _HalfWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()

    def write(self, data: bytes) -> int:
        self.handle.write(data[: len(data) // 2])
        self.handle.flush()
        raise OSError(errno.ENOSPC, "No space left on device")


def test_disk_full_mid_write_keeps_old_document(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    document = _stale_document(project)
    real_fdopen = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda fd, mode: _HalfWriter(real_fdopen(fd, "wb")))
    code, out, err = run_cli("render", "--today", EXAMPLE_TODAY)
    assert code == 2
    assert err.strip().endswith(
        "SYSTEM_STATUS.md: error: cannot write output: No space left on device; the old file is unchanged"
    )
    assert "Traceback" not in err + out
    assert document.read_bytes() == OLD
    assert _temp_files(project) == []


def test_interrupt_mid_write_keeps_old_document(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    document = _stale_document(project)

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    code, out, err = run_cli("render", "--today", EXAMPLE_TODAY)
    assert (code, err.strip()) == (130, "Aborted!")  # the shell's code for an interrupted command
    assert "Traceback" not in out
    assert document.read_bytes() == OLD
    assert _temp_files(project) == []


@pytest.mark.parametrize("where", ["mid-write", "before-rename"])
def test_killed_process_leaves_old_document_intact(project: Path, where: str) -> None:
    document = _stale_document(project)
    # The child dies without any cleanup (os._exit skips finally blocks), like kill -9.
    script = textwrap.dedent(
        f"""
        import os, sys
        sys.path.insert(0, {str(ROOT)!r})
        if {where!r} == "mid-write":
            real_fdopen = os.fdopen
            class Dying:
                def __init__(self, handle): self.handle = handle
                def __enter__(self): return self
                def __exit__(self, *exc): pass
                def write(self, data):
                    self.handle.write(data[: len(data) // 2]); self.handle.flush(); os._exit(137)
            os.fdopen = lambda fd, mode="r": Dying(real_fdopen(fd, mode))
        else:
            real_replace = os.replace  # other files (a template cache) may still be replaced
            def replace(source, target, *args, **kwargs):
                if str(target).endswith("SYSTEM_STATUS.md"):
                    os._exit(137)
                real_replace(source, target, *args, **kwargs)
            os.replace = replace
        from status_gen.cli import main
        sys.exit(main(["render", "--today", {EXAMPLE_TODAY!r}]))
        """
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=project, capture_output=True, timeout=120)
    assert result.returncode == 137, result.stderr
    assert document.read_bytes() == OLD
    # The dead process could not remove its temp file; the next run writes correctly and removes it.
    assert len(_temp_files(project)) == 1
    code, _, err = run_cli("render", "--today", EXAMPLE_TODAY)
    assert code == 0, err
    assert document.read_bytes() == (ROOT / "SYSTEM_STATUS.md").read_bytes()
    assert _temp_files(project) == []


def test_replace_is_atomic_for_a_reader_holding_the_old_file(project: Path) -> None:
    document = _stale_document(project)
    with document.open("rb") as reader:
        code, _, _ = run_cli("render", "--today", EXAMPLE_TODAY)
        assert code == 0
        assert reader.read() == OLD  # the old inode is untouched: no in-place truncate and rewrite
    assert document.read_bytes() == (ROOT / "SYSTEM_STATUS.md").read_bytes()


def test_symlinked_output_is_never_written_through(project: Path) -> None:
    """Even a link that stays inside the project: its target could as well be ~/.bashrc."""
    (project / "docs").mkdir()
    target = project / "docs" / "STATUS.md"
    target.write_bytes(OLD)
    document = project / "SYSTEM_STATUS.md"
    document.unlink()
    document.symlink_to(Path("docs") / "STATUS.md")
    code, _, err = run_cli("render", "--today", EXAMPLE_TODAY)
    assert code == 2
    assert err.startswith("SYSTEM_STATUS.md: error: this path is a symlink; status-gen never writes through a symlink")
    assert document.is_symlink() and os.readlink(document) == "docs/STATUS.md"
    assert target.read_bytes() == OLD
    assert _temp_files(project) == [] and _temp_files(project / "docs") == []
    # Reading through it is fine: the link stays inside the project.
    code, out, _ = run_cli("check", "--today", EXAMPLE_TODAY)
    assert code == 1 and "SYSTEM_STATUS.md is stale" in out
    # Writing to the target's own path works.
    code, _, err = run_cli("render", "--today", EXAMPLE_TODAY, "--output", "docs/STATUS.md")
    assert code == 0, err


def test_mode_is_kept_and_new_files_follow_the_umask(tmp_path: Path) -> None:
    kept = tmp_path / "kept.md"
    kept.write_bytes(OLD)
    kept.chmod(0o604)
    assert write_if_changed(kept, b"new\n")
    assert kept.stat().st_mode & 0o777 == 0o604
    old_umask = os.umask(0o027)
    try:
        fresh = tmp_path / "fresh.md"
        assert write_if_changed(fresh, b"new\n")
    finally:
        os.umask(old_umask)
    assert fresh.stat().st_mode & 0o777 == 0o640  # 0666 & ~027, not mkstemp's 0600


def test_unchanged_bytes_are_not_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "doc.md"
    path.write_bytes(b"same\n")
    before = path.stat()
    assert not write_if_changed(path, b"same\n")
    assert path.stat().st_ino == before.st_ino


def test_failed_input_after_a_good_render_changes_nothing(project: Path) -> None:
    document = project / "SYSTEM_STATUS.md"
    before = document.read_bytes()
    (project / "data" / "issues.yaml").write_text("issues: [\n", encoding="utf-8")
    for command in ("render", "check"):
        code, _, _ = run_cli(command, "--today", EXAMPLE_TODAY)
        assert code == 2
    assert document.read_bytes() == before
    assert _temp_files(project) == []

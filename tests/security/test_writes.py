"""Issue 15, items 9, 12 and 13: the template cache, leftover temp files, hard links, read-only files."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import STALE_DOCUMENT
from tests.security.harness import EXAMPLE_TODAY, Tree

# The real CLI in a child process per case: CI's second step, pytest -m slow.
pytestmark = pytest.mark.slow


def test_hard_linked_document_is_refused(tree: Tree) -> None:
    other = tree.outside / "linked.md"
    os.link(tree.project / "SYSTEM_STATUS.md", other)
    tree.write("data/project.yaml", (tree.project / "data/project.yaml").read_text("utf-8").replace("Netra", "Nettra"))
    tree.before = tree.outside_files()
    run = tree.run("render", "--today", EXAMPLE_TODAY)
    tree.assert_contained(run, message="SYSTEM_STATUS.md: error: the file has 2 hard links")


def test_read_only_document_is_respected(tree: Tree) -> None:
    document = tree.project / "SYSTEM_STATUS.md"
    document.write_text(STALE_DOCUMENT, encoding="utf-8")
    document.chmod(0o444)
    run = tree.run("render", "--today", EXAMPLE_TODAY)
    tree.assert_contained(run, message="the file is read-only (mode 0444); run 'chmod u+w SYSTEM_STATUS.md'")
    assert document.read_text(encoding="utf-8") == STALE_DOCUMENT


def test_leftover_temp_files_of_dead_runs_are_removed(tree: Tree) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(dead.stdout)  # a process that has exited
    leftover = tree.project / f".SYSTEM_STATUS.md.{pid}-k2j3h4.tmp"
    leftover.write_bytes(b"x" * 4096)
    live = tree.project / f".SYSTEM_STATUS.md.{os.getpid()}-abcdef.tmp"  # this test process is alive
    live.write_bytes(b"y")
    old_style = tree.project / ".SYSTEM_STATUS.md.q9w8e7.tmp"  # an older naming, an hour old
    old_style.write_bytes(b"z")
    os.utime(old_style, (1_000_000_000, 1_000_000_000))
    young = tree.project / ".SYSTEM_STATUS.md.r5t6y7.tmp"
    young.write_bytes(b"w")
    mine = tree.project / ".notes.md.1-abc.tmp"  # another file's name: not ours to remove
    mine.write_bytes(b"v")
    run = tree.run("render", "--today", EXAMPLE_TODAY)
    assert run.code == 0, run.err
    assert not leftover.exists() and not old_style.exists()
    assert live.exists() and young.exists() and mine.exists()


def _cache_entries(tree: Tree) -> list[str]:
    folder = tree.own / "cache" / "status-gen" / "templates"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def test_template_cache_is_used_only_when_private(tree: Tree) -> None:
    run = tree.run("check", "--today", EXAMPLE_TODAY)
    assert run.code == 0, run.err
    entries = _cache_entries(tree)
    assert entries, "a private cache folder is used"
    folder = tree.own / "cache" / "status-gen" / "templates"
    assert folder.stat().st_mode & 0o777 == 0o700
    for entry in folder.iterdir():
        entry.unlink()
    folder.chmod(0o777)  # anyone could plant an entry that would run outside the sandbox
    run = tree.run("check", "--today", EXAMPLE_TODAY)
    assert run.code == 0, run.err
    assert _cache_entries(tree) == []
    folder.chmod(0o700)
    (tree.own / "cache" / "status-gen").chmod(0o777)  # its parent too: the folder could be swapped
    run = tree.run("check", "--today", EXAMPLE_TODAY)
    assert run.code == 0, run.err
    assert _cache_entries(tree) == []

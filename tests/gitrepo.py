"""Build real git repositories of status data for the history tests."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.com",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.com",
    "GIT_AUTHOR_DATE": "2025-01-01T00:00:00Z",
    "GIT_COMMITTER_DATE": "2025-01-01T00:00:00Z",
    "GIT_CONFIG_NOSYSTEM": "1",
    "HOME": "/nonexistent",  # no user config: the same git behaviour on every machine
}


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, env=ENV, capture_output=True, text=True, check=False, timeout=60)
    if done.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed: {done.stderr}")
    return done.stdout.strip()


def init(repo: Path) -> Path:
    repo.mkdir(parents=True, exist_ok=True)
    git(repo, "init", "-q", "-b", "main")
    return repo


def commit(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", message)
    return git(repo, "rev-parse", "HEAD")


def write_data(repo: Path, **files: str) -> None:
    """Write data/<kind>.yaml files (dedented text)."""
    import textwrap

    folder = repo / "data"
    folder.mkdir(exist_ok=True)
    for kind, text in files.items():
        (folder / f"{kind}.yaml").write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


def project(date: str) -> str:
    return f"""
        project:
          name: Demo
          last_updated: "{date}"
          headline: Demo status
          summary: A small project for history tests
        """

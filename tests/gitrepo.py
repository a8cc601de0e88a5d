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


# The history most history tests read: two statuses a week apart, then an edit that keeps the date.
COMPONENTS_1 = """
    components:
      - id: api
        name: API
        status: FIXED
        note: serves requests
        tests: {passed: 8, total: 10}
      - id: db
        name: Database
        status: PARTIAL
        note: replicas lag
    """
ISSUES_1 = """
    issues:
      - number: 1
        title: Slow queries
        status: in_progress
        opened: "2025-01-01"
        phases:
          - {name: Measure, status: done, completed: "2025-01-01"}
          - {name: Fix, status: todo}
    """
BLOCKERS_1 = """
    blockers:
      - id: replicas
        title: Replicas lag
        detail: reads are stale
        severity: P0
        component: db
    """
TESTS_1 = """
    categories:
      - id: unit
        name: Unit tests
        status: PARTIAL
        note: some fail
        tests: {passed: 5, total: 10}
    """
COMPONENTS_2 = COMPONENTS_1.replace("status: PARTIAL", "status: BROKEN").replace("passed: 8", "passed: 10")
ISSUES_2 = """
    issues:
      - number: 1
        title: Slow queries
        status: closed
        opened: "2025-01-01"
        closed: "2025-01-08"
        phases:
          - {name: Measure, status: done, completed: "2025-01-01"}
          - {name: Fix, status: done, completed: "2025-01-07"}
      - number: 2
        title: Backups untested
        status: open
        opened: "2025-01-06"
    """
BLOCKERS_2 = """
    blockers:
      - id: replicas
        title: Replicas lag
        detail: reads are stale
        severity: P0
        status: resolved
        component: db
      - id: backups
        title: No restore drill
        detail: backups never restored
        severity: P1
    """
TESTS_2 = TESTS_1.replace("passed: 5", "passed: 9")


def build_history(repo: Path) -> dict[str, str]:
    """A repository with three commits: status 1, status 2, then a data edit that keeps the date."""
    init(repo)
    write_data(repo, project=project("2025-01-01"), components=COMPONENTS_1, issues=ISSUES_1)
    write_data(repo, blockers=BLOCKERS_1, tests=TESTS_1)
    first = commit(repo, "status 1")
    write_data(repo, project=project("2025-01-08"), components=COMPONENTS_2, issues=ISSUES_2)
    write_data(repo, blockers=BLOCKERS_2, tests=TESTS_2)
    second = commit(repo, "status 2")
    write_data(repo, components=COMPONENTS_2.replace("replicas lag", "replicas lag badly"))
    third = commit(repo, "note only")
    return {"first": first, "second": second, "third": third}

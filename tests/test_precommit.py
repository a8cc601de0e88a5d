"""The hooks under the real pre-commit, in throwaway git repositories scaffolded by 'status-gen init'.

``pre-commit try-repo PATH`` without ``--ref`` installs the repository's committed HEAD; when
tracked files have uncommitted changes it commits them to a shadow clone first, but files git does
not track yet are left out. So the tests never point it at this checkout directly: a
session-scoped snapshot of the working tree's package files, committed once, is what they try.
In CI's fresh clone that snapshot equals HEAD; locally it is the code under test. try-repo always
builds its hook environment in a throwaway store (it ignores PRE_COMMIT_HOME), so the runs are
kept few; the shared PRE_COMMIT_HOME serves the ``pre-commit run`` of this project's own config.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT

# Real pre-commit and git: about 60 s. Outside the default run, in CI's second test step.
pytestmark = pytest.mark.slow

# What pip needs to install status-gen from the snapshot, plus the hook manifest.
PACKAGE_FILES = ("pyproject.toml", "README.md", "LICENSE", ".pre-commit-hooks.yaml")
PROJECT_FILES = (*PACKAGE_FILES, ".pre-commit-config.yaml", "SYSTEM_STATUS.md")
PROJECT_FOLDERS = ("status_gen/", "data/", "templates/", "schemas/")


@pytest.fixture(scope="session")
def git_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Environment for git and pre-commit: no user or system git config, one PRE_COMMIT_HOME."""
    home = tmp_path_factory.mktemp("pre-commit-home")
    gitconfig = home / "gitconfig"
    gitconfig.write_text("[init]\n\tdefaultBranch = main\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.pop("GITHUB_STEP_SUMMARY", None)
    env.update(
        PRE_COMMIT_HOME=str(home / "cache"),
        GIT_CONFIG_GLOBAL=str(gitconfig),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="status-gen tests",
        GIT_AUTHOR_EMAIL="tests@example.invalid",
        GIT_COMMITTER_NAME="status-gen tests",
        GIT_COMMITTER_EMAIL="tests@example.invalid",
        PRE_COMMIT_COLOR="never",
        NO_COLOR="1",
    )
    return env


def _run(env: dict[str, str], cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), cwd=cwd, env=env, capture_output=True, text=True, check=False)


def _git(env: dict[str, str], cwd: Path, *args: str) -> None:
    result = _run(env, cwd, "git", *args)
    assert result.returncode == 0, result.stdout + result.stderr


def _pre_commit(env: dict[str, str], cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return _run(env, cwd, sys.executable, "-m", "pre_commit", *args)


def _snapshot(env: dict[str, str], target: Path, keep: tuple[str, ...], folders: tuple[str, ...]) -> Path:
    """Copy the working tree's files (tracked or new, never ignored) into a fresh one-commit repository."""
    listed = _run(env, ROOT, "git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    assert listed.returncode == 0, listed.stderr
    for name in sorted(set(listed.stdout.split("\0"))):
        source = ROOT / name
        if name and source.is_file() and (name in keep or name.startswith(folders)):
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    _git(env, target, "init", "-q")
    _git(env, target, "add", "-A")
    _git(env, target, "commit", "-q", "-m", "snapshot")
    return target


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory: pytest.TempPathFactory, git_env: dict[str, str]) -> Path:
    return _snapshot(git_env, tmp_path_factory.mktemp("status-gen-hooks"), PACKAGE_FILES, ("status_gen/",))


@pytest.fixture
def user_repo(tmp_path: Path, git_env: dict[str, str]) -> Iterator[Path]:
    """A user's repository: 'status-gen init' with old dates (so age warnings may print), committed."""
    repo = tmp_path / "user"
    init = _run(git_env, tmp_path, sys.executable, "-m", "status_gen", "init", "user", "--today", "2024-05-06")
    assert init.returncode == 0, init.stderr
    _git(git_env, repo, "init", "-q")
    _git(git_env, repo, "add", "-A")
    _git(git_env, repo, "commit", "-q", "-m", "status-gen init")
    yield repo


def _try_repo(env: dict[str, str], repo: Path, hook_repo: Path, *hook: str) -> subprocess.CompletedProcess[str]:
    return _pre_commit(env, repo, "try-repo", str(hook_repo), *hook, "--all-files", "--verbose")


def test_manifest_and_configs_are_valid(git_env: dict[str, str]) -> None:
    from status_gen.scaffold import example_files

    result = _pre_commit(git_env, ROOT, "validate-manifest", ".pre-commit-hooks.yaml")
    assert result.returncode == 0, result.stdout + result.stderr
    result = _pre_commit(git_env, ROOT, "validate-config", ".pre-commit-config.yaml")
    assert result.returncode == 0, result.stdout + result.stderr
    import datetime as dt

    snippet = Path(git_env["PRE_COMMIT_HOME"]).parent / "snippet.yaml"
    snippet.write_bytes(example_files(dt.date(2026, 1, 1))[".pre-commit-config.yaml"])
    result = _pre_commit(git_env, ROOT, "validate-config", str(snippet))
    assert result.returncode == 0, result.stdout + result.stderr


def test_both_hooks_pass_on_a_fresh_tree(user_repo: Path, hook_repo: Path, git_env: dict[str, str]) -> None:
    result = _try_repo(git_env, user_repo, hook_repo)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "status-gen (regenerate SYSTEM_STATUS.md)" in output
    assert "status-gen check (document fresh and consistent)" in output
    assert output.count("Passed") == 2, output
    # The example is dated 2024-05-06 and the hooks run without --today: age warnings print, nothing fails.
    assert "SG401" in output
    assert _run(git_env, user_repo, "git", "status", "--porcelain").stdout == ""


def test_regenerate_hook_fails_and_fixes_after_a_data_edit(
    user_repo: Path, hook_repo: Path, git_env: dict[str, str]
) -> None:
    components = user_repo / "data" / "components.yaml"
    components.write_text(
        components.read_text(encoding="utf-8").replace("Daily backups verified", "Backups verified hourly"),
        encoding="utf-8",
    )
    _git(git_env, user_repo, "add", "data/components.yaml")
    result = _try_repo(git_env, user_repo, hook_repo, "status-gen")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "files were modified by this hook" in output
    assert "wrote SYSTEM_STATUS.md" in output
    document = (user_repo / "SYSTEM_STATUS.md").read_text(encoding="utf-8")
    assert "| **Database** | ✅ HEALTHY | Backups verified hourly |" in document
    # The fixed file is exactly what the installed status-gen renders: check passes on it.
    check = _run(git_env, user_repo, sys.executable, "-m", "status_gen", "check", "--today", "2024-05-06")
    assert check.returncode == 0, check.stdout + check.stderr


def test_check_hook_fails_on_a_hand_edited_document(user_repo: Path, hook_repo: Path, git_env: dict[str, str]) -> None:
    document = user_repo / "SYSTEM_STATUS.md"
    edited = document.read_text(encoding="utf-8").replace("| ⚠️ PARTIAL |", "| ✅ FIXED |")
    document.write_text(edited, encoding="utf-8")
    _git(git_env, user_repo, "add", "SYSTEM_STATUS.md")
    result = _try_repo(git_env, user_repo, hook_repo, "status-gen-check")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "SYSTEM_STATUS.md is stale: run 'status-gen render' to regenerate it" in output
    assert "+| **Reporting Pipeline** | ⚠️ PARTIAL |" in output
    assert "files were modified by this hook" not in output
    assert document.read_text(encoding="utf-8") == edited


def test_this_projects_own_hooks_pass(tmp_path: Path, git_env: dict[str, str]) -> None:
    """The repository's .pre-commit-config.yaml (a local repo) keeps its own document and schemas fresh."""
    project = _snapshot(git_env, tmp_path, PROJECT_FILES, PROJECT_FOLDERS)
    result = _pre_commit(git_env, project, "run", "--all-files", "--verbose")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert output.count("Passed") == 2, output


def test_readme_and_local_config_match_the_manifest() -> None:
    """The documented pattern is the shipped one, and the project's local hooks watch at least those files."""
    import yaml

    manifest = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))}
    pattern = manifest["status-gen"]["files"]
    assert manifest["status-gen-check"]["files"] == pattern
    assert all(h["language"] == "python" and h["pass_filenames"] is False for h in manifest.values())
    assert f"`{pattern}`" in (ROOT / "README.md").read_text(encoding="utf-8")
    (local,) = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text("utf-8"))["repos"]
    hooks = {hook["id"]: hook for hook in local["hooks"]}
    assert local["repo"] == "local"
    assert hooks["status-gen"]["files"].startswith(pattern.removesuffix(")$"))


def test_scaffolded_local_hook_blocks_a_stale_commit_offline(tmp_path: Path, git_env: dict[str, str]) -> None:
    """Issue 9 item 8: the config 'init' writes works as shipped, with the real pre-commit and git.

    No hook repository is fetched (repo: local, language: system): the installed status-gen runs.
    """
    env = dict(git_env, PATH=f"{Path(sys.executable).parent}{os.pathsep}{git_env.get('PATH', '')}")
    # Any attempt to reach the network would fail: no index for pip, a dead proxy for git and https.
    dead = "http://127.0.0.1:9"
    env.update(GIT_ALLOW_PROTOCOL="file", PIP_NO_INDEX="1", https_proxy=dead, http_proxy=dead, HTTPS_PROXY=dead)
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(env, repo, "init", "-q")
    init = _run(env, repo, "status-gen", "init")
    assert init.returncode == 0, init.stderr
    installed = _pre_commit(env, repo, "install")
    assert installed.returncode == 0, installed.stdout + installed.stderr
    _git(env, repo, "add", "-A")
    _git(env, repo, "commit", "-q", "-m", "status-gen init")  # the hook passes on the fresh example
    data = repo / "data" / "project.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("name: ", "name: Renamed ", 1), encoding="utf-8")
    _git(env, repo, "add", "data/project.yaml")
    refused = _run(env, repo, "git", "commit", "-m", "data only")
    assert refused.returncode != 0
    output = refused.stdout + refused.stderr
    assert "--- SYSTEM_STATUS.md (on disk)" in output and "Renamed Example Service" in output
    assert "status-gen check (document fresh and consistent)" in output and "Failed" in output
    rendered = _run(env, repo, "status-gen", "render")
    assert rendered.returncode == 0, rendered.stderr
    _git(env, repo, "add", "SYSTEM_STATUS.md")
    accepted = _run(env, repo, "git", "commit", "-m", "data and document")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert "Passed" in accepted.stdout + accepted.stderr

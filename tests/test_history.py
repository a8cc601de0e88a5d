"""`status-gen diff` on real git repositories, against expectations written by hand."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.gitrepo import COMPONENTS_2, ISSUES_2, commit, git, init, project, write_data

# Written by hand from the two datasets above.
EXPECTED_1_TO_2 = """\
changes from {before} (2025-01-01) to {after} (2025-01-08):
  last updated: 2025-01-01 → 2025-01-08
  health: DEGRADED → CRITICAL
  component db 'Database': warn (PARTIAL) → fail (BROKEN)
  issue #1 'Slow queries': closed
  issue #2 'Backups untested': opened
  phase #1 'Fix': finished (2025-01-07)
  blocker replicas 'Replicas lag': resolved (P0)
  blocker backups 'No restore drill': opened (P1)
  tests component api 'API': 8/10 (80%) → 10/10 (100%)
  tests category unit 'Unit tests': 5/10 (50%) → 9/10 (90%)
"""


@pytest.fixture
def readonly(built: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The built repository itself, for tests that only read it."""
    monkeypatch.chdir(built[0])
    return built[1]


def test_diff_between_two_revisions(readonly: dict[str, str]) -> None:
    code, out, err = run_cli("diff", readonly["first"], readonly["second"])
    assert (code, err) == (0, "")
    assert out == EXPECTED_1_TO_2.format(before=readonly["first"], after=readonly["second"])


def test_default_is_the_previous_status_up_to_the_working_tree(readonly: dict[str, str]) -> None:
    # last_updated is 2025-01-08 in the working tree; the newest commit with another date is the first.
    code, out, _ = run_cli("diff")
    assert code == 0
    assert out == EXPECTED_1_TO_2.format(before=readonly["first"][:12], after="working tree")


def test_the_default_base_survives_committing_the_edit(history: dict[str, str], tmp_path: Path) -> None:
    """Editing data without committing, then committing it: the same base, the same facts."""
    repo = tmp_path / "repo"
    write_data(repo, components=COMPONENTS_2.replace("status: FIXED", "status: DEGRADED"))
    before_commit = run_cli("diff")
    commit(repo, "api degraded")
    after_commit = run_cli("diff")
    assert before_commit == after_commit
    assert "  component api 'API': ok (FIXED) → warn (DEGRADED)\n" in after_commit[1]


def test_a_new_status_date_moves_the_base(history: dict[str, str], tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    write_data(repo, project=project("2025-01-15"))
    _, out, _ = run_cli("diff")
    # The base is now the newest commit with another date: HEAD (2025-01-08), note edit included.
    assert out == f"changes from {history['third'][:12]} (2025-01-08) to working tree (2025-01-15):\n" + (
        "  last updated: 2025-01-08 → 2025-01-15\n"
    )


def test_no_change(readonly: dict[str, str]) -> None:
    code, out, _ = run_cli("diff", "HEAD")
    assert (code, out) == (0, "changes from HEAD (2025-01-08) to working tree (2025-01-08): none\n")


def test_json_and_markdown(readonly: dict[str, str]) -> None:
    code, out, _ = run_cli("diff", readonly["first"], readonly["second"], "--format", "json")
    assert code == 0
    payload = json.loads(out)
    assert payload["before"] == {
        "revision": readonly["first"],
        "commit": readonly["first"],
        "last_updated": "2025-01-01",
    }
    assert payload["changes"][2] == {
        "kind": "component",
        "event": "level",
        "key": "db",
        "name": "Database",
        "before": "warn (PARTIAL)",
        "after": "fail (BROKEN)",
        "text": "component db 'Database': warn (PARTIAL) → fail (BROKEN)",
    }
    assert len(payload["changes"]) == 10
    _, out, _ = run_cli("diff", "HEAD~2", "HEAD~1", "--format", "markdown")
    # A pull-request comment: starts at a level-3 heading (so pymarkdown runs without MD041 below).
    assert out == (
        "### Status changes since 2025-01-01\n\nFrom `HEAD~2` to `HEAD~1`.\n\n"
        + "".join(f"- {line.strip()}\n" for line in EXPECTED_1_TO_2.splitlines()[1:]).replace("#", "\\#", 0)
    )


def test_markdown_output_passes_pymarkdown(readonly: dict[str, str], tmp_path: Path) -> None:
    _, out, _ = run_cli("diff", "HEAD~2", "HEAD~1", "--format", "markdown")
    comment = tmp_path / "comment.md"
    comment.write_text(out, encoding="utf-8")
    done = subprocess.run(
        [str(Path(sys.executable).parent / "pymarkdown"), "--disable-rules", "md013,md041", "scan", str(comment)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_merge_commit(history: dict[str, str], tmp_path: Path) -> None:
    """A branch resolves the new issue; merged back, the merge's first parent line is followed."""
    repo = tmp_path / "repo"
    git(repo, "checkout", "-q", "-b", "fix", history["second"])
    write_data(repo, issues=ISSUES_2.replace("status: open", 'status: resolved\n        closed: "2025-01-08"'))
    commit(repo, "resolve 2")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "-m", "merge fix", "fix")
    _, out, _ = run_cli("diff", "HEAD^1", "HEAD")
    assert out == "changes from HEAD^1 (2025-01-08) to HEAD (2025-01-08):\n  issue #2 'Backups untested': closed\n"
    _, out, _ = run_cli("diff", "HEAD^2", "HEAD")  # the merge adds the note edit from main
    assert out == "changes from HEAD^2 (2025-01-08) to HEAD (2025-01-08): none\n"
    _, out, _ = run_cli("diff")  # the default base is still the first status
    assert out.startswith(f"changes from {history['first'][:12]} (2025-01-01) to working tree (2025-01-08):\n")
    assert "  issue #2 'Backups untested': added closed\n" in out


def test_detached_head(history: dict[str, str]) -> None:
    git(Path.cwd(), "checkout", "-q", "--detach", history["second"])
    _, out, _ = run_cli("diff")
    assert out == EXPECTED_1_TO_2.format(before=history["first"][:12], after="working tree")


def test_shallow_clone(history: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "repo"
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "2", f"file://{source}", str(clone))
    monkeypatch.chdir(clone)
    # HEAD~1 (the second status) is in the clone; the first status is not.
    code, out, _ = run_cli("diff", "HEAD~1")
    assert (code, out) == (0, "changes from HEAD~1 (2025-01-08) to working tree (2025-01-08): none\n")
    code, _, err = run_cli("diff", "HEAD~2")
    assert code == 2
    assert "revision 'HEAD~2' is not in this clone: its history is shallow" in err
    assert "fetch-depth: 0" in err
    code, _, err = run_cli("diff")
    assert code == 2
    assert "no earlier status" in err and "shallow" in err


def test_repository_without_commits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = init(tmp_path / "empty")
    write_data(repo, project=project("2025-01-01"))
    monkeypatch.chdir(repo)
    code, out, err = run_cli("diff")
    assert (code, out) == (2, "")
    assert err == "status-gen: error: no earlier status: the repository has no commits yet\n"
    code, _, err = run_cli("diff", "HEAD")
    assert err == "status-gen: error: revision 'HEAD' does not exist: the repository has no commits yet\n"


def test_not_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_data(tmp_path, project=project("2025-01-01"))
    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli("diff")
    assert code == 2
    assert err.startswith("status-gen: error: cannot find the git repository: not a git repository")


def test_first_status_in_the_first_commit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = init(tmp_path / "repo")
    write_data(repo, project=project("2025-01-01"))
    commit(repo, "first")
    monkeypatch.chdir(repo)
    code, _, err = run_cli("diff")
    assert (code, err) == (
        2,
        "status-gen: error: no earlier status: no commit has a last_updated other than 2025-01-01\n",
    )


# Hostile input.


@pytest.mark.parametrize(
    "revision",
    ["--output=x", "-p", "HEAD:../../etc/passwd", "HEAD:data/project.yaml", "HEAD\n--all", "a" * 300, "HEAD ~1"],
)
def test_hostile_revision_names(readonly: dict[str, str], revision: str, tmp_path: Path) -> None:
    code, out, err = run_cli("diff", "--", revision)
    assert (code, out) == (2, "")
    assert err.startswith("status-gen: error: ")
    assert not (Path.cwd() / "x").exists()


def test_option_like_revision_is_refused_without_double_dash(readonly: dict[str, str]) -> None:
    code, _, err = run_cli("diff", "--output=x")
    assert code == 2 and "no such option" in err.lower()


def test_range_is_not_a_revision(readonly: dict[str, str]) -> None:
    code, _, err = run_cli("diff", "HEAD~2..HEAD")
    assert code == 2 and "does not exist" in err


def test_symlink_in_history_is_refused(history: dict[str, str], tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    secret = tmp_path / "secret.yaml"
    secret.write_text("components: []\n", encoding="utf-8")
    (repo / "data" / "components.yaml").unlink()
    (repo / "data" / "components.yaml").symlink_to(secret)
    commit(repo, "link")
    code, _, err = run_cli("diff", "HEAD~1", "HEAD")
    assert code == 2
    assert err == (
        "HEAD:data/components.yaml: error: is a symlink in this revision; status-gen does not follow links in history\n"
    )


def test_data_folder_a_symlink_in_history(history: dict[str, str], tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    git(repo, "mv", "data", "real")
    (repo / "data").symlink_to("real")
    commit(repo, "folder link")
    code, _, err = run_cli("diff", "HEAD~1", "HEAD")
    assert code == 2
    assert "data is not a folder at" in err and "a symlink" in err


def test_huge_blob_is_refused_before_reading(history: dict[str, str], tmp_path: Path) -> None:
    from status_gen.loader import MAX_FILE_BYTES

    repo = tmp_path / "repo"
    big = repo / "data" / "tests.yaml"
    with big.open("ab") as handle:
        handle.write(b"#" * (MAX_FILE_BYTES + 1))
    commit(repo, "huge")
    code, _, err = run_cli("diff", "HEAD~1", "HEAD")
    assert code == 2
    assert err.startswith("HEAD:data/tests.yaml: error: file is 33,554,")
    assert "the limit is 33,554,432" in err


def test_invalid_data_at_a_revision_names_the_revision(history: dict[str, str], tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    write_data(repo, components=COMPONENTS_2.replace("status: BROKEN", "status: BROKN"))
    commit(repo, "typo")
    code, _, err = run_cli("diff", "HEAD~1", "HEAD")
    assert code == 2
    assert err.startswith("HEAD:data/components.yaml:9:13: error: components[1].status: unknown status label 'BROKN'")


def test_data_text_cannot_become_a_ci_command(history: dict[str, str], tmp_path: Path) -> None:
    """A title holding a line break and a workflow command stays inside its own line, quoted."""
    repo = tmp_path / "repo"
    hostile = '  - number: 3\n    title: "Backups\\n::error file=x::pwned\\n##[warning]x"\n    status: open\n'
    write_data(repo, issues=textwrap.dedent(ISSUES_2).rstrip() + "\n" + hostile)
    for fmt in ("text", "markdown", "json"):
        code, out, _ = run_cli("diff", "HEAD", "--format", fmt)
        assert code == 0
        assert "pwned" in out
        assert not any(line.strip().startswith(("::", "##[")) for line in out.splitlines()), out
        assert "##[" not in out or fmt != "json"


def test_readme_example_is_this_output() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert "$ status-gen diff\n" + EXPECTED_1_TO_2.format(before="3f2a9c1d0b7e", after="working tree") in readme

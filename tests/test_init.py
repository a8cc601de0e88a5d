"""status-gen init: a consistent example that renders and checks at once, and never overwrites."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from status_gen.datafiles import FILE_MODELS
from status_gen.rules.registry import RULES
from status_gen.scaffold import example_files
from status_gen.schema import render_schemas
from status_gen.vocabulary import DEFAULT_LABELS
from tests.conftest import run_cli

DAY = "2026-03-02"
EXPECTED = sorted(
    [
        ".gitignore",
        ".pre-commit-config.yaml",
        ".status-gen.toml",
        "SYSTEM_STATUS.md",
        *(
            f"data/{kind}.yaml"
            for kind in ("blockers", "components", "issues", "outline", "priorities", "project", "tests")
        ),
        *(f"schemas/{kind}.schema.json" for kind in FILE_MODELS),
    ]
)


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


@pytest.fixture
def empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_init_then_render_and_check_pass_at_once(empty: Path) -> None:
    code, _, err = run_cli("init", "--today", DAY)
    assert code == 0, err
    assert _files(empty) == EXPECTED
    assert "created data/project.yaml" in err
    before = (empty / "SYSTEM_STATUS.md").read_bytes()
    code, out, err = run_cli("render", "--today", DAY)
    assert (code, out, err) == (0, "", "SYSTEM_STATUS.md is up to date\n")
    code, out, err = run_cli("check", "--today", DAY, "--strict")
    assert (code, out, err) == (0, f"SYSTEM_STATUS.md is up to date; {len(RULES)} rules, no problems\n", "")
    assert (empty / "SYSTEM_STATUS.md").read_bytes() == before
    assert b"# Example Service Status" in before  # the neutral default preset
    assert b"preset: default" in (empty / "data" / "outline.yaml").read_bytes()


def test_fresh_example_is_clean_without_today(empty: Path) -> None:
    """Dated today, so the age rules have nothing to warn about when run without --today."""
    assert run_cli("init")[0] == 0
    code, out, err = run_cli("check", "--strict")
    assert (code, out, err) == (0, f"SYSTEM_STATUS.md is up to date; {len(RULES)} rules, no problems\n", "")
    assert f'last_updated: "{dt.date.today().isoformat()}"' in (empty / "data/project.yaml").read_text("utf-8")


def test_init_into_a_new_folder(empty: Path) -> None:
    code, _, err = run_cli("init", "deep/status", "--today", DAY)
    assert code == 0, err
    assert "created deep/status/.status-gen.toml" in err
    assert _files(empty / "deep" / "status") == EXPECTED


def test_refuses_to_overwrite_and_writes_nothing(empty: Path) -> None:
    (empty / "data").mkdir()
    (empty / "data" / "tests.yaml").write_text("mine\n", encoding="utf-8")
    (empty / ".pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")
    code, out, err = run_cli("init", "--today", DAY)
    assert code == 2
    assert out == ""
    assert "error: init would overwrite .pre-commit-config.yaml, data/tests.yaml; nothing was written" in err
    assert _files(empty) == [".pre-commit-config.yaml", "data/tests.yaml"]
    assert (empty / "data" / "tests.yaml").read_text(encoding="utf-8") == "mine\n"


def test_init_on_a_file_exits_2(empty: Path) -> None:
    (empty / "taken").write_text("x\n", encoding="utf-8")
    code, _, err = run_cli("init", "taken")
    assert code == 2 and "init needs a folder" in err


@pytest.mark.slow  # the real check-jsonschema
def test_scaffolded_data_has_modelines_and_validates_with_check_jsonschema(empty: Path) -> None:
    assert run_cli("init", "--today", DAY)[0] == 0
    assert {p.name: p.read_bytes() for p in (empty / "schemas").iterdir()} == render_schemas(DEFAULT_LABELS)
    for path in sorted((empty / "data").iterdir()):
        kind = path.stem
        assert path.read_text(encoding="utf-8").startswith(
            f"# yaml-language-server: $schema=../schemas/{kind}.schema.json\n"
        )
        checker = str(Path(sys.executable).parent / "check-jsonschema")
        result = subprocess.run(
            [checker, "--schemafile", f"schemas/{kind}.schema.json", f"data/{kind}.yaml"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_pre_commit_snippet_is_a_local_hook_matching_the_shipped_ones() -> None:
    """Works offline before the first release: it runs the installed status-gen (issue 9 item 8)."""
    text = example_files(dt.date(2026, 1, 1))[".pre-commit-config.yaml"].decode()
    config = yaml.safe_load(text)
    (repo,) = config["repos"]
    assert repo["repo"] == "local" and "rev" not in repo
    (hook,) = repo["hooks"]
    manifest = yaml.safe_load((Path(__file__).parent.parent / ".pre-commit-hooks.yaml").read_text("utf-8"))
    shipped = {h["id"]: h for h in manifest}
    assert hook["id"] == "status-gen-check" and hook["language"] == "system"
    for key in ("name", "entry", "pass_filenames", "files"):
        assert hook[key] == shipped["status-gen-check"][key], key
    assert "#   entry: status-gen render" in text


def test_example_dates_are_all_substituted() -> None:
    for name, data in example_files(dt.date(2026, 1, 1)).items():
        assert b"TODAY" not in data and b"vVERSION" not in data, name


def test_a_file_where_a_folder_goes_is_refused_too(empty: Path) -> None:
    (empty / "schemas").write_text("not a folder\n", encoding="utf-8")
    code, _, err = run_cli("init", "--today", DAY)
    assert code == 2
    assert "init would overwrite schemas (a file where a folder goes); nothing was written" in err
    assert _files(empty) == ["schemas"]


def test_a_failing_render_writes_nothing(empty: Path) -> None:
    """init renders in a scratch folder first: a broken templates/ in the target stops it cleanly."""
    (empty / "templates").mkdir()
    (empty / "templates" / "SYSTEM_STATUS.md.j2").write_text("{{ nope }}\n", encoding="utf-8")
    code, _, err = run_cli("init", "--today", DAY)
    assert code == 2
    assert "templates/SYSTEM_STATUS.md.j2:1:1: error: template error: 'nope' is undefined" in err
    assert _files(empty) == ["templates/SYSTEM_STATUS.md.j2"]


def test_a_folder_that_cannot_be_created_is_an_input_error(empty: Path) -> None:
    (empty / "blocked").write_text("x\n", encoding="utf-8")
    code, _, err = run_cli("init", "blocked/inner", "--today", DAY)
    assert code == 2
    assert "error: cannot create" in err and "Traceback" not in err


def test_skip_existing_keeps_files_and_prints_the_hook_entry(empty: Path) -> None:
    """Issue 9 item 9: an existing pre-commit config no longer forces an init in a subfolder."""
    (empty / "data").mkdir()
    (empty / "data" / "tests.yaml").write_text("mine\n", encoding="utf-8")
    (empty / ".pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")
    (empty / ".gitignore").write_text("*.pyc", encoding="utf-8")  # no final newline
    code, _, err = run_cli("init", "--skip-existing", "--today", DAY)
    assert code == 0, err
    assert "kept .pre-commit-config.yaml (exists)" in err and "kept data/tests.yaml (exists)" in err
    assert (empty / "data" / "tests.yaml").read_text(encoding="utf-8") == "mine\n"
    assert (empty / ".pre-commit-config.yaml").read_text(encoding="utf-8") == "repos: []\n"
    block = err.split("add this entry to the 'repos:' list of your .pre-commit-config.yaml:\n\n")[1]
    block = block.split("next: ")[0]
    merged = yaml.safe_load("repos:\n" + block)
    scaffold = yaml.safe_load(example_files(dt.date.fromisoformat(DAY))[".pre-commit-config.yaml"])
    assert merged == scaffold
    assert _files(empty) == EXPECTED
    assert (empty / ".gitignore").read_text(encoding="utf-8").startswith("*.pyc\n# Temporary files")


def test_gitignore_gets_the_temp_file_pattern_once(empty: Path) -> None:
    assert run_cli("init", "--today", DAY)[0] == 0
    ignore = (empty / ".gitignore").read_text(encoding="utf-8")
    assert ignore.splitlines()[-1] == ".*.[0-9]*-*.tmp"
    assert run_cli("init", "--skip-existing", "--today", DAY)[0] == 0
    assert (empty / ".gitignore").read_text(encoding="utf-8") == ignore
    # git itself ignores a temp file of status-gen's naming, and not the document
    subprocess.run(["git", "init", "-q"], cwd=empty, check=True)
    (empty / ".SYSTEM_STATUS.md.4242-abc123.tmp").write_text("x", encoding="utf-8")
    listed = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"], cwd=empty, capture_output=True, text=True, check=True
    ).stdout
    assert ".tmp" not in listed and "SYSTEM_STATUS.md" in listed

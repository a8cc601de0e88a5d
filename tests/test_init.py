"""status-gen init: a consistent example that renders and checks at once, and never overwrites."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from status_gen.models import FILE_MODELS
from status_gen.scaffold import example_files
from status_gen.schema import render_schemas
from status_gen.vocabulary import DEFAULT_LABELS
from tests.conftest import run_cli

DAY = "2026-03-02"
EXPECTED = sorted(
    [
        ".pre-commit-config.yaml",
        ".status-gen.toml",
        "SYSTEM_STATUS.md",
        *(f"data/{kind}.yaml" for kind in ("blockers", "components", "issues", "priorities", "project", "tests")),
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
    assert (code, out, err) == (0, "", "")
    assert (empty / "SYSTEM_STATUS.md").read_bytes() == before
    assert b"# Example Service - System Status" in before


def test_fresh_example_is_clean_without_today(empty: Path) -> None:
    """Dated today, so the age rules have nothing to warn about when run without --today."""
    assert run_cli("init")[0] == 0
    code, out, err = run_cli("check", "--strict")
    assert (code, out, err) == (0, "", "")
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


def test_pre_commit_snippet_uses_the_shipped_hooks() -> None:
    text = example_files(dt.date(2026, 1, 1))[".pre-commit-config.yaml"].decode()
    config = yaml.safe_load(text)
    hooks = config["repos"][0]["hooks"]
    assert [h["id"] for h in hooks] == ["status-gen"]
    assert "# - id: status-gen-check" in text
    assert config["repos"][0]["rev"] == "v0.1.0"
    manifest = yaml.safe_load((Path(__file__).parent.parent / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert {h["id"] for h in manifest} == {"status-gen", "status-gen-check"}


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

"""JSON Schemas: committed and fresh, and the real check-jsonschema accepts the shipped data with them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from status_gen.datafiles import FILE_MODELS
from status_gen.schema import modeline, render_schemas
from status_gen.vocabulary import DEFAULT_LABELS
from tests.conftest import ROOT, run_cli

CHECK_JSONSCHEMA = str(Path(sys.executable).parent / "check-jsonschema")
KINDS = sorted(FILE_MODELS)


def _check_jsonschema(schema: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [CHECK_JSONSCHEMA, "--schemafile", str(schema), *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )


def _settings(project: Path) -> str:
    path = project / ".status-gen.toml"
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def _shipped(kind: str) -> list[Path]:
    """The example's file of this kind and the fixture projects' (kinds the example has not)."""
    # Projects with labels of their own (in a settings file) need schemas made with them.
    projects = [p for p in (ROOT / "tests" / "projects").iterdir() if "labels" not in _settings(p)]
    folders = [ROOT / "data", *(p / "data" for p in projects)]
    return sorted(p for p in folders if (p / f"{kind}.yaml").is_file())


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.slow  # the real check-jsonschema
def test_shipped_data_file_validates_with_check_jsonschema(kind: str) -> None:
    files = [folder / f"{kind}.yaml" for folder in _shipped(kind)]
    assert files, f"no example or fixture project has a {kind}.yaml"
    result = _check_jsonschema(ROOT / "schemas" / f"{kind}.schema.json", *files)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout


@pytest.mark.parametrize("kind", [k for k in KINDS if (ROOT / "data" / f"{k}.yaml").is_file()])
def test_shipped_data_file_starts_with_its_modeline(kind: str) -> None:
    first = (ROOT / "data" / f"{kind}.yaml").read_text(encoding="utf-8").split("\n", 1)[0]
    assert first == modeline(kind) == f"# yaml-language-server: $schema=../schemas/{kind}.schema.json"
    assert (ROOT / "data" / first.split("$schema=")[1]).resolve() == ROOT / "schemas" / f"{kind}.schema.json"


def test_committed_schemas_are_fresh() -> None:
    """Fails when the models (or the project's labels) changed without running 'status-gen schema'."""
    expected = render_schemas(DEFAULT_LABELS)
    assert sorted(p.name for p in (ROOT / "schemas").iterdir()) == sorted(expected)
    for name, data in expected.items():
        assert (ROOT / "schemas" / name).read_bytes() == data, f"schemas/{name} is stale: run 'status-gen schema'"


def test_schema_check_flag_reports_stale_files(project: Path) -> None:
    code, _, err = run_cli("schema")
    assert code == 0 and "wrote schemas/components.schema.json" in err
    assert run_cli("schema", "--check")[0] == 0
    (project / "schemas" / "tests.schema.json").write_text("{}\n", encoding="utf-8")
    (project / "schemas" / "issues.schema.json").unlink()
    code, _, err = run_cli("schema", "--check")
    assert code == 1
    assert "schemas/issues.schema.json is missing or stale: run 'status-gen schema'" in err
    assert "schemas/tests.schema.json is missing or stale" in err
    assert "components" not in err
    assert (project / "schemas" / "tests.schema.json").read_text(encoding="utf-8") == "{}\n"


def test_output_is_deterministic_and_rewrites_nothing_when_fresh(project: Path) -> None:
    run_cli("schema", "--output", "out")
    first = {p.name: p.read_bytes() for p in (project / "out").iterdir()}
    code, _, err = run_cli("schema", "--output", "out")
    assert code == 0 and err == ""
    assert {p.name: p.read_bytes() for p in (project / "out").iterdir()} == first == render_schemas(DEFAULT_LABELS)


def test_status_labels_are_an_enum_of_the_configured_vocabulary(project: Path) -> None:
    pyproject = project / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(
        text.replace("[tool.status-gen.labels]\n", '[tool.status-gen.labels]\n"ON HOLD" = { level = "warn" }\n')
    )
    run_cli("schema")
    components = json.loads((project / "schemas" / "components.schema.json").read_text(encoding="utf-8"))
    label, use = components["$defs"]["Component"]["properties"]["status"]["anyOf"]
    assert label["enum"] == [*DEFAULT_LABELS, "ON HOLD"]
    # or {label: NAME, level: ...}, giving the label another level where it is used
    assert use["properties"]["label"]["enum"] == label["enum"] and use["required"] == ["label"]
    assert components["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert components["$defs"]["Component"]["additionalProperties"] is False


@pytest.mark.slow  # the real check-jsonschema
def test_check_jsonschema_rejects_unknown_label_and_unknown_key(project: Path) -> None:
    components = project / "data" / "components.yaml"
    text = components.read_text(encoding="utf-8")
    components.write_text(text.replace("status: FIXED", "status: FIXD", 1), encoding="utf-8")
    result = _check_jsonschema(ROOT / "schemas" / "components.schema.json", components)
    assert result.returncode == 1
    assert "'FIXD' is not one of" in result.stdout
    components.write_text(text.replace("    status: FIXED", "    stauts: FIXED", 1), encoding="utf-8")
    result = _check_jsonschema(ROOT / "schemas" / "components.schema.json", components)
    assert result.returncode == 1
    assert "'stauts' was unexpected" in result.stdout


def test_schema_folder_that_is_a_file_exits_2(project: Path) -> None:
    (project / "out").write_text("not a folder\n", encoding="utf-8")
    code, _, err = run_cli("schema", "--output", "out")
    assert code == 2
    assert err.strip() == "out: error: --output must be a folder for the schema files"
    assert (project / "out").read_text(encoding="utf-8") == "not a folder\n"

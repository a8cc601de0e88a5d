"""A corpus of broken and hostile data files: each one is refused cleanly and nothing is written.

``tests/hostile/<kind>.<case>.yaml`` replaces ``data/<kind>.yaml`` in a copy of the example;
``tests/hostile/cases.tsv`` gives, per file, the line the error must point at, a fragment of the
message (empty where only the position is stable across libyaml and the pure-Python parser) and
why the case matters. Every case must exit 2 with ``data/<kind>.yaml:<line>:`` in one readable
message, print no traceback, and leave the committed document and its folder exactly as they were.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE_TODAY, run_cli

HOSTILE = Path(__file__).parent / "hostile"


def _cases() -> list[tuple[str, int, str]]:
    rows = []
    for line in (HOSTILE / "cases.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, number, fragment, _why = line.split("\t")
            rows.append((name, int(number), fragment))
    return rows


CASES = _cases()


def test_corpus_is_complete() -> None:
    listed = {name for name, _, _ in CASES}
    on_disk = {p.name for p in HOSTILE.glob("*.yaml")}
    assert listed == on_disk
    assert len(CASES) >= 40


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


@pytest.mark.parametrize(("name", "line", "fragment"), CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("command", ["render", "check"])
def test_hostile_file_is_refused_cleanly(project: Path, command: str, name: str, line: int, fragment: str) -> None:
    kind = name.split(".")[0]
    (project / "data" / f"{kind}.yaml").write_bytes((HOSTILE / name).read_bytes())
    before = _snapshot(project)
    code, out, err = run_cli(command, "--today", EXAMPLE_TODAY)
    assert code == 2, err
    assert "Traceback" not in err + out
    errors = [row for row in err.splitlines() if ": error: " in row]
    assert len(errors) == 1, err  # one readable message, not a cascade
    assert errors[0].startswith(f"data/{kind}.yaml:{line}:"), err
    assert fragment in errors[0]
    assert _snapshot(project) == before  # the document is byte-identical and no temp file is left


def test_hostile_file_behind_a_missing_document_creates_nothing(project: Path) -> None:
    (project / "SYSTEM_STATUS.md").unlink()
    (project / "data" / "components.yaml").write_bytes((HOSTILE / "components.alias-bomb.yaml").read_bytes())
    code, _, err = run_cli("render", "--today", EXAMPLE_TODAY)
    assert code == 2, err
    assert sorted(os.listdir(project)) == ["data", "pyproject.toml", "templates"]


@pytest.mark.parametrize(("name", "line", "fragment"), CASES, ids=[c[0] for c in CASES])
def test_libyaml_and_pure_python_parsers_agree_on_the_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str, line: int, fragment: str
) -> None:
    """The position must not depend on whether PyYAML was built with libyaml."""
    import yaml

    from status_gen import loader
    from status_gen.errors import StatusGenError

    path = tmp_path / name
    path.write_bytes((HOSTILE / name).read_bytes())
    lines = []
    for parser in (getattr(yaml, "CSafeLoader", yaml.SafeLoader), yaml.SafeLoader):
        monkeypatch.setattr(loader, "_Parser", parser)
        try:
            loader.load_file(path, name)
            lines.append(None)  # refused later, by validation: the same for both
        except StatusGenError as exc:
            lines.append(exc.where.line if exc.where else 0)
    assert lines[0] == lines[1]
    assert lines[0] in (None, line)

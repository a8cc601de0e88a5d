"""Fixture projects shaped like real status documents, each with its own outline (golden files).

Each folder under tests/projects/ is a project: data/ (with outline.yaml) and the committed
SYSTEM_STATUS.md. They must render to those bytes, pass every rule and pymarkdown, and show no
empty section, no placeholder text and no heading their data did not ask for.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from status_gen.words import ENGLISH, LANGUAGES
from tests.conftest import ROOT, run_cli

PROJECTS = sorted(p for p in (ROOT / "tests" / "projects").iterdir() if (p / "data").is_dir())
PYMARKDOWN = str(Path(sys.executable).parent / "pymarkdown")
# Text that stands in for missing facts: a document that needs it lacks a home for something.
PLACEHOLDERS = re.compile(r"\bNone\b|not stated|\bTODO\b|\bTBD\b|\bN/A\b|\{[a-z_]+\}|\bnull\b")


def _day(project: Path) -> str:
    match = re.search(r'last_updated: "([0-9-]+)"', (project / "data" / "project.yaml").read_text(encoding="utf-8"))
    assert match, project
    return match[1]


def test_there_are_at_least_five_fixture_projects() -> None:
    assert len(PROJECTS) >= 5


@pytest.mark.parametrize("project", PROJECTS, ids=[p.name for p in PROJECTS])
def test_project_renders_its_golden_file_and_is_rule_clean(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(project, tmp_path / "p")
    monkeypatch.chdir(tmp_path / "p")
    code, out, err = run_cli("check", "--today", _day(project), "--strict")
    assert (code, err) == (0, ""), err
    assert re.fullmatch(r"SYSTEM_STATUS.md is up to date; \d+ rules, no problems\n", out), out


@pytest.mark.parametrize("project", PROJECTS, ids=[p.name for p in PROJECTS])
def test_project_document_has_no_empty_section_placeholder_or_unasked_heading(project: Path) -> None:
    text = (project / "SYSTEM_STATUS.md").read_text(encoding="utf-8")
    lines = text.split("\n")
    data = "\n".join(p.read_text(encoding="utf-8") for p in sorted((project / "data").glob("*.yaml")))
    # Headings come from the data's headings, titles and names; placeholders match their values.
    values = [v.strip().strip("'\"") for v in re.findall(r"\b(?:heading|title|name): (.+)$", data, re.M)]
    values += [*ENGLISH, *(text for table in LANGUAGES.values() for text in table.values())]  # kinds' defaults
    asked = [re.compile(re.sub(r"\\\{[a-z_]+\\\}", ".+", re.escape(v))) for v in values]
    body = "\n".join(line for line in lines if not line.startswith("<!--"))
    assert not PLACEHOLDERS.search(body), PLACEHOLDERS.search(body)
    for index, line in enumerate(lines):
        if not line.startswith("#"):
            continue
        level = len(line) - len(line.lstrip("#"))
        following = next(x for x in lines[index + 1 :] if x.strip())
        if following.startswith("#"):  # a heading directly over another: only over a deeper one
            assert len(following) - len(following.lstrip("#")) > level, f"empty section: {line}"
        heading = re.sub(r"^#+ ([0-9]+\. )?", "", line)
        assert any(p.fullmatch(heading) for p in asked), f"heading not asked for by the data: {line}"


def test_projects_pass_pymarkdown() -> None:
    files = [str(p / "SYSTEM_STATUS.md") for p in PROJECTS]
    result = subprocess.run(
        [PYMARKDOWN, "--disable-rules", "md013", "scan", *files], capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")

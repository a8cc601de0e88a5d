"""The example's YAML comments cite only files a clone of this repository contains (issue 9.19)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

# A path-like word in a comment: at least one '/', ending in a file name with an extension or a '/'.
CITED = re.compile(r"(?<![\w$/])((?:\.{1,2}/|[\w.-]+/)+(?:[\w.-]+\.[a-z]{2,4}\b)?)")
FILES = sorted([*ROOT.glob("data/*.yaml"), *ROOT.glob("templates/**/*.j2"), ROOT / "pyproject.toml"])


def cited_paths(text: str) -> list[str]:
    comments = [line.split("#", 1)[1] for line in text.splitlines() if "#" in line and "$schema=" not in line]
    return [m for c in comments for m in CITED.findall(c) if not re.fullmatch(r"[\d/ ]+", m)]


def test_the_finder_sees_a_path_outside_the_clone() -> None:
    assert cited_paths("# every fact of ../shared/reference/SYSTEM_STATUS.reference.md, once") == [
        "../shared/reference/SYSTEM_STATUS.reference.md"
    ]
    assert cited_paths("# 0/15 tests, ports 8081/8000") == []


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_comments_cite_only_files_in_the_repository(path: Path) -> None:
    for cited in cited_paths(path.read_text(encoding="utf-8")):
        target = (ROOT / cited).resolve()
        assert target.is_relative_to(ROOT) and target.exists(), f"{path}: cites {cited}, not in the repository"

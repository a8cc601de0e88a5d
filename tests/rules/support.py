"""Build small data sets for rule tests: the base folder, overlaid with whole-file replacements.

A case (a file under ``cases/`` or a docstring example) is YAML text split into files by lines
that read ``# <name>.yaml``; each part replaces that file of the base. In a failing case, a
trailing ``# <-`` comment marks each line where the rule must report, and no other line.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from dataclasses import replace
from pathlib import Path

from status_gen.api import attach_evidence
from status_gen.config import Config
from status_gen.dataset import load_dataset
from status_gen.rules.base import Problem
from status_gen.rules.engine import run_rules

HERE = Path(__file__).resolve().parent
BASE = HERE / "base"
CASES = HERE / "cases"
TODAY = dt.date(2025, 9, 17)
MARK = "# <-"
# Data files (``# tests.yaml``) go into data/; reports (``# reports/junit.xml``) into the project root.
_FILE_LINE = re.compile(r"^# ([a-z]+\.ya?ml|reports/[a-z][a-z0-9_.-]*\.(?:xml|json|info))\s*$")
TRACKER = "reports/issues.json"  # a case holding this file runs with it as the 'tracker' setting


def split_files(text: str) -> dict[str, str]:
    """The files a case holds, by name; text before the first ``# name.yaml`` line is a comment."""
    files: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        match = _FILE_LINE.match(line)
        if match:
            current = files.setdefault(match[1], [])
        elif current is not None:
            current.append(line)
        elif line.strip() and not line.startswith("#"):
            raise ValueError(f"case text before the first '# file.yaml' line: {line!r}")
    if not files:
        raise ValueError("a case needs at least one '# file.yaml' line")
    return {name: "\n".join(lines).strip("\n") + "\n" for name, lines in files.items()}


def marked_lines(files: dict[str, str]) -> set[tuple[str, int]]:
    """(data/<file>, line) of every line carrying the ``# <-`` marker."""
    return {
        (f"data/{name}", number)
        for name, text in files.items()
        if "/" not in name
        for number, line in enumerate(text.splitlines(), start=1)
        if MARK in line
    }


def make_data(folder: Path, files: dict[str, str]) -> Path:
    """Copy the base into ``folder/data`` and overlay the case's files."""
    data = folder / "data"
    shutil.copytree(BASE, data)
    for name, text in files.items():
        target = folder / name if "/" in name else data / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return data


def check(data: Path, config: Config | None = None, today: dt.date = TODAY) -> list[Problem]:
    """Every problem the rules find in a data folder (shown as ``data/<file>``)."""
    config = config or Config()
    tracker = TRACKER if (data.parent / TRACKER).exists() else config.tracker
    config = replace(config, data=data, root=data.parent, tracker=tracker)
    dataset = load_dataset(data, config.labels, "data")
    attach_evidence(dataset, config)
    return run_rules(dataset, config, today)


def fired(problems: list[Problem], code: str) -> set[tuple[str, int]]:
    return {(p.where.path, p.where.line) for p in problems if p.code == code}

"""Printers for problems: text, JSON and GitHub workflow commands. Pure: they return strings."""

from __future__ import annotations

import json
from collections.abc import Sequence

from .rules.base import Problem


def text(problems: Sequence[Problem]) -> str:
    return "".join(f"{p.where}: {p.code} {p.message} [{p.slug}]\n" for p in problems)


def as_json(problems: Sequence[Problem], *, stale: bool, diff: str, document: str) -> str:
    payload = {
        "document": document,
        "stale": stale,
        "diff": diff,
        "problems": [
            {
                "code": p.code,
                "slug": p.slug,
                "level": p.level,
                "file": p.where.path,
                "line": p.where.line,
                "column": p.where.column,
                "message": p.message,
            }
            for p in problems
        ],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(problems: Sequence[Problem], *, stale: bool, document: str, fix: str) -> str:
    """Workflow commands that GitHub Actions turns into annotations on the YAML lines."""
    out = []
    for p in problems:
        command = "error" if p.level == "error" else "warning"
        props = [f"file={_escape_property(p.where.path)}"]
        if p.where.line:
            props += [f"line={p.where.line}", f"col={p.where.column}"]
        props.append(f"title={_escape_property(f'{p.code} {p.slug}')}")
        out.append(f"::{command} {','.join(props)}::{_escape_data(p.message)}\n")
    if stale:
        out.append(
            f"::error file={_escape_property(document)},title=stale document::"
            f"{_escape_data(f'{document} does not match its data; run: {fix}')}\n"
        )
    return "".join(out)


def github_summary(problems: Sequence[Problem], *, stale: bool, document: str, fix: str) -> str:
    """A Markdown summary for $GITHUB_STEP_SUMMARY."""
    from .escape import code, inline

    errors = sum(p.level == "error" for p in problems)
    warnings = len(problems) - errors
    lines = ["## status-gen check", ""]
    verdict = "❌" if errors or stale else "✅"
    lines.append(f"{verdict} {errors} error(s), {warnings} warning(s); document {'stale' if stale else 'up to date'}.")
    lines.append("")
    if stale:
        lines += [f"{inline(document)} does not match its data. Fix: {code(fix)}", ""]
    if problems:
        lines += ["| Level | Rule | Where | Message |", "|---|---|---|---|"]
        for p in problems:
            lines.append(f"| {p.level} | {p.code} {inline(p.slug)} | {inline(str(p.where))} | {inline(p.message)} |")
        lines.append("")
    return "\n".join(lines) + "\n"

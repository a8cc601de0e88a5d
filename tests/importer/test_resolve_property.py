"""Property: a consistent document with one contradiction injected imports to data whose render lints clean.

Hypothesis draws a document shaped like the corpus (a services table, a tests table with its total,
a checklist, issues with states, a date) that lint finds consistent, then injects one contradiction
of each rule. Import must settle it: lint of the re-rendered document is empty, and exactly one
note (a YAML comment) names the other value with its line in the Markdown.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from status_gen.lint import lint_text
from status_gen.settings import Config
from tests.importer.test_resolve import render

SERVICES = ["Auth Gateway", "Billing Export", "Route Planner", "Telemetry", "Notifier", "Search Index"]
TASKS = ["Rotate keys", "Update runbook", "Tag release", "Write changelog", "Archive logs"]
STATUS = {"ok": "✅ HEALTHY", "warn": "⚠️ PARTIAL", "fail": "❌ FAILED"}


class Draft(NamedTuple):
    date: dt.date
    services: list[tuple[str, str]]  # (name, level)
    suites: list[int]
    tasks: list[tuple[str, bool]]
    issues: list[tuple[int, bool]]  # (number, closed)


@st.composite
def drafts(draw: st.DrawFn) -> Draft:
    names = draw(st.permutations(SERVICES).map(lambda p: p[: 3 + len(p) % 3]))
    levels = ["ok", "warn", "fail", *draw(st.lists(st.sampled_from(list(STATUS)), min_size=3, max_size=3))]
    tasks = draw(st.lists(st.sampled_from(TASKS), min_size=2, max_size=4, unique=True))
    numbers = draw(st.lists(st.integers(100, 999), min_size=2, max_size=4, unique=True))
    return Draft(
        draw(st.dates(dt.date(2024, 1, 1), dt.date(2025, 6, 1))),
        list(zip(names, levels, strict=False)),
        draw(st.lists(st.integers(1, 400), min_size=2, max_size=4)),
        [(task, draw(st.booleans())) for task in tasks],
        [(n, i == 0 or draw(st.booleans())) for i, n in enumerate(numbers[:-1])] + [(numbers[-1], False)],
    )


def write(draft: Draft, *, header: str = "", rows: dict[str, str] | None = None, total: int = 0) -> list[str]:
    rows = rows or {}
    lines = ["# Fleet Status", "", f"**Last Updated:** {draft.date.isoformat()}{header}", "", "## Services", ""]
    lines += ["| Service | Status | Notes |", "|---|---|---|"]
    lines += [f"| **{name}** | {STATUS[level]} | {rows.get(name, 'steady')} |" for name, level in draft.services]
    lines += ["", "## Tests", "", "| Suite | Tests |", "|---|---|"]
    lines += [f"| suite {chr(97 + i)} | {n} |" for i, n in enumerate(draft.suites)]
    lines += [f"| Total | {sum(draft.suites) + total} |", "", "## Checklist", ""]
    lines += [f"- [{'x' if done else ' '}] {task}" for task, done in draft.tasks]
    lines += ["", "## Issues", ""]
    lines += [f"- **Issue #{n}**: queue drift - **{'CLOSED' if closed else 'OPEN'}**" for n, closed in draft.issues]
    return [*lines, ""]


def named(draft: Draft, level: str) -> str:
    return next(name for name, at in draft.services if at == level)


def inject(draft: Draft, rule: str, shift: int) -> tuple[str, str]:
    """The document with one contradiction of ``rule``; returns (text, code lint must report)."""
    ok, warn, fail = named(draft, "ok"), named(draft, "warn"), named(draft, "fail")
    later = (draft.date + dt.timedelta(days=shift)).isoformat()
    other = (draft.date + dt.timedelta(days=shift if shift % 2 else -shift)).isoformat()
    opened = next(n for n, closed in draft.issues if not closed)
    done = next(task for task, ticked in draft.tasks if ticked) if any(t for _, t in draft.tasks) else None
    lines = write(draft)
    if rule == "SL101":
        lines += ["## Summary", "", f"- ❌ **{ok}**: timeouts", ""]
    elif rule == "SL102":
        lines += ["## Summary", "", f"- ⚠️ **{ok}**: slow", ""]
    elif rule == "SL103":
        lines += ["## Release", "", "**Ready Components:**", "", f"- {fail}", ""]
    elif rule == "SL104":
        lines += ["## Known Issues", "", f"- {ok}", ""]
    elif rule == "SL201":
        lines += ["## Recently Closed", "", f"- Issue #{opened} CLOSED", ""]
    elif rule == "SL301":
        lines = write(draft, header=" | **Status:** ✅ PRODUCTION READY")
    elif rule == "SL401":
        lines += ["## Recently Closed", "", f"- Issue #1 CLOSED {later}", ""]
    elif rule == "SL402":
        lines += ["---", "", f"*Last updated: {other}*", ""]
    elif rule == "SL501":
        lines = write(draft, total=shift)
    elif rule == "SL503":
        lines = write(draft, rows={ok: "3/20 tests pass"})
    elif rule == "SL601" and done is not None:
        lines += ["## Again", "", f"- [ ] {done}", ""]
    elif rule == "SL601":
        lines += ["## Again", "", f"- [x] {draft.tasks[0][0]}", ""]
    else:
        lines += ["<<<<<<< HEAD", f"Owner: {warn} team.", "=======", "Owner: platform team.", ">>>>>>> main", ""]
        rule = "SL701"
    return "\n".join(lines), rule


RULES = ["SL101", "SL102", "SL103", "SL104", "SL201", "SL301", "SL401", "SL402", "SL501", "SL503", "SL601", "SL701"]


# Every rule, a few drawn documents each (an import and a render cost ~0.2 s); the same examples
# on every run, like the other property tests of the default run.
@pytest.mark.parametrize("rule", RULES)
@settings(max_examples=4, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(draft=drafts(), shift=st.integers(1, 90))
def test_one_injected_contradiction_is_settled_with_exactly_one_note(rule: str, draft: Draft, shift: int) -> None:
    assert lint_text("\n".join(write(draft)), "S.md", Config()) == []  # the drawn document is consistent
    text, code = inject(draft, rule, shift)
    found = {p.code for p in lint_text(text, "S.md", Config())}
    assert code in found
    rendered, notes = render(text)
    assert lint_text(rendered, "OUT.md", Config()) == []
    assert len(notes) == 1, notes
    assert re.search(r"S\.md:\d+", notes[0])
    assert f"[{code}" in notes[0] or f"/{code}]" in notes[0]

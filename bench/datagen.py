"""Synthetic but valid status data of any size, for the benchmark and its test.

The data is consistent on purpose (closed issues have every phase done and dated before
``last_updated``, ok-level components carry no open blocker and pass their tests, priorities point
at open issues, every date is recent), so the rules stay quiet and the timings measure the normal
path rather than problem reporting. Text is written directly instead of through ``yaml.dump``:
generating 10,000 issues should cost far less than what is being measured. Stdlib only.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

TODAY = dt.date(2025, 9, 17)
OK_LABELS = ("OK", "FIXED", "IMPROVED", "VALIDATED", "HEALTHY", "OPERATIONAL")
WARN_LABELS = ("PARTIAL", "DEGRADED", "IN PROGRESS")
WORDS = (
    "auth",
    "cache",
    "websocket",
    "ticket",
    "config",
    "gateway",
    "database",
    "queue",
    "worker",
    "billing",
    "search",
    "scheduler",
    "metrics",
    "tracing",
    "session",
    "token",
    "migration",
    "schema",
    "index",
    "replica",
    "backup",
    "retry",
    "timeout",
    "handshake",
    "renewal",
    "rollout",
    "canary",
    "flag",
    "pipeline",
    "runner",
    "fixture",
)


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:]


def _q(text: str) -> str:
    """A double-quoted YAML scalar (the generator never emits quotes or backslashes)."""
    return f'"{text}"'


def _day(days_ago: int) -> str:
    return _q((TODAY - dt.timedelta(days=days_ago)).isoformat())


def sizes_for(issues: int) -> dict[str, int]:
    """Record counts that grow with the number of issues, as they do in real projects."""
    return {
        "issues": issues,
        "components": max(6, issues // 20),
        "blockers": max(3, issues // 50),
        "categories": max(5, issues // 100),
        "priorities": 5,
    }


def generate(folder: Path, issues: int, seed: int = 6) -> dict[str, int]:
    """Write a complete data folder with ``issues`` issues of 3 phases each; returns record counts."""
    rng = random.Random(seed)
    counts = sizes_for(issues)
    folder.mkdir(parents=True, exist_ok=True)
    n_components = counts["components"]
    # The last fifth of the components are at a warn level; open blockers only point at those.
    warn_from = n_components - max(1, n_components // 5)
    component_ids = [f"component-{i:05d}" for i in range(n_components)]
    open_numbers = [1000 + i for i in range(issues) if i % 10 == 0]

    _write(folder / "project.yaml", _project())
    _write(folder / "components.yaml", _components(rng, component_ids, warn_from))
    _write(folder / "issues.yaml", _issues(rng, issues, component_ids))
    _write(folder / "blockers.yaml", _blockers(rng, counts["blockers"], component_ids[warn_from:], open_numbers))
    _write(folder / "tests.yaml", _tests(rng, counts["categories"]))
    _write(folder / "priorities.yaml", _priorities(rng, open_numbers[: counts["priorities"]]))
    _write(folder / "validation.yaml", _validation(rng))
    # The reference outline shows every kind of record above (the default one leaves validation out).
    _write(folder / "outline.yaml", ["preset: reference"])
    return counts


def _write(path: Path, lines: list[str]) -> None:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _project() -> list[str]:
    return [
        "project:",
        "  name: Synthetic Platform",
        f"  last_updated: {_day(0)}",
        "  headline: Synthetic data for the status-gen benchmark",
        "  summary: Generated records, consistent so that the rules stay quiet",
        "  headline_metric: coverage",
        "  metrics:",
        "    - id: coverage",
        "      label: Line Coverage",
        '      value: "91.5%"',
        "  highlights:",
        "    - issue: 1001",
        "    - validation: true",
        "  achievements:",
        "    - title: Benchmark",
        "      text: Every record is generated",
        "      components: [component-00000]",
    ]


def _components(rng: random.Random, ids: list[str], warn_from: int) -> list[str]:
    lines = ["components:"]
    for i, cid in enumerate(ids):
        label = rng.choice(WARN_LABELS) if i >= warn_from else rng.choice(OK_LABELS)
        total = rng.randint(20, 400)
        passed = total if i < warn_from else total * 3 // 4
        lines += [
            f"  - id: {cid}",
            f"    name: {_sentence(rng, 2)} {i}",
            f"    status: {label}",
            f"    note: {_sentence(rng, 8)}",
            f"    tests: {{passed: {passed}, total: {total}}}",
            f"    checked: {_day(rng.randint(0, 10))}",
        ]
        if i % 3 == 0:
            lines.append(f"    capability: {_sentence(rng, 5)}")
    return lines


def _issues(rng: random.Random, count: int, component_ids: list[str]) -> list[str]:
    lines = ["issues:"]
    for i in range(count):
        number = 1000 + i
        is_open = i % 10 == 0
        closed_ago = rng.randint(1, 300)
        opened_ago = closed_ago + rng.randint(5, 60)
        lines += [
            f"  - number: {number}",
            f"    title: {_sentence(rng, 4)}",
            f"    status: {'in_progress' if is_open else 'closed'}",
            f"    opened: {_day(opened_ago)}",
        ]
        if not is_open:
            lines.append(f"    closed: {_day(closed_ago)}")
        lines += [
            f"    priority: P{rng.randint(1, 3)}",
            f"    components: [{rng.choice(component_ids)}]",
            "    highlights:",
            f"      - {_sentence(rng, 3)}",
            "    phases:",
        ]
        for p in range(3):
            done = not is_open or p == 0
            lines += [
                f"      - name: Phase {p + 1} {_sentence(rng, 1)}",
                f"        status: {'done' if done else 'todo'}",
            ]
            if done:
                lines.append(f"        completed: {_day(closed_ago + 2 - p if not is_open else 1)}")
            lines += [
                "        items:",
                f"          - {_sentence(rng, 3)}",
            ]
        if not is_open:
            lines.append(f"    outcome: {_sentence(rng, 4)}")
    return lines


def _blockers(rng: random.Random, count: int, warn_components: list[str], open_numbers: list[int]) -> list[str]:
    lines = ["blockers:"]
    for i in range(count):
        lines += [
            f"  - id: blocker-{i:05d}",
            f"    title: {_sentence(rng, 4)}",
            f"    detail: {_sentence(rng, 9)}",
            f"    severity: P{1 + i % 3}",
            f"    opened: {_day(rng.randint(0, 10))}",
            f"    component: {warn_components[i % len(warn_components)]}",
            f"    issue: {open_numbers[i % len(open_numbers)]}",
            f"    next_step: {_sentence(rng, 6)}",
            f"    order: {i + 1}",
        ]
    lines += ["final_steps:", f"  - {_sentence(rng, 5)}"]
    return lines


def _tests(rng: random.Random, count: int) -> list[str]:
    lines = ["categories:"]
    for i in range(count):
        total = rng.randint(10, 900)
        lines += [
            f"  - id: category-{i:04d}",
            f"    name: {_sentence(rng, 2)} {i}",
            f"    status: {rng.choice(OK_LABELS)}",
            f"    note: {_sentence(rng, 6)}",
            f"    tests: {{passed: {total - total // 50}, total: {total}}}",
        ]
    lines += ["commands:", "  - label: Unit tests", "    command: python -m pytest -q"]
    return lines


def _priorities(rng: random.Random, numbers: list[int]) -> list[str]:
    lines = [f"period: {_day(0)}", "items:"]
    for number in numbers:
        lines += [
            f"  - title: {_sentence(rng, 4)}",
            f"    goal: {_sentence(rng, 7)}",
            f"    status: {_sentence(rng, 5)}",
            f"    focus: [{_sentence(rng, 2)}, {_sentence(rng, 2)}]",
            f"    next_steps: {_sentence(rng, 6)}",
            f"    issue: {number}",
        ]
    return lines


def _validation(rng: random.Random) -> list[str]:
    return [
        "runs:",
        f"  - date: {_day(1)}",
        "    title: Nightly validation",
        f"    summary: {_sentence(rng, 10)}",
        "    metrics:",
        "      - id: total-tests",
        "        label: Total Tests",
        '        value: "12,400"',
        "    impacts:",
        "      - area: Checkout",
        "        status: DEGRADED",
        f"        note: {_sentence(rng, 6)}",
        "    evidence:",
        f"      - {_sentence(rng, 5)}",
    ]

"""Benchmark ``status-gen lint`` the way users run it, and its scaling with document size.

    .venv/bin/python bench/lint.py            # 7 interleaved runs; sizes 30 KB to 1 MB in process
    .venv/bin/python bench/lint.py --smoke    # one run, small sizes, no targets (CI's smoke test)

(a) ``status-gen lint`` of a 30 KB hand-written-style document as a whole process, against the
dependency floor bench/run.py uses (``import pydantic, jinja2, yaml, click``), measured side by
side, interleaved round by round; target ≤ 1.5x. (b) Linear time: lint_text in this process on
documents of 30 KB to 1 MB (median CPU time of 3 rounds, the sizes interleaved in each), as
microseconds per KB; target: the largest size costs at most 1.5x per KB what the smallest does.
Targets are printed, never asserted.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from run import (
    FLOOR_IMPORTS,
    PYTHON,
    ROOT,
    Sample,
    child_env,
    cpu_per_kb,
    measure,
    per_kb_table,
    row,
    smoke_options,
    status_gen_argv,
    verdict,
)

sys.path.insert(0, str(ROOT))


def document(size: int) -> str:
    """A consistent status document of about ``size`` bytes, shaped like the corpus's documents."""
    parts = ["# Orbit Platform - System Status\n\n> **Last Updated:** 2025-09-17 | **Status:** ⚠️ DEGRADED\n"]
    section = 0
    while sum(map(len, parts)) < size:
        n = section
        parts.append(f"\n## Area {n}\n\n| Component | Status | Notes |\n|---|---|---|\n")
        parts.extend(f"| **Service {n}-{i}** | ✅ HEALTHY | {i * 3}/{i * 3} tests pass |\n" for i in range(8))
        parts.append(f"| **Queue {n}** | ⚠️ PARTIAL | reindex running |\n\n**Ready Components:**\n\n")
        parts.extend(f"- ✅ **Service {n}-{i}**: serving traffic since 2025-09-{10 + i % 7:02d}\n" for i in range(4))
        parts.append(f"\n### Issues {n}\n\n")
        parts.extend(f"- **Issue #{n * 10 + i}**: flaky login step - **RESOLVED**\n" for i in range(3))
        parts.append(f"\n- [x] Rotate keys for area {n}\n- [ ] Load test area {n}\n")
        section += 1
    return "".join(parts)


def linted(text: str) -> object:
    from status_gen.lint import lint_text
    from status_gen.settings import Config

    problems = lint_text(text, "bench.md", Config())
    assert problems == [], problems  # the generated document is consistent
    return problems


def main(argv: list[str] | None = None) -> int:
    smoke, repeat = smoke_options(__doc__.split("\n\n")[0], argv)
    with tempfile.TemporaryDirectory(prefix="status-gen-bench-lint-") as temp:
        workdir = Path(temp)
        env = child_env(workdir)
        doc = workdir / "STATUS.md"
        doc.write_text(document(30 * 1024), encoding="utf-8")
        lint = Sample("lint 30 KB", [*status_gen_argv(), "lint", str(doc)], cwd=workdir)
        floor = Sample("dependency floor", [PYTHON, "-c", FLOOR_IMPORTS], cwd=workdir)
        measure([floor, lint], repeat, env, warm_up=not smoke)
    print("| Command | Median wall | Peak memory | Note |\n|---|---|---|---|")
    print(row("`python -c 'import pydantic, jinja2, yaml, click'` (floor)", floor))
    print(row("`status-gen lint` 30 KB document", lint, f"{len(document(30 * 1024).encode()):,} bytes"))
    sizes = [30, 100] if smoke else [30, 100, 300, 1000]
    rounds = 1 if smoke else 3
    scaling = cpu_per_kb(sizes, rounds, document, linted, 1e6)
    print(per_kb_table("lint_text CPU per KB", scaling, "µs"), end="")
    if not smoke:
        print(f"\n- (a) lint 30 KB / dependency floor: {verdict(lint.median / floor.median, 1.5)}")
        print(f"- (b) per-KB cost at 1 MB / at 30 KB: {verdict(scaling[-1][1] / scaling[0][1], 1.5)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

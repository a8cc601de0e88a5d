"""Benchmark ``status-gen import`` the way users run it, and its scaling with document size.

    .venv/bin/python bench/importer.py            # 7 interleaved runs; 3 rounds of 30 KB to 1 MB in process
    .venv/bin/python bench/importer.py --smoke    # one run, small sizes, no targets (CI's smoke test)

(a) ``status-gen import`` of a 30 KB hand-written-style document (bench/lint.py's, so lint and
import read the same text) as a whole process, into a fresh data folder each run, against the
dependency floor bench/run.py uses (``import pydantic, jinja2, yaml, click``) and ``status-gen
lint`` of the same document, measured side by side, interleaved round by round; target: import
≤ 2x the floor. (b) Linear time: ``plan_import`` in this process on documents of 30 KB to 1 MB
(median CPU time of 3 rounds, the sizes interleaved in each), as milliseconds per KB; target:
the largest size costs at most 1.5x per KB what the smallest does. Every imported document must render back with all
its lines, so the timings measure imports that work. Targets are printed, never asserted.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile
from pathlib import Path

import run  # a sibling script, as bench/lint.py's 'document' is
from lint import document

sys.path.insert(0, str(run.ROOT))

TODAY = dt.date(2025, 9, 17)


def planned(text: str) -> object:
    """``plan_import`` of a text (resolve, recognisers, free sections, YAML)."""
    from status_gen.importer import plan_import

    return plan_import(text, "bench.md", TODAY)


def renders_back(text: str, workdir: Path) -> float:
    """The share of the document's lines its imported data renders back (must be 1.0)."""
    from status_gen.api import build
    from status_gen.config import load_config
    from status_gen.importer import lines_kept, plan_import, write_import

    folder = workdir / "renders-back"
    planned = plan_import(text, "bench.md", TODAY)
    write_import(folder / "data", planned.files, folder)
    rendered = build(load_config(None, folder), TODAY, "SYSTEM_STATUS.md").text
    return lines_kept(text, rendered)


def main(argv: list[str] | None = None) -> int:
    smoke, repeat = run.smoke_options(__doc__.split("\n\n")[0], argv)
    text = document(30 * 1024)
    with tempfile.TemporaryDirectory(prefix="status-gen-bench-import-") as temp:
        workdir = Path(temp)
        env = run.child_env(workdir)
        doc = workdir / "STATUS.md"
        doc.write_text(text, encoding="utf-8")
        target = workdir / "imported"
        imported = run.Sample(
            "import 30 KB",
            [*run.status_gen_argv(), "import", str(doc), "--data", str(target), "--today", TODAY.isoformat()],
            cwd=workdir,
            prepare=lambda: shutil.rmtree(target, ignore_errors=True),  # import never overwrites
        )
        lint = run.Sample("lint 30 KB", [*run.status_gen_argv(), "lint", str(doc)], cwd=workdir)
        floor = run.Sample("dependency floor", [run.PYTHON, "-c", run.FLOOR_IMPORTS], cwd=workdir)
        run.measure([floor, lint, imported], repeat, env, warm_up=not smoke)
        kept = renders_back(text, workdir)
    size = f"{len(text.encode()):,} bytes"
    print("| Command | Median wall | Peak memory | Note |\n|---|---|---|---|")
    print(run.row("`python -c 'import pydantic, jinja2, yaml, click'` (floor)", floor))
    print(run.row("`status-gen lint` 30 KB document", lint, size))
    print(run.row("`status-gen import` 30 KB document", imported, f"{size}; renders back {kept:.1%} of its lines"))
    if kept < 1.0:
        raise SystemExit(f"bench: the imported document renders back only {kept:.1%} of its lines")
    sizes = [30, 100] if smoke else [30, 100, 300, 1000]
    scaling = run.cpu_per_kb(sizes, 1 if smoke else 3, document, planned, 1e3)
    print(run.per_kb_table("plan_import CPU per KB", scaling, "ms", 1), end="")
    if not smoke:
        print(f"\n- (a) import 30 KB / dependency floor: {run.verdict(imported.median / floor.median, 2)}")
        print(f"- (a) import 30 KB / lint 30 KB: {imported.median / lint.median:.2f} (no target)")
        print(f"- (b) per-KB cost at 1 MB / at 30 KB: {run.verdict(scaling[-1][1] / scaling[0][1], 1.5)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark hostile data files: refused or capped in time and memory close to parsing them at all.

    .venv/bin/python bench/limits.py           # 4 MB files of each shape; 3 runs each
    .venv/bin/python bench/limits.py --smoke   # 0.5 MB files, one run

Each shape is a data file an attacker or a slip of indentation could commit: one record holding a
list of hundreds of thousands of bad items, one mapping of hundreds of thousands of unknown keys,
thousands of records each with dozens of unknown keys or a long list of bad items, and a top-level
list of bad items. status-gen must stop at its bounds (a mapping's keys, a record's values, the
errors per file) instead of handing pydantic millions of errors. Beside status-gen's load the
same file is read by libyaml's bare event parser (the floor any YAML reader pays), interleaved
round by round so a noisy machine slows both alike. Each figure is the median over fresh child
processes (start-up excluded) and the child's peak resident memory. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MODES = ("status-gen", "bare libyaml")
PROJECT = 'project: {name: X, last_updated: "2025-09-17"}\n'


def _repeat(head: str, unit: str, size: int) -> str:
    return head + unit * max(1, (size - len(head)) // len(unit))


def _records(head: str, record: str, size: int) -> str:
    count = max(1, size // len(record.format(0)))
    return head + "".join(record.format(i) for i in range(count))


# name -> (file, text of about ``size`` bytes)
SHAPES = {
    "one record, long list": lambda size: (
        "milestones.yaml",
        _repeat("milestones:\n  - id: m\n    name: M\n    status: OK\n    items:\n", "      - 1\n", size),
    ),
    "one mapping, many keys": lambda size: (
        "project.yaml",
        'project:\n  name: X\n  last_updated: "2025-09-17"\n' + "".join(f"  k{i:09d}: 1\n" for i in range(size // 16)),
    ),
    "records of unknown keys": lambda size: (
        "components.yaml",
        _records(
            "components:\n",
            "  - id: c{0}\n    name: C\n    status: OK\n" + "".join(f"    k{j:02d}: 1\n" for j in range(60)),
            size,
        ),
    ),
    "records of long lists": lambda size: (
        "milestones.yaml",
        _records(
            "milestones:\n", "  - id: m{0}\n    name: M\n    status: OK\n    items:\n" + "      - 1\n" * 900, size
        ),
    ),
    "top-level list": lambda size: ("components.yaml", _repeat("components:\n", "  - 1\n", size)),
}


def child(mode: str, folder: str, name: str) -> None:
    """Read one data folder one way; print the seconds it took and how it ended."""
    data = Path(folder)
    if mode == "status-gen":
        from status_gen.dataset import load_dataset
        from status_gen.errors import StatusGenError
        from status_gen.vocabulary import DEFAULT_LABELS

        start = time.perf_counter()
        try:
            load_dataset(data, DEFAULT_LABELS, "data")
            outcome = "loaded"
        except StatusGenError as exc:
            errors = getattr(exc, "errors", [exc])
            outcome = f"{len(errors)} error(s)"
    else:
        import yaml

        parser_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        start = time.perf_counter()
        parser = parser_class((data / name).read_text(encoding="utf-8"))
        while parser.get_event() is not None:
            pass
        outcome = "parsed"
    print(time.perf_counter() - start, outcome)


def measure(mode: str, folder: Path, name: str) -> tuple[float, int, str]:
    """(seconds, peak resident KiB of the child process, how it ended)."""
    process = subprocess.Popen(
        [sys.executable, __file__, "--child", mode, str(folder), name], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    out = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise SystemExit(f"{mode} failed on {folder / name}")
    seconds, outcome = out.split(" ", 1)
    return float(seconds), usage.ru_maxrss, outcome.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", nargs=3, metavar=("MODE", "FOLDER", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return 0
    runs = 1 if args.smoke else args.runs
    size = 500_000 if args.smoke else 4 * 1024 * 1024
    print(f"Python {sys.version.split()[0]}, {runs} run(s) per cell, medians; peak RSS of the child process")
    print()
    print(f"{'shape':<26}{'MB':>6}" + "".join(f"{m + ' s':>18}{'MiB':>7}" for m in MODES) + f"{'ratio':>8}  outcome")
    with tempfile.TemporaryDirectory() as temp:
        for shape, make in SHAPES.items():
            folder = Path(temp) / shape.replace(" ", "-").replace(",", "")
            folder.mkdir()
            (folder / "project.yaml").write_text(PROJECT, encoding="utf-8")
            name, text = make(size)
            (folder / name).write_text(text, encoding="utf-8")
            times: dict[str, list[float]] = {m: [] for m in MODES}
            memory: dict[str, list[int]] = {m: [] for m in MODES}
            outcome = ""
            for _ in range(runs):
                for mode in MODES:
                    seconds, rss, ended = measure(mode, folder, name)
                    times[mode].append(seconds)
                    memory[mode].append(rss)
                    outcome = ended if mode == "status-gen" else outcome
            row = f"{shape:<26}{len(text) / 1e6:>6.1f}"
            for mode in MODES:
                row += f"{statistics.median(times[mode]):>18.2f}{statistics.median(memory[mode]) / 1024:>7.0f}"
            ratio = statistics.median(times["status-gen"]) / statistics.median(times["bare libyaml"])
            print(f"{row}{ratio:>7.1f}x  {outcome}", flush=True)
    print()
    print("ratio = status-gen's load (parse, bounds, validation to the error cap) / libyaml's bare parse")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""What the path confinement costs a run: ``check`` with and without it, side by side.

    .venv/bin/python bench/paths.py            # the example project, 21 interleaved rounds
    .venv/bin/python bench/paths.py --rounds 5

Both sides are whole ``status-gen check`` processes on the repository's own example. The "without"
side replaces status_gen.confine's checks by functions that return the path unchanged, before any
module that uses them is imported; everything else is identical. Rounds alternate the two sides,
so a noisy machine slows both alike; the figure that matters is the ratio of the medians.
Printed, never asserted. Stdlib only.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUN = "from status_gen.cli import run; run()"
UNCHECKED = (
    "import status_gen.confine as c\n"
    "c.for_reading = lambda path, root, display: path\n"
    "c.for_writing = lambda path, root, display: path\n"
    "c.setting_path = lambda value, key, where: __import__('pathlib').Path(value)\n"
    "import sys; sys.argv[0] = 'status-gen'\n" + RUN
)
CHECKED = "import sys; sys.argv[0] = 'status-gen'\n" + RUN


def _once(code: str) -> tuple[float, int]:
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", code, "check", "--today", "2025-09-17"], cwd=ROOT,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"check failed (exit {os.waitstatus_to_exitcode(status)}); run it by hand to see why")
    return elapsed, usage.ru_maxrss


def _inside_one_run() -> tuple[int, float, float]:
    """Calls of the path checks and the seconds spent in them during one in-process check."""
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    import status_gen.confine as confine

    spent = [0, 0.0]

    def timed(function):  # type: ignore[no-untyped-def]
        def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[0] += 1
                spent[1] += time.perf_counter() - start

        return wrapper

    for name in ("for_reading", "for_writing", "setting_path"):
        setattr(confine, name, timed(getattr(confine, name)))
    from status_gen.cli import main as cli_main

    start = time.perf_counter()
    code = cli_main(["check", "--today", "2025-09-17"])
    total = time.perf_counter() - start
    if code != 0:
        raise SystemExit(f"check failed (exit {code})")
    return int(spent[0]), float(spent[1]), total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=21)
    args = parser.parse_args()
    _once(CHECKED)  # warm the bytecode and template caches for both sides
    with_checks: list[float] = []
    without: list[float] = []
    for _ in range(args.rounds):
        with_checks.append(_once(CHECKED)[0])
        without.append(_once(UNCHECKED)[0])
    a, b = statistics.median(with_checks), statistics.median(without)
    print(f"check on the example, median of {args.rounds} interleaved rounds")
    print(f"  with path checks     {a * 1000:7.1f} ms")
    print(f"  without path checks  {b * 1000:7.1f} ms")
    print(f"  ratio                {a / b:7.3f}  (difference {1000 * (a - b):+.1f} ms)")
    calls, seconds, total = _inside_one_run()
    print(f"inside one in-process check: {calls} path checks, {seconds * 1000:.2f} ms of {total * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())

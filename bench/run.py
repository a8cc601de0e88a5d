"""Benchmark status-gen as whole processes, the way a pre-commit hook and CI run it.

    .venv/bin/python bench/run.py            # 100, 1,000 and 10,000 issues; 7 runs each (medians)
    .venv/bin/python bench/run.py --smoke    # 100 issues, one run, no targets: CI's smoke test

Every figure is the median wall time of a child process (start to exit, interpreter start-up
included) and its peak resident memory from ``os.wait4``'s rusage. Ratios compare commands
measured side by side in this run, interleaved round by round, so a noisy machine slows both
sides of a ratio alike. Targets are printed, never asserted: the exit status is 0 unless a command
fails (exit 2 or 3, or a timing command exiting non-zero). Stdlib only, since CI runs it.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from datagen import TODAY, generate  # a sibling module: the script's folder is on sys.path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
FLOOR_IMPORTS = "import pydantic, jinja2, yaml, click; from pydantic import BaseModel"
# The same work libyaml does for status-gen's loader, and nothing else: produce every event.
EVENTS_ONLY = (
    "import sys, yaml\n"
    "for name in sys.argv[1:]:\n"
    "    with open(name, encoding='utf-8') as handle:\n"
    "        text = handle.read()\n"
    "    for _ in yaml.parse(text, Loader=yaml.CSafeLoader):\n"
    "        pass\n"
)
HEAVY = ("pydantic", "jinja2", "markdown_it")


@dataclass
class Sample:
    """Wall times (s) and peak memory (KiB) of repeated runs of one command."""

    label: str
    argv: list[str]
    ok_codes: tuple[int, ...] = (0,)
    cwd: Path | None = None
    times: list[float] = field(default_factory=list)
    peaks: list[int] = field(default_factory=list)
    codes: set[int] = field(default_factory=set)
    cold: bool = False  # every run without bytecode or template caches, like a first run
    prepare: Callable[[], None] | None = None  # before every run, untimed (import needs a fresh folder)

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def peak_mib(self) -> float:
        return max(self.peaks) / 1024


def status_gen_argv() -> list[str]:
    """The installed console script when it sits beside this interpreter, as users run it."""
    script = Path(PYTHON).parent / "status-gen"
    return [str(script)] if script.exists() else [PYTHON, "-m", "status_gen"]


def child_env(workdir: Path) -> dict[str, str]:
    """What every child runs with: bytecode and template caches of its own, kept between runs.

    A pip-installed package has its .pyc files; a checkout run with PYTHONDONTWRITEBYTECODE=1
    (as some CI images and sandboxes set) recompiles status-gen's modules on every run, which
    only the 'cold' row shows. The prefix holds .pyc for every module, the floors' included.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(workdir / "pycache")
    env["XDG_CACHE_HOME"] = str(workdir / "cache")  # status-gen's compiled templates
    return env


def smoke_options(description: str, argv: list[str] | None) -> tuple[bool, int]:
    """(--smoke, runs per command) from the command line of a benchmark with sizes in process."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--smoke", action="store_true", help="one run, small sizes, no targets (CI)")
    parser.add_argument("--repeat", type=int, default=7, help="runs per command (default 7)")
    args = parser.parse_args(argv)
    return args.smoke, 1 if args.smoke else args.repeat


def run_once(sample: Sample, env: dict[str, str], record: bool = True) -> None:
    """One child process: wall time from spawn to reaped, and its own peak RSS (not ours)."""
    if sample.cold:
        env = {k: v for k, v in env.items() if k != "PYTHONPYCACHEPREFIX"}
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env["XDG_CACHE_HOME"] = tempfile.mkdtemp(dir=env["XDG_CACHE_HOME"])
    if sample.prepare is not None:
        sample.prepare()
    start = time.perf_counter()
    child = subprocess.Popen(
        sample.argv,
        cwd=sample.cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert child.stderr is not None
    stderr = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    child.stderr.close()
    if child.returncode not in sample.ok_codes:
        message = stderr.decode("utf-8", "replace")[-2000:]
        raise SystemExit(f"bench: '{sample.label}' exited {child.returncode}:\n{message}")
    if not record:
        return
    sample.times.append(elapsed)
    sample.peaks.append(usage.ru_maxrss)  # KiB on Linux
    sample.codes.add(child.returncode)


def measure(samples: Sequence[Sample], repeat: int, env: dict[str, str], warm_up: bool) -> None:
    """Interleave: every command once per round, so drift on a shared machine hits all alike.

    A first, unrecorded round fills the caches, so the medians are those of every later run.
    """
    for sample in samples if warm_up else ():
        run_once(sample, env, record=False)
    for _ in range(repeat):
        for sample in samples:
            run_once(sample, env)


def imports_heavy(argv: list[str], cwd: Path) -> list[str]:
    """Which of pydantic, jinja2 and markdown-it a command imports, read from -X importtime."""
    command = [PYTHON, "-X", "importtime", "-c", "from status_gen.cli import run; run()", *argv]
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    names = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    return [name for name in HEAVY if name in names]


def example_project(workdir: Path) -> Path:
    """A copy of the shipped example, so the timings do not depend on edits in the working tree."""
    target = workdir / "example"
    for name in ("data", "templates"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, target / name)
    for name in ("pyproject.toml", "SYSTEM_STATUS.md"):
        shutil.copy2(ROOT / name, target / name)
    return target


def project_args(folder: Path) -> list[str]:
    return [
        "--today",
        TODAY.isoformat(),
        "--data",
        str(folder / "data"),
        "--output",
        str(folder / "SYSTEM_STATUS.md"),
        "--config",
        str(folder / "status-gen.toml"),
    ]


def synthetic_project(workdir: Path, issues: int, tool: list[str], env: dict[str, str]) -> tuple[Path, dict[str, int]]:
    folder = workdir / f"issues-{issues}"
    counts = generate(folder / "data", issues)
    # An explicit, empty config: defaults only, nothing read from the current folder.
    (folder / "status-gen.toml").write_text("# status-gen benchmark: defaults only\n", encoding="utf-8")
    first = Sample("first render", [*tool, "render", *project_args(folder)], cwd=folder)
    run_once(first, env)  # writes the document, so that 'check' compares with an up-to-date file
    return folder, counts


def row(name: str, sample: Sample, note: str = "") -> str:
    return f"| {name} | {sample.median * 1000:,.0f} ms | {sample.peak_mib:,.0f} MiB | {note} |"


def cpu_per_kb(
    sizes: Sequence[int], rounds: int, document: Callable[[int], str], work: Callable[[str], object], scale: float
) -> list[tuple[int, float]]:
    """Median CPU cost per KB of ``work(text)`` (times ``scale``: 1e3 for ms, 1e6 for µs) at each
    size in KB, the sizes interleaved round by round: these machines change speed over a run, and
    sizes measured one after the other compared a fast minute with a slow one."""
    texts = {kb: document(kb * 1024) for kb in sizes}
    work(texts[sizes[0]])  # the first call pays for the lazy imports
    times: dict[int, list[float]] = {kb: [] for kb in sizes}
    for _ in range(rounds):
        for kb, text in texts.items():
            start = time.process_time()
            work(text)
            times[kb].append((time.process_time() - start) / (len(text.encode()) / 1024) * scale)
    return [(kb, statistics.median(times[kb])) for kb in sizes]


def per_kb_table(what: str, scaling: list[tuple[int, float]], unit: str, digits: int = 0) -> str:
    """A Markdown table of a cost per KB (``unit``) at each document size in KB."""
    rows = "".join(f"| {kb:,} KB | {value:,.{digits}f} {unit} |\n" for kb, value in scaling)
    return f"\n| Document | {what} |\n|---|---|\n{rows}"


def verdict(value: float, limit: float) -> str:
    return f"{value:.2f} (target ≤ {limit:g}: {'met' if value <= limit else 'NOT met'})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", help="smallest size, one run, no targets (CI)")
    parser.add_argument("--repeat", type=int, default=7, help="runs per command (default 7)")
    parser.add_argument("--sizes", default="100,1000,10000", help="issue counts (default 100,1000,10000)")
    args = parser.parse_args(argv)
    sizes = [100] if args.smoke else [int(s) for s in args.sizes.split(",")]
    repeat = 1 if args.smoke else args.repeat
    tool = status_gen_argv()

    with tempfile.TemporaryDirectory(prefix="status-gen-bench-") as temp:
        workdir = Path(temp)
        env = child_env(workdir)
        warm_up = not args.smoke
        example = example_project(workdir)
        # Run as the pre-commit hook runs it: settings from the copy's pyproject.toml, no location
        # flags (they would change the banner and make the committed document stale). The example
        # must be clean: a stale document would time the diff path instead.
        example_args = ["--today", TODAY.isoformat()]
        check_example = Sample("check (example)", [*tool, "check", *example_args], ok_codes=(0,), cwd=example)
        floor = Sample("dependency floor", [PYTHON, "-c", FLOOR_IMPORTS], cwd=example)
        light = [
            Sample("--help", [*tool, "--help"], cwd=example),
            Sample("rules", [*tool, "rules"], cwd=example),
            Sample("explain SG101", [*tool, "explain", "SG101"], cwd=example),
        ]
        click_floor = Sample("import click", [PYTHON, "-c", "import click"], cwd=example)
        cold_example = Sample("check (cold)", check_example.argv, ok_codes=(0,), cwd=example, cold=True)
        measure([floor, check_example, click_floor, *light, cold_example], repeat, env, warm_up)
        heavy = {s.label: imports_heavy(s.argv[len(tool) :], example) for s in light}

        print(
            f"status-gen benchmark: {repeat} run(s) per command, medians; Python {platform.python_version()}, "
            f"{os.cpu_count()} CPU(s)\n"
        )
        print("| Command | Median wall | Peak RSS | Note |")
        print("|---|---:|---:|---|")
        print(row("`python -c 'import pydantic, jinja2, yaml, click'` (floor)", floor))
        print(row("`status-gen check` on the shipped example", check_example, f"exit {_codes(check_example)}"))
        cold_note = "first-run case: no .pyc for status-gen, empty template cache"
        print(row("`status-gen check` on the shipped example, cold", cold_example, cold_note))
        print(row("`python -c 'import click'`", click_floor))
        for sample in light:
            imported = ", ".join(heavy[sample.label]) or "none of pydantic, jinja2, markdown-it"
            print(row(f"`status-gen {sample.label}`", sample, f"imports {imported}"))

        per_size: dict[int, tuple[Sample, Sample, Sample]] = {}
        for issues in sizes:
            folder, counts = synthetic_project(workdir, issues, tool, env)
            files = sorted(str(p) for p in (folder / "data").glob("*.yaml"))
            size_mib = sum(Path(f).stat().st_size for f in files) / 2**20
            render = Sample("render", [*tool, "render", *project_args(folder)], cwd=folder)
            check = Sample("check", [*tool, "check", *project_args(folder)], cwd=folder)
            events = Sample("yaml events", [PYTHON, "-c", EVENTS_ONLY, *files], cwd=folder)
            measure([events, check, render], repeat, env, warm_up)
            per_size[issues] = (render, check, events)
            shape = (
                f"{counts['components']} components, {counts['blockers']} blockers, "
                f"{counts['categories']} test categories; {size_mib:.1f} MiB of YAML"
            )
            print(row(f"`status-gen render`, {issues:,} issues", render, shape))
            print(row(f"`status-gen check`, {issues:,} issues", check, f"exit {_codes(check)}"))
            print(row(f"`yaml.parse` (C) events only, {issues:,} issues", events))

        if args.smoke:
            print("\nsmoke run: targets are not evaluated")
            return 0
        print("\nRatios (each from commands measured side by side in this run):\n")
        print(f"- (a) check on the example / dependency floor: {verdict(check_example.median / floor.median, 1.5)}")
        for sample in light:
            ratio = sample.median / click_floor.median
            print(f"- (b) {sample.label} / import click: {verdict(ratio, 1.5)}")
        if 10000 in per_size:
            render, check, events = per_size[10000]
            print(f"- (c) check at 10,000 issues / C yaml events: {verdict(check.median / events.median, 4)}")
            print(
                f"- (c) peak memory of check at 10,000 issues: {check.peak_mib:.0f} MiB (target ≤ 250 MiB: "
                f"{'met' if check.peak_mib <= 250 else 'NOT met'})"
            )
        if 10000 in per_size and 1000 in per_size:
            ratio = per_size[10000][1].median / per_size[1000][1].median
            print(f"- (d) check time at 10,000 / at 1,000 issues: {verdict(ratio, 12)}")
    return 0


def _codes(sample: Sample) -> str:
    return ",".join(str(code) for code in sorted(sample.codes))


if __name__ == "__main__":
    sys.exit(main())

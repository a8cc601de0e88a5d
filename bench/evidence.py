"""Benchmark the report readers: time linear in the file's size, memory that does not grow with it.

    .venv/bin/python bench/evidence.py           # JUnit 12.5/25/50 MB, Cobertura 5/10/20 MB; 3 runs each
    .venv/bin/python bench/evidence.py --smoke   # 1 MB files, one run

Each figure is the median over fresh child processes (interpreter start-up excluded: the child
times only the read) and the child's peak resident memory from ``os.wait4``. Beside status-gen's
reader the same file is read by the bare parser (expat with no handlers: the floor any XML reader
pays) and by ElementTree's whole-tree parse (what a naive reader would do), interleaved round by
round so a noisy machine slows every column alike. Nothing is asserted: the figures are printed.
Stdlib and status_gen only.
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

MODES = ("status-gen", "bare expat", "ElementTree tree")


def write_junit(path: Path, megabytes: float) -> None:
    """pytest-shaped JUnit: one suite, 1 test case in 10 failing with a short message and trace."""
    passing = '<testcase classname="tests.test_module_{0}" name="test_case_{0}" time="0.001" />\n'
    failing = (
        '<testcase classname="tests.test_module_{0}" name="test_case_{0}" time="0.002">'
        '<failure message="assert 1 == 2">tests/test_module.py:{0}: AssertionError</failure></testcase>\n'
    )
    block = "".join((failing if i % 10 == 0 else passing).format(i) for i in range(1000))
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="utf-8"?>\n<testsuites><testsuite name="pytest" ')
        out.write('timestamp="2025-09-17T10:00:00.000000+00:00">\n')
        written = 0
        while written < megabytes * 1_000_000:
            out.write(block)
            written += len(block)
        out.write("</testsuite></testsuites>\n")


def write_cobertura(path: Path, megabytes: float) -> None:
    """coverage.py-shaped Cobertura: classes of 50 lines, every fourth a branch line."""
    lines = []
    for number in range(1, 51):
        hits = 0 if number % 7 == 0 else 3
        if number % 4 == 0:
            lines.append(f'<line number="{number}" hits="{hits}" branch="true" condition-coverage="50% (1/2)"/>')
        else:
            lines.append(f'<line number="{number}" hits="{hits}"/>')
    body = "\n".join(lines)
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" ?>\n<coverage version="7.6" timestamp="1758103200000">\n')
        out.write('<sources><source>/ci/project</source></sources>\n<packages><package name="src"><classes>\n')
        written, index = 0, 0
        while written < megabytes * 1_000_000:
            name = f"src/pkg{index % 50}/m{index}.py"
            chunk = f'<class name="m{index}.py" filename="{name}"><lines>\n{body}\n</lines></class>\n'
            out.write(chunk)
            written += len(chunk)
            index += 1
        out.write("</classes></package></packages></coverage>\n")


def child(mode: str, kind: str, path: str) -> None:
    """Read one file one way; print the seconds the read took (start-up excluded)."""
    file = Path(path)
    if mode == "status-gen":
        if kind == "junit":
            from status_gen.evidence.junit import read_junit

            start = time.perf_counter()
            read_junit(file, "r.xml")
        else:
            from status_gen.evidence.coverage_report import read_coverage

            start = time.perf_counter()
            read_coverage(file, "c.xml", ["", "src/pkg1"])
    elif mode == "bare expat":
        from xml.parsers import expat

        start = time.perf_counter()
        parser = expat.ParserCreate()
        with file.open("rb") as handle:
            while chunk := handle.read(1 << 16):
                parser.Parse(chunk, False)
        parser.Parse(b"", True)
    else:
        import xml.etree.ElementTree as ET

        start = time.perf_counter()
        ET.parse(file)
    print(time.perf_counter() - start)


def measure(mode: str, kind: str, path: Path) -> tuple[float, int]:
    """(seconds of the read, peak resident KiB of the child process)."""
    process = subprocess.Popen(
        [sys.executable, __file__, "--child", mode, kind, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    out = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise SystemExit(f"{mode} failed on {path}")
    return float(out), usage.ru_maxrss


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", nargs=3, metavar=("MODE", "KIND", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return 0
    runs = 1 if args.smoke else args.runs
    sizes = {"junit": [1.0], "cobertura": [1.0]} if args.smoke else {"junit": [12.5, 25, 50], "cobertura": [5, 10, 20]}
    writers = {"junit": write_junit, "cobertura": write_cobertura}
    with tempfile.TemporaryDirectory() as folder:
        print(f"Python {sys.version.split()[0]}, {runs} run(s) per cell, medians; peak RSS of the child process")
        print()
        header = f"{'file':<22}" + "".join(f"{m + ' s':>20}{'MiB':>8}" for m in MODES) + f"{'ratio':>8}{'MB/s':>8}"
        print(header)
        for kind, megabytes in sizes.items():
            for size in megabytes:
                path = Path(folder) / f"{kind}-{size}.xml"
                writers[kind](path, size)
                actual = path.stat().st_size / 1e6
                times: dict[str, list[float]] = {m: [] for m in MODES}
                memory: dict[str, list[int]] = {m: [] for m in MODES}
                for _ in range(runs):
                    for mode in MODES:
                        seconds, rss = measure(mode, kind, path)
                        times[mode].append(seconds)
                        memory[mode].append(rss)
                row = f"{kind + f' {actual:.1f} MB':<22}"
                for mode in MODES:
                    row += f"{statistics.median(times[mode]):>20.2f}{statistics.median(memory[mode]) / 1024:>8.0f}"
                ours, bare = statistics.median(times["status-gen"]), statistics.median(times["bare expat"])
                row += f"{ours / bare:>7.1f}x{actual / ours:>8.1f}"
                print(row, flush=True)
                path.unlink()
        print()
        print("ratio = status-gen's read time / the bare parser's on the same file; MB/s = status-gen's throughput")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

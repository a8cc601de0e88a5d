"""Hostile and broken reports: each is refused with its file and line, without expanding,
fetching or growing anything. The 50 MB report is generated here, never committed."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from status_gen.errors import StatusGenError
from status_gen.evidence.coverage_report import read_coverage
from status_gen.evidence.junit import CaseCounts, read_junit
from status_gen.evidence.tracker import read_tracker

REPORTS = Path(__file__).parent / "hostile" / "reports"


def _cases() -> list[tuple[str, int, str]]:
    rows = []
    for line in (REPORTS / "cases.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, number, fragment, _why = line.split("\t")
            rows.append((name, int(number), fragment))
    return rows


CASES = _cases()


def read_any(path: Path, display: str) -> object:
    """The reader a file's name asks for (tracker exports are named tracker-*)."""
    if path.name.startswith("tracker"):
        return read_tracker(path, display)
    if path.name.startswith(("coverage", "cobertura", "lcov")):
        return read_coverage(path, display)
    return read_junit(path, display)


def test_corpus_is_complete() -> None:
    assert {name for name, _, _ in CASES} == {p.name for p in REPORTS.iterdir() if p.name != "cases.tsv"}


@pytest.mark.parametrize(("name", "line", "fragment"), CASES, ids=[c[0] for c in CASES])
def test_hostile_report_is_refused_with_its_place(name: str, line: int, fragment: str) -> None:
    with pytest.raises(StatusGenError) as caught:
        read_any(REPORTS / name, f"reports/{name}")
    error = caught.value
    assert error.where is not None and error.where.path == f"reports/{name}"
    assert error.where.line == line, str(error)
    assert fragment in error.message


def test_billion_laughs_allocates_nothing_before_refusing() -> None:
    tracemalloc.start()
    with pytest.raises(StatusGenError):
        read_junit(REPORTS / "billion-laughs.xml", "r.xml")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 1_000_000


def test_external_dtd_is_never_fetched(tmp_path: Path) -> None:
    """A DOCTYPE naming a local DTD that declares the timestamp: were it read, the date would show."""
    dtd = tmp_path / "x.dtd"
    dtd.write_text('<!ENTITY stamp "2025-09-17T10:00:00">', encoding="utf-8")
    report = tmp_path / "r.xml"
    doctype = f'<!DOCTYPE testsuite SYSTEM "{dtd.as_uri()}">\n'
    report.write_text(doctype + '<testsuite timestamp="&stamp;"><testcase name="t"/></testsuite>\n', "utf-8")
    assert read_junit(report, "r.xml").timestamp is None


def test_deeply_nested_json_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "issues.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(StatusGenError, match="nests too deeply"):
        read_tracker(path, "issues.json")


def test_deeply_nested_xml_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.xml"
    path.write_text("<testsuites>" + "<x>" * 1000 + "</x>" * 1000 + "</testsuites>", encoding="utf-8")
    with pytest.raises(StatusGenError, match="nest deeper than"):
        read_junit(path, "r.xml")


def test_a_report_over_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "r.xml"
    path.write_bytes(b"<testsuite>" + b" " * 2000 + b"</testsuite>")
    with pytest.raises(StatusGenError, match="the limit is 1,000"):
        read_junit(path, "r.xml", max_bytes=1000)


@pytest.mark.parametrize("name", ["fifo", "folder"])
def test_a_report_that_is_no_regular_file_is_refused(tmp_path: Path, name: str) -> None:
    import os

    path = tmp_path / name
    if name == "fifo":
        os.mkfifo(path)  # reading it would block forever
    else:
        path.mkdir()
    with pytest.raises(StatusGenError, match=r"not a regular file|is a folder"):
        read_junit(path, name)


def _big_junit(path: Path, megabytes: int) -> int:
    """A JUnit file of about ``megabytes`` MB; returns its number of test cases (1 in 10 fails)."""
    case = '<testcase classname="pkg.module_{0}" name="test_{0}" time="0.001"/>\n'
    failing = '<testcase classname="m_{0}" name="test_{0}"><failure message="boom">trace</failure></testcase>\n'
    cases = 0
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0"?>\n<testsuites><testsuite name="big" timestamp="2025-09-17T10:00:00">\n')
        written = 0
        block = "".join((failing if i % 10 == 0 else case).format(i) for i in range(1000))
        while written < megabytes * 1_000_000:
            out.write(block)
            written += len(block)
            cases += 1000
        out.write("</testsuite></testsuites>\n")
    return cases


def test_a_5_mb_report_is_read_in_constant_memory(tmp_path: Path) -> None:
    """Streaming: the peak of Python allocations stays far below the file's size."""
    path = tmp_path / "big.xml"
    cases = _big_junit(path, 5)
    tracemalloc.start()
    report = read_junit(path, "big.xml")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert report.counts == CaseCounts(passed=cases * 9 // 10, failed=cases // 10)
    assert peak < 1_000_000, f"peak {peak:,} bytes while reading a {path.stat().st_size:,}-byte file"


_MAXRSS = """
import resource, sys
from pathlib import Path
from status_gen.evidence.junit import read_junit
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
report = read_junit(Path(sys.argv[1]), "big.xml")
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(report.counts.total, report.counts.failed, after - before)
"""


@pytest.mark.slow
def test_a_50_mb_report_is_read_without_the_process_growing(tmp_path: Path) -> None:
    """The hostile-size case: 50 MB (generated here, never committed), read in a fresh process."""
    import subprocess
    import sys

    path = tmp_path / "big.xml"
    cases = _big_junit(path, 50)
    assert path.stat().st_size > 50_000_000
    out = subprocess.run([sys.executable, "-c", _MAXRSS, str(path)], capture_output=True, text=True, check=True)
    total, failed, grown_kib = map(int, out.stdout.split())
    assert (total, failed) == (cases, cases // 10)
    assert grown_kib < 10_000, f"the process grew by {grown_kib:,} KiB reading 50 MB"

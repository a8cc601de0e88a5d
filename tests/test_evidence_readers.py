"""The readers on files written by the real producers: pytest --junitxml and coverage.py (Cobertura
XML, JSON, lcov), plus JUnit shapes of other producers and tracker exports in their documented form."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from status_gen.errors import StatusGenError
from status_gen.evidence.coverage_report import read_coverage
from status_gen.evidence.junit import CaseCounts, read_junit, read_junits
from status_gen.evidence.tracker import read_tracker

FIXTURES = Path(__file__).parent / "evidence"

CALC = """
def add(a, b):
    return a + b


def divide(a, b):
    if b == 0:
        raise ZeroDivisionError("b")
    return a / b


def unused(x):
    if x:
        return 1
    return 2
"""
OTHER = """
def shout(text):
    return text.upper()


def never_called():
    return None
"""
TESTS = """
import pytest
from pkg.calc import add, divide
from pkg.other import shout


@pytest.fixture
def broken():
    raise RuntimeError("fixture fails: an error, not a failure")


def test_add():
    assert add(1, 2) == 3


def test_divide():
    assert divide(6, 3) == 2


def test_shout():
    assert shout("a") == "A"


def test_fails():
    assert add(1, 1) == 3


def test_errors(broken):
    pass


@pytest.mark.skip(reason="not today")
def test_skipped():
    pass


@pytest.mark.xfail(reason="known")
def test_expected_failure():
    assert divide(1, 0)
"""


def _run(folder: Path, *args: str) -> None:
    subprocess.run([sys.executable, "-m", *args], cwd=folder, capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def produced(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small project whose tests pytest runs under coverage.py, writing every report once."""
    folder = tmp_path_factory.mktemp("producers")
    (folder / "pkg").mkdir()
    (folder / "pkg" / "__init__.py").write_text("", encoding="utf-8")
    (folder / "pkg" / "calc.py").write_text(CALC, encoding="utf-8")
    (folder / "pkg" / "other.py").write_text(OTHER, encoding="utf-8")
    (folder / "tests").mkdir()
    (folder / "tests" / "test_pkg.py").write_text(TESTS, encoding="utf-8")
    (folder / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")  # keep our own settings out
    _run(folder, "coverage", "run", "--branch", "--source=pkg", "-m", "pytest", "-p", "no:cacheprovider",
         "--junitxml=reports/junit.xml", "tests")  # fmt: skip
    for kind, name in (("xml", "coverage.xml"), ("json", "coverage.json"), ("lcov", "coverage.info")):
        _run(folder, "coverage", kind, "-o", f"reports/{name}")
    return folder


def test_pytest_junit_counts_every_outcome(produced: Path) -> None:
    report = read_junit(produced / "reports" / "junit.xml", "reports/junit.xml")
    # 3 pass; 1 failure; 1 fixture error; the skip and the xfail are both skipped.
    assert report.counts == CaseCounts(passed=3, failed=1, errors=1, skipped=2)
    assert report.counts.total == 7
    assert report.timestamp is not None
    assert abs((report.timestamp - dt.datetime.now(dt.UTC).replace(tzinfo=None)).total_seconds()) < 3600
    assert report.sources == ("reports/junit.xml",)


def _coverage_py_totals(produced: Path) -> tuple[int, int, int, int]:
    """What coverage.py itself says (its JSON totals, which the reader does not use)."""
    totals = json.loads((produced / "reports" / "coverage.json").read_text(encoding="utf-8"))["totals"]
    return totals["covered_lines"], totals["num_statements"], totals["covered_branches"], totals["num_branches"]


@pytest.mark.parametrize("name", ["coverage.xml", "coverage.json", "coverage.info"])
def test_coverage_formats_agree_with_coverage_py(produced: Path, name: str) -> None:
    report = read_coverage(produced / "reports" / name, f"reports/{name}", ["", "pkg", "pkg/calc.py", "pkg/other.py"],
                           root=produced)  # fmt: skip
    whole = report.by_prefix[""]
    assert tuple(whole) == _coverage_py_totals(produced)
    assert report.by_prefix["pkg"] == whole
    calc, other = report.by_prefix["pkg/calc.py"], report.by_prefix["pkg/other.py"]
    assert calc.lines_covered + other.lines_covered == whole.lines_covered
    assert calc.lines_total + other.lines_total == whole.lines_total
    assert 0 < other.lines_covered < other.lines_total  # never_called is not covered
    assert whole.branch_rate is not None and 0 < whole.branch_rate < 100
    assert (report.timestamp is None) == (name == "coverage.info")  # lcov records no time


def test_unknown_prefix_has_no_lines(produced: Path) -> None:
    report = read_coverage(produced / "reports" / "coverage.xml", "c.xml", ["nowhere"], root=produced)
    assert report.by_prefix["nowhere"].lines_total == 0
    assert report.by_prefix["nowhere"].line_rate is None


@pytest.mark.parametrize(
    ("name", "expected", "stamp"),
    [
        ("jest-junit.xml", CaseCounts(passed=2, failed=1, errors=0, skipped=1), "2025-09-16T08:30:00"),
        ("go-junit-report.xml", CaseCounts(passed=2, failed=1, errors=0, skipped=1), "2025-09-16T09:00:00"),
        ("surefire.xml", CaseCounts(passed=2, failed=1, errors=1, skipped=1), None),
        ("summary-only.xml", CaseCounts(passed=7, failed=2, errors=1, skipped=0), "2025-09-15T12:00:00"),
    ],
)
def test_other_producers_shapes(name: str, expected: CaseCounts, stamp: str | None) -> None:
    report = read_junit(FIXTURES / name, name)
    assert report.counts == expected
    assert report.timestamp == (dt.datetime.fromisoformat(stamp) if stamp else None)


def test_several_files_are_merged() -> None:
    names = ["jest-junit.xml", "go-junit-report.xml", "surefire.xml"]
    report = read_junits((FIXTURES / n, n) for n in names)
    assert report.counts == CaseCounts(passed=6, failed=3, errors=1, skipped=3)
    assert report.timestamp == dt.datetime(2025, 9, 16, 9, 0)
    assert report.sources == tuple(names)


def test_timestamps_with_a_zone_become_utc(tmp_path: Path) -> None:
    path = tmp_path / "r.xml"
    path.write_text('<testsuite timestamp="2025-09-17T01:30:00+02:00"><testcase name="t"/></testsuite>', "utf-8")
    assert read_junit(path, "r.xml").timestamp == dt.datetime(2025, 9, 16, 23, 30)


def test_github_export() -> None:
    issues = read_tracker(FIXTURES / "gh-issues.json", "gh-issues.json")
    assert sorted(issues) == [1, 2, 3]
    assert issues[1].state == "closed" and issues[1].closed == dt.date(2025, 9, 10)
    assert issues[1].opened == dt.date(2025, 9, 1) and issues[1].labels == ("bug", "P0")
    assert issues[2].state == "open" and issues[2].closed is None
    assert issues[3].closed == dt.date(2025, 9, 13)  # 23:30 at -05:00 is the next day in UTC


def test_gitlab_export() -> None:
    issues = read_tracker(FIXTURES / "gitlab-issues.json", "gitlab-issues.json")
    assert sorted(issues) == [4, 5]  # iid, the number the project shows, not the global id
    assert issues[4].state == "closed" and issues[4].closed == dt.date(2025, 9, 12)
    assert issues[5].state == "open" and issues[5].labels == ("backend",)


def test_an_export_with_a_number_twice_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "issues.json"
    item = {"number": 1, "title": "x", "state": "OPEN", "createdAt": "2025-09-01T00:00:00Z"}
    path.write_text(json.dumps([item, item]), encoding="utf-8")
    with pytest.raises(StatusGenError, match="appears twice"):
        read_tracker(path, "issues.json")


def test_coverage_format_follows_the_extension(tmp_path: Path) -> None:
    path = tmp_path / "coverage.txt"
    path.write_text("TOTAL 10 2 80%\n", encoding="utf-8")
    with pytest.raises(StatusGenError, match=r"\.xml \(Cobertura\)"):
        read_coverage(path, "coverage.txt")


def test_lcov_counts_lines_and_branches(tmp_path: Path) -> None:
    path = tmp_path / "lcov.info"
    path.write_text(textwrap.dedent("""\
        TN:
        SF:/ci/checkout/src/app.py
        FN:1,main
        DA:1,1
        DA:2,0
        DA:3,4
        BRDA:2,0,0,1
        BRDA:2,0,1,-
        LF:3
        LH:2
        end_of_record
        SF:lib/util.py
        DA:1,0
        end_of_record
        """), encoding="utf-8")  # fmt: skip
    report = read_coverage(path, "lcov.info", ["", "src", "lib"])
    assert tuple(report.by_prefix["src"]) == (2, 3, 1, 2)  # an absolute path matches by its parts
    assert tuple(report.by_prefix["lib"]) == (0, 1, 0, 0)
    assert tuple(report.by_prefix[""]) == (2, 4, 1, 2)


def test_the_benchmark_files_are_valid_reports(tmp_path: Path) -> None:
    """bench/evidence.py measures reading what it writes; both shapes must read as intended."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from evidence import write_cobertura, write_junit

    write_junit(tmp_path / "j.xml", 0.2)
    write_cobertura(tmp_path / "c.xml", 0.2)
    counts = read_junit(tmp_path / "j.xml", "j.xml").counts
    assert counts.total % 1000 == 0 and counts.failed == counts.total // 10
    report = read_coverage(tmp_path / "c.xml", "c.xml", ["", "src/pkg1"])
    whole, one = report.by_prefix[""], report.by_prefix["src/pkg1"]
    assert whole.lines_total % 50 == 0 and whole.lines_covered == whole.lines_total // 50 * 43
    assert whole.branches_total == whole.lines_total // 50 * 24 and 0 < one.lines_total < whole.lines_total

"""``status-gen lint`` as users run it: formats, exit codes, hostile documents, fuzzed structure."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from status_gen.config import Config
from status_gen.lint import MAX_BYTES, lint_text
from tests.conftest import ROOT, markdown_cases, run_cli

HOSTILE = ROOT / "tests" / "hostile"
CONTRADICTORY = ROOT / "tests" / "lint" / "contradictory" / "netra-shaped.md"


CASES = markdown_cases("markdown.tsv")


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_hostile_markdown_corpus_is_complete() -> None:
    assert {c[0] for c in CASES} == {p.name for p in HOSTILE.glob("*.md")}


@pytest.mark.parametrize(("name", "code", "line", "fragment"), CASES, ids=[c[0] for c in CASES])
def test_hostile_document(workdir: Path, name: str, code: int, line: int, fragment: str) -> None:
    shutil.copy(HOSTILE / name, workdir / name)
    before = (workdir / name).read_bytes()
    exit_code, out, err = run_cli("lint", name)
    assert exit_code == code, out + err
    assert "Traceback" not in out + err
    if code == 0:
        assert (out, err) == ("", "")  # nothing found, nothing said
    else:
        first = (err if code == 2 else out).splitlines()[0]
        assert first.startswith(f"{name}:{line}:"), first
        assert fragment in first
    assert (workdir / name).read_bytes() == before
    assert sorted(p.name for p in workdir.iterdir()) == [name]  # lint never writes


def test_line_endings_and_bom_do_not_change_findings(workdir: Path) -> None:
    text = CONTRADICTORY.read_text(encoding="utf-8")
    expected = run_cli("lint", str(CONTRADICTORY))[1].replace(str(CONTRADICTORY), "d.md")
    for variant in (text.replace("\n", "\r\n"), "\ufeff" + text, text.replace("\n", "\r")):
        (workdir / "d.md").write_bytes(variant.encode("utf-8"))
        assert run_cli("lint", "d.md")[1] == expected


def test_oversized_document_is_refused(workdir: Path) -> None:
    (workdir / "big.md").write_bytes(b"- item\n" * (10 * 1024 * 1024 // 7))  # a 10 MB document
    code, _, err = run_cli("lint", "big.md")
    assert code == 2 and err.startswith("big.md: error: is larger than 2 MiB")


def test_huge_line_is_refused(workdir: Path) -> None:
    (workdir / "wide.md").write_text("# T\n\n" + "x" * 200_000 + "\n", encoding="utf-8")
    code, _, err = run_cli("lint", "wide.md")
    assert code == 2 and err.startswith("wide.md:3:1: error: has a line longer than")


def test_ten_thousand_row_table_and_deep_lists_are_linted(workdir: Path) -> None:
    rows = "".join(f"| svc-{i} | ✅ OK |\n" for i in range(10_000))
    (workdir / "rows.md").write_text(
        f"| Service | Status |\n|---|---|\n{rows}\n- ❌ **svc-77**: down\n", encoding="utf-8"
    )
    code, out, _ = run_cli("lint", "rows.md")
    assert code == 1 and out.startswith("rows.md:10004:1: SL101 'svc-77'")
    deep = "".join("  " * i + f"- ✅ level {i}\n" for i in range(1_000))
    (workdir / "deep.md").write_text(deep, encoding="utf-8")
    assert run_cli("lint", "deep.md")[0] == 0


def test_formats_and_exit_codes(workdir: Path) -> None:
    shutil.copy(CONTRADICTORY, workdir / "c.md")
    (workdir / "ok.md").write_text("# Fine\n\n- ✅ **API**: up\n", encoding="utf-8")
    assert run_cli("lint", "ok.md") == (0, "", "")
    code, out, _ = run_cli("lint", "c.md", "--format", "json")
    payload = json.loads(out)
    assert code == 1 and {p["code"] for p in payload["problems"]} >= {"SL101", "SL201", "SL701"} - {"SL101"}
    assert all(p["file"] == "c.md" and p["line"] > 0 for p in payload["problems"])
    code, out, _ = run_cli("lint", "c.md", "--format", "github")
    assert code == 1 and all(
        row.startswith(("::error file=c.md,line=", "::warning file=c.md,line=")) for row in out.splitlines()
    )
    warnings_only = "| Suite | Status | Notes |\n|---|---|---|\n| Unit | ✅ PASSING | 5% pass rate |\n"
    (workdir / "w.md").write_text(warnings_only, encoding="utf-8")
    assert run_cli("lint", "w.md")[0] == 0
    assert run_cli("lint", "w.md", "--strict")[0] == 1
    assert run_cli("lint", "missing.md")[0] == 2
    assert run_cli("lint")[0] == 2  # a document is required


def test_config_levels_apply(workdir: Path) -> None:
    shutil.copy(CONTRADICTORY, workdir / "c.md")
    (workdir / ".status-gen.toml").write_text(
        '[rules]\nSL701 = "off"\nissue-state-conflict = "warning"\n', encoding="utf-8"
    )
    out = run_cli("lint", "c.md", "--format", "json")[1]
    problems = json.loads(out)["problems"]
    assert not [p for p in problems if p["code"] == "SL701"]
    assert {p["level"] for p in problems if p["code"] == "SL201"} == {"warning"}


def test_explain_and_rules_list_the_lint_family() -> None:
    code, out, _ = run_cli("explain", "SL201")
    assert code == 0 and "Failing:" in out and "Issue #1308" in out
    assert "SL701  merge-conflict-marker" in run_cli("rules")[1]


# --- fuzzing over Markdown structure -------------------------------------------------------------

WORDS = st.sampled_from(["Auth Service", "auth service", "**Auth Service**", "Queue", "Phase 1", "#12", "Issue #12"])
MARKS = st.sampled_from(["✅", "❌", "⚠️", "🟢", "🔴", "⏳", "[x]", "[ ]", "", "FIXED", "**CLOSED**", "OPEN", "ACTIVE"])
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=20)
INLINE = st.tuples(MARKS, WORDS, TEXT).map(lambda t: " ".join(t))
BLOCK = st.one_of(
    INLINE.map(lambda s: f"## {s}"),
    st.lists(INLINE, min_size=1, max_size=4).map(lambda items: "\n".join(f"- {i}" for i in items)),
    st.lists(st.integers(0, 6), min_size=1, max_size=6).map(
        lambda depths: "\n".join("  " * d + "- ✅ x" for d in depths)
    ),
    st.lists(st.tuples(WORDS, MARKS, st.integers(0, 99)), min_size=1, max_size=4).map(
        lambda rows: (
            "| Name | Status | Tests |\n|---|---|---|\n" + "\n".join(f"| {w} | {m} | {n} |" for w, m, n in rows)
        )
    ),
    st.sampled_from(
        [
            "| Total | | 10 |",
            "**Last Updated:** 2025-09-17",
            "*Last updated: March 2025*",
            "<<<<<<< HEAD",
            "```",
            "<div>\n❌ x\n</div>",
            "> **Status:** ✅ PRODUCTION READY",
            "- Issue #12 CLOSED 2026-01-01",
            "---",
        ]
    ),
    TEXT,
)
DOCUMENTS = st.lists(BLOCK, max_size=12).map(lambda blocks: "\n\n".join(blocks) + "\n")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCUMENTS, st.sampled_from(["\n", "\r\n", "\r"]), st.booleans())
def test_fuzzed_documents_lint_without_crashing(text: str, newline: str, bom: bool) -> None:
    from status_gen.lint import decode_markdown

    raw = ("\ufeff" if bom else "") + text.replace("\n", newline)
    decoded = decode_markdown(raw.encode("utf-8"), "f.md")
    problems = lint_text(decoded, "f.md", Config())
    lines = decoded.count("\n") + 1
    assert all(1 <= p.where.line <= lines for p in problems)
    assert problems == lint_text(text.replace("\r\n", "\n").replace("\r", "\n"), "f.md", Config())


def test_size_bound_is_what_the_docs_say() -> None:
    assert MAX_BYTES == 2 * 1024 * 1024

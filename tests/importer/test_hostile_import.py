"""``status-gen import`` on the hostile corpus, every case through the real CLI.

``tests/hostile/import.tsv`` gives, per case, the exit code, the line the message must point at
(0: a whole-file problem, no line), a fragment of it and why the case matters. The cases are the
corpus's ``*.md`` documents (lint's cases, ``markdown.tsv``) and ``generated:NAME`` documents too
big to commit, built by ``GENERATED`` below.

Exit 2: exactly one message, at ``DOC:line:``, no traceback, nothing written. Exit 0: the data
folder renders without load errors and the rendered document keeps the original's lines. Every
run has GITHUB_ACTIONS=true: the runner would obey no line it prints (github_runner's model), and
no line holds Azure's ``##vso[``, which its agent obeys on any machine. The child-process cases (a
symlink outside the project, a FIFO) are in tests/security/test_confinement.py.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from status_gen.importer import lines_kept
from status_gen.lint import decode_markdown
from tests.conftest import ROOT, markdown_cases, run_cli
from tests.importer.settle import settled
from tests.security.github_runner import obeyed

HOSTILE = ROOT / "tests" / "hostile"
# The share of the settled document's non-blank lines a re-render must keep: all of them (a
# free section is verbatim, a recognised record renders back line for line).
KEPT = 1.0


def _nested_list(depth: int) -> bytes:
    return ("# Deep\n\n" + "".join("  " * i + f"- level {i}\n" for i in range(depth))).encode()


GENERATED: dict[str, Callable[[], bytes]] = {
    "ten-megabytes": lambda: b"# Big\n\n" + b"- item\n" * (10 * 1024 * 1024 // 7),
    "long-line": lambda: b"# Wide\n\n" + b"x" * 200_000 + b"\n",
    "ten-thousand-rows": lambda: (
        "# Parts\n\n## Parts\n\n| Part | Status |\n|---|---|\n" + "".join(f"| part {n} | ✅ |\n" for n in range(10_000))
    ).encode(),
    "lists-nested-1000-deep": lambda: _nested_list(1000),
    "lists-nested-40-deep": lambda: _nested_list(40),
    "quotes-nested-1000-deep": lambda: b"# Quotes\n\n" + b"> " * 1000 + b"deep\n",
    "details-around-a-long-list": lambda: (
        "# History\n\n## Older entries\n\n<details>\n<summary>Older entries</summary>\n\n"
        + "".join(f"- 2025-01-{n % 28 + 1:02d}: entry {n} about the queue\n" for n in range(400))
        + "\n</details>\n\n## Checks\n\n- [x] Backups verified\n"
    ).encode(),
    "closing-tag-in-every-block": lambda: b"# Tags\n\n<details>\n\n" + b"para </b>\n\n" * 1000,
}


CASES = markdown_cases("import.tsv")


def _document(name: str) -> tuple[str, bytes]:
    """The file name to import and its bytes."""
    if name.startswith("generated:"):
        return f"{name.removeprefix('generated:')}.md", GENERATED[name.removeprefix("generated:")]()
    return name, (HOSTILE / name).read_bytes()


def test_every_document_and_generator_is_a_case() -> None:
    listed = {name for name, *_ in CASES}
    assert {p.name for p in HOSTILE.glob("*.md")} <= listed
    assert {f"generated:{name}" for name in GENERATED} == {n for n in listed if n.startswith("generated:")}
    assert not {n for n in listed if not n.startswith("generated:") and not (HOSTILE / n).is_file()}


@pytest.mark.parametrize(("name", "code", "line", "fragment"), CASES, ids=[c[0] for c in CASES])
def test_hostile_document_imports_or_is_refused_cleanly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, code: int, line: int, fragment: str
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    file, data = _document(name)
    (tmp_path / file).write_bytes(data)
    exit_code, out, err = run_cli("import", file, "--data", "imported", "--today", "2025-09-17")
    assert exit_code == code, err
    assert "Traceback" not in out + err and "internal error" not in err
    for stream in (out, err):
        assert [c for c in obeyed(stream) if c.name != "stop-commands"] == [], stream
    assert "##vso[" not in (out + err).lower()
    if code == 2:
        errors = [row for row in err.splitlines() if ": error: " in row]
        assert len(errors) == 1, err  # one readable message, not a cascade
        assert errors[0].startswith(f"{file}:{line}:" if line else f"{file}: error: "), errors[0]
        assert fragment in errors[0]
        assert sorted(p.name for p in tmp_path.iterdir()) == [file]  # nothing written
        return
    monkeypatch.delenv("GITHUB_ACTIONS")
    rendered_code, _, render_err = run_cli(
        "render", "--data", "imported", "--output", "OUT.md", "--today", "2099-12-31"
    )
    assert rendered_code in (0, 1), render_err  # 2 would be data that does not load
    assert ": error: " not in render_err
    settled = _settled(decode_markdown(data, file), file)
    assert lines_kept(settled, (tmp_path / "OUT.md").read_text(encoding="utf-8")) >= KEPT


def _settled(text: str, name: str) -> str:
    import datetime as dt

    return settled(text, name, dt.date(2025, 9, 17))

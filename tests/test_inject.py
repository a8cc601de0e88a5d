"""Inject mode: only the text between the markers is generated; every other byte is the user's."""

from __future__ import annotations

from pathlib import Path

import pytest

from status_gen.errors import StatusGenError
from status_gen.inject import BEGIN, END, merge, region
from tests.conftest import EXAMPLE_TODAY, run_cli

# CRLF, non-ASCII text and no final newline outside the region must all survive.
BEFORE = b"# My project\r\n\r\nIntro with \xc3\xa9 and a tab\t.\r\n" + BEGIN.encode() + b"\r\n"
AFTER = END.encode() + b"\r\n\r\nHand-written footer, no final newline"


def _generated() -> str:
    code, out, err = run_cli("render", "--today", EXAMPLE_TODAY, "--output", "-")
    assert code == 0, err
    # The banner names the command that regenerates the file, with the --output it was given.
    banner_command = "run: status-gen render -->"
    assert banner_command in out
    return out.replace(banner_command, "run: status-gen render --output README.md -->")


def test_render_replaces_only_the_region(project: Path) -> None:
    readme = project / "README.md"
    readme.write_bytes(BEFORE + b"old generated text\nthat goes away\n" + AFTER)
    code, _, err = run_cli("render", "--today", EXAMPLE_TODAY, "--output", "README.md")
    assert code == 0, err
    assert "wrote README.md" in err
    assert readme.read_bytes() == BEFORE + _generated().encode("utf-8") + AFTER
    code, _, err = run_cli("render", "--today", EXAMPLE_TODAY, "--output", "README.md")
    assert code == 0 and "README.md is up to date" in err


def test_check_compares_only_the_region(project: Path) -> None:
    readme = project / "README.md"
    readme.write_bytes(BEFORE + _generated().encode("utf-8") + AFTER)
    code, out, err = run_cli("check", "--today", EXAMPLE_TODAY, "--output", "README.md")
    assert code == 0, out + err
    # Editing outside the markers is the user's business...
    readme.write_bytes(BEFORE.replace(b"Intro", b"New intro") + _generated().encode("utf-8") + AFTER + b"\n")
    code, out, err = run_cli("check", "--today", EXAMPLE_TODAY, "--output", "README.md")
    assert code == 0, out + err
    # ...editing inside them makes the file stale.
    edited = _generated().replace("Netra Apex - System Status", "Netra Apex - All Good")
    readme.write_bytes(BEFORE + edited.encode("utf-8") + AFTER)
    code, out, err = run_cli("check", "--today", EXAMPLE_TODAY, "--output", "README.md")
    assert code == 1
    assert "-# Netra Apex - All Good" in out and "+# Netra Apex - System Status" in out
    assert "README.md is stale" in out


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        (f"a\n{BEGIN}\nb\n", "README.md:2:1", "has no matching"),
        (f"a\nb\n{END}\n", "README.md:3:1", "has no '<!-- status-gen:begin -->' before it"),
        (f"{END}\nx\n{BEGIN}\n", "README.md:1:1", "(line 1) comes before '<!-- status-gen:begin -->' (line 3)"),
        (f"{BEGIN}\n{END}\n{BEGIN}\n{END}\n", "README.md:3:1", "'begin' appears 2 times (lines 1, 3)"),
        (f"{BEGIN}\nx\n{END}\ny\n{END}\n", "README.md:5:1", "'end' appears 2 times (lines 3, 5)"),
    ],
)
def test_bad_markers_exit_2_and_write_nothing(project: Path, text: str, where: str, message: str) -> None:
    readme = project / "README.md"
    readme.write_text(text, encoding="utf-8")
    for command in ("render", "check"):
        code, _, err = run_cli(command, "--today", EXAMPLE_TODAY, "--output", "README.md")
        assert code == 2, err
        assert err.startswith(f"{where}: error: ")
        assert message in err
        assert "on lines of their own, once each, begin first" in err  # the fix
        assert readme.read_text(encoding="utf-8") == text


def test_non_utf8_file_with_markers_is_refused(project: Path) -> None:
    readme = project / "README.md"
    data = b"ok\nbad \xff byte\n" + BEGIN.encode() + b"\n" + END.encode() + b"\n"
    readme.write_bytes(data)
    code, _, err = run_cli("render", "--today", EXAMPLE_TODAY, "--output", "README.md")
    assert code == 2
    assert err.startswith("README.md:2:1: error: inject mode needs UTF-8 text, and byte 0xff is not")
    assert readme.read_bytes() == data


def test_markers_in_running_text_do_not_count() -> None:
    text = f"Put `{BEGIN}` and `{END}` in your README.\n"
    assert region(text, "README.md") is None
    assert merge(text.encode(), "generated\n", "README.md") == b"generated\n"


def test_indented_markers_and_empty_region() -> None:
    text = f"x\n  {BEGIN}\n{END}  \ny\n"
    assert merge(text.encode(), "G\n", "f.md") == f"x\n  {BEGIN}\nG\n{END}  \ny\n".encode()


def test_region_error_is_a_status_gen_error_with_position() -> None:
    with pytest.raises(StatusGenError) as caught:
        region(f"\n\n{BEGIN}\n", "doc.md")
    assert str(caught.value.where) == "doc.md:3:1"


def test_no_markers_means_whole_document_only_for_status_gens_own_file(project: Path) -> None:
    """A hand-written file without markers is never replaced (issue 15.8); a generated one is."""
    readme = project / "README.md"
    readme.write_text("plain file without markers\n", encoding="utf-8")
    code, _, err = run_cli("render", "--today", EXAMPLE_TODAY, "--output", "README.md")
    assert code == 2 and "README.md: error: this file is not a status-gen document" in err
    assert readme.read_text(encoding="utf-8") == "plain file without markers\n"
    readme.write_text(_generated().replace("Netra", "Old"), encoding="utf-8")
    code, _, _ = run_cli("render", "--today", EXAMPLE_TODAY, "--output", "README.md")
    assert code == 0
    assert readme.read_text(encoding="utf-8") == _generated()

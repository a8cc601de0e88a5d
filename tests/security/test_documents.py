"""Issue 15 items 8 and 10: inject mode never destroys a hand-written file; label icons are text."""

from __future__ import annotations

import pytest

from status_gen.inject import BANNER_START
from status_gen.render import BANNER
from tests.security.harness import EXAMPLE_TODAY, Tree

# The real CLI in a child process per case (about 35 s in all): CI's second step, pytest -m slow.
pytestmark = pytest.mark.slow

README = "# My project\n\nHand-written text that must survive.\n\n{marker}\n\nold status\n\n<!-- status-gen:end -->\n"


@pytest.mark.parametrize(
    ("marker", "column"),
    [("<!-- status-gen:begin-->", 1), ("<!-- STATUS-GEN:BEGIN -->", 1), ("  <!--status-gen: begin -->", 3)],
)
def test_a_mistyped_marker_is_reported_and_the_file_kept(tree: Tree, marker: str, column: int) -> None:
    readme = tree.write("README.md", README.format(marker=marker))
    before = readme.read_bytes()
    run = tree.run("render", "--today", EXAMPLE_TODAY, "--output", "README.md")
    tree.assert_contained(run, message=f"README.md:5:{column}: error: '{marker.strip()}' looks like an inject marker")
    assert "write it exactly as '<!-- status-gen:begin -->'" in run.err
    assert readme.read_bytes() == before


def test_a_file_without_markers_or_banner_is_not_replaced(tree: Tree) -> None:
    notes = tree.write("NOTES.md", "# Notes\n\nNothing to do with status-gen.\n")
    run = tree.run("render", "--today", EXAMPLE_TODAY, "--output", "NOTES.md")
    tree.assert_contained(run, message="NOTES.md: error: this file is not a status-gen document (no banner)")
    assert notes.read_text(encoding="utf-8") == "# Notes\n\nNothing to do with status-gen.\n"


def test_valid_markers_banner_or_an_empty_file_may_be_written(tree: Tree) -> None:
    readme = tree.write("README.md", README.format(marker="<!-- status-gen:begin -->"))
    assert tree.run("render", "--today", EXAMPLE_TODAY, "--output", "README.md").code == 0
    assert readme.read_text(encoding="utf-8").startswith("# My project\n\nHand-written text that must survive.")
    tree.write("EMPTY.md", "")
    assert tree.run("render", "--today", EXAMPLE_TODAY, "--output", "EMPTY.md").code == 0
    stale = tree.write("SYSTEM_STATUS.md", f"{BANNER_START}data/ - edited by hand -->\nold\n")
    assert tree.run("render", "--today", EXAMPLE_TODAY).code == 0
    assert b"old\n" not in stale.read_bytes()
    assert BANNER.startswith(BANNER_START)


def test_label_icons_from_the_settings_are_escaped(tree: Tree) -> None:
    settings = (tree.project / "pyproject.toml").read_text("utf-8")
    icon = "<img src=x onerror=alert(1)><!-- status-gen:end -->"
    line = f'"FIXED" = {{ level = "ok", icon = "{icon}" }}\n'
    if "[tool.status-gen.labels]\n" in settings:
        settings = settings.replace("[tool.status-gen.labels]\n", "[tool.status-gen.labels]\n" + line)
    else:
        settings += "\n[tool.status-gen.labels]\n" + line
    (tree.project / "pyproject.toml").write_text(settings, encoding="utf-8")
    run = tree.run("render", "--today", EXAMPLE_TODAY)
    assert run.code in (0, 1), run.err
    text = run.document.decode("utf-8")
    assert "\\<img src=x onerror=alert(1)\\>" in text
    assert "<img" not in text.replace("\\<img", "") and "<!-- status-gen:end -->" not in text

"""Issue 15, items 1-5: no read or write leaves the project, whatever the pull request plants."""

from __future__ import annotations

import os

import pytest

from tests.conftest import STALE_DOCUMENT
from tests.security.harness import EXAMPLE_TODAY, ROOT, SECRET, Tree

# The real CLI in a child process per case (about 35 s in all): CI's second step, pytest -m slow.
pytestmark = pytest.mark.slow

OUTSIDE = "leads outside the project through a symlink"
NO_WRITE = "status-gen never writes through a symlink"
FORMATS = [["check"], ["check", "--format", "github"], ["check", "--format", "json"], ["render"]]


def _message(command: list[str], where: str) -> str:
    """The load error as the format prints it: text lines, or a github/json field."""
    if "--format" not in command:
        return f"{where}: error: {OUTSIDE}"
    return f"file={where},title=load error::{OUTSIDE}" if "github" in command else f'"message": "{OUTSIDE}'


def _run(tree: Tree, *args: str) -> object:
    return tree.run(*args, "--today", EXAMPLE_TODAY)


def _env_template(tree: Tree, include: str) -> None:
    tree.write(
        "templates/SYSTEM_STATUS.md.j2",
        "{{ banner }}\n\n# Status\n\n{% filter reverse %}{% include '" + include + "' %}{% endfilter %}\n",
    )


@pytest.mark.parametrize("command", FORMATS)
def test_template_symlinked_to_the_environment(tree: Tree, command: list[str]) -> None:
    tree.link("templates/sections/env.j2", "/proc/self/environ")
    _env_template(tree, "sections/env.j2")
    tree.assert_contained(_run(tree, *command), message=_message(command, "templates/sections/env.j2"))


def test_template_symlinked_to_a_file_outside(tree: Tree) -> None:
    tree.link("templates/sections/env.j2", tree.secret_file)
    _env_template(tree, "sections/env.j2")
    tree.assert_contained(_run(tree, "check"), message=OUTSIDE)


def test_template_folder_linked_outside(tree: Tree) -> None:
    tree.link("templates/linkdir", tree.outside)
    _env_template(tree, "linkdir/secret.txt")
    tree.assert_contained(_run(tree, "check", "--format", "github"), message=OUTSIDE)


def test_templates_folder_itself_linked_outside(tree: Tree) -> None:
    (tree.outside / "SYSTEM_STATUS.md.j2").write_text("{% include 'secret.txt' %}\n", encoding="utf-8")
    tree.link("templates", tree.outside)
    tree.before = tree.outside_files()
    tree.assert_contained(_run(tree, "check"), message=f"templates: error: {OUTSIDE}")


def test_templates_at_the_root_cannot_reach_git_config(tree: Tree) -> None:
    tree.settings('templates = "."\n')
    tree.write("SYSTEM_STATUS.md.j2", "{{ banner }}\n{% include '.git/config' %}\n")
    tree.assert_contained(_run(tree, "check"), message="template '.git/config' is refused: '.git' is hidden")


def test_template_symlink_inside_the_project_is_read(tree: Tree) -> None:
    tree.write("templates/real.j2", "inside the project\n")
    tree.link("templates/sections/alias.j2", "../real.j2")
    tree.write("templates/SYSTEM_STATUS.md.j2", "{{ banner }}\n\n# Status\n\n{% include 'sections/alias.j2' %}\n")
    run = _run(tree, "render")
    assert run.code == 0, run.err
    assert b"inside the project" in run.document


@pytest.mark.parametrize("command", FORMATS[:3])
def test_document_symlinked_outside_is_not_printed(tree: Tree, command: list[str]) -> None:
    tree.link("SYSTEM_STATUS.md", tree.secret_file)
    tree.assert_contained(_run(tree, *command), message=_message(command, "SYSTEM_STATUS.md"))


def test_document_symlinked_to_the_environment_is_not_printed(tree: Tree) -> None:
    tree.link("SYSTEM_STATUS.md", "/proc/self/environ")
    tree.assert_contained(_run(tree, "check"), message=OUTSIDE)


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ('output = "/etc/passwd"', "setting 'output' must be a path inside the project"),
        ('output = "../outside/secret.txt"', "setting 'output' must not leave the project with '..'"),
        ('data = "../outside"', "setting 'data' must not leave the project with '..'"),
        ('data = "data/../../outside"', "setting 'data' must not leave the project with '..'"),
        ('templates = "/etc"', "setting 'templates' must be a path inside the project"),
        ('templates = "~/.ssh"', "setting 'templates' must be a path inside the project"),
    ],
)
def test_settings_name_no_absolute_or_parent_paths(tree: Tree, setting: str, message: str) -> None:
    tree.settings(f"# a comment first\n{setting}\n")
    command = "render" if "output" in setting else "check"
    tree.assert_contained(_run(tree, command), message=f".status-gen.toml:2:1: error: {message}")


def test_render_never_writes_through_a_symlinked_document(tree: Tree) -> None:
    tree.link("SYSTEM_STATUS.md", tree.outside / "bashrc")
    (tree.outside / "bashrc").write_text("alias ls='ls -F'\n", encoding="utf-8")
    tree.before = tree.outside_files()
    tree.assert_contained(_run(tree, "render"), message=OUTSIDE)
    assert (tree.outside / "bashrc").read_text(encoding="utf-8") == "alias ls='ls -F'\n"


def test_render_never_writes_through_a_symlinked_folder(tree: Tree) -> None:
    tree.link("docs", tree.outside)
    tree.assert_contained(_run(tree, "render", "--output", "docs/STATUS.md"), message=OUTSIDE)
    # Even a folder link inside the project: reading is fine, writing is not.
    tree.link("docs", "templates")
    run = _run(tree, "render", "--output", "docs/STATUS.md")
    tree.assert_contained(run, message="docs/STATUS.md: error: the folder docs/ is a symlink")
    assert not (tree.project / "templates" / "STATUS.md").exists()


def test_render_never_creates_through_a_dangling_symlink(tree: Tree) -> None:
    tree.link("SYSTEM_STATUS.md", tree.outside / "new-file")
    tree.assert_contained(_run(tree, "render"), message=OUTSIDE)
    tree.link("SYSTEM_STATUS.md", "docs/new-file")  # dangling, inside the project
    tree.assert_contained(_run(tree, "render"), message=NO_WRITE)
    assert not (tree.project / "docs").exists()


def test_data_file_symlinked_outside(tree: Tree) -> None:
    tree.link("data/components.yaml", tree.outside / "components.yaml")
    tree.assert_contained(_run(tree, "check"), message=f"data/components.yaml: error: {OUTSIDE}")


def test_data_folder_symlinked_outside(tree: Tree) -> None:
    tree.link("data", tree.outside)
    tree.assert_contained(_run(tree, "check"), message=f"data: error: {OUTSIDE}")


def test_data_symlink_inside_the_project_is_read(tree: Tree) -> None:
    (tree.project / "data").rename(tree.project / "real-data")
    tree.link("data", "real-data")
    run = _run(tree, "check")
    assert run.code == 0, run.err + run.out


def test_settings_file_symlinked_outside(tree: Tree) -> None:
    (tree.outside / "settings.toml").write_text(f'{SECRET} = "x"\n', encoding="utf-8")
    tree.link(".status-gen.toml", tree.outside / "settings.toml")
    tree.before = tree.outside_files()
    tree.assert_contained(_run(tree, "check"), message=f".status-gen.toml: error: {OUTSIDE}")


def test_schema_never_writes_through_a_symlinked_folder(tree: Tree) -> None:
    tree.link("schemas", tree.outside)
    tree.assert_contained(tree.run("schema"), message="schemas: error: this path is a symlink")


def test_init_never_writes_through_a_symlinked_folder(tree: Tree) -> None:
    target = tree.base / "project" / "fresh"
    target.mkdir()
    (target / "data").symlink_to(tree.outside)
    tree.assert_contained(tree.run("init", "fresh"), message="data/ is a symlink")
    assert sorted(p.name for p in target.iterdir()) == ["data"]


def test_init_with_a_symlink_loop_writes_nothing(tree: Tree) -> None:
    target = tree.base / "project" / "fresh"
    target.mkdir()
    (target / "data").symlink_to("data")
    tree.assert_contained(tree.run("init", "fresh"), message="the folder data/ is a symlink")
    assert sorted(p.name for p in target.iterdir()) == ["data"]


def test_running_from_a_subfolder_finds_the_project(tree: Tree) -> None:
    """The settings file is found by walking up; the document's bytes do not depend on the folder."""
    run = tree.run("check", "--today", EXAMPLE_TODAY, cwd=tree.project / "data")
    assert run.code == 0, run.err + run.out
    before = (tree.project / "SYSTEM_STATUS.md").read_bytes()
    (tree.project / "SYSTEM_STATUS.md").write_text(STALE_DOCUMENT, encoding="utf-8")
    run = tree.run("render", "--today", EXAMPLE_TODAY, cwd=tree.project / "data")
    assert run.code == 0, run.err
    assert (tree.project / "SYSTEM_STATUS.md").read_bytes() == before
    assert not (tree.project / "templates" / "sections" / "SYSTEM_STATUS.md").exists()


# Both commands that read a hand-written document; import must also write nothing.
READERS = [("lint",), ("import", "--data", "imported")]


@pytest.mark.parametrize("command", READERS, ids=[c[0] for c in READERS])
def test_no_reader_reads_a_document_symlinked_outside(tree: Tree, command: tuple[str, ...]) -> None:
    # A pull request replaces the document with a link; lint and import would quote its lines.
    (tree.outside / "claims.md").write_text(
        f"# Status\n\n**System Health: ✅ FULLY OPERATIONAL {SECRET}**\n\n"
        f"| Component | Status |\n|---|---|\n| **Auth {SECRET}** | ❌ BROKEN |\n",
        encoding="utf-8",
    )
    tree.before = tree.outside_files()
    tree.link("STATUS.md", tree.outside / "claims.md")
    tree.assert_contained(tree.run(command[0], "STATUS.md", *command[1:]), message=f"STATUS.md: error: {OUTSIDE}")
    tree.link("env.md", "/proc/self/environ")
    tree.assert_contained(tree.run(command[0], "env.md", *command[1:]), message=f"env.md: error: {OUTSIDE}")
    assert not (tree.project / "imported").exists()


@pytest.mark.parametrize("command", READERS, ids=[c[0] for c in READERS])
def test_no_reader_opens_what_is_not_a_regular_file(tree: Tree, command: tuple[str, ...]) -> None:
    # Opening a FIFO blocks until a writer comes: lint and import would hang instead of failing.
    os.mkfifo(tree.project / "pipe.md")
    run = tree.run(command[0], "pipe.md", *command[1:])
    tree.assert_contained(run, message="pipe.md: error: is not a regular file")
    assert not (tree.project / "imported").exists()


def test_import_of_forged_workflow_commands_prints_none(tree: Tree) -> None:
    # Headings, cells and list items that are CI commands: imported as data, never obeyed.
    document = (ROOT / "tests" / "hostile" / "doc.workflow-everywhere.md").read_text(encoding="utf-8")
    tree.write("STATUS.md", document)
    run = tree.run("import", "STATUS.md", "--data", "imported", "--today", EXAMPLE_TODAY)
    tree.assert_contained(run, code=0, message="SL101")
    assert "##vso[" not in (run.out + run.err).lower()
    assert (tree.project / "imported" / "outline.yaml").is_file()

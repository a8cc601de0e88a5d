"""The README opens with the two fresh-machine commands, and CI runs the test one verbatim."""

from __future__ import annotations

import re

from tests.conftest import ROOT


def _opening_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    head = readme.split("\n## ", 1)[0]  # everything before the first section
    return re.findall(r"```sh\n(.*?)\n```", head, flags=re.S)


def test_readme_opens_with_exactly_two_commands() -> None:
    commands = _opening_commands()
    assert len(commands) == 2
    install_and_render, install_and_test = commands
    assert "pip install" in install_and_render and install_and_render.endswith("status-gen render")
    assert "pip install" in install_and_test and "'.[test]'" in install_and_test
    assert "pytest" in install_and_test


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    _, install_and_test = _opening_commands()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert install_and_test in ci.splitlines()


def test_the_commands_table_lists_every_command() -> None:
    # A command missing from the table has no documented exit codes.
    from status_gen.cli import main_group

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Commands\n", 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"^\| `status-gen ([a-z]+)", section, flags=re.M))
    assert listed == set(main_group.commands)

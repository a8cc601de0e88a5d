"""Every command's --help shows an example; light commands never import pydantic or jinja2."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT, run_cli

COMMANDS = ["render", "check", "schema", "init", "rules", "explain"]


def test_group_help_lists_an_example_for_every_command() -> None:
    code, out, _ = run_cli("--help")
    assert code == 0
    examples = out.split("Examples:")[1]
    for command in COMMANDS:
        assert f"status-gen {command}" in examples, command


@pytest.mark.parametrize("command", COMMANDS)
def test_command_help_shows_an_example_invocation(command: str) -> None:
    code, out, _ = run_cli(command, "--help")
    assert code == 0
    assert "Example" in out
    example = out.split("Example", 1)[1]
    assert re.search(rf"\n +status-gen {command}\b", example), out


@pytest.mark.parametrize("argv", [["--help"], ["rules"], ["explain", "SG101"], ["init", "--help"], ["schema", "-h"]])
def test_light_commands_do_not_import_heavy_modules(argv: list[str]) -> None:
    probe = (
        "import sys\n"
        "from status_gen.cli import main\n"
        f"code = main({argv!r})\n"
        "heavy = sorted(m for m in ('pydantic', 'jinja2', 'markdown_it', 'yaml') if m in sys.modules)\n"
        "print('HEAVY', heavy, code)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "HEAVY [] 0"

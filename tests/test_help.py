"""Every command's --help shows an example; light commands never import pydantic or jinja2."""

from __future__ import annotations

import glob
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli

COMMANDS = ["render", "check", "schema", "init", "rules", "explain", "lint", "import"]


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


def _examples(command: str) -> list[list[str]]:
    """The example command lines of ``command --help``: arguments, without a '> file' redirection."""
    out = run_cli(command, "--help")[1]
    lines = out.split("Examples:", 1)[1].split("\n\n", 1)[0].splitlines()
    found = []
    for line in lines:
        words = shlex.split(re.split(r"\s{2,}", line.strip())[0])  # two spaces start a description
        if words and words[0] == "status-gen":
            found.append(words[1 : words.index(">")] if ">" in words else words[1:])
    return found


@pytest.mark.parametrize("command", ["lint", "import"])
def test_lint_and_import_examples_work(command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each example runs as printed on documents of those names and exits 0."""
    document = ROOT / "tests" / "importer" / "widget_status.md"
    for name in ("STATUS.md", "SYSTEM_STATUS.md", "docs/STATUS.md", "docs/notes.md"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        shutil.copy(document, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    examples = _examples(command)
    assert len(examples) >= 2
    for argv in examples:
        expanded = [match for word in argv for match in (sorted(glob.glob(word)) if "*" in word else [word])]
        code, out, err = run_cli(*expanded)
        assert code == 0, (argv, out, err)

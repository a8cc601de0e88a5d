"""Which lines of a step's output GitHub's Actions runner would obey as workflow commands.

Modelled on actions/runner (``ActionCommandManager``), erring on the side of finding more:

- output is read line by line; a line ends at LF, CR or CRLF;
- a line that, after leading whitespace, starts with ``::`` and has a second ``::`` is a command
  (``::name props::message``);
- otherwise ``##[`` anywhere in the line starts a legacy command (``##[name props]message``);
- ``::stop-commands::TOKEN`` makes the runner ignore every command until one named TOKEN
  (``::TOKEN::``).

Commands count whatever their name (the runner ignores names it does not know, so this can only
make a test stricter). Use it on stdout and stderr together: the runner reads both.
"""

from __future__ import annotations

import re
from typing import NamedTuple


class Command(NamedTuple):
    name: str
    props: str
    message: str


def parse(line: str) -> Command | None:
    text = line.lstrip()
    if text.startswith("::"):
        end = text.find("::", 2)
        if end >= 0:
            name, _, props = text[2:end].partition(" ")
            return Command(name, props, text[end + 2 :])
    start = line.find("##[")
    if start >= 0:
        end = line.find("]", start)
        if end >= 0:
            name, _, props = line[start + 3 : end].partition(" ")
            return Command(name, props, line[end + 1 :])
    return None


def obeyed(output: str) -> list[Command]:
    """The commands the runner would carry out, in order (stop-commands included, resumes not)."""
    commands: list[Command] = []
    stopped_until: str | None = None
    for line in re.split(r"\r\n|\r|\n", output):
        command = parse(line)
        if command is None:
            continue
        if stopped_until is not None:
            if command.name.lower() == stopped_until.lower():
                stopped_until = None
            continue
        if command.name == "stop-commands" and command.message:
            stopped_until = command.message
        commands.append(command)
    return commands


def annotation_title(command: Command) -> str:
    """The ``title`` property of an annotation (``%3A``/``%2C`` escapes left as they are)."""
    props = dict(part.partition("=")[::2] for part in command.props.split(",") if part)
    return props.get("title", "")

"""Which lines of a step's output the Azure Pipelines agent would obey as logging commands.

Modelled on microsoft/azure-pipelines-agent (``CommandStringConvertor`` and the logging-command
parser), erring on the side of finding more:

- output is read line by line; a line ends at LF, CR or CRLF;
- ``##vso[`` anywhere in a line, in any case, starts a logging command ``##vso[area.action
  props]message`` (``task.setvariable`` sets a pipeline variable, ``task.prependpath`` changes
  PATH for later steps);
- a line that starts with ``##[`` is a formatting command (``##[error]``, ``##[group]``); they
  only change how the log shows, and a diff's context line (`` ##[error]``) does not start so.

Azure has no ``::stop-commands::``, and it reads the output whatever ``GITHUB_ACTIONS`` says,
so text meant for GitHub is no shield there: only escaping is.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_VSO = re.compile(r"##vso\[([^\]\s]*)([^\]]*)\](.*)", re.IGNORECASE)
_FORMAT = re.compile(r"##\[([a-z]+)\](.*)", re.IGNORECASE)


class Command(NamedTuple):
    name: str
    props: str
    message: str


def parse(line: str) -> Command | None:
    found = _VSO.search(line)
    if found:
        return Command(found[1].lower(), found[2].strip(), found[3])
    formatting = _FORMAT.match(line)
    if formatting:
        return Command(f"##[{formatting[1].lower()}]", "", formatting[2])
    return None


def obeyed(output: str) -> list[Command]:
    """The commands the agent would carry out, in order."""
    return [c for c in (parse(line) for line in re.split(r"\r\n|\r|\n", output)) if c is not None]

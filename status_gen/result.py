"""What ``check`` found (``api.check`` builds it, the reporters in ``report`` print it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from .errors import Location, StatusGenError
from .rules.base import Problem

# A load error shown as a problem (JSON, SARIF, GitHub annotations) carries this code and slug:
# it is not a rule, so 'explain' does not know it, but it sorts and prints like one.
LOAD_ERROR = "load-error"
# The stale or missing document, for formats that list it among the problems (SARIF).
STALE_DOCUMENT = "stale-document"


class StaleFile(NamedTuple):
    """A derived file other than the document (the badge) that does not match the data."""

    path: str  # as shown to the user
    missing: bool
    fix: str  # the command that regenerates it

    def message(self) -> str:
        return f"{self.path} is {'missing' if self.missing else 'stale'}: run '{self.fix}' to regenerate it"


@dataclass(frozen=True)
class CheckResult:
    """Everything ``check`` found, nothing printed: the reporters turn it into text.

    ``loaded`` is False when the input could not be loaded (YAML, data, config, templates, the
    document itself); then ``load_errors`` says why and nothing was compared.
    """

    document: str  # the document's path as shown to the user
    fix: str  # the command that regenerates it
    loaded: bool = True
    load_errors: tuple[StatusGenError, ...] = ()
    problems: tuple[Problem, ...] = ()  # the rules' problems, sorted
    stale: bool = False  # missing or different from what the data renders
    missing: bool = False
    diff: str = ""
    rules_run: int = 0
    rules_off: int = 0
    # Other derived files (the badge) that are missing or differ from the data.
    stale_files: tuple[StaleFile, ...] = ()

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level != "error"]

    @property
    def findings(self) -> list[Problem]:
        """The load errors as problems (code ``load-error``), then the rules' problems."""
        loads = [Problem(LOAD_ERROR, LOAD_ERROR, "error", e.where or Location(""), e.message) for e in self.load_errors]
        return [*loads, *self.problems]

    def failed(self, strict: bool = False) -> bool:
        """Not loaded, stale, an error-level problem, or (strict) any problem at all."""
        stale = self.stale or bool(self.stale_files)
        return not self.loaded or stale or bool(self.errors) or (strict and bool(self.problems))

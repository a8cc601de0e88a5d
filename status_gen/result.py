"""What ``check`` found (``api.check`` builds it, the reporters in ``report`` print it)."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import Location, StatusGenError
from .rules.base import Problem

# A load error shown as a problem (JSON, SARIF, GitHub annotations) carries this code and slug:
# it is not a rule, so 'explain' does not know it, but it sorts and prints like one.
LOAD_ERROR = "load-error"
# The stale or missing document, for formats that list it among the problems (SARIF).
STALE_DOCUMENT = "stale-document"


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
        return not self.loaded or self.stale or bool(self.errors) or (strict and bool(self.problems))

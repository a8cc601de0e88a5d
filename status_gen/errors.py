"""One error type for everything the user can fix; the CLI maps it to exit 2."""

from __future__ import annotations

from typing import NamedTuple


class Location(NamedTuple):
    """A place in a source file; line and column are 1-based, 0 meaning unknown.

    Value types on the start-up path are NamedTuples: a frozen dataclass costs ~0.3 ms to define,
    paid by every run of every command.
    """

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.path
        return f"{self.path}:{self.line}:{self.column}"


class StatusGenError(Exception):
    """Input the user must fix: bad YAML, bad data, bad config, bad template, bad flag."""

    def __init__(self, message: str, where: Location | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.where = where

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class ErrorGroup(StatusGenError):
    """Several input errors found in one pass, reported together (sorted)."""

    def __init__(self, errors: list[StatusGenError]) -> None:
        self.errors = sorted(errors, key=_sort_key)
        super().__init__("\n".join(str(e) for e in self.errors))

    def __str__(self) -> str:
        return self.message


def _sort_key(error: StatusGenError) -> tuple[str, int, int, str]:
    w = error.where or Location("")
    return (w.path, w.line, w.column, error.message)


def raise_all(errors: list[StatusGenError]) -> None:
    """Raise nothing, the one error, or all of them as a group."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise ErrorGroup(errors)


def flatten(error: StatusGenError) -> list[StatusGenError]:
    """The single errors inside ``error`` (itself, or a group's members)."""
    return list(error.errors) if isinstance(error, ErrorGroup) else [error]

"""What a rule is, what it sees and what it yields. Imports nothing heavy (no pydantic)."""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable, Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from ..errors import Location
from ..options import Option

if TYPE_CHECKING:
    from ..dataset import Dataset
    from ..vocabulary import Label


class Finding(NamedTuple):
    """What a rule reports: where, and what to change."""

    where: Location
    message: str


class Problem(NamedTuple):
    """A finding stamped by the runner with its rule's code, slug and effective level."""

    code: str
    slug: str
    level: str  # "error" | "warning"
    where: Location
    message: str

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.where.path, self.where.line, self.where.column, self.code, self.message)


class Context(NamedTuple):
    """Everything a rule may look at: the data, the label vocabulary, today, and its own options.

    Rules never see the whole settings object: an option a rule needs is declared on the rule
    (``options=``), and the runner hands each rule its values, defaults filled in.
    """

    data: Dataset
    labels: dict[str, Label]
    today: dt.date
    options: Mapping[str, Any] = MappingProxyType({})


Check = Callable[[Context], Iterator[Finding]]
# What a Rule holds: a data rule's Check, or a lint rule's check over one Markdown document's
# claims (rules/markdown.py); the registry keeps the two families apart.
AnyCheck = Callable[[Any], Iterator[Finding]]


def item_where(record: Any, key: str, index: int) -> Location:
    """Position of one item of a record's list field (the field itself when unknown)."""
    source = record._src.get(key) if record._src is not None else None
    if source is not None and hasattr(source, "item_at"):
        location: Location = source.where(index)
        return location
    where: Location = record.where(key)
    return where


class Rule(NamedTuple):
    code: str
    slug: str
    level: str
    check: AnyCheck
    options: tuple[Option, ...] = ()

    def option(self, name: str) -> Option | None:
        return next((o for o in self.options if o.name == name), None)

    def settings(self, given: Mapping[str, Any]) -> Mapping[str, Any]:
        """This rule's option values: the defaults, overridden by the (already checked) ``given``."""
        return MappingProxyType({o.name: given.get(o.name, o.default) for o in self.options})

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.check.__doc__ or "")

    @property
    def summary(self) -> str:
        return self.doc.split("\n", 1)[0]

    def example(self, kind: str) -> str:
        """The YAML example under the 'Passing:' or 'Failing:' heading of the docstring."""
        heading = f"{kind.capitalize()}:"
        lines = self.doc.split("\n")
        if heading not in lines:
            return ""
        block: list[str] = []
        for line in lines[lines.index(heading) + 1 :]:
            if line and not line.startswith(" "):
                break
            block.append(line[4:])
        return "\n".join(block).strip("\n") + "\n"


def rule(code: str, slug: str, level: str = "error", options: tuple[Option, ...] = ()) -> Callable[[AnyCheck], Rule]:
    """Declare a rule and its options; the family module lists it in its RULES tuple.

    Each option is set by users as ``[tool.status-gen.rules.CODE] NAME = value`` and read by the
    rule as ``ctx.options["NAME"]``; the settings loader checks values against the declaration.
    """

    def wrap(check: AnyCheck) -> Rule:
        return Rule(code, slug, level, check, options)

    return wrap

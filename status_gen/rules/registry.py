"""The explicit list of every rule, in code order, by family.

A family is a module of this package: its docstring opens with ``SG3xx: name. What belongs
here.`` (the README's families table is generated from that first paragraph) and it lists its rules in a
``RULES`` tuple. A new rule joins its family's tuple; a new family joins ``FAMILIES``.
"""

from __future__ import annotations

from types import ModuleType

from . import age, dates, evidence, integrity, markdown, progress, statuses
from .base import Rule

FAMILIES: tuple[ModuleType, ...] = (integrity, dates, statuses, age, evidence, progress)
RULES: tuple[Rule, ...] = tuple(rule for family in FAMILIES for rule in family.RULES)
# Rules over a hand-written Markdown document (status-gen lint), not over the data.
LINT_RULES: tuple[Rule, ...] = markdown.RULES


def find_rule(name: str) -> Rule | None:
    """A rule by code (case-insensitive) or slug."""
    wanted = name.strip()
    for rule in (*RULES, *LINT_RULES):
        if rule.code == wanted.upper() or rule.slug == wanted.lower():
            return rule
    return None

"""The explicit list of every rule, in code order."""

from __future__ import annotations

from . import age, dates, evidence, integrity, markdown, statuses
from .base import Rule

RULES: tuple[Rule, ...] = (*integrity.RULES, *dates.RULES, *statuses.RULES, *age.RULES, *evidence.RULES)
# Rules over a hand-written Markdown document (status-gen lint), not over the data.
LINT_RULES: tuple[Rule, ...] = markdown.RULES


def find_rule(name: str) -> Rule | None:
    """A rule by code (case-insensitive) or slug."""
    wanted = name.strip()
    for rule in (*RULES, *LINT_RULES):
        if rule.code == wanted.upper() or rule.slug == wanted.lower():
            return rule
    return None

"""Run the rules: hand each its options, stamp codes and levels, honour config and ignore comments, sort."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from .base import Context, Problem, Rule

if TYPE_CHECKING:
    from ..dataset import Dataset
    from ..errors import Location
    from ..settings import Config


def run_rules(data: Dataset, config: Config, today: dt.date) -> list[Problem]:
    from .registry import RULES  # here: lint runs its own rules and needs none of the data's families

    def silenced(where: Location) -> frozenset[str]:
        document = data.documents.get(where.path)
        return document.ignores.get(where.line, frozenset()) if document else frozenset()

    return run(RULES, config, lambda options: Context(data, config.labels, today, options), silenced)


def run(
    rules: Iterable[Rule],
    config: Config,
    context: Callable[[Mapping[str, Any]], object],
    silenced: Callable[[Location], frozenset[str]],
) -> list[Problem]:
    """Run some rules: configured levels and "off", each rule's options, ignore comments, sorted.

    Shared by the data rules and the Markdown lint rules: ``context`` builds what a rule sees
    from its option values; ``silenced`` gives the codes or (upper-cased) slugs an ignore comment
    silences at a location.
    """
    problems: set[Problem] = set()
    for rule in rules:
        level = config.rules.get(rule.code, rule.level)
        if level == "off":
            continue
        for finding in rule.check(context(rule.settings(config.rule_options.get(rule.code, {})))):
            codes = silenced(finding.where)
            if rule.code in codes or rule.slug.upper() in codes:
                continue
            problems.add(Problem(rule.code, rule.slug, level, finding.where, finding.message))
    return sorted(problems, key=Problem.sort_key)

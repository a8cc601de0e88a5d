"""Run the rules: hand each its options, stamp codes and levels, honour config and ignore comments, sort."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from .base import Context, Problem
from .registry import RULES

if TYPE_CHECKING:
    from ..dataset import Dataset
    from ..settings import Config


def run_rules(data: Dataset, config: Config, today: dt.date) -> list[Problem]:
    problems: set[Problem] = set()
    for rule in RULES:
        level = config.rules.get(rule.code, rule.level)
        if level == "off":
            continue
        context = Context(data, config.labels, today, rule.settings(config.rule_options.get(rule.code, {})))
        for finding in rule.check(context):
            document = data.documents.get(finding.where.path)
            silenced = document.ignores.get(finding.where.line, frozenset()) if document else frozenset()
            if rule.code in silenced or rule.slug.upper() in silenced:
                continue
            problems.add(Problem(rule.code, rule.slug, level, finding.where, finding.message))
    return sorted(problems, key=Problem.sort_key)

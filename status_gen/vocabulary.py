"""Status labels and the three levels rules reason about.

A label is what people write (FIXED, NOT RUNNING, ...); its level (ok, warn, fail) is what the
rollup and the rules compare, its icon what the document shows. Projects add labels in config.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

Level = Literal["ok", "warn", "fail"]
LEVELS: tuple[Level, ...] = ("ok", "warn", "fail")
RANK: dict[str, int] = {"ok": 0, "warn": 1, "fail": 2}
ICONS: dict[str, str] = {"ok": "✅", "warn": "⚠️", "fail": "❌"}


class Label(NamedTuple):
    name: str
    level: Level
    icon: str


class Use(str):
    """A label as one record uses it, optionally at another level than the vocabulary's.

    Written ``status: {label: IMPROVED, level: warn}`` in the data. It is still the label's text
    (equal to it, shown as it), so only level lookups (``level_of``) need to know about it.
    """

    level: Level | None
    text: str | None  # how this use shows the label ("Healthy"); None: the label itself
    icon: str | None  # the marker it shows (🟢); None: the level's

    def __new__(
        cls, label: str, level: Level | None = None, *, text: str | None = None, icon: str | None = None
    ) -> Use:
        use = super().__new__(cls, label)
        use.level = level
        use.text = text
        use.icon = icon
        return use


def level_of(label: str, labels: dict[str, Label]) -> Level:
    """The level a label has where it is used: its own override, else the vocabulary's (unknown: fail)."""
    override = getattr(label, "level", None)
    if override is not None:
        return override  # type: ignore[no-any-return]
    found = labels.get(label)
    return found.level if found else "fail"


def _labels(level: Level, *names: str) -> dict[str, Label]:
    return {name: Label(name, level, ICONS[level]) for name in names}


DEFAULT_LABELS: dict[str, Label] = {
    **_labels(
        "ok",
        "OK",
        "FIXED",
        "VALIDATED",
        "PASSING",
        "HEALTHY",
        "READY",
        "OPERATIONAL",
        "COMPLETE",
        "DONE",
        "RESOLVED",
        "CLOSED",
        "LOW",
    ),
    **_labels(
        "warn",
        "PARTIAL",
        "DEGRADED",
        "IN PROGRESS",
        "AT RISK",
        "FLAKY",
        "MEDIUM",
        "READY WITH RISKS",
        # Words of progress: something changed, which says nothing yet about whether it works, so
        # they never count a component as ready. A project that means "works" by them says so in
        # its config ([tool.status-gen.labels] ADDED = { level = "ok" }).
        "IMPROVED",
        "ADDED",
    ),
    **_labels(
        "fail",
        "UNTESTED",
        "BLOCKED",
        "BROKEN",
        "NOT RUNNING",
        "INCOMPLETE",
        "UNVERIFIED",
        "FAILING",
        "DOWN",
        "CRITICAL",
        "NOT READY",
        "HIGH",
    ),
}

# Status words people write that are not built-in labels, by the level they mean. A suggestion
# for an unknown label must mean the same: spelling alone offered FIXED for FAILED and BROKEN for
# OPEN, the opposite of what was written.
MEANINGS: dict[str, Level] = {
    **dict.fromkeys(("OKAY", "PASS", "PASSED", "SUCCESS", "GREEN", "WORKING", "UP", "ONLINE", "FINISHED"), "ok"),
    **dict.fromkeys(("SHIPPED", "MERGED", "LIVE", "STABLE", "DEPLOYED", "COMPLETED", "GOOD"), "ok"),
    **dict.fromkeys(("OPEN", "WIP", "PENDING", "ONGOING", "STARTED", "YELLOW", "WARNING", "WARN", "TODO"), "warn"),
    **dict.fromkeys(("PLANNED", "NOT STARTED", "NOT DONE", "SLOW", "UNSTABLE", "REVIEW", "IN REVIEW"), "warn"),
    **dict.fromkeys(("FAIL", "FAILED", "FAILURE", "ERROR", "ERRORS", "RED", "OUTAGE", "DEAD", "OFFLINE"), "fail"),
    **dict.fromkeys(("CRASHING", "CRASHED", "MISSING", "NOT WORKING", "BROKE", "STUCK", "BAD"), "fail"),
}


def meaning(word: str, labels: dict[str, Label]) -> Level | None:
    """The level an unknown status word most likely means, or None when nothing says.

    A known status word says it (FAILED: fail); otherwise the labels sharing the longest stem of
    at least four letters (FAILS and FAILING), when they all have one level.
    """
    if word in MEANINGS:
        return MEANINGS[word]
    best, levels = 3, set()
    for label in labels.values():
        stem = len(_common_prefix(word, label.name))
        if stem > best:
            best, levels = stem, {label.level}
        elif stem == best and stem > 3:
            levels.add(label.level)
    return levels.pop() if len(levels) == 1 else None


def _common_prefix(a: str, b: str) -> str:
    for index, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return a[:index]
    return a[: min(len(a), len(b))]


def label_hint(word: str, labels: dict[str, Label]) -> str:
    """ "; did you mean 'X'?" for an unknown label, only ever offering a label of the level it means.

    A word whose meaning is known gets the closest label of that level, or the list of that
    level's labels; an unknown word only a near-certain typo (FIXD: FIXED), at any level.
    """
    from .hints import closest

    level = meaning(word, labels)
    if level is None:
        close = closest(word, labels, cutoff=0.8)
        return f"; did you mean '{close}'?" if close else ""
    same = [name for name, label in labels.items() if label.level == level]
    close = closest(word, same)
    if close:
        return f"; did you mean '{close}'?"
    if not same:
        return ""
    return f"; labels that mean {level}: {', '.join(same[:4])}{', ...' if len(same) > 4 else ''}"


# LOW, MEDIUM and HIGH are risk words (a validation run's business impact): low risk is ok.

# How the computed rollup of a level is named in the document.
ROLLUP_NAMES: dict[str, str] = {"ok": "HEALTHY", "warn": "DEGRADED", "fail": "CRITICAL"}


def worst(levels: list[str]) -> Level:
    """The worst of some levels; ok when there are none."""
    result: Level = "ok"
    for level in levels:
        if RANK[level] > RANK[result]:
            result = level  # type: ignore[assignment]
    return result


def label_table(labels: dict[str, Label]) -> list[tuple[str, str, str, str]]:
    """(label, icon, level, origin) for every label, ok first, each level in vocabulary order.

    The origin is "built-in", "config", or "config (built-in: LEVEL)" when the config changes a
    built-in label.
    """
    rows = []
    for label in labels.values():
        builtin = DEFAULT_LABELS.get(label.name)
        if builtin == label:
            origin = "built-in"
        elif builtin is None:
            origin = "config"
        else:
            origin = f"config (built-in: {builtin.level}, {builtin.icon})"
        rows.append((label.name, label.icon, label.level, origin))
    return sorted(rows, key=lambda row: RANK[row[2]])

"""The pipeline as plain functions: settings in, document text and problems out. No printing.

``build`` renders and runs the rules; ``check`` also compares with the document on disk and
returns a ``CheckResult`` that the reporters (``report.REPORTERS``) turn into text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .collector import paused
from .errors import StatusGenError, flatten
from .paths import shown
from .report import visible
from .result import LOAD_ERROR, STALE_DOCUMENT, CheckResult, StaleFile
from .settings import Config

if TYPE_CHECKING:
    from .dataset import Dataset
    from .rules.base import Problem

__all__ = ["LOAD_ERROR", "STALE_DOCUMENT", "CheckResult", "Result", "build", "check", "not_loaded"]


@dataclass(frozen=True)
class Result:
    text: str
    problems: list[Problem]
    data: Dataset

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]


def build(config: Config, today: dt.date, output_name: str = "SYSTEM_STATUS.md") -> Result:
    """Load, validate, check and render; raises StatusGenError for input that cannot be loaded.

    ``config.render_timeout`` is a signal timer, so it bounds the render only when this runs in
    the main thread (as every command does); from another thread, bound the call yourself.
    """
    data_display = shown(config.data, config.root)
    with paused():
        # Imported here, with the collector paused: defining the pydantic models and compiling
        # templates create tens of thousands of long-lived objects, like loading the data does.
        from .dataset import load_dataset
        from .render import BANNER, render_text
        from .rules.engine import run_rules
        from .view import View

        data = load_dataset(config.data, config.labels, data_display, config.root, config.max_errors_per_file)
        attach_evidence(data, config)
        attach_history(data, config)
        problems = run_rules(data, config, today)
        _refuse_integrity_errors(problems)
        # A name with a line break must not break the banner comment open (or start a line).
        data_name, command = visible(data_display.rstrip("/")), visible(config.render_command)
        banner = BANNER.format(data=data_name, command=command)
        text = render_text(
            View(data, config.labels, recent_days=config.recent_days, provenance=config.provenance),
            templates=config.templates,
            banner=banner,
            display=output_name,
            root=config.root,
            max_output_bytes=config.max_output_bytes,
            timeout=config.render_timeout,
        )
    return Result(text, problems, data)


def _refuse_integrity_errors(problems: list[Problem]) -> None:
    """Duplicate ids and unknown references block the write, as input that cannot be loaded does."""
    from .errors import StatusGenError, raise_all
    from .rules.integrity import BLOCKS_WRITE

    blocking = [p for p in problems if p.code in BLOCKS_WRITE and p.level == "error"]
    raise_all([StatusGenError(f"{p.message} [{p.code} {p.slug}]", p.where) for p in blocking])


def attach_evidence(data: Dataset, config: Config) -> None:
    """Read the reports and the tracker export the data and settings name (only when they name any)."""
    named = any(c.junit or c.coverage for c in data.components) or any(c.junit or c.coverage for c in data.categories)
    if named or config.tracker:
        from .evidence.collect import collect

        data.evidence = collect(data.components, data.categories, config.root, config.tracker)


@dataclass(frozen=True)
class Synced:
    """What ``sync`` would change in issues.yaml; ``new`` is None when nothing differs."""

    path: Path
    display: str
    tracker: str
    new: bytes | None
    notes: list[str]
    manual: list[str]


def sync_issues(config: Config) -> Synced:
    """Plan the edits that make issues.yaml agree with the tracker export named in the settings."""
    from .dataset import load_dataset
    from .errors import Location, StatusGenError
    from .evidence.collect import collect
    from .sync import apply, plan

    if not config.tracker:
        raise StatusGenError(
            "sync needs the 'tracker' setting: the file your tracker's export was saved to",
            Location(config.source or ""),
        )
    data_display = shown(config.data, config.root)
    data = load_dataset(config.data, config.labels, data_display, config.root)
    document = next((d for d in data.documents.values() if d.path.rsplit("/", 1)[-1].startswith("issues.")), None)
    if document is None:
        raise StatusGenError("there is no issues.yaml to sync", Location(data_display))
    tracker = collect([], [], config.root, config.tracker).tracker or {}
    edits, manual = plan(document.text, data.issues, tracker)
    path = config.data / document.path.rsplit("/", 1)[-1]
    new = None
    if edits:
        raw = path.read_bytes()
        bom = b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b""
        new = bom + apply(document.text, edits).encode("utf-8")
    return Synced(path, document.path, config.tracker, new, [e.note for e in edits], manual)


# How many statuses the health chart shows (the current one and the earlier ones before it).
HEALTH_STATUSES = 8


def attach_history(data: Dataset, config: Config) -> None:
    """Read git history, only when the outline shows the changes section or the health chart."""
    from .outline import resolve

    kinds = {spec.kind for spec in resolve(data).specs}
    changes, statuses = "changes" in kinds, HEALTH_STATUSES if "health_history" in kinds else 0
    if changes or statuses:
        from .history import derive

        data.history = derive(config.root, config.data, config.labels, data, changes=changes, statuses=statuses)


def check(config: Config, today: dt.date) -> CheckResult:
    """Run the rules and compare the document on disk with the data. Never writes, never raises
    for input the user must fix: such errors come back in a result with ``loaded=False``."""
    from .inject import merge
    from .output import read_bytes, unified_diff
    from .rules.registry import RULES

    name = "-" if config.output == "-" else shown(Path(config.output), config.root)
    try:
        if config.output == "-":
            raise StatusGenError("check compares with a file; --output - is only for render")
        built = build(config, today, name)
        on_disk = read_bytes(Path(config.output), config.root)
        # In inject mode only the marked region can differ: everything else is copied from the file.
        expected = merge(on_disk, built.text, name)
        stale_files = _stale_badge(config, built.data)
    except StatusGenError as error:
        return not_loaded(error, name, config.render_command)
    stale = on_disk != expected
    off = sum(config.rules.get(rule.code, rule.level) == "off" for rule in RULES)
    return CheckResult(
        document=name,
        fix=config.render_command,
        problems=tuple(built.problems),
        stale=stale,
        missing=on_disk is None,
        diff=unified_diff(on_disk, expected, visible(name)) if stale else "",
        rules_run=len(RULES) - off,
        rules_off=off,
        stale_files=stale_files,
    )


def _stale_badge(config: Config, data: Dataset) -> tuple[StaleFile, ...]:
    """The badge is derived like the document: a missing or different one fails the check."""
    if not config.badge:
        return ()
    from .badge import badge_svg
    from .output import read_bytes

    path = config.root / config.badge
    on_disk = read_bytes(path, config.root)
    if on_disk == badge_svg(data, config.labels).encode():
        return ()
    return (StaleFile(shown(path, config.root), on_disk is None, "status-gen badge"),)


def not_loaded(
    error: StatusGenError, document: str = "SYSTEM_STATUS.md", fix: str = "status-gen render"
) -> CheckResult:
    """The result of a check that stopped at input it could not load."""
    return CheckResult(document=document, fix=fix, loaded=False, load_errors=tuple(flatten(error)))

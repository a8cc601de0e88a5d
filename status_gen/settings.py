"""The settings value every stage reads. Reading it from files is ``config.py``'s job."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .vocabulary import DEFAULT_LABELS, Label

RULE_LEVELS = ("error", "warning", "off")


@dataclass(frozen=True)
class Config:
    root: Path = Path(".")
    data: Path = Path("data")
    templates: Path | None = None
    output: str = "SYSTEM_STATUS.md"
    labels: dict[str, Label] = field(default_factory=lambda: dict(DEFAULT_LABELS))
    rules: dict[str, str] = field(default_factory=dict)  # rule code -> level chosen by the user
    # rule code -> option -> value: only what the user set, checked against the rule's declaration
    # (thresholds belong to the rules that use them, not to this class)
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Resource limits (settings.py's SETTINGS give each a ceiling that a pull request's settings
    # cannot lift): errors reported per data file, the size of the document and of every value a
    # template builds, and the time a render may take.
    max_errors_per_file: int = 100
    max_output_bytes: int = 32 * 1024 * 1024
    render_timeout: float = 60.0
    as_of: dt.date | None = None  # the date age rules measure against instead of the system date
    recent_days: int = 30  # issues closed this many days before last_updated are "recently completed"
    source: str | None = None  # the file these settings came from, for messages
    # What regenerates the document (banner, stale hints): 'status-gen render' plus the location
    # flags the user passed, as typed, so the hint reproduces the same document.
    render_command: str = "status-gen render"
    warnings: tuple[str, ...] = ()  # 'file:line:col: warning: ...' lines about deprecated settings
    tracker: str | None = None  # the issue tracker's export (JSON), relative to the project root
    provenance: bool = True  # numbers read from reports name their file and date in the document
    badge: str | None = None  # the status badge SVG, relative to the project root (derived: check compares it)

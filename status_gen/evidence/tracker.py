"""Issue tracker exports: ``gh issue list --json ...`` (GitHub) and the GitLab issues API JSON.

Both are a JSON list of issues. GitHub: ``number``, ``title``, ``state`` (OPEN/CLOSED),
``createdAt``, ``closedAt``, ``labels`` (objects with a ``name``). GitLab: ``iid`` (the number
shown in the project), ``title``, ``state`` (opened/closed), ``created_at``, ``closed_at``,
``labels`` (strings). Timestamps become UTC dates. No network is used: the user exports.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import Location, StatusGenError
from .files import Refused, parse_timestamp, read_bytes
from .jsonsafe import load_json

MAX_TRACKER_BYTES = 64 * 1024 * 1024
_GITHUB = ("number", "state", "createdAt", "closedAt")
_GITLAB = ("iid", "state", "created_at", "closed_at")
_STATES = {"open": "open", "opened": "open", "closed": "closed"}
GH_COMMAND = "gh issue list --state all --limit 1000 --json number,title,state,createdAt,closedAt,labels"


class TrackerIssue(NamedTuple):
    number: int
    title: str
    state: str  # "open" | "closed"
    opened: dt.date | None
    closed: dt.date | None
    labels: tuple[str, ...]


def read_tracker(path: Path, display: str, max_bytes: int = MAX_TRACKER_BYTES) -> dict[int, TrackerIssue]:
    """The export's issues by number."""
    document = load_json(read_bytes(path, display, max_bytes), display)
    if not isinstance(document, list):
        raise StatusGenError(f"expected a JSON list of issues, as written by '{GH_COMMAND}'", Location(display))
    found: dict[int, TrackerIssue] = {}
    for index, item in enumerate(document):
        try:
            issue = _issue(item)
        except Refused as exc:
            raise StatusGenError(f"issue [{index}]: {exc}", Location(display)) from None
        if issue.number in found:
            raise StatusGenError(f"issue [{index}]: number {issue.number} appears twice", Location(display))
        found[issue.number] = issue
    return found


def _issue(item: Any) -> TrackerIssue:
    if not isinstance(item, dict):
        raise Refused("expected an object")
    keys = _GITHUB if "number" in item else _GITLAB if "iid" in item else None
    if keys is None:
        raise Refused("has neither 'number' (GitHub) nor 'iid' (GitLab)")
    number_key, state_key, opened_key, closed_key = keys
    number = item[number_key]
    if type(number) is not int or not 1 <= number <= 10**12:
        raise Refused(f"'{number_key}' must be a whole number from 1 to 10**12")
    state = item.get(state_key)
    if not isinstance(state, str) or state.lower() not in _STATES:
        raise Refused(f"#{number}: '{state_key}' must be open or closed (GitLab: opened), not {str(state)[:20]!r}")
    title = item.get("title", "")
    if not isinstance(title, str):
        raise Refused(f"#{number}: 'title' must be text")
    return TrackerIssue(
        number,
        title[:2000],
        _STATES[state.lower()],
        _date(item.get(opened_key), opened_key, number),
        _date(item.get(closed_key), closed_key, number),
        _labels(item.get("labels"), number),
    )


def _date(value: Any, key: str, number: int) -> dt.date | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise Refused(f"#{number}: '{key}' must be a timestamp or null")
    try:
        return parse_timestamp(value).date()
    except Refused as exc:
        raise Refused(f"#{number}: '{key}': {exc}") from None


def _labels(value: Any, number: int) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise Refused(f"#{number}: 'labels' must be a list")
    names = []
    for label in value:
        name = label.get("name") if isinstance(label, dict) else label
        if not isinstance(name, str):
            raise Refused(f"#{number}: a label must be text or an object with a 'name'")
        names.append(name[:200])
    return tuple(names)

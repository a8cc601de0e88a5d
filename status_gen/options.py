"""Declared settings: a name, a type, a default and one line of doc, checked generically.

Rules declare their options beside themselves (``@rule(..., options=(Option(...),))``, as
yamllint's rules declare ``CONF`` and ``DEFAULT``); the settings loader checks every option table
from these declarations, and the README's settings tables are generated from them. Imports
nothing heavy: rule modules and ``--help`` load it.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any, NamedTuple

_KIND_NAMES = {
    int: "a whole number",
    float: "a number",
    str: "text",
    bool: "true or false",
    dict: "a table",
    dt.date: "a date (YYYY-MM-DD)",
}


class Option(NamedTuple):
    name: str
    kind: type  # int, float, str, bool, or dict for a table checked by its own code
    default: Any
    doc: str  # one line, shown in the README and in error messages' context
    minimum: float | None = None
    maximum: float | None = None
    legacy: str | None = None  # the old top-level key that still sets it (deprecated)

    @property
    def kind_name(self) -> str:
        return _KIND_NAMES[self.kind]

    def problem(self, value: Any) -> str | None:
        """What is wrong with ``value`` for this option ("must be ..."), or None when it is fine."""
        if isinstance(value, bool) != (self.kind is bool):
            return f"must be {self.kind_name}, not {value!r}"
        if not isinstance(value, self.kind) and not (self.kind is float and isinstance(value, int)):
            return f"must be {self.kind_name}, not {value!r}"
        if self.kind is dt.date and isinstance(value, dt.datetime):  # TOML's 2025-09-17T10:00
            return f"must be {self.kind_name} without a time, not {value.isoformat()}"
        if not isinstance(value, int | float) or isinstance(value, bool):
            return None
        if not math.isfinite(value):
            return f"must be a finite number, not {value!r}"
        if self.minimum is not None and value < self.minimum:
            return f"must be at least {plain_number(self.minimum)}, not {value!r}"
        if self.maximum is not None and value > self.maximum:
            return f"must be at most {plain_number(self.maximum)}, not {value!r}"
        return None

    def value(self, given: Any) -> Any:
        """The checked value as the declared type (an int given for a float option becomes a float)."""
        return float(given) if self.kind is float else given


def plain_number(value: float) -> str:
    """30.0 as 30, 0.5 as 0.5, 268435456 in full."""
    return str(int(value)) if float(value).is_integer() else str(value)

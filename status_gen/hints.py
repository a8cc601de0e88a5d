"""'Did you mean ...?' for every misspelt name: keys, labels, ids, files, settings."""

from __future__ import annotations

from collections.abc import Iterable


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate most like ``word``, if any is close enough to be a likely typo."""
    from difflib import get_close_matches  # only error paths pay for difflib's import

    found = get_close_matches(word, list(candidates), n=1)
    return found[0] if found else None

"""'Did you mean ...?' for every misspelt name: keys, labels, ids, files, settings."""

from __future__ import annotations

from collections.abc import Iterable


def closest(word: str, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The candidate most like ``word``, if any is close enough (``cutoff``) to be a likely typo."""
    from difflib import get_close_matches  # only error paths pay for difflib's import

    found = get_close_matches(word, list(candidates), n=1, cutoff=cutoff)
    return found[0] if found else None


def closest_number(number: int, candidates: Iterable[int]) -> int | None:
    """The candidate that differs from ``number`` in the fewest digits, if any is a likely typo.

    Numbers are typed digit by digit, so 1249 for 1294 is one slip (two digits swapped), while as
    free text 1296 looks just as close. A changed, swapped, missing or extra digit counts as one
    slip; among equally close candidates the nearest in value wins, then the smaller.
    """
    text = str(number)
    best: tuple[int, int, int] | None = None
    for candidate in candidates:
        slips = _digit_slips(text, str(candidate))
        key = (slips, abs(candidate - number), candidate)
        if slips <= max(1, len(text) // 3) and (best is None or key < best):
            best = key
    return best[2] if best else None


def _digit_slips(a: str, b: str) -> int:
    """Edits between two digit strings, an adjacent swap counting as one (optimal string alignment)."""
    rows = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        rows[i][0] = i
    for j in range(len(b) + 1):
        rows[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            rows[i][j] = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                rows[i][j] = min(rows[i][j], rows[i - 2][j - 2] + 1)
    return rows[len(a)][len(b)]

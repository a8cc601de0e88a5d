"""The document as import reads it before recognising records: the edits it makes on purpose.

Tests compare the rendered document with this text, not the original: import drops its own
banner, settles contradictions (resolve.py) and evens ragged table rows (rows.py), each noted.
"""

from __future__ import annotations

import datetime as dt


def settled(text: str, name: str, today: dt.date) -> str:
    from status_gen.claims import vocabulary
    from status_gen.importer.plan import without_banner
    from status_gen.importer.resolve import resolve
    from status_gen.importer.rows import even_rows
    from status_gen.lint import lint_text
    from status_gen.settings import Config

    config = Config()
    words = vocabulary({label: value.level for label, value in config.labels.items()})
    lint = lambda edited: lint_text(edited, name, config)  # noqa: E731 - one line, named for the call
    return even_rows(resolve(without_banner(text), name, today, lint, words).text)[0]

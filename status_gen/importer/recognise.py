"""Recognisers: each looks at the document from one block on and may claim it as records.

A recogniser is a function ``(context, index) -> Found | None``. Offered block ``index``, it either
declines (``None``) or takes that block and possibly the next few, returning the records they
hold and the outline entry that renders them back. Whatever no recogniser takes stays verbatim in a
free section, so a recogniser only claims what the section's template prints back line for line:
declining is always safe, a wrong claim loses the user's text.

``RECOGNISERS`` is tried in order at every block; the first that claims wins.
"""

from __future__ import annotations

import re

from .blocks import plain_heading
from .context import Context, Found, Recogniser, heading_entry, slug
from .lists import bare_list, heading_list
from .tables import table

__all__ = ["RECOGNISERS", "Context", "Found", "Recogniser", "checklist", "heading_entry", "slug"]

# A checklist item whose text the template prints unchanged (its text is escaped as Markdown).
_PLAIN_TASK = re.compile(r"^[-*+] \[([ xX])\] ([A-Za-z0-9][A-Za-z0-9 .,:;()'/+#%=-]*)$")


def checklist(context: Context, index: int) -> Found | None:
    """A plain heading directly over a list of nothing but plain ``[x]`` / ``[ ]`` items."""
    blocks = context.blocks
    if index + 1 >= len(blocks) or blocks[index + 1].type != "bullet_list":
        return None
    heading = plain_heading(blocks[index], context.lines)
    if heading is None:
        return None
    content = [line.rstrip() for line in context.block_lines(blocks[index + 1]) if line.strip()]
    matches = [_PLAIN_TASK.match(line) for line in content]
    if not content or not all(matches):
        return None
    title, level = heading
    ident = context.unique("checklists", title, "checklist")
    items: list[dict[str, object]] = [
        {"text": m.group(2).strip(), "done": m.group(1) != " "} for m in matches if m is not None
    ]
    record: dict[str, object] = {"id": ident, "title": title, "items": items}
    return Found(2, "checklists.yaml", "checklists", [record], heading_entry("checklists", title, level, id=ident))


RECOGNISERS: list[Recogniser] = [checklist, heading_list, bare_list, table]

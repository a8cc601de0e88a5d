"""Lists become records rendered back through an ``item`` layout, line for line; anything else stays text."""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path

import pytest
import yaml

from status_gen.api import build
from status_gen.config import load_config
from status_gen.errors import StatusGenError
from status_gen.importer import plan_import, write_import
from status_gen.lint import lint_text

FIXTURE = Path(__file__).parent / "lists_status.md"
TODAY = dt.date(2025, 10, 2)


def imported(text: str) -> tuple[dict[str, object], str]:
    """(the parsed data files, the document rendered from them)."""
    planned = plan_import(text, "STATUS.md", TODAY)
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        write_import(root / "data", planned.files, root)
        rendered = build(load_config(None, root), TODAY, "SYSTEM_STATUS.md").text
    return {name: yaml.safe_load(text) for name, text in planned.files.items()}, rendered


def content(text: str) -> list[str]:
    """The non-blank lines (the generated-file banner left out)."""
    return [line for line in text.split("\n") if line.strip() and not line.startswith("<!-- Generated")]


def round_trip(body: str) -> dict[str, object]:
    """The data files of a document with ``body`` under its title and date; it must render back."""
    text = f"# T\n\n**Last Updated:** 2025-10-01\n\n{body}"
    files, rendered = imported(text)
    assert content(rendered) == content(text)
    return files


def test_lists_become_records_and_render_back_line_for_line() -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    files, rendered = imported(text)
    assert content(rendered) == content(text)
    assert lint_text(rendered, "OUT.md", load_config(None, FIXTURE.parent)) == []
    components = files["components.yaml"]["components"]  # type: ignore[index]
    assert [(c["name"], c["status"]) for c in components] == [
        ("Queue Broker", "OK"),
        ("Quota Service", "PARTIAL"),
        ("Billing Hook", "BROKEN"),
    ]
    risks = files["risks.yaml"]["risks"]  # type: ignore[index]
    assert risks[0] == {
        "id": "retry-storms",
        "title": "Retry Storms",
        "status": "PARTIAL",
        "note": "backoff is linear, not exponential",
    }
    issues = files["issues.yaml"]["issues"]  # type: ignore[index]
    assert issues[0] == {
        "number": 412,
        "title": "Duplicate job ids",
        "status": "resolved",
        "outcome": "ids now come from the database",
    }
    assert issues[1]["status"] == "closed"
    blocker = files["blockers.yaml"]["blockers"][0]  # type: ignore[index]
    assert (blocker["title"], blocker["severity"]) == ("Quota rewrite unfinished", "P0")
    steps = files["priorities.yaml"]["items"]  # type: ignore[index]
    assert [s["title"] for s in steps] == [
        "Finish the quota rewrite",
        "Make retry backoff exponential",
        "Load-test the billing hook",
    ]
    achievements = files["project.yaml"]["project"]["achievements"]  # type: ignore[index]
    assert achievements[1] == {
        "id": "simpler-deploys",
        "title": "Simpler deploys",
        "text": "one image for every region",
    }
    outline = files["outline.yaml"]["sections"]  # type: ignore[index]
    by_kind = {s["kind"]: s for s in outline}
    assert by_kind["risks"]["item"] == "- {icon} **{title}**: {note}"
    assert by_kind["priorities"]["item"] == "{n}. {title}"
    assert by_kind["issues"]["item"] == "- **Issue #{number}**: {title} - **{status}** ({outcome})"
    assert by_kind["issues"]["ids"] == ["412", "398"]
    assert by_kind["blockers"]["heading"] == ""  # the bold label above it stays text
    # The plain list under "Notes" names no kind and has no markers: it stays as written.
    bodies = [s["body"] for s in files["sections.yaml"]["sections"]]  # type: ignore[index]
    assert "- Owners rotate weekly\n- The runbook lives in the wiki" in bodies[-1]


def test_each_list_shows_only_its_own_records() -> None:
    files = round_trip(
        "## Web\n\n- ✅ **Router**: fine\n- ✅ **Cache**: warm\n\n"
        "## Workers\n\n- ⚠️ **Cron**: late\n\n## Known Issues\n\n- **Leak**: slow growth\n\n"
        "## Risks\n\n- ❌ **Disk**: nearly full\n"
    )
    outline = files["outline.yaml"]["sections"]  # type: ignore[index]
    assert [s.get("ids") for s in outline if s["kind"] == "components"] == [["router", "cache"], ["cron"]]
    assert [s.get("ids") for s in outline if s["kind"] == "risks"] == [["leak"], ["disk"]]


@pytest.mark.parametrize(
    "items",
    [
        # One shape per list: an item without the note, or with another separator, declines the list.
        "- ✅ **Router**: fine\n- ✅ **Cache**\n",
        "- ✅ **Router**: fine\n- ✅ **Cache** - warm\n",
        # Markup inside a value would come back escaped.
        "- ✅ **Router**: uses `fast_path`\n",
        "- ✅ **Router**: see [docs](https://example.org)\n",
        # Nested items, wrapped lines, loose lists.
        "- ✅ **Router**: fine\n  - detail\n",
        "- ✅ **Router**: fine\n  and more\n",
        "- ✅ **Router**: fine\n\n- ✅ **Cache**: warm\n",
        # A word no vocabulary knows where the status goes, a marker that is no status.
        "- ✅ **Router**: fine **SHINY**\n",
        "- 🚀 **Router**: fine\n",
        # An icon that contradicts the written label.
        "- ❌ **Router**: fine **FIXED**\n",
        # The same issue in a second list.
        "- **Issue #7**: x - **OPEN**\n\n## More\n\n- **Issue #7**: y - **OPEN**\n",
        # A milestone done below 100% (rule SG602 would refuse the data).
        "## Roadmap\n\n- ✅ **Beta** (80%)\n",
        # Numbered lists that do not count from 1.
        "3. first\n4. second\n",
        # Hostile text: a CI command, an HTML comment, status-gen's own marker.
        "- ❌ **<!-- x -->**: hidden\n",
    ],
)
def test_lists_that_would_not_come_back_exactly_stay_text(items: str) -> None:
    text = f"# T\n\n**Last Updated:** 2025-10-01\n\n## Known Issues\n\n{items}"
    files, rendered = imported(text)
    assert content(rendered) == content(text)
    bodies = "\n".join(s["body"] for s in files["sections.yaml"]["sections"])  # type: ignore[index]
    assert items.split("## More")[-1].strip() in bodies
    assert "risks.yaml" not in files


def test_statuses_come_back_as_written_over_a_label_of_their_level() -> None:
    files = round_trip(
        "## Services\n\n- 🟢 **Router**: fine\n- 🔴 **Cache**: cold\n\n"
        "## Jobs\n\n- ✅ **Queue**: drained **Completed**\n- ⚠️ **DNS**: slow **NEEDS AUDIT**\n"
        "- ⚠️ **Mail**: slow **PARTIAL**\n"
    )
    statuses = [c["status"] for c in files["components.yaml"]["components"]]  # type: ignore[index]
    assert statuses == [
        {"label": "OK", "icon": "🟢"},
        {"label": "BROKEN", "icon": "🔴"},
        {"label": "OK", "text": "Completed"},
        {"label": "PARTIAL", "text": "NEEDS AUDIT"},
        "PARTIAL",
    ]


def test_a_ci_command_in_an_item_is_text_of_a_record() -> None:
    files = round_trip("## Known Issues\n\n- ⚠️ **::error::x**: ::warning file=a::y\n")
    assert files["risks.yaml"]["risks"][0]["title"] == "::error::x"  # type: ignore[index]


def test_status_gen_marker_in_an_item_is_refused_with_a_message() -> None:
    text = "# T\n\n**Last Updated:** 2025-10-01\n\n## Known Issues\n\n- ❌ **Marker**: <!-- status-gen:begin -->\n"
    with pytest.raises(StatusGenError, match="status-gen marker"):
        plan_import(text, "STATUS.md", TODAY)


def test_a_list_over_2000_items_is_not_claimed() -> None:
    from status_gen.importer.lists import MAX_ITEMS

    items = "".join(f"- ✅ **P{n}**: x\n" for n in range(MAX_ITEMS + 1))
    # Kept as text, it is too long for one free section: refused with its line, as a long table is.
    with pytest.raises(StatusGenError, match=r"longer than a free section"):
        plan_import(f"# T\n\n**Last Updated:** 2025-10-01\n\n## Parts\n\n{items}", "S.md", TODAY)
    planned = plan_import(
        f"# T\n\n**Last Updated:** 2025-10-01\n\n## Parts\n\n{items[:300].rsplit(chr(10), 1)[0]}", "S.md", TODAY
    )
    assert "components.yaml" in planned.files


def test_a_list_nested_1000_deep_is_kept_as_text() -> None:
    nested = "".join("  " * depth + "- level\n" for depth in range(1000))
    text = f"# T\n\n**Last Updated:** 2025-10-01\n\n## Known Issues\n\n{nested}"
    try:
        files, _ = imported(text)
    except StatusGenError as error:  # too long for one free section: a clean message, never a traceback
        assert "longer than a free section" in error.message
        return
    assert "risks.yaml" not in files


# --- the outline's 'item' and 'ids' ---------------------------------------------------------------


def render_outline(tmp_path: Path, outline: str) -> str:
    data = tmp_path / "data"
    data.mkdir()
    (data / "project.yaml").write_text("project:\n  name: P\n  last_updated: '2025-10-01'\n", encoding="utf-8")
    (data / "risks.yaml").write_text(
        "risks:\n"
        "  - {id: leak, title: Memory leak, status: PARTIAL, note: 'grows <1%'}\n"
        "  - {id: disk, title: Disk, status: BROKEN}\n"
        "  - {id: dns, title: DNS, status: OK}\n",
        encoding="utf-8",
    )
    (data / "outline.yaml").write_text(outline, encoding="utf-8")
    return build(load_config(None, tmp_path), TODAY, "SYSTEM_STATUS.md").text


def test_item_layout_escapes_values_and_ids_pick_records_in_order(tmp_path: Path) -> None:
    text = render_outline(
        tmp_path,
        "sections:\n"
        "  - kind: risks\n    heading: First\n    item: '- {icon} **{title}**: {note}'\n    ids: [disk, leak]\n"
        "  - kind: risks\n    heading: Rest\n    item: '{n}. {title} ({status})'\n",
    )
    assert "## First\n\n- ❌ **Disk**:\n- ⚠️ **Memory leak**: grows \\<1%\n\n## Rest\n\n1. DNS (OK)\n" in text


@pytest.mark.parametrize(
    ("entry", "where", "message"),
    [
        ("item: '- {titel}'", "3:11", "unknown placeholder {titel}; did you mean {title}?"),
        ("item: '{title}'", "3:11", "starts with a list marker"),
        ('item: "- {title}\\nmore"', "3:11", "one line"),
        ("item: '- ✅ {title}'", "3:11", "write {icon}"),
        ("item: '- <b>{title}</b>'", "3:11", "HTML"),
        ("item: '- <!-- status-gen:begin --> {title}'", "3:11", "marker"),
        ("item: '- {note}'", "3:11", "or its line could be empty"),
        ("item: '- {title'", "3:11", "a lone '{'"),
        ("ids: [disk, lek]", "3:17", "no risks record has the id 'lek'; did you mean 'leak'?"),
        ("ids: [disk, disk]", "3:17", "'disk' is placed twice"),
    ],
)
def test_bad_item_and_ids_name_their_place_and_fix(tmp_path: Path, entry: str, where: str, message: str) -> None:
    with pytest.raises(StatusGenError) as caught:
        render_outline(tmp_path, f"sections:\n  - kind: risks\n    {entry}\n")
    errors = [caught.value, *getattr(caught.value, "errors", [])]
    shown = "\n".join(f"{e.where.line}:{e.where.column} {e.message}" for e in errors if e.where)
    assert any(f"{where} " in line and message in line for line in shown.split("\n")), shown


def test_item_on_a_kind_without_records_fields_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StatusGenError) as caught:
        render_outline(tmp_path, "sections:\n  - kind: header\n    item: '- {name}'\n")
    assert "kind 'header' has no item layout" in str(caught.value)


def test_the_outline_spec_lists_every_placeholder_of_every_kind() -> None:
    from status_gen.listitems import FIELDS, LEVELLED
    from tests.conftest import ROOT

    spec = (ROOT / "docs" / "outline.md").read_text(encoding="utf-8")
    for kind, fields in FIELDS.items():
        row = next(line for line in spec.split("\n") if line.startswith(f"| `{kind}` | `{{"))
        expected = [*fields, "icon"] if kind in LEVELLED else list(fields)
        assert row.split(" | ")[1].rstrip(" |").split() == [f"`{{{name}}}`" for name in expected], kind


def test_milestones_with_their_percent() -> None:
    files = round_trip("## Roadmap\n\n- ✅ **Beta** (100%)\n- ⚠️ **GA** (40%)\n")
    milestones = files["milestones.yaml"]["milestones"]  # type: ignore[index]
    assert [(m["name"], m["status"], m["percent"]) for m in milestones] == [("Beta", "OK", 100), ("GA", "PARTIAL", 40)]


def test_a_marker_after_the_name_is_a_shape_too() -> None:
    files = round_trip("## Stack\n\n- **Auth:** ✅ JWT tokens\n- **Queue:** ⚠️ slow drain\n")
    components = files["components.yaml"]["components"]  # type: ignore[index]
    assert [(c["name"], c["status"], c["note"]) for c in components] == [
        ("Auth", "OK", "JWT tokens"),
        ("Queue", "PARTIAL", "slow drain"),
    ]
    outline = files["outline.yaml"]["sections"]  # type: ignore[index]
    assert next(s for s in outline if s["kind"] == "components")["item"] == "- **{name}:** {icon} {note}"


@pytest.mark.parametrize("items", ["- ✅ Memory leak\n- ❌ Crash on save\n", "- Memory leak ✅\n- Crash on save ❌\n"])
def test_an_items_icon_is_its_status_not_part_of_its_title(items: str) -> None:
    files = round_trip(f"## Known Issues\n\n{items}")
    risks = files["risks.yaml"]["risks"]  # type: ignore[index]
    assert [(r["title"], r["status"]) for r in risks] == [("Memory leak", "OK"), ("Crash on save", "BROKEN")]


def test_a_name_that_would_swallow_a_detail_keeps_the_list_as_written() -> None:
    items = "- ✅ Login – works on all browsers\n- ❌ Import: broken since v2\n- ✅ Search - BROKEN\n"
    files = round_trip(f"## Features\n\n{items}")
    assert "components.yaml" not in files


def test_a_percent_after_the_name_is_read_as_the_percent() -> None:
    files = round_trip("## Roadmap\n\n- ✅ v1.0 (100%)\n- 🔄 v1.1 (45%)\n")
    milestones = files["milestones.yaml"]["milestones"]  # type: ignore[index]
    assert [(m["name"], m["percent"]) for m in milestones] == [("v1.0", 100), ("v1.1", 45)]


@pytest.mark.parametrize("marker", ["-", "*", "+", "{n}.", "{n})"])
def test_every_candidate_layout_is_a_valid_item_layout(marker: str) -> None:
    # The recogniser tries these without checking them (a markdown-it parse each, every import):
    # each must pass the check an 'item' option in outline.yaml passes, or an import could write one
    # that render refuses.
    from status_gen.importer.lists import KINDS, _layouts
    from status_gen.listitems import check

    for kind in KINDS:
        layouts = _layouts(kind, marker)
        assert layouts, kind
        assert {layout: check(layout, kind) for layout in layouts} == dict.fromkeys(layouts)


def test_the_literal_test_never_refuses_an_item_a_layout_matches() -> None:
    # _may_match skips compiling a layout's pattern: it must hold for every item the pattern takes.
    from status_gen.importer.lists import KINDS, _layouts, _may_match, _pattern

    values = ["Auth", "Auth: API - v2 (beta)", "✅", "🔴", "OK", "BROKEN", "7", "45", "x: y", " - ", "**b**"]
    checked = 0
    for kind in KINDS:
        for marker in ["-", "*", "{n}."]:
            for layout in _layouts(kind, marker):
                for value in values:
                    item = re.sub(r"\{[a-z_]+\}", value, layout)
                    if _pattern(layout).match(item):
                        checked += 1
                        assert _may_match(layout, item), (layout, item)
    assert checked > 1000

"""The outline is data: presets, outline.yaml, section kinds, free sections, words, new records."""

from __future__ import annotations

from pathlib import Path

import pytest

from status_gen.kinds import KINDS
from status_gen.outline import load_preset, preset_names
from status_gen.words import ENGLISH, LANGUAGES
from tests.conftest import run_cli

DAY = "2025-09-17"
PROJECT = 'project: {name: Demo, last_updated: "2025-09-17"}\n'
COMPONENTS = """components:
  - {id: api, name: API, status: OK}
  - {id: db, name: Database, status: PARTIAL, note: slow queries}
"""


def _project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **files: str) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    for name, text in {"project": PROJECT, **files}.items():
        (data / f"{name}.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _render(*extra: str) -> tuple[int, str, str]:
    return run_cli("render", "--today", DAY, "--output", "-", *extra)


def _headings(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.startswith("#")]


def test_every_preset_is_valid_and_uses_only_known_kinds() -> None:
    assert {"default", "reference", "it"} <= set(preset_names())
    for name in preset_names():
        outline = load_preset(name)
        sections = outline.sections or load_preset(outline.preset or "default").sections or []
        assert sections, name
        assert {s.kind for s in sections} <= set(KINDS)


def test_every_language_translates_every_word_and_nothing_else() -> None:
    for language, table in LANGUAGES.items():
        if language != "en":
            assert set(table) == set(ENGLISH), language


def test_default_preset_without_outline_file_shows_only_what_the_data_has(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _project(tmp_path, monkeypatch, components=COMPONENTS)
    code, out, err = _render()
    assert code == 0, err
    assert _headings(out) == ["# Demo Status", "## Summary", "## Components", "## Components at a Glance"]
    assert "**Overall Health: ⚠️ DEGRADED**" in out
    assert "| **API** | ✅ OK |  |" in out  # no note: an empty cell, no placeholder text


def test_outline_orders_sections_and_sets_headings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outline = """title: "{name}: where we are"
sections:
  - kind: components
    heading: Packages
    style: list
  - kind: header
  - kind: milestones
    heading: Nothing here yet
"""
    _project(tmp_path, monkeypatch, components=COMPONENTS, outline=outline)
    code, out, err = _render()
    assert code == 0, err
    assert _headings(out) == ["## Packages", "# Demo: where we are"]  # no milestones: no heading
    assert "- ⚠️ **Database** (PARTIAL): slow queries" in out


@pytest.mark.parametrize(
    ("outline", "where", "message"),
    [
        ("sections:\n  - kind: component\n", "2:11", "unknown section kind 'component'; did you mean 'components'?"),
        (
            "sections:\n  - kind: executive_summary\n",
            "2:11",
            "unknown section kind 'executive_summary'; did you mean 'summary'?",
        ),
        ("sections:\n  - kind: zzz\n", "2:11", "unknown section kind 'zzz'; the kinds are header, "),
        ("sections: []\n", "1:11", "at least 1 item after validation, not 0; add an entry, or remove the key"),
        ("preset: refrence\n", "1:9", "unknown preset 'refrence'; did you mean 'reference'?"),
        ("words:\n  Phaze: Fase\n", "2:3", "unknown word 'Phaze'; did you mean 'Phase'?"),
        ("language: xx\n", "1:11", "unknown language 'xx'"),
        ("sections:\n  - kind: summary\n    titles: {helth: H}\n", "3:14", "unknown title 'helth'; did you mean"),
        ("sections:\n  - kind: summary\n    heading: '{nam}'\n", "3:14", "unknown placeholder {nam}"),
        ("sections:\n  - kind: components\n    style: cards\n", "3:12", "style"),
        ("sections:\n  - kind: components\n    id: api\n", "3:9", "'id' is for"),
        ("sections:\n  - kind: free\n    id: note\n", "3:9", "no free record has the id 'note'"),
    ],
)
def test_outline_mistakes_exit_2_with_position(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, outline: str, where: str, message: str
) -> None:
    root = _project(tmp_path, monkeypatch, components=COMPONENTS, outline=outline)
    code, out, err = run_cli("render", "--today", DAY)
    assert code == 2 and out == ""
    assert f"data/outline.yaml:{where}: error: " in err and message in err, err
    assert not (root / "SYSTEM_STATUS.md").exists()


FREE = """sections:
  - id: how-to
    heading: How to run it
    body: |
      Run `make up`, then open the dashboard.

      | Port | Service |
      |---|---|
      | 8000 | API |
  - id: lessons
    body: We learned to pin every version.
"""


def test_free_sections_render_as_written_where_placed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outline = "sections:\n  - kind: free\n    id: lessons\n  - kind: header\n  - kind: free\n"
    _project(tmp_path, monkeypatch, sections=FREE, outline=outline)
    code, out, err = _render()
    assert code == 0, err
    body = out.split("-->\n\n", 1)[1]
    assert body.startswith("We learned to pin every version.\n\n# Demo Status\n")
    assert "## How to run it\n\nRun `make up`, then open the dashboard.\n\n| Port | Service |\n" in out
    assert out.count("We learned") == 1  # placed by id, so not again with the rest


@pytest.mark.parametrize(
    ("body", "line", "problem"),
    [
        ("Intro\n\n```sh\nmake up\n", 7, "a code fence opened here is not closed"),
        ("Intro\n\n<!-- a note\nstill a note\n", 7, "an HTML block or comment opened here is not closed"),
        ("| a | b |\n|---|---|\n| 1 | 2 | 3 |\n", 7, "a table row has a different number of cells"),
        ("text\n<!-- status-gen:end -->\n", 6, "a status-gen marker comment stands here"),
        # HTML ends its Markdown block at a blank line, but a browser keeps the element open.
        ("Intro\n\n<details>\n<summary>More</summary>\n", 7, "<details> is opened here and never closed"),
        ("text\n</div>\n", 6, "</div> closes an element that is not open here"),
    ],
)
def test_free_section_that_would_break_the_rest_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str, line: int, problem: str
) -> None:
    indented = "".join(f"      {text}\n" if text else "\n" for text in body.split("\n")[:-1])
    sections = f"sections:\n  - id: notes\n    heading: Notes\n    body: |\n{indented}"
    root = _project(tmp_path, monkeypatch, sections=sections)
    code, _, err = run_cli("render", "--today", DAY)
    assert code == 2, err
    assert f"data/sections.yaml:{line}:" in err and problem in err, err
    assert not (root / "SYSTEM_STATUS.md").exists()


def test_closed_html_code_spans_and_fences_in_a_free_section_render(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = (
        "<details><summary>More</summary>\n\nHidden text.<br>\n\n</details>\n\n"
        "Write `<div>` in code.\n\n```html\n<div>\n```\n"
    )
    indented = "".join(f"      {text}\n" if text else "\n" for text in body.split("\n")[:-1])
    _project(tmp_path, monkeypatch, sections=f"sections:\n  - id: notes\n    heading: Notes\n    body: |\n{indented}")
    code, out, err = _render()
    assert code == 0, err
    assert "</details>\n\nWrite `<div>` in code." in out


def test_a_checklist_without_items_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _project(tmp_path, monkeypatch, checklists="checklists:\n  - {id: release, title: Release, items: []}\n")
    code, _, err = run_cli("render", "--today", DAY)
    assert code == 2, err
    assert "data/checklists.yaml:2:" in err, err
    assert not (root / "SYSTEM_STATUS.md").exists()


def test_level_given_where_a_label_is_used_drives_the_rollup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    components = "components:\n  - {id: api, name: API, status: {label: IMPROVED, level: warn}}\n"
    _project(tmp_path, monkeypatch, components=components)
    code, out, err = _render()
    assert code == 0, err
    assert "| **API** | ⚠️ IMPROVED |" in out and "DEGRADED" in out
    bad = "components:\n  - {id: api, name: API, status: {label: IMPROVED, level: meh}}\n"
    (tmp_path / "data" / "components.yaml").write_text(bad, encoding="utf-8")
    code, _, err = _render()
    assert code == 2 and "data/components.yaml:2:" in err and "level must be one of ok, warn, fail" in err


@pytest.mark.parametrize(
    ("use", "level_named", "suggested"),
    [("{label: CRITICAL, level: ok}", "fail-level", "OK"), ("{label: FIXED, level: fail}", "ok-level", "UNTESTED")],
)
def test_a_level_across_the_scale_from_the_labels_meaning_is_refused_with_its_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, use: str, level_named: str, suggested: str
) -> None:
    # ✅ beside CRITICAL (or ❌ beside FIXED) would contradict the word the reader sees.
    components = f"components:\n  - {{id: api, name: API, status: {use}}}\n"
    root = _project(tmp_path, monkeypatch, components=components)
    code, _, err = run_cli("render", "--today", DAY)
    assert code == 2, err
    assert "data/components.yaml:2:" in err and level_named in err and "contradicts" in err, err
    assert suggested in err and "level warn" in err and "[labels]" in err, err
    assert not (root / "SYSTEM_STATUS.md").exists()


def test_a_level_one_step_from_the_labels_meaning_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    components = "components:\n  - {id: api, name: API, status: {label: CRITICAL, level: warn}}\n"
    _project(tmp_path, monkeypatch, components=components)
    code, out, err = _render()
    assert code == 0, err
    assert "| **API** | ⚠️ CRITICAL |" in out


def test_periods_and_due_dates_take_free_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    priorities = "period: Q3 2025\nitems:\n  - title: Ship the beta\n"
    milestones = "milestones:\n  - {id: beta, name: Beta, status: IN PROGRESS, due: September 2025, percent: 40}\n"
    outline = "sections:\n  - kind: priorities\n    heading: 'Plan ({period})'\n  - kind: milestones\n"
    _project(tmp_path, monkeypatch, priorities=priorities, milestones=milestones, outline=outline)
    code, out, err = run_cli("check", "--today", DAY, "--output", "-")
    assert code == 2 and "only for render" in err  # (check needs a file; render shows the text)
    code, out, err = _render()
    assert code == 0, err
    assert "## Plan (Q3 2025)\n\n### 1. Ship the beta\n\n## Roadmap" in out  # no Goal/Status lines
    assert "- ⚠️ **Beta** (IN PROGRESS) - 40% complete - Due: September 2025" in out


def test_italian_preset_translates_headings_verdicts_and_months(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    priorities = 'period: "2025-09-01"\nitems:\n  - {title: Rilascio, goal: Pubblicare la 1.0}\n'
    issues = "issues:\n  - number: 3\n    title: Esportazione\n    status: in_progress\n    phases:\n"
    issues += "      - {name: Modello, status: done}\n      - {name: PDF, status: todo}\n"
    outline = "preset: it\nsections:\n  - kind: header\n  - kind: summary\n  - kind: issues\n"
    outline += "  - kind: priorities\n    heading: 'Priorità ({period})'\n  - kind: components\n"
    _project(tmp_path, monkeypatch, components=COMPONENTS, priorities=priorities, issues=issues, outline=outline)
    code, out, err = _render()
    assert code == 0, err
    assert _headings(out) == [
        "# Stato di Demo",
        "## Sintesi",
        "## Segnalazioni",
        "## Priorità (settembre 2025)",
        "### 1. Rilascio",
        "## Componenti",
    ]
    assert "> **Ultimo aggiornamento:** 2025-09-17" in out
    assert "**Salute complessiva: ⚠️ DEGRADATO**" in out
    assert "- **Segnalazione #3 Stato: ⚠️ IN CORSO** - Esportazione - fasi completate: 1 su 2" in out
    assert "- **Obiettivo:** Pubblicare la 1.0" in out
    assert "| Componente | Stato | Note |" in out


def test_words_replace_single_entries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outline = "words:\n  Issue: Ticket\n  '{name} Status': '{name} weekly'\n"
    issues = "issues:\n  - {number: 1, title: T, status: open, phases: [{name: Build, status: todo}]}\n"
    _project(tmp_path, monkeypatch, issues=issues, outline=outline)
    code, out, err = _render()
    assert code == 0, err
    assert "# Demo weekly" in out and "- **Ticket #1 Status: ⚠️ OPEN** - T" in out and "Issue #" not in out


@pytest.mark.parametrize("preset", ["default", "reference", "it"])
def test_init_preset_renders_a_clean_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, preset: str) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli("init", "--today", DAY, "--preset", preset)
    assert code == 0, err
    assert (tmp_path / "data" / "outline.yaml").read_text(encoding="utf-8").endswith(f"preset: {preset}\n")
    code, out, err = run_cli("check", "--today", DAY, "--strict")
    assert (code, err) == (0, "") and out.endswith("no problems\n"), out
    text = (tmp_path / "SYSTEM_STATUS.md").read_text(encoding="utf-8")
    expected = {"default": "# Example Service Status", "reference": "# Example Service - System Status"}
    assert expected.get(preset, "# Stato di Example Service") in text


def test_init_unknown_preset_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli("init", "--preset", "fancy")
    assert code == 2 and "unknown preset 'fancy'" in err
    assert list(tmp_path.iterdir()) == []

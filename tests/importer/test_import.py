"""``status-gen import``: the document comes back from its data, nothing is overwritten, bad input writes nothing."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
import yaml

from status_gen.config import load_config
from status_gen.importer import lines_kept, plan_import
from status_gen.lint import lint_text
from tests.conftest import run_cli

FIXTURE = Path(__file__).parent / "widget_status.md"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(FIXTURE, tmp_path / "STATUS.md")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_import_then_render_gives_the_document_back_and_lint_finds_nothing(project: Path) -> None:
    code, _, err = run_cli("import", "STATUS.md", "--data", "data")
    assert code == 0, err
    assert "1 checklists" in err
    code, _, err = run_cli("render", "--output", "OUT.md", "--today", "2025-09-10")
    assert code == 0, err
    rendered = (project / "OUT.md").read_text(encoding="utf-8")
    assert lines_kept(FIXTURE.read_text(encoding="utf-8"), rendered) >= 0.9
    assert lint_text(rendered, "OUT.md", load_config(None, project)) == []
    assert run_cli("lint", "OUT.md")[0] == 0


def test_records_recognised_and_order_kept() -> None:
    planned = plan_import(FIXTURE.read_text(encoding="utf-8"), "STATUS.md", dt.date(2026, 1, 1))
    project = yaml.safe_load(planned.files["project.yaml"])["project"]
    assert project == {"name": "Widget Platform Status", "last_updated": "2025-09-10"}
    checklist = yaml.safe_load(planned.files["checklists.yaml"])["checklists"][0]
    assert checklist["items"] == [{"text": "Changelog written", "done": True}, {"text": "Tag pushed", "done": False}]
    outline = yaml.safe_load(planned.files["outline.yaml"])["sections"]
    assert [s["kind"] for s in outline] == ["free", "components", "checklists", "free"]
    assert outline[1]["columns"][1] == {"header": "Status", "cell": "{icon} {status}"}
    components = yaml.safe_load(planned.files["components.yaml"])["components"]
    assert [(c["name"], c["status"], c["note"]) for c in components] == [
        ("Gateway", {"label": "OK", "text": "Working"}, "handles 2k rps"),
        ("Billing export", {"label": "PARTIAL", "text": "Partial"}, "CSV only"),
    ]


def test_two_dates_keep_the_latest_and_name_the_other_in_a_comment() -> None:
    text = "# T\n\n**Last Updated:** 2025-08-01\n\nBody.\n\n---\n\n**Last Updated:** 2025-09-10\n"
    planned = plan_import(text, "S.md", dt.date(2026, 1, 1))
    assert (
        "# Kept 2025-09-10 as the document's date, from its own date at S.md:9 (the latest of its dates was "
        "written by the latest update); S.md:3 said 'Last Updated: 2025-08-01', changed to match [SL402]."
    ) in planned.files["project.yaml"]
    assert "2025-08-01" not in yaml.safe_load(planned.files["sections.yaml"])["sections"][0]["body"]


def test_never_overwrites(project: Path) -> None:
    (project / "data").mkdir()
    (project / "data" / "sections.yaml").write_text("mine\n", encoding="utf-8")
    code, _, err = run_cli("import", "STATUS.md")
    assert code == 2
    assert "would overwrite sections.yaml" in err
    assert sorted(p.name for p in (project / "data").iterdir()) == ["sections.yaml"]
    assert (project / "data" / "sections.yaml").read_text(encoding="utf-8") == "mine\n"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"# T\n\nab\x00cd\n", "STATUS.md:3:3"),
        (b"# T\n\n\xff\xfe\n", "STATUS.md:3:1"),
        (b"# T\n" + b"x" * 100_001 + b"\n", "STATUS.md:2:1"),
    ],
)
def test_hostile_input_exits_2_and_writes_nothing(project: Path, data: bytes, message: str) -> None:
    (project / "STATUS.md").write_bytes(data)
    code, _, err = run_cli("import", "STATUS.md")
    assert code == 2
    assert message in err
    assert not (project / "data").exists()


def test_refuses_a_data_folder_that_is_a_symlink(project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    outside = tmp_path_factory.mktemp("outside")
    os.symlink(outside, project / "data")
    code, _, err = run_cli("import", "STATUS.md")
    assert code == 2
    assert "symlink" in err
    assert list(outside.iterdir()) == []


def test_a_table_too_long_for_one_section_exits_2_with_its_line(project: Path) -> None:
    rows = "".join(f"| part {n} | ✅ |\n" for n in range(3000))
    (project / "STATUS.md").write_text(f"# T\n\n## Parts\n\n| Part | Status |\n|---|---|\n{rows}", encoding="utf-8")
    code, _, err = run_cli("import", "STATUS.md")
    assert code == 2
    assert "STATUS.md:5:1" in err  # the table, not its heading
    assert not (project / "data").exists()


def test_crlf_and_bom_import_like_the_plain_text(project: Path) -> None:
    plain = FIXTURE.read_text(encoding="utf-8")
    (project / "STATUS.md").write_bytes(b"\xef\xbb\xbf" + plain.replace("\n", "\r\n").encode("utf-8"))
    assert run_cli("import", "STATUS.md")[0] == 0
    expected = plan_import(plain, "STATUS.md", dt.date(2026, 1, 1)).files
    assert {name: (project / "data" / name).read_text(encoding="utf-8") for name in expected} == expected


def test_free_sections_are_named_after_the_heading_they_sit_under_setext_included() -> None:
    text = "Status\n======\n\nIntro text.\n\nServices\n--------\n\nSome prose.\n\n> a quote\n"
    planned = plan_import(text, "S.md", dt.date(2026, 1, 1))
    ids = [s["id"] for s in yaml.safe_load(planned.files["outline.yaml"])["sections"]]
    assert ids == ["status", "services"]


def test_importing_the_rendered_document_says_to_move_it_aside(project: Path) -> None:
    # render refuses to replace a file it did not write, so the next step names the move.
    (project / "STATUS.md").rename(project / "SYSTEM_STATUS.md")
    code, _, err = run_cli("import", "SYSTEM_STATUS.md")
    assert code == 0, err
    assert "next: review data/*.yaml, then move SYSTEM_STATUS.md aside, run 'status-gen render --data data'" in err
    assert run_cli("render")[0] == 2  # what the step avoids


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("**Last Updated:** 15 January 2025", "2025-01-15"),
        ("Last updated: 3rd Mar. 2025", "2025-03-03"),
        ("Last updated: March 3, 2025", "2025-03-03"),
        ("Last updated: January 2025", "2025-01-01"),
    ],
)
def test_a_day_before_the_month_is_read_with_the_day(line: str, date: str) -> None:
    planned = plan_import(f"# T\n\n{line}\n\nBody.\n", "S.md", dt.date(2026, 1, 1))
    assert yaml.safe_load(planned.files["project.yaml"])["project"]["last_updated"] == date


def test_front_matter_is_refused_with_its_lines_and_the_fix(project: Path) -> None:
    (project / "STATUS.md").write_text("---\ntitle: X\nowner: me\n---\n\n# T\n\nBody.\n", encoding="utf-8")
    code, _, err = run_cli("import", "STATUS.md")
    assert code == 2
    assert "STATUS.md:1:1: error: the document opens with front matter (lines 1-4)" in err
    assert "move it out of the file" in err
    assert not (project / "data").exists()


def test_a_rule_at_the_top_is_not_front_matter() -> None:
    planned = plan_import("---\n\n# T\n\nBody.\n\n---\n\nMore.\n", "S.md", dt.date(2026, 1, 1))
    assert "sections.yaml" in planned.files


@pytest.mark.parametrize(
    ("line", "date"),
    [("**Stand:** 12.04.2025", "2025-04-12"), ("Last updated: 2025/01/15", "2025-01-15"), ("Updated 01/15/2025", None)],
)
def test_more_date_shapes_and_an_honest_note_when_none_is_read(line: str, date: str | None) -> None:
    planned = plan_import(f"# T\n\n{line}\n\nBody.\n", "S.md", dt.date(2026, 1, 1))
    written = planned.files["project.yaml"]
    assert yaml.safe_load(written)["project"]["last_updated"] == (date or "2026-01-01")
    assert ("No document date found" in written) == (date is None)


def test_a_rendered_document_imports_again_and_renders_the_same(project: Path) -> None:
    assert run_cli("import", "STATUS.md", "--data", "data")[0] == 0
    assert run_cli("render", "--output", "OUT.md", "--today", "2025-09-10")[0] == 0
    first = (project / "OUT.md").read_text(encoding="utf-8")
    code, _, err = run_cli("import", "OUT.md", "--data", "again")
    assert code == 0, err
    code, _, err = run_cli("render", "--data", "again", "--output", "AGAIN.md", "--today", "2025-09-10")
    assert code == 0, err
    again = (project / "AGAIN.md").read_text(encoding="utf-8")
    assert again.split("\n")[1:] == first.split("\n")[1:]  # the banners name different data folders

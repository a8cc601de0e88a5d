"""`status-gen badge`: a deterministic SVG with the overall health and the open P0 count."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.gitrepo import project, write_data

SVG = "{http://www.w3.org/2000/svg}"

COMPONENTS = """
    components:
      - {id: api, name: API, status: FIXED, note: fine}
      - {id: db, name: Database, status: %s, note: lagging}
    """
BLOCKERS = """
    blockers:
      - {id: a, title: A, detail: x, severity: P0}
      - {id: b, title: B, detail: x, severity: P0, status: resolved}
      - {id: c, title: C, detail: x, severity: P1}
    """


def _texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return [t.text or "" for t in root.iter(f"{SVG}text")]


def test_example_badge(project: Path) -> None:
    code, out, err = run_cli("badge", "--output", "-")
    assert (code, err) == (0, "")
    root = ET.fromstring(out)  # well-formed XML
    assert root.get("aria-label") == "status: CRITICAL · 6 P0"
    assert _texts(out) == ["status", "CRITICAL · 6 P0"]
    fills = [r.get("fill") for r in root.iter(f"{SVG}rect")]
    assert "#cf222e" in fills  # the fail colour
    assert "http" not in out.replace("http://www.w3.org/2000/svg", "")  # nothing fetched from anywhere


def test_levels_and_counts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    cases = [("FIXED", "", "HEALTHY · no P0", "#2da44e"), ("PARTIAL", BLOCKERS, "DEGRADED · 1 P0", "#bf8700")]
    for status, blockers, text, colour in cases:
        write_data(tmp_path, project=project("2025-01-01"), components=COMPONENTS % status)
        if blockers:
            write_data(tmp_path, blockers=blockers)
        _, out, _ = run_cli("badge", "-o", "-")
        assert _texts(out)[1] == text
        assert colour in out
        # wider text, wider badge: the width follows the message
        width = int(ET.fromstring(out).get("width") or 0)
        assert width > 40 + len(text) * 5


def test_writes_only_when_changed_and_is_deterministic(project: Path) -> None:
    assert run_cli("badge") == (0, "", "wrote status.svg\n")
    first = (project / "status.svg").read_bytes()
    assert run_cli("badge") == (0, "", "status.svg is up to date\n")
    assert (project / "status.svg").read_bytes() == first
    assert first.endswith(b"</svg>\n") and b"\r" not in first


def test_bad_data_writes_nothing(project: Path) -> None:
    (project / "data" / "components.yaml").write_text("components: [\n", encoding="utf-8")
    code, _, err = run_cli("badge")
    assert code == 2 and "components.yaml" in err
    assert not (project / "status.svg").exists()


def test_readme_shows_how_to_embed_it() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert "![status](status.svg)" in readme
    assert "status-gen badge --output status.svg" in readme


def test_never_writes_through_a_symlink(project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    outside = tmp_path_factory.mktemp("outside") / "victim.svg"
    outside.write_text("keep", encoding="utf-8")
    (project / "status.svg").symlink_to(outside)
    code, _, err = run_cli("badge")
    assert code == 2 and "status.svg" in err
    assert outside.read_text(encoding="utf-8") == "keep"


def _with_badge_setting(project: Path, value: str = "status.svg") -> None:
    pyproject = project / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(text.replace("[tool.status-gen]\n", f'[tool.status-gen]\nbadge = "{value}"\n', 1), "utf-8")


def test_check_reports_a_missing_or_stale_badge_like_the_document(project: Path) -> None:
    _with_badge_setting(project)
    code, out, _ = run_cli("check", "--today", "2025-09-17")
    assert code == 1
    assert out.endswith("status.svg is missing: run 'status-gen badge' to regenerate it\n")
    assert run_cli("badge") == (0, "", "wrote status.svg\n")  # the setting names the file
    code, out, _ = run_cli("check", "--today", "2025-09-17")
    assert code == 0, out
    (project / "status.svg").write_text((project / "status.svg").read_text("utf-8").replace("6 P0", "5 P0"), "utf-8")
    code, out, _ = run_cli("check", "--today", "2025-09-17")
    assert (code, out.splitlines()[-1]) == (1, "status.svg is stale: run 'status-gen badge' to regenerate it")
    code, out, _ = run_cli("check", "--today", "2025-09-17", "--format", "json")
    assert code == 1
    assert json.loads(out)["stale_files"] == [{"file": "status.svg", "missing": False, "fix": "status-gen badge"}]
    code, out, _ = run_cli("check", "--today", "2025-09-17", "--format", "github")
    assert "::error file=status.svg,title=stale file::status.svg is stale" in out


def test_badge_setting_stays_inside_the_project(project: Path) -> None:
    _with_badge_setting(project, "../outside.svg")
    code, _, err = run_cli("check", "--today", "2025-09-17")
    assert code == 2
    assert "setting 'badge' must not leave the project with '..'" in err

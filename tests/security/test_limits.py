"""Issue 15 item 7: every input has a size and a time bound; exceeding one is a clean exit 2."""

from __future__ import annotations

import pytest

from tests.security.harness import EXAMPLE_TODAY, Tree

# The real CLI in a child process per case (about 35 s in all): CI's second step, pytest -m slow.
pytestmark = pytest.mark.slow

COMPONENTS_4MB = "components:\n" + "  - 1\n" * 700_000


@pytest.mark.slow  # the issue's own case: a few seconds alone, much more on a loaded machine
def test_a_million_errors_are_capped_quickly(tree: Tree) -> None:
    tree.write("data/components.yaml", COMPONENTS_4MB)
    run = tree.run("check", "--today", EXAMPLE_TODAY)
    tree.assert_contained(run, message="and more errors (validation stopped) in this file; showing the first 100")
    lines = [line for line in run.err.splitlines() if line.startswith("data/components.yaml")]
    assert len(lines) == 101
    assert lines[0].startswith("data/components.yaml:2:5: error: components[0]")
    assert lines[-1].startswith("data/components.yaml:102:5: error: and more errors (validation stopped)")
    assert run.max_rss_bytes < 400 * 1024 * 1024


def test_long_lists_stop_validating_at_the_cap(tree: Tree) -> None:
    tree.write("data/components.yaml", "components:\n" + "  - 1\n" * 50_000)
    run = tree.run("check", "--today", EXAMPLE_TODAY)
    tree.assert_contained(run, message="data/components.yaml:102:5: error: and more errors (validation stopped)")
    assert len([line for line in run.err.splitlines() if line.startswith("data/components.yaml")]) == 101


def test_the_cap_is_a_setting(tree: Tree) -> None:
    tree.write("data/components.yaml", "components:\n" + "  - 1\n" * 30)
    (tree.project / "pyproject.toml").write_text(
        (tree.project / "pyproject.toml")
        .read_text("utf-8")
        .replace('templates = "templates"', 'templates = "templates"\nmax_errors_per_file = 5'),
        encoding="utf-8",
    )
    run = tree.run("check", "--today", EXAMPLE_TODAY)
    tree.assert_contained(
        run, message="and 25 more errors in this file; showing the first 5 (setting max_errors_per_file)"
    )
    assert len([line for line in run.err.splitlines() if line.startswith("data/components.yaml")]) == 6


def test_a_long_valid_list_still_loads(tree: Tree) -> None:
    item = "  - id: c{0}\n    name: Component {0}\n    status: VALIDATED\n    note: fine\n"
    items = "".join(item.format(i) for i in range(2500))
    existing = (tree.project / "data" / "components.yaml").read_text("utf-8")
    tree.write("data/components.yaml", existing.rstrip("\n") + "\n" + items)
    run = tree.run("render", "--today", EXAMPLE_TODAY, "--output", "-")
    assert run.code in (0, 1), run.err
    assert "Component 2499" in run.out and "Component 1234" in run.out


def test_a_limit_cannot_be_lifted_beyond_its_ceiling(tree: Tree) -> None:
    tree.settings("render_timeout = 100000\n")
    tree.assert_contained(
        tree.run("check"), message=".status-gen.toml:1:1: error: setting 'render_timeout' must be at most 600"
    )


def _template(tree: Tree, body: str, settings: str = "") -> None:
    tree.settings(settings)
    tree.write("templates/SYSTEM_STATUS.md.j2", "{{ banner }}\n\n# Status\n\n" + body + "\n")


HOSTILE_TEMPLATES = [
    ("{{ 'x' * 10**9 }}", "is larger than the limit set by max_output_bytes (1,048,576)"),
    ("{{ 2**(2**40) }}", "has more than 100,000 bits"),
    ("{{ [1] * 10**9 }}", "is larger than the limit set by max_output_bytes"),
    ("{{ 'x'|center(10**9) }}", "a width of 1,000,000,000 in center()"),
    ("{{ 'x'.ljust(10**9) }}", "a width of 1,000,000,000 in ljust()"),
    ("{{ '{:>999999999}'.format(1) }}", "a width of 999,999,999 in format()"),
    ("{{ '%999999999d'|format(1) }}", "a width of 999,999,999 in format()"),
    ("{{ ('x' * 1000)|replace('', 'y' * 100000) }}", "is larger than the limit"),
    ("{% set ns = namespace(s='xx') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}", "larger"),
    ("{% macro d(s) %}{{ d(s + s) }}{% endmacro %}{{ d('ab') }}", "larger"),
    ("{{ lipsum(10**6) }}", "'lipsum' is undefined"),
    ("{% for i in range(99999) %}{% for j in range(99999) %}{{ i }}{% endfor %}{% endfor %}", "max_output_bytes"),
]


@pytest.mark.parametrize(("body", "message"), HOSTILE_TEMPLATES, ids=[b for b, _ in HOSTILE_TEMPLATES])
def test_hostile_template_is_stopped(tree: Tree, body: str, message: str) -> None:
    _template(tree, body, "max_output_bytes = 1048576\n")  # a lower limit stops the loops sooner
    tree.assert_contained(tree.run("check", "--today", EXAMPLE_TODAY), message=message)


def test_a_render_that_loops_too_long_hits_the_time_budget(tree: Tree) -> None:
    _template(
        tree,
        "{% for i in range(99999) %}{% for j in range(99999) %}{% if i == -1 %}x{% endif %}{% endfor %}{% endfor %}",
        "render_timeout = 1\n",
    )
    run = tree.run("check", "--today", EXAMPLE_TODAY)
    tree.assert_contained(run, message="rendering took longer than 1 s (setting render_timeout)")
    assert run.cpu_seconds < 20

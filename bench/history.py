"""Benchmark the history features on a long history: `diff`, and a render with the changes section.

    .venv/bin/python bench/history.py            # 1,000 commits of a 1,000-issue data set, 5 runs
    .venv/bin/python bench/history.py --smoke    # 30 commits of 100 issues, one run (CI)

The history is written with ``git fast-import`` (one process for all commits): every commit moves
one issue between open and in progress, and every 100th also moves ``last_updated`` a day on, so
the previous status is 100 commits back and the first one 1,000 back. Every figure is the median
wall time of a child process (interpreter start included), measured side by side and interleaved
round by round, so a busy machine slows both sides of a ratio alike. Nothing is asserted.

- render:         ``status-gen render --output -`` (the plain document)
- render+changes: the same build, plus the changes section derived from git and rendered
- read revision:  loading one revision's data from git (what the section must read, at least),
                  less a child that only starts and imports the same modules
- diff far:       ``status-gen diff ROOT HEAD`` (two revisions 1,000 commits apart)
- diff default:   ``status-gen diff`` (finds the previous status, compares with the working tree)
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from datagen import TODAY, generate  # a sibling module: the script's folder is on sys.path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
STATUS_GEN = [PYTHON, "-m", "status_gen"]
CHILD_BUILD = """
import datetime as dt, sys
from pathlib import Path
from status_gen.api import build
from status_gen.config import load_config
config = load_config(None)
result = build(config, dt.date(2025, 9, 17))
if sys.argv[1] == "changes":
    from types import SimpleNamespace
    from status_gen.history import derive
    from status_gen.render import environment
    derived = derive(config.root, config.data, config.labels, result.data, changes=True)
    section = SimpleNamespace(heading="Changes since {since}", hashes="##", records=[derived.changes])
    text = environment(None).get_template("sections/changes.md.j2").render(section=section, view=None)
    assert derived.changes is not None and text
"""
CHILD_IMPORTS = """
from status_gen.config import load_config
from status_gen.gitread import Repo
from status_gen.history import load_revision
import status_gen.models
load_config(None)
"""
CHILD_READ = """
import sys
from pathlib import Path
from status_gen.config import load_config
from status_gen.gitread import Repo
from status_gen.history import load_revision
config = load_config(None)
repo = Repo(Path.cwd())
base = sys.argv[1]
load_revision(repo, repo.resolve(base), "data", config.labels, base)
"""


def _git(repo: Path, *args: str, stdin: bytes | None = None) -> str:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(repo)}
    done = subprocess.run(["git", *args], cwd=repo, input=stdin, capture_output=True, env=env, check=True)
    return done.stdout.decode().strip()


def build_history(repo: Path, issues: int, commits: int, every: int) -> None:
    """A repository whose HEAD holds ``generate``'s data, reached through ``commits`` commits."""
    generate(repo / "data", issues)
    files = {p.name: p.read_bytes() for p in sorted((repo / "data").iterdir())}
    issues_text = files["issues.yaml"].decode()
    pattern = re.compile(r"^(    status: )(open|in_progress)$", re.M)
    states = [m.group(2) for m in pattern.finditer(issues_text)]
    project_text = files["project.yaml"].decode()
    stream: list[bytes] = []
    start = TODAY - dt.timedelta(days=(commits - 1) // every)
    for number in range(commits):
        day = start + dt.timedelta(days=number // every)
        project = re.sub(r'last_updated: "[0-9-]+"', f'last_updated: "{day.isoformat()}"', project_text)
        flip = number % len(states)
        states[flip] = "in_progress" if states[flip] == "open" else "open"
        pieces = pattern.split(issues_text)  # text, prefix, state, text, prefix, state, ..., text
        pieces[2::3] = states
        text = "".join(pieces)
        changed = {"issues.yaml": text.encode(), "project.yaml": project.encode()}
        if number == 0:
            changed = {**files, **changed}
        stream.append(f"commit refs/heads/main\nmark :{number + 1}\n".encode())
        stream.append(f"committer Bench <bench@example.com> {1700000000 + number} +0000\n".encode())
        message = f"status edit {number}".encode()
        stream.append(b"data %d\n%s\n" % (len(message), message))
        if number:
            stream.append(f"from :{number}\n".encode())
        for name, data in changed.items():
            stream.append(f"M 100644 inline data/{name}\n".encode())
            stream.append(b"data %d\n%s\n" % (len(data), data))
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "fast-import", "--quiet", stdin=b"".join(stream))
    _git(repo, "reset", "-q", "--hard", "main")


def _time(argv: list[str], cwd: Path) -> float:
    began = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, capture_output=True, check=False)
    elapsed = time.perf_counter() - began
    if done.returncode not in (0, 1):  # 1: rule problems in the synthetic data are not the point here
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}):\n{done.stderr.decode()}")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--smoke", action="store_true", help="small history, one run: CI's smoke test")
    args = parser.parse_args(argv)
    issues, commits, every, runs = (100, 30, 10, 1) if args.smoke else (1000, 1000, 100, 5)
    with tempfile.TemporaryDirectory(prefix="status-gen-history-") as folder:
        repo = Path(folder)
        began = time.perf_counter()
        build_history(repo, issues, commits, every)
        print(f"history: {commits} commits of {issues} issues built in {time.perf_counter() - began:.1f} s")
        root = _git(repo, "rev-list", "--max-parents=0", "HEAD")
        env_python = [PYTHON, "-c"]
        cases = {
            "render": [*STATUS_GEN, "render", "--today", "2025-09-17", "--output", "-"],
            "render (in-process build)": [*env_python, CHILD_BUILD, "plain"],
            "render+changes (in-process)": [*env_python, CHILD_BUILD, "changes"],
            "read one revision": [*env_python, CHILD_READ, f"HEAD~{every}"],
            "start-up and imports only": [*env_python, CHILD_IMPORTS],
            "diff far": [*STATUS_GEN, "diff", root, "HEAD"],
            "diff default": [*STATUS_GEN, "diff"],
        }
        times: dict[str, list[float]] = {name: [] for name in cases}
        for _ in range(runs):
            for name, command in cases.items():
                times[name].append(_time(command, repo))
        median = {name: statistics.median(values) for name, values in times.items()}
        for name, value in median.items():
            print(f"{name:<30} {value * 1000:8.0f} ms")
        plain, changes = median["render (in-process build)"], median["render+changes (in-process)"]
        print(f"render+changes / render: {changes / plain:.2f}x")
        added = 1000 * (changes - plain)
        read = 1000 * (median["read one revision"] - median["start-up and imports only"])
        print(f"the changes section adds {added:.0f} ms; reading one revision costs {read:.0f} ms beyond start-up")
        print(f"diff far / render: {median['diff far'] / median['render']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())

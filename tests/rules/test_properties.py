"""Properties of the whole rule set on generated data: no crash, every finding has a real place."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from status_gen.config import Config
from status_gen.dataset import load_dataset
from status_gen.rules.engine import run_rules
from status_gen.rules.registry import RULES

IDS = ["api", "db", "cache", "ghost"]  # 'ghost' is never a component: unknown references happen
LABELS = ["OK", "FIXED", "PARTIAL", "BROKEN", "NOT RUNNING"]
DAY0 = dt.date(2025, 6, 1)

days = st.integers(0, 150).map(lambda n: (DAY0 + dt.timedelta(days=n)).isoformat())
maybe_day = st.none() | days


def _drop_none(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if v is not None}


tests_counts = st.none() | st.tuples(st.integers(0, 30), st.integers(0, 30)).map(
    lambda t: {"passed": t[0], "total": t[1]}
)
components = st.lists(
    st.builds(
        lambda cid, label, tests, checked: _drop_none(
            {"id": cid, "name": cid.upper(), "status": label, "note": "n", "tests": tests, "checked": checked}
        ),
        st.sampled_from(IDS[:3]),
        st.sampled_from(LABELS),
        tests_counts,
        maybe_day,
    ),
    max_size=4,
)
phases = st.lists(
    st.builds(
        lambda status, completed: _drop_none({"name": "P", "status": status, "completed": completed}),
        st.sampled_from(["todo", "in_progress", "done"]),
        maybe_day,
    ),
    max_size=3,
)
issues = st.lists(
    st.builds(
        lambda number, status, opened, closed, ph: _drop_none(
            {"number": number, "title": "T", "status": status, "opened": opened, "closed": closed, "phases": ph}
        ),
        st.integers(1, 4),
        st.sampled_from(["open", "in_progress", "resolved", "closed"]),
        maybe_day,
        maybe_day,
        phases,
    ),
    max_size=4,
)
blockers = st.lists(
    st.builds(
        lambda n, severity, status, component, issue, opened: _drop_none(
            {
                "id": f"b{n}",
                "title": "B",
                "detail": "d",
                "severity": severity,
                "status": status,
                "component": component,
                "issue": issue,
                "opened": opened,
            }
        ),
        st.integers(0, 3),
        st.sampled_from(["P0", "P1"]),
        st.sampled_from(["open", "resolved"]),
        st.none() | st.sampled_from(IDS),
        st.none() | st.integers(1, 5),
        maybe_day,
    ),
    max_size=3,
)
claims = st.builds(
    lambda health, readiness, ready: _drop_none({"health": health, "readiness": readiness, "ready": ready}),
    st.none() | st.sampled_from(["HEALTHY", "DEGRADED", "CRITICAL"]),
    st.none() | st.sampled_from(["READY", "NOT READY"]),
    st.lists(st.sampled_from(IDS), max_size=3),
)
datasets = st.fixed_dictionaries(
    {
        "project": st.builds(
            lambda last, cl, ach: {
                "project": {
                    "name": "P",
                    "last_updated": last,
                    "headline": "H",
                    "summary": "S",
                    "claims": cl,
                    "achievements": [{"title": "A", "text": "t", "components": ach}],
                }
            },
            days,
            claims,
            st.lists(st.sampled_from(IDS), max_size=2),
        ),
        "components": components.map(lambda c: {"components": c}),
        "issues": issues.map(lambda i: {"issues": i}),
        "blockers": blockers.map(lambda b: {"blockers": b}),
        "priorities": st.builds(
            lambda period, refs: {
                "period": period,
                "items": [{"title": "I", "goal": "g", "status": "s", "next_steps": "n", "issue": r} for r in refs],
            },
            days,
            st.lists(st.integers(1, 5), max_size=2),
        ),
        "validation": st.lists(days, max_size=2).map(
            lambda ds: {"runs": [{"date": d, "title": "R", "summary": "s"} for d in ds]}
        ),
    }
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(datasets, days)
def test_every_finding_points_into_a_loaded_file(files: dict[str, Any], today: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder)
        lengths = {}
        for name, content in files.items():
            text = json.dumps(content, indent=2) + "\n"  # JSON is YAML; one value per line
            (data / f"{name}.yaml").write_text(text, encoding="utf-8")
            lengths[f"data/{name}.yaml"] = text.count("\n")
        config = Config()
        dataset = load_dataset(data, config.labels, "data")
        problems = run_rules(dataset, config, dt.date.fromisoformat(today))
    assert problems == sorted(problems, key=lambda p: p.sort_key())
    codes = {r.code for r in RULES}
    for problem in problems:
        assert problem.code in codes
        assert problem.where.path in lengths, problem
        assert 1 <= problem.where.line <= lengths[problem.where.path], problem
        assert problem.where.column >= 1, problem
        assert "; " in problem.message, problem.message

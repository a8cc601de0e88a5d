"""Nothing of the reference document is dropped: its facts appear in the rendered example.

Each entry is a fact as the reference words it (or, where the data had to resolve a
contradiction, as the data now words it; see the YAML comments in data/). The document is read
with its Markdown escapes removed, as a reader sees it.
"""

from __future__ import annotations

import pytest

from tests.conftest import ROOT

FACTS = [
    # header and executive summary
    "Netra Apex - System Status",
    "Last Updated:** 2025-09-17",
    "System Validation Completed - Critical Infrastructure Issues Identified",
    "98.7% SSOT Architecture Compliance",
    "Critical infrastructure gaps prevent the Golden Path",
    "Secure ticket generation with cryptographic tokens",
    "Redis storage with TTL and graceful fallback",
    "Fast collection mode no longer reports false success",
    "Truth-before-documentation principle implemented in test runner",
    "JWT_SECRET/FERNET_KEY:** Made validation more lenient in staging to prevent startup failures",
    "Deployment Script Enhanced:** Now validates service account access BEFORE deployment",
    "Documentation Complete:** Full secret loading flow documented with failure points",
    "COMPREHENSIVE VALIDATION EXECUTED (2025-09-17)",
    "Confirmed non-existent - was confusion with violation count (1048 files managing connections)",
    # system health: all nine components with their evidence
    "| **Test Infrastructure** | ✅ FIXED |",
    "| **Auth Infrastructure** | ⚠️ IMPROVED |",
    "| **SSOT Architecture** | ✅ VALIDATED | 98.7% compliance confirmed",
    "| **Database** | ⚠️ PARTIAL | 86.2% tests pass - UUID generation failures in auth models",
    "| **WebSocket** | ❌ UNTESTED | Zero unit test coverage - critical business risk for chat (90% value)",
    "| **Message Routing** | ❌ BLOCKED | Cannot validate - auth service dependencies prevent testing",
    "| **Agent System** | ❌ BROKEN | 0/15 tests pass",
    "| **Auth Service** | ❌ NOT RUNNING | Service unavailable on port 8081 - JWT config drift (JWT_SECRET_KEY)",
    "| **Configuration** | ❌ INCOMPLETE | 0/24 tests pass - cache() method missing",
    # critical validation findings
    "Total Tests Attempted:** 16,000+ tests across platform",
    "Overall Pass Rate:** <10% due to infrastructure issues",
    "Runtime Infrastructure:** Critical failures preventing operation",
    "Auth Service Not Running** - Port 8081 unavailable, blocking all authentication",
    "JWT Configuration Drift** - JWT_SECRET_KEY vs JWT_SECRET mismatch",
    "WebSocket Zero Coverage** - No unit tests for 90% of platform value",
    "Database UUID Generation** - Auth model creation failures",
    "Golden Path:** ❌ BLOCKED - Cannot validate user login → AI response flow",
    "Chat Functionality:** ❌ UNVERIFIED - WebSocket infrastructure untested",
    "Deployment Readiness:** ❌ NOT READY - 6 open P0 blockers",
    "$500K+ ARR Risk:** ❌ HIGH - Core functionality cannot be validated",
    "16,000+ tests executed with detailed failure analysis",
    "Service availability checks showing auth/backend offline",
    # priorities, the closed #1296 with every phase item (its highlight in the summary), achievements
    "SSOT Architecture Validation",
    "Run compliance audits and address identified gaps",
    "Load testing and performance profiling",
    "Issue #1296 CLOSED 2025-01-17 - all 3 phases complete:** AuthTicketManager Implementation",
    "Issues #1293 → #1295 completed",
    "Removed 4 deprecated authentication files",
    "Updated 5 test files to modern patterns",
    "40% reduction in authentication codebase complexity",
    "End-to-end authentication pipeline validated",
    "Multi-Tier Persistence:** Redis/PostgreSQL/ClickHouse",
    "Environment Management:** Isolated environment configuration for all deployment targets",
    # test status: all six categories and both commands
    "| **Auth Tests** | ✅ ADDED | AuthTicketManager unit tests complete - Issue #1296",
    "| **Mission Critical** | ❌ BLOCKED |",
    "| **Integration Tests** | ❌ BLOCKED | Service dependencies not running (ports 8081, 8000)",
    "| **Unit Tests** | ⚠️ PARTIAL | ~5% pass rate - JWT config and fixture issues",
    "| **E2E Tests** | ❌ BLOCKED | Cannot validate without running services",
    "`python tests/unified_test_runner.py --real-services`",
    "`python tests/unified_test_runner.py --execution-mode fast_feedback`",
    # deployment readiness and the ordered next steps
    "Deployment Readiness: ❌ NOT READY",
    "Confidence Level:** LOW",
    "1. Start auth service on port 8081 and backend on port 8000",
    "2. Fix JWT configuration (align JWT_SECRET_KEY vs JWT_SECRET)",
    "3. Create WebSocket unit tests (critical for 90% of platform value)",
    "4. Fix configuration cache() method implementation",
    "5. Resolve database UUID generation issues in auth models",
    "6. Add missing test fixtures (isolated_test_env)",
    "7. Re-run comprehensive test suite to validate fixes",
    # the closing issue-status lines
    "Issue #1176 Status: ✅ CLOSED 2025-09-17** - Anti-recursive test infrastructure remediation - all 4 phases "
    "complete - Test infrastructure crisis resolved.",
    "Issue #1294 Status: ✅ CLOSED 2025-09-17** - Secret loading silent failures - Secret loading failures resolved.",
    "Issue #1296 Status: ✅ CLOSED 2025-01-17",
    "Issue #1309 Status: ✅ RESOLVED 2025-01-17** - SQLAlchemy AsyncAdaptedQueuePool migration - SQLAlchemy "
    "AsyncAdaptedQueuePool migration complete.",
    "Issue #1312 Status: ✅ RESOLVED 2025-01-17** - Redis health check AttributeError - Redis health check "
    "AttributeError fixed",
]

READABLE = (ROOT / "SYSTEM_STATUS.md").read_text(encoding="utf-8").replace("\\", "")


@pytest.mark.parametrize("fact", FACTS)
def test_reference_fact_is_in_the_rendered_example(fact: str) -> None:
    assert fact in READABLE


def test_no_contradiction_of_the_reference_survives() -> None:
    """The sentences the reference contradicted itself with are gone."""
    for claim in (
        "January 2025",  # priorities dated eight months before the document
        "ready for closure",  # #1176, closed the same day
        "6 critical blockers identified",  # beside a list of five
        "JWT-based auth functional across all services",  # auth service NOT RUNNING
        "configs validated",  # 0/24 configuration tests pass
        "architecture operational",  # database PARTIAL
        "infrastructure incomplete",  # said of the FIXED test infrastructure
    ):
        assert claim not in READABLE, claim

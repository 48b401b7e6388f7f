"""Sync streams dropped unclosed must neither deadlock the client nor leak connections.

The scenario runs in a child process (:mod:`tests.faults.abandon`), so a deadlock shows
as this test timing out the child, never as a hung suite.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Optional, Tuple

import pytest

CHILD = Path(__file__).with_name("abandon.py")
TIMEOUT = 90.0
#: The child dumps its threads' stacks this long after starting, so a deadlock shows where it is stuck.
DUMP_AFTER = TIMEOUT - 10
#: Open descriptors allowed over the baseline: the pool's keep-alive connections, and a few more.
FD_ALLOWANCE = 110


def _run_child() -> Tuple[Optional["subprocess.CompletedProcess[str]"], str]:
    """The finished child and its stderr, or None and the stderr so far when it had to be killed."""
    try:
        child = subprocess.run(
            [sys.executable, str(CHILD), str(DUMP_AFTER)], capture_output=True, text=True, timeout=TIMEOUT
        )
    except subprocess.TimeoutExpired as stuck:
        stderr = stuck.stderr
        return None, stderr.decode(errors="replace") if isinstance(stderr, bytes) else stderr or ""
    return child, child.stderr


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts descriptors in /proc/self/fd")
def test_abandoned_sync_streams_neither_deadlock_nor_leak() -> None:
    """500 streams read for 3 events and dropped unclosed (a third in reference cycles, collected by
    the cyclic GC at arbitrary moments), then a normal call answers promptly and the open
    file descriptors are back near the baseline."""
    child, stderr = _run_child()
    if child is None:
        pytest.fail(f"deadlock: the child still ran after {TIMEOUT:.0f} s; its stacks:\n{stderr[-6000:]}")
    assert child.returncode == 0, stderr[-6000:]
    report = json.loads(child.stdout.strip().splitlines()[-1])
    print("abandoned streams:", report)
    assert report["create_seconds"] < 5.0, report
    assert report["final_fds"] <= report["baseline_fds"] + FD_ALLOWANCE, report

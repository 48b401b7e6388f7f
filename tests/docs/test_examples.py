"""Every ```python block in docs/*.md runs, in its own interpreter, against a local emulator.

Blocks whose first line is ``# not run`` are skipped (plugin-package layout, real clouds).
Each block gets ``ANTHROPIC_API_KEY`` and ``ANTHROPIC_BASE_URL`` of one emulator started for
this module, so ``claude_core.Anthropic()`` works unchanged; blocks that queue faults or read
recorded requests start their own ``Emulator`` so parallel blocks never see each other's traffic.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Dict, Iterator, List, NamedTuple

import pytest
from claude_emulator import EMULATOR_API_KEY, Emulator

DOCS = Path(__file__).resolve().parents[2] / "docs"
FENCE = re.compile(r"^```python[^\n]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
SKIP_MARKER = "# not run"
TIMEOUT = 60


class Block(NamedTuple):
    where: str  # "file.md:line" of the opening fence
    code: str


def collect_blocks() -> List[Block]:
    blocks = []
    for page in sorted(DOCS.glob("*.md")):
        text = page.read_text(encoding="utf-8")
        for match in FENCE.finditer(text):
            code = match.group(1)
            if code.lstrip().startswith(SKIP_MARKER):
                continue
            line = text.count("\n", 0, match.start()) + 1
            blocks.append(Block(f"{page.name}:{line}", code))
    return blocks


BLOCKS = collect_blocks()


@pytest.fixture(scope="module")
def docs_emulator() -> Iterator[Emulator]:
    with Emulator(api_keys=[EMULATOR_API_KEY]) as emu:  # checks keys, as the API does
        yield emu


@pytest.fixture(scope="module")
def runs(
    request: pytest.FixtureRequest, docs_emulator: Emulator, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Dict[str, "Future[subprocess.CompletedProcess[str]]"]]:
    """Start every selected block at once (a few at a time); each test then waits for its own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ANTHROPIC_", "CLAUDE_CORE_"))}
    env.update(ANTHROPIC_API_KEY=docs_emulator.api_key, ANTHROPIC_BASE_URL=docs_emulator.base_url)
    selected = {
        item.callspec.params["block"].where
        for item in request.session.items
        if getattr(item, "originalname", None) == "test_example" and hasattr(item, "callspec")
    }
    cwd = tmp_path_factory.mktemp("docs-examples")

    def run(block: Block) -> "subprocess.CompletedProcess[str]":
        return subprocess.run(
            [sys.executable, "-c", block.code],
            capture_output=True,
            text=True,
            env=env,
            cwd=cwd,
            timeout=TIMEOUT,
        )

    with ThreadPoolExecutor(max_workers=max(2, min(8, (os.cpu_count() or 2) * 2))) as pool:
        yield {block.where: pool.submit(run, block) for block in BLOCKS if block.where in selected}


def test_docs_have_examples() -> None:
    assert len(BLOCKS) >= 20, "docs/*.md should hold runnable ```python examples"


@pytest.mark.parametrize("block", BLOCKS, ids=[block.where for block in BLOCKS])
def test_example(block: Block, runs: Dict[str, "Future[subprocess.CompletedProcess[str]]"]) -> None:
    result = runs[block.where].result()
    assert result.returncode == 0, (
        f"{block.where} exited {result.returncode}\n--- code ---\n{block.code}"
        f"--- stdout ---\n{result.stdout}--- stderr ---\n{result.stderr}"
    )

"""Fixtures shared by the test packages."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The team's shared folder (corpora, eval data), next to the repository; tests needing it skip without it."""
    path = REPO_ROOT.parent / "shared"
    if not path.is_dir():
        pytest.skip(f"{path} is absent: the real corpora live there (see the README)")
    return path

"""Fixtures for store tests: a bare keyed database file, no key slots needed."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest


@pytest.fixture
def db_key() -> bytes:
    return secrets.token_bytes(32)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "vault.db"

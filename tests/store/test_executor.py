"""The single writer: one thread, one connection, each write all-or-nothing."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from triage_desktop.store.connection import connect
from triage_desktop.store.errors import ClosedError
from triage_desktop.store.executor import SerialExecutor


@pytest.fixture
def executor(db_path: Path, db_key: bytes) -> Any:
    serial = SerialExecutor(lambda: connect(db_path, db_key, create=True))
    serial.write(lambda con: con.execute("CREATE TABLE t (n INTEGER)"))
    yield serial
    serial.close()


def test_a_failed_write_is_rolled_back_whole(executor: SerialExecutor) -> None:
    def half_then_fail(con: Any) -> None:
        con.execute("INSERT INTO t VALUES (1)")
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        executor.write(half_then_fail)
    assert executor.read(lambda con: con.execute("SELECT count(*) FROM t").fetchone()[0]) == 0


def test_every_call_runs_on_the_one_worker_thread(executor: SerialExecutor) -> None:
    names = {executor.read(lambda _con: threading.current_thread().name) for _ in range(5)}
    assert len(names) == 1
    assert next(iter(names)).startswith("vault-db")
    assert threading.current_thread().name not in names


def test_nested_calls_from_the_worker_do_not_deadlock(executor: SerialExecutor) -> None:
    def outer(con: Any) -> int:
        con.execute("INSERT INTO t VALUES (2)")
        return executor.read(lambda c: c.execute("SELECT count(*) FROM t").fetchone()[0])

    assert executor.write(outer) == 1


def test_closed_executor_refuses_work(db_path: Path, db_key: bytes) -> None:
    serial = SerialExecutor(lambda: connect(db_path, db_key, create=True))
    serial.close()
    serial.close()  # twice is harmless
    with pytest.raises(ClosedError, match="locked"):
        serial.read(lambda con: con.execute("SELECT 1"))
    with pytest.raises(ClosedError, match="locked"):
        serial.write(lambda con: con.execute("SELECT 1"))

"""The single writer: one thread owns the one connection, and every database call runs there.

Why one thread for reads too: a sqlcipher3 connection belongs to its thread, a second keyed
connection doubles the key's copies in memory, and with 10,000 cases every read is a few ms, so
queueing a read behind a write costs less than coordinating two connections (Anki does the same).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

from triage_desktop.store.connection import Connection, corrupt_message, translate
from triage_desktop.store.errors import ClosedError, StoreCorruptError

T = TypeVar("T")


def _pages_fail_check(con: Connection) -> bool:
    try:
        return bool(con.execute("PRAGMA cipher_integrity_check").fetchall())
    except MemoryError:
        return False
    except Exception:
        return True


class SerialExecutor:
    def __init__(
        self, open_connection: Callable[[], Connection], *, folder: Path | None = None
    ) -> None:
        self._folder = folder  # where the database lives: to tell a full disk from damage
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="vault-db")
        self._thread: threading.Thread | None = None
        try:
            self._connection: Connection = self._pool.submit(self._start, open_connection).result()
        except BaseException:
            self._pool.shutdown(wait=True)
            raise
        self._closed = False

    def _start(self, open_connection: Callable[[], Connection]) -> Connection:
        self._thread = threading.current_thread()
        return open_connection()

    def _call(self, fn: Callable[[Connection], T], *, writing: bool = False) -> T:
        try:
            return fn(self._connection)
        except MemoryError as error:
            # SQLCipher reports SQLITE_NOMEM when a page it must rewrite fails its HMAC check;
            # only a page check tells that apart from memory really running out.
            if _pages_fail_check(self._connection):
                raise StoreCorruptError(corrupt_message("a page failed its HMAC check")) from error
            raise
        except Exception as error:
            translated = translate(error, writing=writing, folder=self._folder)
            if translated is error:
                raise
            raise translated from error

    def _transaction(self, fn: Callable[[Connection], T]) -> T:
        con = self._connection
        con.execute("BEGIN IMMEDIATE")
        try:
            result = fn(con)
            con.execute("COMMIT")
        except BaseException:
            if con.in_transaction:
                con.execute("ROLLBACK")
            raise
        return result

    def submit(self, fn: Callable[[Connection], T]) -> Future[T]:
        if self._closed:
            raise ClosedError("the vault is locked")
        try:
            return self._pool.submit(self._call, fn)
        except RuntimeError as error:  # shut down between the check and the submit
            raise ClosedError("the vault is locked") from error

    def read(self, fn: Callable[[Connection], T]) -> T:
        if threading.current_thread() is self._thread:
            return self._call(fn)
        return self.submit(fn).result()

    def write(self, fn: Callable[[Connection], T]) -> T:
        """Run `fn` in one IMMEDIATE transaction: committed entirely, or rolled back entirely."""

        def run(_con: Connection) -> T:
            return self._transaction(fn)

        if threading.current_thread() is self._thread:
            return self._call(run, writing=True)
        if self._closed:
            raise ClosedError("the vault is locked")
        try:
            future = self._pool.submit(self._call, run, writing=True)
        except RuntimeError as error:
            raise ClosedError("the vault is locked") from error
        return future.result()

    def close(self) -> None:
        if self._closed:
            return
        self._pool.submit(self._connection.close).result()
        self._closed = True
        self._pool.shutdown(wait=True)

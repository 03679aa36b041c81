"""Failures of the database itself, translated to plain words by `services`."""

from __future__ import annotations


class StoreError(Exception):
    """Base for database failures."""


class StoreCorruptError(StoreError):
    """The database file is damaged, truncated, or not a vault database at all."""


class SchemaTooNewError(StoreError):
    """The database was migrated by a newer Triage Desk: refuse, never touch it."""


class NotFoundError(StoreError):
    """No such case (or document, or meeting)."""


class DiskFullError(StoreError):
    """The disk (or the file size limit) is full: the transaction was rolled back."""


class ReadOnlyError(StoreError):
    """The vault folder (or its disk) is read-only: nothing could be written."""


class UpgradeBlockedError(ReadOnlyError):
    """The vault needs a schema upgrade, and it was opened read-only (so the upgrade cannot run)."""


class StoreIOError(StoreError):
    """The disk reported an I/O error that is neither a full disk nor a read-only folder."""


class MigrationError(StoreError):
    """A schema migration failed; the database file was left exactly as it was."""


class ConcurrentChangeError(StoreError):
    """The record changed since the caller read it; the change was not applied."""


class ClosedError(StoreError):
    """The database was closed (the vault locked) while a call was on its way."""

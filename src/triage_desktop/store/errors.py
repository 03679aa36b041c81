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


class ClosedError(StoreError):
    """The database was closed (the vault locked) while a call was on its way."""

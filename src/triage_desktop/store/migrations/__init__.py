"""Alembic migrations for the vault database (run on unlock, after a backup)."""

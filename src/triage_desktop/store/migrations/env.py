"""Alembic environment: always handed an open connection by triage_desktop.store.migrate."""

from __future__ import annotations

from alembic import context

from triage_desktop.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()

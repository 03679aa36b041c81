"""Keep the reference's year and sequence as numbers (sorting DR-2026-10000 after DR-2026-9999),
backfilled from the existing references: the vault's first data migration.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("reference_year", sa.Integer, nullable=True))
        batch.add_column(sa.Column("reference_sequence", sa.Integer, nullable=True))
    # 'DR-2026-0042': the year is characters 4-7, the sequence everything after the second dash.
    op.execute(
        "UPDATE cases SET reference_year = CAST(substr(reference, 4, 4) AS INTEGER), "
        "reference_sequence = CAST(substr(reference, 9) AS INTEGER)"
    )
    with op.batch_alter_table("cases") as batch:
        batch.alter_column("reference_year", existing_type=sa.Integer, nullable=False)
        batch.alter_column("reference_sequence", existing_type=sa.Integer, nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("reference_sequence")
        batch.drop_column("reference_year")

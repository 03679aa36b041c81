"""Record when and how the reporter was first contacted, so the 2-working-day clock can say
whether the promise was met (Appendix B), not only whether it is due.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("first_contact_on", sa.Text, nullable=True))
        batch.add_column(sa.Column("first_contact_method", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("first_contact_method")
        batch.drop_column("first_contact_on")

"""Reports imported from the Support and Report tool: one row per import (the file's SHA-256,
counts and versions), a ledger of every source id taken in (unique per source: the
de-duplication key, kept after a case is purged), and what each imported report said.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "report_imports",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.Text, nullable=False),
        sa.Column("officer_id", sa.Integer, nullable=True),
        sa.Column("file_sha256", sa.Text, nullable=False),
        sa.Column("file_format", sa.Text, nullable=False),
        sa.Column("schema_version", sa.Text, nullable=False),
        sa.Column("mapping_version", sa.Text, nullable=False),
        sa.Column("reports", sa.Integer, nullable=False),
        sa.Column("created", sa.Integer, nullable=False),
        sa.Column("duplicates", sa.Integer, nullable=False),
    )
    op.create_table(
        "imported_reports",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("source_report_id", sa.Text, nullable=False),
        sa.Column("import_id", sa.Integer, sa.ForeignKey("report_imports.id"), nullable=False),
        sa.Column(
            "case_id",
            sa.Integer,
            sa.ForeignKey("cases.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("case_reference", sa.Text, nullable=False),
    )
    op.create_index(
        "ux_imported_reports_source_id",
        "imported_reports",
        ["source", "source_report_id"],
        unique=True,
    )
    op.create_index("ix_imported_reports_case_id", "imported_reports", ["case_id"])
    op.create_table(
        "report_origins",
        sa.Column(
            "case_id",
            sa.Integer,
            sa.ForeignKey("cases.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("submitted_at", sa.Text, nullable=False),
        sa.Column("route", sa.Text, nullable=False),
        sa.Column("on_behalf_of", sa.Text, nullable=False),
        sa.Column("department", sa.Text, nullable=False),
        sa.Column("preferred_service", sa.Text, nullable=False),
        sa.Column("excluded_people_json", sa.Text, nullable=False),
        sa.Column("incident_dates_json", sa.Text, nullable=False),
        sa.Column("locations", sa.Text, nullable=False),
    )
    op.create_index("ix_report_origins_department", "report_origins", ["department"])


def downgrade() -> None:
    op.drop_index("ix_report_origins_department", "report_origins")
    op.drop_table("report_origins")
    op.drop_index("ix_imported_reports_case_id", "imported_reports")
    op.drop_index("ux_imported_reports_source_id", "imported_reports")
    op.drop_table("imported_reports")
    op.drop_table("report_imports")

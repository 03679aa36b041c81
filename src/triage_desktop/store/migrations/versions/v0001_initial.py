"""The first vault schema: officers, cases, meetings, next steps, documents, settings, secrets,
the audit log with its UPDATE/DELETE-blocking triggers, and the FTS5 index over case text.

Revision ID: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "vault_meta",
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "officers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("role", sa.Text, nullable=False),
        sa.Column("email", sa.Text, nullable=False, server_default=""),
        sa.Column("created_at", sa.Text, nullable=False),
    )
    op.create_table(
        "reference_counters",
        sa.Column("year", sa.Integer, primary_key=True),
        sa.Column("last_sequence", sa.Integer, nullable=False),
    )
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("reference", sa.Text, nullable=False, unique=True),
        sa.Column("received_at", sa.Text, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("anonymous", sa.Boolean, nullable=False),
        sa.Column("reporter_name", sa.Text, nullable=False),
        sa.Column("reporter_status", sa.Text, nullable=False),
        sa.Column("reporter_email", sa.Text, nullable=False),
        sa.Column("reporter_phone", sa.Text, nullable=False),
        sa.Column("reporter_notes", sa.Text, nullable=False),
        sa.Column("respondents_json", sa.Text, nullable=False),
        sa.Column("behaviour_categories_json", sa.Text, nullable=False),
        sa.Column("protected_characteristics_json", sa.Text, nullable=False),
        sa.Column("incident_dates_json", sa.Text, nullable=False),
        sa.Column("incident_notes", sa.Text, nullable=False),
        sa.Column("location_kind", sa.Text, nullable=False),
        sa.Column("location_detail", sa.Text, nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("contact_by", sa.Text, nullable=True),
        sa.Column("assigned_officer_id", sa.Integer, sa.ForeignKey("officers.id"), nullable=True),
        sa.Column("policy_version", sa.Text, nullable=False),
        sa.Column("created_at", sa.Text, nullable=False),
        sa.Column("updated_at", sa.Text, nullable=False),
        sa.Column("closed_at", sa.Text, nullable=True),
        sa.Column("legal_hold", sa.Boolean, nullable=False, server_default="0"),
    )
    for column in ("status", "received_at", "contact_by", "assigned_officer_id"):
        op.create_index(f"ix_cases_{column}", "cases", [column])
    op.create_table(
        "meetings",
        sa.Column(
            "case_id",
            sa.Integer,
            sa.ForeignKey("cases.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("step", sa.Text, nullable=False),
        sa.Column("state", sa.Text, nullable=False),
        sa.Column("record_json", sa.Text, nullable=False),
        sa.Column("updated_at", sa.Text, nullable=False),
    )
    op.create_table(
        "next_steps",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "case_id", sa.Integer, sa.ForeignKey("cases.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("owner", sa.Text, nullable=False),
        sa.Column("due", sa.Text, nullable=True),
        sa.Column("done", sa.Boolean, nullable=False),
    )
    op.create_index("ix_next_steps_case_id", "next_steps", ["case_id"])
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "case_id", sa.Integer, sa.ForeignKey("cases.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("created_at", sa.Text, nullable=False),
        sa.Column("sha256", sa.Text, nullable=False),
        sa.Column("pdf", sa.LargeBinary, nullable=False),
    )
    op.create_index("ix_documents_case_id", "documents", ["case_id"])
    op.create_table(
        "settings",
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("value_json", sa.Text, nullable=False),
    )
    op.create_table(
        "secrets",
        sa.Column("name", sa.Text, primary_key=True),
        sa.Column("value", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer, primary_key=True),
        sa.Column("at", sa.Text, nullable=False),
        sa.Column("officer_id", sa.Integer, nullable=True),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("case_reference", sa.Text, nullable=False),
        sa.Column("content_hash", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.Text, nullable=False),
        sa.Column("entry_hash", sa.Text, nullable=False),
    )
    op.create_index("ix_audit_log_case_reference", "audit_log", ["case_reference"])
    op.execute(
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'audit log entries cannot be changed'); END"
    )
    op.execute(
        "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'audit log entries cannot be deleted'); END"
    )
    op.execute(
        "CREATE VIRTUAL TABLE case_fts USING fts5("
        "reference, names, body, tokenize = 'unicode61 remove_diacritics 2')"
    )


def downgrade() -> None:
    op.execute("DROP TABLE case_fts")
    op.execute("DROP TRIGGER audit_log_no_delete")
    op.execute("DROP TRIGGER audit_log_no_update")
    for table in (
        "audit_log",
        "secrets",
        "settings",
        "documents",
        "next_steps",
        "meetings",
        "cases",
        "reference_counters",
        "officers",
        "vault_meta",
    ):
        op.drop_table(table)

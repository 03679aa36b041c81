"""Subject access requests (UK GDPR Article 15): the request and its clock, the cases and the
requester's role in each, the officer's decision on each passage and third-party mention, and
each signed pack with the redaction log it was made with.

Every row goes with its case (ON DELETE CASCADE): the retention purge removes a purged case's
part of any request, and the store removes what is left of a request with no case (see
`subject_access_repo.forget_case`).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "subject_access_requests",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("reference", sa.Text, nullable=False, unique=True),
        sa.Column("requester_name", sa.Text, nullable=False),
        sa.Column("received_on", sa.Text, nullable=False),
        sa.Column("extended", sa.Boolean, nullable=False, server_default="0"),
        sa.Column("extension_reason", sa.Text, nullable=False, server_default=""),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("other_names_json", sa.Text, nullable=False, server_default="[]"),
        sa.Column("created_at", sa.Text, nullable=False),
        sa.Column("updated_at", sa.Text, nullable=False),
        sa.Column("completed_on", sa.Text, nullable=True),
    )
    op.create_table(
        "subject_access_cases",
        sa.Column(
            "request_id",
            sa.Integer,
            sa.ForeignKey("subject_access_requests.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "case_id",
            sa.Integer,
            sa.ForeignKey("cases.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("role", sa.Text, nullable=False),
    )
    op.create_index("ix_subject_access_cases_case_id", "subject_access_cases", ["case_id"])
    op.create_table(
        "subject_access_decisions",
        sa.Column(
            "request_id",
            sa.Integer,
            sa.ForeignKey("subject_access_requests.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "case_id",
            sa.Integer,
            sa.ForeignKey("cases.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("passage", sa.Text, primary_key=True),
        sa.Column("person", sa.Text, primary_key=True),
        sa.Column("choice", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("text_sha256", sa.Text, nullable=False),
        sa.Column("decided_at", sa.Text, nullable=False),
    )
    op.create_index("ix_subject_access_decisions_case_id", "subject_access_decisions", ["case_id"])
    op.create_table(
        "subject_access_packs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "request_id",
            sa.Integer,
            sa.ForeignKey("subject_access_requests.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("created_at", sa.Text, nullable=False),
        sa.Column("sha256", sa.Text, nullable=False),
        sa.Column("pdf", sa.LargeBinary, nullable=False),
        sa.Column("redaction_log_json", sa.Text, nullable=False),
        sa.Column("chain_head", sa.Text, nullable=False),
    )
    op.create_index("ix_subject_access_packs_request_id", "subject_access_packs", ["request_id"])


def downgrade() -> None:
    op.drop_index("ix_subject_access_packs_request_id", "subject_access_packs")
    op.drop_table("subject_access_packs")
    op.drop_index("ix_subject_access_decisions_case_id", "subject_access_decisions")
    op.drop_table("subject_access_decisions")
    op.drop_index("ix_subject_access_cases_case_id", "subject_access_cases")
    op.drop_table("subject_access_cases")
    op.drop_table("subject_access_requests")

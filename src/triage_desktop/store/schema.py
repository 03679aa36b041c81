"""The schema as SQLAlchemy Core tables: what Alembic's `upgrade head` must produce.

Imported only by the migration code (SQLAlchemy costs ~0.25 s to import); the repositories speak
plain SQL through the same sqlcipher3 connection. The FTS5 table and the audit triggers are not
expressible here; the migrations create them and the schema test checks them by name.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Table,
    Text,
)

metadata = MetaData()

vault_meta = Table(
    "vault_meta",
    metadata,
    Column("key", Text, primary_key=True),
    Column("value", Text, nullable=False),
)

officers = Table(
    "officers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("role", Text, nullable=False),
    Column("email", Text, nullable=False, server_default=""),
    Column("created_at", Text, nullable=False),
)

reference_counters = Table(
    "reference_counters",
    metadata,
    Column("year", Integer, primary_key=True),
    Column("last_sequence", Integer, nullable=False),
)

cases = Table(
    "cases",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("reference", Text, nullable=False, unique=True),
    Column("reference_year", Integer, nullable=False),
    Column("reference_sequence", Integer, nullable=False),
    Column("received_at", Text, nullable=False),
    Column("source", Text, nullable=False),
    Column("anonymous", Boolean, nullable=False),
    Column("reporter_name", Text, nullable=False),
    Column("reporter_status", Text, nullable=False),
    Column("reporter_email", Text, nullable=False),
    Column("reporter_phone", Text, nullable=False),
    Column("reporter_notes", Text, nullable=False),
    Column("respondents_json", Text, nullable=False),
    Column("behaviour_categories_json", Text, nullable=False),
    Column("protected_characteristics_json", Text, nullable=False),
    Column("incident_dates_json", Text, nullable=False),
    Column("incident_notes", Text, nullable=False),
    Column("location_kind", Text, nullable=False),
    Column("location_detail", Text, nullable=False),
    Column("description", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("contact_by", Text, nullable=True),
    Column("assigned_officer_id", Integer, ForeignKey("officers.id"), nullable=True),
    Column("policy_version", Text, nullable=False),
    Column("created_at", Text, nullable=False),
    Column("updated_at", Text, nullable=False),
    Column("closed_at", Text, nullable=True),
    Column("legal_hold", Boolean, nullable=False, server_default="0"),
    Column("first_contact_on", Text, nullable=True),
    Column("first_contact_method", Text, nullable=True),
    Index("ix_cases_status", "status"),
    Index("ix_cases_received_at", "received_at"),
    Index("ix_cases_contact_by", "contact_by"),
    Index("ix_cases_assigned_officer_id", "assigned_officer_id"),
)

meetings = Table(
    "meetings",
    metadata,
    Column("case_id", Integer, ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
    Column("step", Text, nullable=False),
    Column("state", Text, nullable=False),
    Column("record_json", Text, nullable=False),
    Column("updated_at", Text, nullable=False),
)

next_steps = Table(
    "next_steps",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("case_id", Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("owner", Text, nullable=False),
    Column("due", Text, nullable=True),
    Column("done", Boolean, nullable=False),
    Index("ix_next_steps_case_id", "case_id"),
)

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("case_id", Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False),
    Column("kind", Text, nullable=False),
    Column("created_at", Text, nullable=False),
    Column("sha256", Text, nullable=False),
    Column("pdf", LargeBinary, nullable=False),
    Index("ix_documents_case_id", "case_id"),
)

settings = Table(
    "settings",
    metadata,
    Column("key", Text, primary_key=True),
    Column("value_json", Text, nullable=False),
)

secrets = Table(
    "secrets",
    metadata,
    Column("name", Text, primary_key=True),
    Column("value", LargeBinary, nullable=False),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("seq", Integer, primary_key=True),
    Column("at", Text, nullable=False),
    Column("officer_id", Integer, nullable=True),
    Column("action", Text, nullable=False),
    Column("case_reference", Text, nullable=False),
    Column("content_hash", Text, nullable=False),
    Column("prev_hash", Text, nullable=False),
    Column("entry_hash", Text, nullable=False),
    Index("ix_audit_log_case_reference", "case_reference"),
)

# Reports imported from the Support and Report tool (migration 0004). `report_imports` is one
# row per import; `imported_reports` is the ledger of every source id the vault has taken in,
# kept after its case is purged (case_id set to NULL) so a re-import never brings it back;
# `report_origins` holds what the report said, and goes with its case.
report_imports = Table(
    "report_imports",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", Text, nullable=False),
    Column("officer_id", Integer, nullable=True),
    Column("file_sha256", Text, nullable=False),
    Column("file_format", Text, nullable=False),
    Column("schema_version", Text, nullable=False),
    Column("mapping_version", Text, nullable=False),
    Column("reports", Integer, nullable=False),
    Column("created", Integer, nullable=False),
    Column("duplicates", Integer, nullable=False),
)

imported_reports = Table(
    "imported_reports",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source", Text, nullable=False),
    Column("source_report_id", Text, nullable=False),
    Column("import_id", Integer, ForeignKey("report_imports.id"), nullable=False),
    Column("case_id", Integer, ForeignKey("cases.id", ondelete="SET NULL"), nullable=True),
    Column("case_reference", Text, nullable=False),
    Index("ux_imported_reports_source_id", "source", "source_report_id", unique=True),
    Index("ix_imported_reports_case_id", "case_id"),
)

report_origins = Table(
    "report_origins",
    metadata,
    Column("case_id", Integer, ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
    Column("submitted_at", Text, nullable=False),
    Column("route", Text, nullable=False),
    Column("on_behalf_of", Text, nullable=False),
    Column("department", Text, nullable=False),
    Column("preferred_service", Text, nullable=False),
    Column("excluded_people_json", Text, nullable=False),
    Column("incident_dates_json", Text, nullable=False),
    Column("locations", Text, nullable=False),
    Index("ix_report_origins_department", "department"),
)

FTS_TABLE = "case_fts"
AUDIT_TRIGGERS = ("audit_log_no_update", "audit_log_no_delete")

# Subject access requests (migration 0005): every row goes with its case or its request.
subject_access_requests = Table(
    "subject_access_requests",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("reference", Text, nullable=False, unique=True),
    Column("requester_name", Text, nullable=False),
    Column("received_on", Text, nullable=False),
    Column("extended", Boolean, nullable=False, server_default="0"),
    Column("extension_reason", Text, nullable=False, server_default=""),
    Column("status", Text, nullable=False),
    Column("other_names_json", Text, nullable=False, server_default="[]"),
    Column("created_at", Text, nullable=False),
    Column("updated_at", Text, nullable=False),
    Column("completed_on", Text, nullable=True),
)

subject_access_cases = Table(
    "subject_access_cases",
    metadata,
    Column(
        "request_id",
        Integer,
        ForeignKey("subject_access_requests.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("case_id", Integer, ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
    Column("role", Text, nullable=False),
    Index("ix_subject_access_cases_case_id", "case_id"),
)

subject_access_decisions = Table(
    "subject_access_decisions",
    metadata,
    Column(
        "request_id",
        Integer,
        ForeignKey("subject_access_requests.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("case_id", Integer, ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
    Column("passage", Text, primary_key=True),
    Column("person", Text, primary_key=True),
    Column("choice", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("text_sha256", Text, nullable=False),
    Column("decided_at", Text, nullable=False),
    Index("ix_subject_access_decisions_case_id", "case_id"),
)

subject_access_packs = Table(
    "subject_access_packs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "request_id",
        Integer,
        ForeignKey("subject_access_requests.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("created_at", Text, nullable=False),
    Column("sha256", Text, nullable=False),
    Column("pdf", LargeBinary, nullable=False),
    Column("redaction_log_json", Text, nullable=False),
    Column("chain_head", Text, nullable=False),
    Index("ix_subject_access_packs_request_id", "request_id"),
)

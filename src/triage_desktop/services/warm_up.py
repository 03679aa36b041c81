"""The work a feature does only the first time in a process, done ahead of time.

The desktop app runs these on a background thread of their own (gui/warm_up.py) before the officer
asks for the feature, so that the first vault, the first intake form and the first signed summary
are as quick as every later one (DESIGN.md, Performance). Each one only loads code and read-only
data (modules, the policy file, the bank-holiday tables, fonts) or works on fictional sample data
in memory: none opens the vault, writes a file or sees case data, so running one early, twice,
or at the same time as the real work is harmless (imports and the caches take their own locks).
"""

from __future__ import annotations

from datetime import date


def vault_creation() -> None:
    """What creating a vault needs beyond the key derivation: SQLAlchemy, Alembic and the
    migration scripts' imports (~1 s of pure Python on the reference laptop)."""
    from triage_desktop.store import migrate

    migrate.load_tooling()


def workspace_data() -> None:
    """The policy catalogue and the working-day calendar the intake form shows first (the TOML
    policy file and the `holidays` tables, ~0.3 s)."""
    from triage_desktop.policy.calendar import contact_by
    from triage_desktop.policy.catalogue import load_policy

    load_policy()
    contact_by(date.today())


def documents() -> None:
    """A fictional summary and letter rendered and signed in memory with a throwaway identity,
    then dropped: reportlab, the fonts (parsed once per process), Jinja2 and pyHanko are loaded
    by the same code the first real signature runs, so no list of modules has to be kept here."""
    from triage_desktop.documents.identity import create_self_issued
    from triage_desktop.documents.letters import render_letter
    from triage_desktop.documents.samples import sample_letter, sample_summary
    from triage_desktop.documents.signing import sign_pdf
    from triage_desktop.documents.summary import render_summary

    identity = create_self_issued("Warm-up", "Warm-up", "Triage Desk")
    sign_pdf(render_summary(sample_summary()), identity, reason="warm-up")
    sign_pdf(render_letter(sample_letter()), identity, reason="warm-up")

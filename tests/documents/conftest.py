"""A signing identity and signed sample documents, made once per test session (all fictional)."""

from __future__ import annotations

import pytest

from triage_desktop.documents.identity import SigningIdentity, create_self_issued


@pytest.fixture(scope="session")
def identity() -> SigningIdentity:
    return create_self_issued(
        "Zoë Ångström", "Dignity and Respect Liaison and Resolution Officer", "University of Bath"
    )


@pytest.fixture(scope="session")
def signed_summary(identity: SigningIdentity) -> bytes:
    from triage_desktop.documents.samples import sample_summary
    from triage_desktop.documents.signing import sign_pdf
    from triage_desktop.documents.summary import render_summary

    return sign_pdf(render_summary(sample_summary()), identity, reason="Triage summary")

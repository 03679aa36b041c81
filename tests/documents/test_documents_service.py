"""DocumentsService over a real vault: identity kept in the vault, PDFs stored signed."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from tests.documents.pdftools import pdftotext, pdftotext_result
from tests.support.vaults import create_vault, details
from triage_desktop.documents.content import LetterKind
from triage_desktop.documents.identity import create_self_issued, from_pkcs12
from triage_desktop.documents.samples import sample_letter, sample_summary
from triage_desktop.documents.verification import load_trusted_certificates, verify_pdf
from triage_desktop.services.documents_service import (
    DocumentsService,
    NoSigningIdentity,
    from_stored,
    to_stored,
)


@pytest.fixture
def service(tmp_path: Path) -> DocumentsService:
    vault, _ = create_vault(tmp_path / "vault", use_keychain=False)
    return DocumentsService(vault)


def test_identity_round_trips_through_the_vault_format() -> None:
    identity = create_self_issued("Zoë Ångström", "DRLRO", "University of Bath")
    assert from_stored(to_stored(identity)) == identity
    imported = from_pkcs12(identity.to_pkcs12(b"pw"), b"pw")
    assert from_stored(to_stored(imported)).certificate_der == identity.certificate_der


def test_signing_needs_an_identity_first(service: DocumentsService) -> None:
    case = service.vault.create_case(details())
    with pytest.raises(NoSigningIdentity, match="no signing certificate yet"):
        service.sign_summary(case.id, sample_summary())


def test_summary_is_signed_stamped_with_the_audit_head_and_stored(
    service: DocumentsService,
) -> None:
    identity = service.set_up_identity("Zoë Ångström", "DRLRO", "University of Bath")
    assert service.signing_identity() == identity
    case = service.vault.create_case(details())
    head = service.vault.audit_head()
    stored, signed = service.sign_summary(case.id, sample_summary())
    assert stored.sha256 == hashlib.sha256(signed).hexdigest()
    assert head.replace(" ", "") in pdftotext(signed).replace(" ", "")
    _, fetched = service.vault.fetch_document(stored.id)
    assert fetched == signed
    trusted = load_trusted_certificates(service.certificate_pem())
    assert verify_pdf(fetched, trusted_certificates=trusted).ok


def test_letter_is_signed_and_stored_by_kind(service: DocumentsService) -> None:
    service.set_up_identity("Zoë Ångström", "DRLRO", "University of Bath")
    case = service.vault.create_case(details())
    stored, signed = service.sign_letter(case.id, sample_letter(LetterKind.FORMAL_PROCESS))
    assert stored.kind == "letter:formal_process"
    assert verify_pdf(signed).ok


def test_protected_export_is_owner_only_encrypted_and_audited(
    service: DocumentsService, tmp_path: Path
) -> None:
    service.set_up_identity("Zoë Ångström", "DRLRO", "University of Bath")
    case = service.vault.create_case(details())
    before = len(service.vault.audit_entries(case.id))
    target = service.export_protected_letter(
        case.id, sample_letter(), "a long password", tmp_path / "letter.pdf"
    )
    data = target.read_bytes()
    assert target.stat().st_mode & 0o077 == 0
    assert pdftotext_result(data).returncode != 0
    assert "Support available to you" in pdftotext(data, "-upw", "a long password")
    assert len(service.vault.audit_entries(case.id)) == before + 1


def test_renewal_replaces_the_identity_only_when_due(service: DocumentsService) -> None:
    identity = service.set_up_identity("张伟", "HR Advisor", "University of Bath")
    assert service.renew_identity_if_due() is None
    later = identity.not_after - dt.timedelta(days=10)
    renewed = service.renew_identity_if_due(now=later)
    assert renewed is not None
    assert service.signing_identity() == renewed


def test_a_draft_summary_is_refused_and_nothing_is_stored(service: DocumentsService) -> None:
    import dataclasses

    from triage_desktop.documents.errors import ContentError

    service.set_up_identity("Zoë Ångström", "DRLRO", "University of Bath")
    case = service.vault.create_case(details())
    draft = dataclasses.replace(sample_summary(), draft=True)
    with pytest.raises(ContentError, match="draft"):
        service.sign_summary(case.id, draft)
    assert service.vault.list_documents(case.id) == []


def test_a_dismissal_letter_without_its_explanation_is_refused_and_not_stored(
    service: DocumentsService,
) -> None:
    import dataclasses

    from triage_desktop.documents.errors import ContentError

    service.set_up_identity("Zoë Ångström", "DRLRO", "University of Bath")
    case = service.vault.create_case(details())
    letter = dataclasses.replace(sample_letter(LetterKind.DISMISSAL), outcome_explanation="")
    with pytest.raises(ContentError, match="explanation written for the person"):
        service.sign_letter(case.id, letter)
    assert service.vault.list_documents(case.id) == []

"""What the settings dialog shows, read in one go on a worker thread (never on the GUI thread)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from triage_desktop.cases.model import CaseFilter
from triage_desktop.policy.model import SupportDirectory
from triage_desktop.services.settings import VaultSettings

if TYPE_CHECKING:
    from triage_desktop.services.session import VaultService

PAGE = 1_000


@dataclass(frozen=True)
class CertificateInfo:
    """The officer's certificate as the officer should see it (no key material)."""

    subject: str
    issuer: str
    not_before: dt.datetime
    not_after: dt.datetime
    fingerprint: str
    source: str  # "self-issued" or "imported"
    needs_renewal: bool


@dataclass(frozen=True)
class HeldCase:
    reference: str
    status: str


@dataclass(frozen=True)
class TemplateReport:
    """What a letter-template folder does: the shipped templates it replaces, and any problem
    found by rendering every letter kind with fictional sample content."""

    folder: str | None
    overrides: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class SettingsSnapshot:
    settings: VaultSettings
    keychain_backend: str
    policy_directory: SupportDirectory
    certificate: CertificateInfo | None
    held_cases: tuple[HeldCase, ...]
    templates: TemplateReport


def load_snapshot(service: VaultService) -> SettingsSnapshot:
    from triage_desktop.policy.catalogue import load_policy

    settings = service.settings()
    folder = settings.letter_template_folder
    return SettingsSnapshot(
        settings=settings,
        keychain_backend=service.keychain_backend(),
        policy_directory=load_policy().support,
        certificate=certificate_info(service),
        held_cases=held_cases(service),
        templates=template_report(Path(folder) if folder else None),
    )


def held_cases(service: VaultService) -> tuple[HeldCase, ...]:
    """Every case under legal hold, paged through the case list (no filter for holds yet)."""
    found: list[HeldCase] = []
    offset = 0
    while True:
        rows = service.list_cases(CaseFilter(), offset=offset, limit=PAGE)
        found.extend(HeldCase(r.reference, r.status.value) for r in rows if r.legal_hold)
        if len(rows) < PAGE:
            return tuple(sorted(found, key=lambda held: held.reference))
        offset += PAGE


def certificate_info(service: VaultService) -> CertificateInfo | None:
    from cryptography import x509

    from triage_desktop.services.documents_service import DocumentsService

    identity = DocumentsService(service).signing_identity()
    if identity is None:
        return None
    certificate = x509.load_der_x509_certificate(identity.certificate_der)
    return CertificateInfo(
        subject=readable_name(certificate.subject),
        issuer=readable_name(certificate.issuer),
        not_before=identity.not_before,
        not_after=identity.not_after,
        fingerprint=identity.fingerprint,
        source=identity.source,
        needs_renewal=identity.needs_renewal(),
    )


def readable_name(name: Any) -> str:
    """ "Officer Fictional, DRLRO, University of Example" rather than an RFC 4514 string."""
    from cryptography.x509.oid import NameOID

    wanted = (
        NameOID.COMMON_NAME,
        NameOID.TITLE,
        NameOID.ORGANIZATIONAL_UNIT_NAME,
        NameOID.ORGANIZATION_NAME,
        NameOID.EMAIL_ADDRESS,
    )
    parts = [str(a.value) for oid in wanted for a in name.get_attributes_for_oid(oid)]
    return ", ".join(parts) or str(name.rfc4514_string())


def template_report(folder: Path | None) -> TemplateReport:
    from triage_desktop.documents.samples import sample_letter
    from triage_desktop.documents.templates import check_templates

    if folder is None:
        return TemplateReport(None)
    if not folder.is_dir():
        return TemplateReport(str(folder), problems=(f"The folder {folder} cannot be found.",))
    overrides = template_overrides(folder)
    problems = check_templates(folder, sample_letter()) if overrides else []
    return TemplateReport(str(folder), overrides, tuple(problems))


def template_overrides(folder: Path) -> tuple[str, ...]:
    """The shipped letter templates that `folder` replaces (same file name), sorted."""
    from triage_desktop.documents.templates import SUFFIX, shipped_folder

    if not folder.is_dir():
        return ()
    shipped = {p.name for p in shipped_folder().glob(f"*{SUFFIX}")}
    return tuple(sorted(p.name for p in folder.glob(f"*{SUFFIX}") if p.name in shipped))

"""Helpers for vault tests: fictional case details and cheaply-derived test vaults."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from triage_desktop.cases.model import (
    CaseDetails,
    Location,
    LocationKind,
    OfficerRole,
    Reporter,
    ReporterStatus,
    ReportSource,
    Respondent,
    RespondentType,
)
from triage_desktop.services.session import OfficerProfile, VaultService
from triage_desktop.vault import kdf
from triage_desktop.vault.kdf import CHEAP_FOR_TESTS

# Test processes (and the child processes the crash tests start, which import this module) use
# cheap Argon2 parameters everywhere: as the floor a slot must reach, and for every new slot.
# The tests of the real floor and standard put the real values back (tests/vault/test_kdf.py).
REAL_MINIMUM, REAL_STANDARD = kdf.MINIMUM, kdf.STANDARD
kdf.MINIMUM = kdf.STANDARD = CHEAP_FOR_TESTS

PASSPHRASE = "correct horse battery staple"
OFFICER = OfficerProfile("Officer Fictional", OfficerRole.DRLRO, "officer@example.ac.uk")


def details(
    marker: str = "",
    *,
    reporter: str = "Alex Example",
    received: datetime | None = None,
    anonymous: bool = False,
    description: str = "A fictional concern raised for testing.",
) -> CaseDetails:
    """Fictional case details; `marker` is put into every text field."""
    suffix = f" {marker}" if marker else ""
    return CaseDetails(
        received_at=received or datetime(2026, 4, 2, 10, 30, tzinfo=UTC),
        source=ReportSource.EMAIL,
        anonymous=anonymous,
        reporter=Reporter(
            name=reporter + suffix,
            status=ReporterStatus.UNDERGRADUATE,
            email=f"reporter{marker.lower()}@example.ac.uk",
            phone="01234 567890" + suffix,
            notes="prefers email" + suffix,
        ),
        respondents=(
            Respondent(RespondentType.STUDENT, "Sam Sample" + suffix, "same course" + suffix),
            Respondent(RespondentType.STAFF, "Dr Placeholder" + suffix, "tutor" + suffix),
        ),
        location=Location(LocationKind.ONLINE, "group chat" + suffix),
        description=description + suffix,
        policy_version="2.0",
        behaviour_categories=("harassment",),
        protected_characteristics=("race",),
        incident_dates=(date(2026, 3, 30),),
        incident_notes="over several weeks" + suffix,
    )


def create_vault_for_the_installed_command(folder: Path) -> Path:
    """A locked vault whose slots meet the real Argon2 floor, for tests that run the installed
    `triage-desktop` (a child process that keeps the real floor, as an officer's would)."""
    service = VaultService(folder)
    service.create(OFFICER, PASSPHRASE, use_keychain=False, kdf=REAL_STANDARD)
    service.lock()
    return folder


def create_vault(folder: Path, *, use_keychain: bool = True) -> tuple[VaultService, str]:
    """A new, unlocked vault with cheap KDF parameters; returns it and its recovery key."""
    service = VaultService(folder)
    recovery = service.create(OFFICER, PASSPHRASE, use_keychain=use_keychain, kdf=CHEAP_FOR_TESTS)
    return service, recovery

"""The meeting's vault work, for the meeting screen's worker threads: open, save, draft, sign,
change after signing, export.

What the record means (routing, consent, blockers, the reporter view) is in `meeting_content`;
the summary and letter in `meeting_documents`; the record itself in `cases.meeting`. Every call
here takes and returns a `Meeting`; a record handed in as plain JSON is read strictly, so a wrong
type is refused by name rather than stored.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from triage_desktop.cases.model import Case, CaseStatus, MeetingRecord
from triage_desktop.cases.model import NextStep as CaseNextStep
from triage_desktop.documents import content as dc
from triage_desktop.meeting import Meeting, SignedVersion, Step, StepState
from triage_desktop.meeting import derived as d
from triage_desktop.services import meeting_content, meeting_documents
from triage_desktop.services.errors import VaultError

if TYPE_CHECKING:
    from triage_desktop.cases.model import StoredDocument
    from triage_desktop.policy.model import Policy, SupportDirectory
    from triage_desktop.services.session import VaultService
    from triage_desktop.services.settings import VaultSettings

ACTION_STATUS = {
    "informal_resolution": CaseStatus.REFERRED,
    "formal_process": CaseStatus.REFERRED,
    "alternative_process": CaseStatus.REFERRED,
    "no_further_action": CaseStatus.CLOSED,
    "dismiss": CaseStatus.CLOSED,
}


class AlreadySigned(VaultError):  # noqa: N818
    """The meeting is signed: a change starts a new version (`reopen`), never a silent copy."""


@dataclass(frozen=True)
class Signer:
    name: str
    role: str
    organisation: str


@dataclass(frozen=True)
class OpenedMeeting:
    """Everything the screen needs, loaded on a worker."""

    case: Case
    meeting: Meeting
    policy: Policy
    directory: SupportDirectory  # the support directory in use (with the officer's corrections)
    settings: VaultSettings
    signer: Signer | None
    officer_name: str  # who acknowledges a safety alert, in the summary
    documents: dict[str, bytes] = field(default_factory=dict)  # "summary"/"letter" -> PDF


def as_meeting(record: Meeting | Mapping[str, Any]) -> Meeting:
    """A copy of `record` as a Meeting; plain JSON is read strictly (refused by name if wrong)."""
    if isinstance(record, Meeting):
        return record.copy()
    return Meeting.from_json(record, strict=True)


def _signer(vault: VaultService) -> Signer | None:
    from triage_desktop.services.documents_service import DocumentsService

    identity = DocumentsService(vault).signing_identity()
    if identity is None:
        return None
    return Signer(identity.common_name, identity.role, identity.organisation)


def _directory(policy: Policy, settings: VaultSettings) -> SupportDirectory:
    from triage_desktop.services.support import directory_in_use

    return directory_in_use(policy, settings.support_directory_overrides)


def _officer_name(vault: VaultService) -> str:
    return next((o.name for o in vault.officers() if o.id == vault.officer_id), "The officer")


def open_meeting(vault: VaultService, case_id: int) -> OpenedMeeting:
    """Load the case and its meeting (a new one starts from intake's account); a case still
    awaiting contact moves to 'meeting arranged'."""
    from triage_desktop.policy.catalogue import load_policy

    case = vault.get_case(case_id)
    stored = vault.load_meeting(case_id)
    if stored is None:
        meeting = Meeting()
        d.seed_from_intake(meeting, case)
    else:
        meeting = Meeting.from_json(stored.record)
    if case.status == CaseStatus.AWAITING_CONTACT:
        case = vault.set_status(case_id, CaseStatus.MEETING_ARRANGED)
    documents = {kind: _fetch(vault, case_id, version) for kind, version in meeting.signed.items()}
    policy = load_policy(case.details.policy_version)
    settings = vault.settings()
    officer = _officer_name(vault)
    return OpenedMeeting(
        case,
        meeting,
        policy,
        _directory(policy, settings),
        settings,
        _signer(vault),
        officer,
        documents,
    )


def _fetch(vault: VaultService, case_id: int, version: SignedVersion) -> bytes:
    """A signed version's PDF, found by its SHA-256 (or, in version 1 records, its id)."""
    return vault.fetch_document(_document_id(vault, case_id, version))[1]


def _document_id(vault: VaultService, case_id: int, version: SignedVersion) -> int:
    for stored in vault.list_documents(case_id):
        if stored.sha256 == version.sha256 or stored.id == version.document_id:
            return stored.id
    raise VaultError(f"The signed {version.kind} of this meeting is missing from the vault.")


def save(vault: VaultService, case_id: int, record: Meeting | Mapping[str, Any]) -> MeetingRecord:
    meeting = as_meeting(record)
    return vault.save_meeting(
        case_id,
        step=meeting.current_step.value,
        state=meeting.overall_state(),
        record=meeting.to_json(),
    )


def set_up_identity(vault: VaultService, name: str, role: str, organisation: str) -> Signer:
    from triage_desktop.services.documents_service import DocumentsService

    identity = DocumentsService(vault).set_up_identity(name, role, organisation)
    return Signer(identity.common_name, identity.role, identity.organisation)


def _summary(
    vault: VaultService, case: Case, meeting: Meeting, document_id: str, *, draft: bool = False
) -> dc.SummaryContent:
    from triage_desktop.policy.catalogue import load_policy

    signer = _signer(vault)
    if signer is None and not draft:
        from triage_desktop.services.documents_service import NoSigningIdentity

        raise NoSigningIdentity(
            "There is no signing certificate yet: create one in Settings, or import the "
            "University's."
        )
    if signer is None:  # a draft needs no certificate: it is never signed
        signer = Signer(_officer_name(vault), "", "")
    policy = load_policy(case.details.policy_version)
    return meeting_documents.summary_content(
        case,
        meeting,
        policy,
        _directory(policy, vault.settings()),
        officer=dc.Person(signer.name, signer.role),
        organisation=signer.organisation,
        document_id=document_id,
        meeting_on=meeting.meeting_on or dt.date.today(),
        draft=draft,
    )


def render_draft(vault: VaultService, case_id: int, record: Meeting | Mapping[str, Any]) -> bytes:
    """The summary as it would be signed now, unsigned, for reading on screen (never stored)."""
    from triage_desktop.documents.summary import render_draft as render

    meeting = as_meeting(record)
    case = vault.get_case(case_id)
    return render(_summary(vault, case, meeting, "draft", draft=True))


@dataclass(frozen=True)
class Signed:
    document: StoredDocument
    pdf: bytes
    meeting: Meeting
    case: Case
    seconds: float


def _next_version(meeting: Meeting, kind: str) -> tuple[int, str]:
    """The version number the next signed `kind` gets, and the uuid it supersedes ("" if none)."""
    current = meeting.signed.get(kind)
    if current is None:
        return 1, ""
    return current.version + 1, current.uuid


def _supersede(meeting: Meeting, kind: str) -> None:
    current = meeting.signed.pop(kind, None)
    if current is not None:
        meeting.superseded.append(current)


def sign_summary(vault: VaultService, case_id: int, record: Meeting | Mapping[str, Any]) -> Signed:
    """Render and sign the summary, keep it, save the record and mark the case triaged. A second
    signature only follows `reopen`, and then names the version it supersedes."""
    from triage_desktop.policy.catalogue import load_policy
    from triage_desktop.services.documents_service import DocumentsService

    started = time.perf_counter()
    meeting = as_meeting(record)
    if meeting.is_signed:
        raise AlreadySigned(
            "This meeting is already signed. Choose 'Change after signing' to make a new version."
        )
    case = vault.get_case(case_id)
    blockers = meeting_content.sign_blockers(
        case, meeting, load_policy(case.details.policy_version)
    )
    if blockers:
        raise VaultError(" ".join(blockers))
    meeting.states[Step.REVIEW] = StepState.DONE
    meeting.meeting_on = meeting.meeting_on or dt.date.today()
    version, supersedes = _next_version(meeting, "summary")
    uuid = dc.new_document_id()
    summary = _summary(vault, case, meeting, uuid)
    summary = _versioned(summary, version, supersedes)
    signed = DocumentsService(vault).signed_summary(summary)
    _supersede(meeting, "summary")
    if meeting.letter is not None:  # the letter followed the old summary: it goes with it
        _supersede(meeting, "letter")
    meeting.signed["summary"] = SignedVersion(
        "summary", _sha256(signed.pdf), uuid, version, dt.date.today(), summary.officer_decision
    )
    meeting.reopened = False
    stored = vault.record_signed_document(  # the document, record, steps and status: all or none
        case_id,
        signed.kind,
        signed.pdf,
        chain_head=signed.chain_head,
        meeting=_stored_record(case_id, meeting),
        status=CaseStatus.TRIAGED,
        next_steps=[CaseNextStep(s.action, s.owner, s.due) for s in summary.next_steps],
        expected_updated_at=case.updated_at,
    )
    case = vault.get_case(case_id)
    return Signed(stored, signed.pdf, meeting, case, time.perf_counter() - started)


def _sha256(pdf: bytes) -> str:
    import hashlib

    return hashlib.sha256(pdf).hexdigest()


def _stored_record(case_id: int, meeting: Meeting) -> MeetingRecord:
    return MeetingRecord(
        case_id, meeting.current_step.value, meeting.overall_state(), meeting.to_json()
    )


def _versioned(content: Any, version: int, supersedes: str) -> Any:
    """The summary or letter with its version number and the document id it replaces."""
    return dataclasses.replace(content, version=version, supersedes=supersedes)


def _letter(vault: VaultService, case: Case, meeting: Meeting, uuid: str) -> dc.LetterContent:
    from triage_desktop.policy.catalogue import load_policy

    if meeting.summary is None:
        raise VaultError("Sign the summary first: the letter follows from it.")
    summary = _summary(vault, case, meeting, meeting.summary.uuid)
    policy = load_policy(case.details.policy_version)
    return meeting_documents.letter_content(
        case,
        meeting,
        summary,
        policy,
        _directory(policy, vault.settings()),
        letter_date=meeting.letter.signed_on if meeting.letter else dt.date.today(),
        document_id=uuid,
    )


def sign_letter(vault: VaultService, case_id: int, record: Meeting | Mapping[str, Any]) -> Signed:
    """The outcome letter for the signed decision; the case moves to referred or closed."""
    from triage_desktop.services.documents_service import DocumentsService

    started = time.perf_counter()
    meeting = as_meeting(record)
    if meeting.summary is None or meeting.reopened:
        raise VaultError("Sign the summary first: the letter follows from it.")
    if meeting.letter is not None:
        raise AlreadySigned("The letter for this summary is already signed.")
    case = vault.get_case(case_id)
    version, supersedes = 1, ""
    earlier = [v for v in meeting.superseded if v.kind == "letter"]
    if earlier:
        version, supersedes = earlier[-1].version + 1, earlier[-1].uuid
    uuid = dc.new_document_id()
    letter = _versioned(_letter(vault, case, meeting, uuid), version, supersedes)
    signed = DocumentsService(vault).signed_letter(letter)
    meeting.signed["letter"] = SignedVersion(
        "letter", _sha256(signed.pdf), uuid, version, dt.date.today()
    )
    stored = vault.record_signed_document(
        case_id,
        signed.kind,
        signed.pdf,
        meeting=_stored_record(case_id, meeting),
        status=ACTION_STATUS.get(meeting.summary.decision, CaseStatus.TRIAGED),
        expected_updated_at=case.updated_at,
    )
    case = vault.get_case(case_id)
    return Signed(stored, signed.pdf, meeting, case, time.perf_counter() - started)


def reopen(vault: VaultService, case_id: int, record: Meeting | Mapping[str, Any]) -> Meeting:
    """Start a change after signing: the record becomes editable; the signed versions stay in
    the vault, and the next signature supersedes them."""
    meeting = as_meeting(record)
    if meeting.summary is None:
        return meeting
    meeting.reopened = True
    meeting.states[Step.REVIEW] = StepState.IN_PROGRESS
    save(vault, case_id, meeting)
    return meeting


def export_letter(
    vault: VaultService,
    case_id: int,
    record: Meeting | Mapping[str, Any],
    destination: Path,
    password: str = "",
) -> Path:
    """The signed letter as a file: a copy of the stored one, or a password-protected one."""
    from triage_desktop.services.documents_service import DocumentsService

    meeting = as_meeting(record)
    if meeting.letter is None:
        raise VaultError("Sign the letter before exporting it.")
    if not password:
        return vault.export_document(_document_id(vault, case_id, meeting.letter), destination)
    case = vault.get_case(case_id)
    letter = _letter(vault, case, meeting, meeting.letter.uuid)
    return DocumentsService(vault).export_protected_letter(case_id, letter, password, destination)

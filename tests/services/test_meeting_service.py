"""The triage meeting's record through the policy engine, the documents and the vault (no GUI)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.documents.pdftools import pdftotext
from tests.support.meetings import MARK, filled_meeting
from tests.support.vaults import create_vault, details
from triage_desktop.cases.model import Case, CaseStatus
from triage_desktop.cases.text import InvalidFieldError
from triage_desktop.meeting import Consent, Meeting
from triage_desktop.meeting import derived as d
from triage_desktop.meeting import schema as m
from triage_desktop.policy.catalogue import load_policy
from triage_desktop.services import meeting_content as mc
from triage_desktop.services import meeting_service as ms
from triage_desktop.services.documents_service import DocumentsService
from triage_desktop.services.errors import VaultError
from triage_desktop.services.session import VaultService

POLICY = load_policy()


@pytest.fixture
def vault_with_case(tmp_path: Path) -> Iterator[tuple[VaultService, Case]]:
    service, _ = create_vault(tmp_path / "vault", use_keychain=False)
    case = service.create_case(details(reporter="Zoë Ångström"))
    DocumentsService(service).set_up_identity(
        "Officer Fictional", "Dignity and Respect Liaison and Resolution Officer", "University"
    )
    yield service, case
    service.lock()


def test_opening_seeds_the_account_from_intake_and_resumes(
    vault_with_case: tuple[VaultService, Case],
) -> None:
    service, case = vault_with_case
    opened = ms.open_meeting(service, case.id)
    assert opened.case.status is CaseStatus.MEETING_ARRANGED
    meeting = opened.meeting
    assert meeting.current_step is m.Step.OPENING
    assert meeting.text(m.WHERE) == "group chat"  # from intake's location
    assert meeting.date(m.FIRST_INCIDENT) == dt.date(2026, 3, 30)
    assert meeting.flag(m.BEHAVIOUR.field("harassment", ""))
    assert [kind for _e, kind in d.respondent_types(meeting, case)] == ["student", "staff"]
    ms.save(service, case.id, filled_meeting())
    again = ms.open_meeting(service, case.id).meeting
    assert again.to_json() == filled_meeting().to_json()
    assert again.current_step is m.Step.REVIEW


def test_the_service_api_refuses_a_wrongly_typed_record_by_name(
    vault_with_case: tuple[VaultService, Case],
) -> None:
    service, case = vault_with_case
    with pytest.raises(InvalidFieldError, match="severity: must be one of"):
        ms.save(service, case.id, {"version": 2, "values": {"severity": "catastrophic"}})
    with pytest.raises(InvalidFieldError, match="where: contains characters"):
        ms.save(service, case.id, {"version": 2, "values": {"where": "x\udc80"}})
    assert service.load_meeting(case.id) is None  # nothing was stored


def test_a_red_flag_answer_raises_the_alert_until_acknowledged() -> None:
    meeting = Meeting()
    assert d.red_flags(meeting, POLICY) == ()
    meeting.set(m.RISK_ANSWER.field("safe_now", ""), "no")
    meeting.set(m.RISK_ANSWER.field("immediate_danger", ""), "yes")
    flags = d.unacknowledged_red_flags(meeting, POLICY)
    assert [f.question for f in flags] == [
        "Do you feel safe right now?",
        "Is anyone in immediate danger?",
    ]
    meeting.acknowledge_safety(tuple(f.key for f in flags), "Officer", dt.datetime.now(dt.UTC))
    assert d.unacknowledged_red_flags(meeting, POLICY) == ()
    meeting.set(m.RISK_ANSWER.field("medical_need", ""), "yes")  # a new one shows again
    assert [f.key for f in d.unacknowledged_red_flags(meeting, POLICY)] == [
        m.RISK_ANSWER.key("medical_need")
    ]


def test_routing_follows_the_policy_and_a_different_decision_needs_a_reason(
    vault_with_case: tuple[VaultService, Case],
) -> None:
    service, case = vault_with_case
    meeting = filled_meeting()
    route = mc.routing(case, meeting, POLICY)
    assert [r.recommendation.action for r in route.routes] == ["informal_resolution"] * 2
    assert route.consent is Consent.REPORTER_CHOSE
    assert mc.sign_blockers(case, meeting, POLICY) == []
    meeting.set(m.DECISION, "formal_process")
    assert any("reason" in b for b in mc.sign_blockers(case, meeting, POLICY))
    meeting.set(m.DECISION_REASON, "The pattern needs a formal look.")
    assert any("agreed to" in b for b in mc.sign_blockers(case, meeting, POLICY))
    with pytest.raises(VaultError, match="agreed to"):
        ms.sign_summary(service, case.id, meeting)
    meeting.set(m.REPORTER_AGREEMENT, "I am happy for it to go formal")
    assert mc.routing(case, meeting, POLICY).consent is Consent.REPORTER_AGREED
    assert mc.sign_blockers(case, meeting, POLICY) == []


def test_acting_without_consent_needs_high_concern_and_a_justification(
    vault_with_case: tuple[VaultService, Case],
) -> None:
    _service, case = vault_with_case
    meeting = filled_meeting()
    meeting.set(m.DECISION, "formal_process")
    meeting.set(m.DECISION_REASON, "risk")
    meeting.set(m.ACT_WITHOUT_CONSENT, True)
    blockers = mc.sign_blockers(case, meeting, POLICY)
    assert any("only where there is a safeguarding concern" in b for b in blockers)
    meeting.set(m.SAFEGUARDING_CONCERN, True)
    assert any("why you must act" in b for b in mc.sign_blockers(case, meeting, POLICY))
    meeting.set(m.WITHOUT_CONSENT_JUSTIFICATION, "Risk to other students.")
    assert mc.routing(case, meeting, POLICY).consent is Consent.WITHOUT_CONSENT
    assert mc.sign_blockers(case, meeting, POLICY) == []


def test_the_reporter_view_is_an_allow_list_without_internal_text(
    vault_with_case: tuple[VaultService, Case],
) -> None:
    _service, case = vault_with_case
    view = mc.reporter_view(case, filled_meeting(), POLICY, POLICY.support)
    shown = repr(dataclasses.asdict(view))
    assert MARK not in shown
    assert "Refer to the informal resolution approach" in shown
    assert view.preference == "The informal approach"
    assert view.sharing == (("Head of Department", "That a concern was raised"),)
    assert {title for title, _ in view.options} >= {o.title for o in POLICY.options}


def test_signing_keeps_both_documents_and_a_change_makes_a_new_version(
    vault_with_case: tuple[VaultService, Case],
) -> None:
    from triage_desktop.documents.verification import verify_pdf

    service, case = vault_with_case
    signed = ms.sign_summary(service, case.id, filled_meeting())
    assert signed.case.status is CaseStatus.TRIAGED
    summary_text = pdftotext(signed.pdf)
    assert "Zoë Ångström" in summary_text
    assert "Sam Supporter" in summary_text  # who accompanied them
    assert MARK in summary_text  # the internal record does hold internal notes
    with pytest.raises(ms.AlreadySigned):
        ms.sign_summary(service, case.id, signed.meeting)  # never a silent second summary

    letter = ms.sign_letter(service, case.id, signed.meeting)
    assert letter.case.status is CaseStatus.REFERRED
    letter_text = pdftotext(letter.pdf)
    assert "I will refer to the informal resolution approach by 4 December 2026" in letter_text
    assert "Internal check" not in letter_text  # a step not shared with the reporter
    assert MARK not in letter_text
    for pdf in (signed.pdf, letter.pdf):
        assert all(s.intact and s.valid for s in verify_pdf(pdf).signatures)

    changed = ms.reopen(service, case.id, letter.meeting)
    assert not changed.is_signed
    changed.set(m.ADJUSTMENTS, "quiet room, and breaks")
    second = ms.sign_summary(service, case.id, changed)
    assert second.meeting.summary is not None
    assert second.meeting.summary.version == 2
    assert [v.version for v in second.meeting.superseded] == [1, 1]  # summary and letter
    assert second.meeting.letter is None  # the letter followed the old summary
    assert len(service.list_documents(case.id)) == 3  # nothing signed is ever removed
    reopened = ms.open_meeting(service, case.id)
    assert set(reopened.documents) == {"summary"}
    assert reopened.meeting.is_signed
    assert service.audit_verify().ok


def test_the_letter_needs_the_summary_first(vault_with_case: tuple[VaultService, Case]) -> None:
    service, case = vault_with_case
    with pytest.raises(VaultError, match="summary first"):
        ms.sign_letter(service, case.id, filled_meeting())


def test_a_draft_renders_without_signing_or_storing(
    vault_with_case: tuple[VaultService, Case],
) -> None:
    service, case = vault_with_case
    pdf = ms.render_draft(service, case.id, filled_meeting())
    assert "Triage meeting summary" in pdftotext(pdf)
    assert service.list_documents(case.id) == []


def test_signing_is_one_transaction_and_refuses_a_case_changed_meanwhile(
    vault_with_case: tuple[VaultService, Case], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The signed summary, the record, the next steps and the status are stored together; if
    the case was edited while the summary was being signed, none of it is."""
    from triage_desktop.services.errors import CaseChangedElsewhere

    service, case = vault_with_case
    real = DocumentsService.signed_summary

    def signed_while_someone_edits(self: DocumentsService, content: object) -> object:
        signed = real(self, content)  # type: ignore[arg-type]
        service.update_case(case.id, dataclasses.replace(case.details, description="edited"))
        return signed

    monkeypatch.setattr(DocumentsService, "signed_summary", signed_while_someone_edits)
    with pytest.raises(CaseChangedElsewhere):
        ms.sign_summary(service, case.id, filled_meeting())
    assert service.list_documents(case.id) == []
    assert service.load_meeting(case.id) is None
    assert service.next_steps(case.id) == []
    assert service.get_case(case.id).status is not CaseStatus.TRIAGED
    monkeypatch.undo()
    signed = ms.sign_summary(service, case.id, filled_meeting())  # and then it signs as usual
    assert signed.case.status is CaseStatus.TRIAGED
    assert [d.sha256 for d in service.list_documents(case.id)] == [signed.meeting.summary.sha256]  # type: ignore[union-attr]

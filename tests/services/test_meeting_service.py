"""The triage meeting's record through the policy engine, the documents and the vault (no GUI)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from tests.documents.pdftools import pdftotext
from tests.support.vaults import create_vault, details
from triage_desktop.cases.model import CaseStatus
from triage_desktop.policy.catalogue import load_policy
from triage_desktop.services import meeting_service as ms
from triage_desktop.services.documents_service import DocumentsService
from triage_desktop.services.errors import VaultError

MARK = "INTERNAL-MARKER-7731"


def filled_record(case_id_hint: str = "") -> dict[str, object]:
    record = ms.new_record()
    steps = record["steps"]
    steps["opening"]["values"] = {
        "confidentiality_explained": True,
        "limits_explained": True,
        "consent_to_record": True,
        "answer:safe_now": "yes",
        "respondent_whereabouts": f"same building {MARK}",
    }
    steps["support"]["values"] = {"offer:support_and_report": "referral made"}
    steps["account"]["values"] = {
        "reporter_words": "He kept making comments about my accent — شكرا",
        "officer_summary": f"Officer's view {MARK}",
        "respondent_type": "student",
        "severity": "medium",
    }
    steps["options"]["values"] = {"explained:informal": True, "questions:informal": True}
    steps["risk"]["values"] = {
        "comment:threats": f"risk comment {MARK}",
        "precautions": f"precaution note {MARK}",
    }
    steps["preference"]["values"] = {"preference": "informal", "adjustments": "quiet room"}
    steps["next_steps"]["values"] = {
        "actions": [
            {
                "owner": "Officer",
                "action": "Refer to the informal resolution approach",
                "due": "2026-12-04",
            },
            {"owner": "Officer", "action": f"Internal check {MARK}", "shared": False},
        ],
        "follow_up": "2026-12-11",
    }
    for step in ms.STEP_IDS:
        steps[step]["state"] = "done"
    steps["review"]["state"] = "in_progress"
    record["current_step"] = "review"
    return record


@pytest.fixture
def vault_with_case(tmp_path: Path):  # type: ignore[no-untyped-def]
    service, _ = create_vault(tmp_path / "vault", use_keychain=False)
    case = service.create_case(details(reporter="Zoë Ångström"))
    DocumentsService(service).set_up_identity(
        "Officer Fictional", "Dignity and Respect Liaison and Resolution Officer", "University"
    )
    yield service, case
    service.lock()


def test_opening_moves_the_case_on_and_the_record_resumes(vault_with_case) -> None:  # type: ignore[no-untyped-def]
    service, case = vault_with_case
    opened = ms.open_meeting(service, case.id)
    assert opened.case.status is CaseStatus.MEETING_ARRANGED
    assert opened.record["current_step"] == "opening"
    record = filled_record()
    ms.save(service, case.id, record)
    again = ms.open_meeting(service, case.id)
    assert again.record == ms.normalised(record)
    assert again.record["current_step"] == "review"


def test_damaged_record_still_opens_without_losing_what_it_has() -> None:
    damaged = {
        "current_step": "nonsense",
        "steps": {"account": {"state": "??", "values": {"reporter_words": "kept"}}},
        "amendments": "not a list",
    }
    record = ms.normalised(damaged)
    assert record["current_step"] == "opening"
    assert record["steps"]["account"]["values"]["reporter_words"] == "kept"
    assert record["steps"]["account"]["state"] == "not_started"
    assert record["amendments"] == []


def test_routing_follows_the_policy_and_a_different_decision_needs_a_reason(
    vault_with_case,  # type: ignore[no-untyped-def]
) -> None:
    service, case = vault_with_case
    policy = load_policy()
    record = filled_record()
    route = ms.routing(case, record, policy)
    assert route.recommendation.action == "informal_resolution"
    assert route.recommendation.procedures == ("informal_resolution_approach",)
    assert ms.sign_blockers(case, record, policy) == []
    record["steps"]["routing"]["values"] = {"decision": "formal_process"}
    assert ms.routing(case, record, policy).needs_reason
    assert any("reason" in b for b in ms.sign_blockers(case, record, policy))
    with pytest.raises(VaultError, match="reason"):
        ms.sign_summary(service, case.id, record)


def test_the_reporter_view_is_an_allow_list_without_internal_text(vault_with_case) -> None:  # type: ignore[no-untyped-def]
    _service, case = vault_with_case
    view = ms.reporter_view(case, filled_record(), load_policy())
    shown = repr(dataclasses.asdict(view))
    assert MARK not in shown
    assert "Refer to the informal resolution approach" in shown
    assert view.preference == "the informal approach"
    assert {title for title, _ in view.options} >= {o.title for o in load_policy().options}


def test_signing_keeps_both_documents_verifies_and_moves_the_status(vault_with_case) -> None:  # type: ignore[no-untyped-def]
    from triage_desktop.documents.verification import verify_pdf

    service, case = vault_with_case
    record = filled_record()
    signed = ms.sign_summary(service, case.id, record)
    assert signed.case.status is CaseStatus.TRIAGED
    assert signed.seconds < 10
    summary_text = pdftotext(signed.pdf)
    assert "Zoë Ångström" in summary_text
    assert MARK in summary_text  # the internal record does hold internal notes

    letter = ms.sign_letter(service, case.id, signed.record)
    assert letter.case.status is CaseStatus.REFERRED
    letter_text = pdftotext(letter.pdf)
    assert "I will refer to the informal resolution approach by 4 December 2026" in letter_text
    assert "Internal check" not in letter_text  # a step not shared with the reporter
    assert "Support and Report" in letter_text  # signposting
    assert MARK not in letter_text  # never an internal note in the letter
    for pdf in (signed.pdf, letter.pdf):
        report = verify_pdf(pdf)
        assert all(s.intact and s.valid for s in report.signatures)
    kinds = {d.kind for d in service.list_documents(case.id)}
    assert len(kinds) == 2
    assert service.audit_verify().ok
    reopened = ms.open_meeting(service, case.id)
    assert set(reopened.documents) == {"summary_document_id", "letter_document_id"}


def test_the_letter_needs_the_summary_first(vault_with_case) -> None:  # type: ignore[no-untyped-def]
    service, case = vault_with_case
    with pytest.raises(VaultError, match="summary first"):
        ms.sign_letter(service, case.id, filled_record())

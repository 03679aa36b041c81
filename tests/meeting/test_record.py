"""The meeting record: typed values through the schema's fields, strict reading of records handed
to the service API, and the first screen's version 1 records still open without losing an answer."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from triage_desktop.cases.text import InvalidFieldError
from triage_desktop.meeting import Meeting, Step, StepState
from triage_desktop.meeting import schema as m
from triage_desktop.meeting.record import ALL_RESPONDENTS, field_for_key

# A record exactly as the version 1 meeting screen stored it (keys under each step's values).
VERSION_1: dict[str, Any] = {
    "version": 1,
    "current_step": "risk",
    "steps": {
        "opening": {
            "state": "done",
            "values": {
                "confidentiality_explained": True,
                "answer:safe_now": "no",
                "answer:immediate_danger": "yes",
                "respondent_whereabouts": "in halls",
            },
        },
        "support": {
            "state": "in_progress",
            "values": {"offer:support_and_report": "accepted", "note:support_and_report": "n"},
        },
        "account": {
            "state": "in_progress",
            "values": {
                "reporter_words": "قال لي ذلك — 他总是这样",
                "respondent_type": "staff",
                "severity": "high",
                "repeated": True,
                "dates": "since September",
                "behaviour:harassment": True,
            },
        },
        "options": {"state": "done", "values": {"explained:formal": True}},
        "risk": {
            "state": "in_progress",
            "values": {
                "answer:threats_made": "yes",
                "comment:threats_made": "messages at night",
                "override_level": "high",
                "override_reason": "pattern",
                "acts_without_consent": True,
                "without_consent_justification": "risk to others",
            },
        },
        "preference": {
            "state": "skipped",
            "values": {
                "preference": "informal",
                "adjustments": "breaks\nquiet room",
                "party:0": "Head of Department",
                "what:0": "a concern was raised",
                "sharing": [{"party": "Head of Department", "what": "a concern was raised"}],
            },
        },
        "routing": {"state": "not_started", "values": {"decision": "formal_process"}},
        "next_steps": {
            "state": "in_progress",
            "values": {
                "action:0": "Call back",
                "actions": [
                    {"owner": "officer", "action": "Call back", "due": "2026-12-04"},
                    {"owner": "Dr Placeholder", "action": "Reply", "due": "next Friday"},
                ],
                "follow_up": "2026-12-11",
            },
        },
        "review": {"state": "not_started", "values": {}},
    },
    "amendments": [
        {"when": "2026-12-01T10:00:00+00:00", "what": "Preference", "before": "a", "after": "b"}
    ],
    "signed": {
        "summary_document_id": 7,
        "summary_uuid": "0f0e",
        "decision": "formal_process",
        "signed_on": "2026-12-01",
        "meeting_on": "2026-12-01",
    },
}


def test_version_1_records_open_with_every_answer() -> None:
    meeting = Meeting.from_json(VERSION_1, strict=True)
    assert meeting.current_step is Step.RISK
    assert meeting.states[Step.PREFERENCE] is StepState.SKIPPED
    assert meeting.text(m.RISK_ANSWER.field("safe_now", "")) == "no"
    assert meeting.text(m.RISK_ANSWER.field("immediate_danger", "")) == "yes"
    assert meeting.text(m.SUPPORT_OFFER.field("support_and_report", "")) == "accepted"
    assert meeting.text(m.REPORTER_WORDS) == "قال لي ذلك — 他总是这样"
    assert meeting.values[m.RESPONDENT_TYPE.key(ALL_RESPONDENTS)] == "staff"
    assert meeting.text(m.WHEN) == "since September"
    assert meeting.flag(m.BEHAVIOUR.field("harassment", ""))
    assert meeting.flag(m.OPTION_EXPLAINED.field("formal", ""))
    assert meeting.text(m.RISK_COMMENT.field("threats_made", "")) == "messages at night"
    assert meeting.text(m.RISK_JUDGEMENT) == "high"
    assert meeting.text(m.RISK_JUDGEMENT_REASON) == "pattern"
    assert meeting.flag(m.ACT_WITHOUT_CONSENT)
    assert meeting.text(m.ADJUSTMENTS) == "breaks\nquiet room"
    assert meeting.rows(m.SHARING) == [
        {"party": "Head of Department", "what": "a concern was raised"}
    ]
    steps = meeting.rows(m.NEXT_STEPS)
    assert steps[0] == {
        "owner": "officer",
        "action": "Call back",
        "due": "2026-12-04",
        "shared": True,
    }
    # free text where a date belonged is kept in the action, not dropped
    assert steps[1]["owner"] == "other"
    assert steps[1]["owner_name"] == "Dr Placeholder"
    assert steps[1]["action"] == "Reply (by next Friday)"
    assert meeting.date(m.FOLLOW_UP) == dt.date(2026, 12, 11)
    assert meeting.amendments[0].what == "Preference"
    assert meeting.summary is not None
    assert meeting.summary.document_id == 7
    assert meeting.summary.decision == "formal_process"
    assert meeting.meeting_on == dt.date(2026, 12, 1)
    # and it is written back in today's shape, which reads back the same
    again = Meeting.from_json(meeting.to_json(), strict=True)
    assert again.to_json() == meeting.to_json()


def test_values_are_checked_by_their_field() -> None:
    meeting = Meeting()
    meeting.set(m.CONFIDENTIALITY_EXPLAINED, True)
    meeting.set(m.SEVERITY, "high")
    meeting.set(m.FIRST_INCIDENT, dt.date(2026, 3, 1))
    assert meeting.values == {
        "confidentiality_explained": True,
        "severity": "high",
        "first_incident": "2026-03-01",
    }
    meeting.set(m.CONFIDENTIALITY_EXPLAINED, False)  # unticking removes the answer
    meeting.set(m.SEVERITY, None)
    assert meeting.values == {"first_incident": "2026-03-01"}
    with pytest.raises(InvalidFieldError, match="severity: must be one of: low, medium, high"):
        meeting.set(m.SEVERITY, "extreme")
    with pytest.raises(InvalidFieldError, match="first_incident: 'next Friday' is not a date"):
        meeting.set(m.FIRST_INCIDENT, "next Friday")
    with pytest.raises(InvalidFieldError, match="repeated: must be true or false"):
        meeting.set(m.REPEATED, "yes")
    with pytest.raises(InvalidFieldError, match="reporter_words: is 50,001 characters long"):
        meeting.set(m.REPORTER_WORDS, "x" * 50_001)


def test_text_is_cleaned_and_rows_need_content() -> None:
    meeting = Meeting()
    meeting.set(m.WHERE, "Library\x00 café\r\n🙂")
    assert meeting.text(m.WHERE) == "Library café\n🙂"
    meeting.set(m.SHARING, [{"party": "", "what": ""}, {"party": "张伟", "what": "everything"}])
    assert meeting.rows(m.SHARING) == [{"party": "张伟", "what": "everything"}]
    with pytest.raises(InvalidFieldError, match=r"sharing\[0\]: must be a row"):
        meeting.set(m.SHARING, ["Head of Department"])


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ([], "meeting: must be a JSON object"),
        ({"version": 2, "values": {"severity": 3}}, "severity: must be text"),
        ({"version": 2, "values": {"no_such_key": "x"}}, "no_such_key: is not a field"),
        ({"version": 2, "current_step": "lunch"}, "current_step: is not a step"),
        ({"version": 2, "values": {"risk_answer:safe_now": "perhaps"}}, "must be one of"),
        ({"version": 2, "values": {"where": "a\ud800b"}}, "where: "),
        ({"version": 2, "amendments": "all of them"}, "amendments: must be a list"),
    ],
)
def test_a_wrong_record_is_refused_by_name_when_strict(document: Any, message: str) -> None:
    with pytest.raises(InvalidFieldError, match=message):
        Meeting.from_json(document, strict=True)
    # read leniently (a stored record), the bad part is left out and the rest opens
    Meeting.from_json(document)


def test_every_fixed_field_and_family_key_is_found_again() -> None:
    for field in m.FIXED_FIELDS:
        assert field_for_key(field.key) == field
    for family in m.FAMILIES:
        found = field_for_key(family.key("some_id"))
        assert found is not None
        assert found.kind is family.kind
    assert len({f.key for f in m.FIXED_FIELDS}) == len(m.FIXED_FIELDS)
    assert len({f.prefix for f in m.FAMILIES}) == len(m.FAMILIES)


def test_a_newer_writers_keys_are_kept() -> None:
    document = Meeting().to_json()
    document["future_part"] = {"kept": True}
    assert Meeting.from_json(document).to_json()["future_part"] == {"kept": True}

"""A fictional, complete meeting record built through the schema's fields (as the screen does)."""

from __future__ import annotations

import datetime as dt

from triage_desktop.meeting import STEPS, Meeting, Step, StepState
from triage_desktop.meeting import schema as m

MARK = "INTERNAL-MARKER-7731"
OWN_WORDS = "He kept making comments about my accent — شكرا — 他总是这样"


def filled_meeting(*, preference: str = "informal", respondent: str = "student") -> Meeting:
    """Every step answered; internal notes carry MARK, which must never reach the reporter."""
    meeting = Meeting()
    for field in (m.CONFIDENTIALITY_EXPLAINED, m.LIMITS_EXPLAINED, m.CONSENT_TO_RECORD):
        meeting.set(field, True)
    meeting.set(m.RISK_ANSWER.field("safe_now", ""), "yes")
    meeting.set(m.RISK_ANSWER.field("immediate_danger", ""), "no")
    meeting.set(m.RESPONDENT_WHEREABOUTS, f"same building {MARK}")
    meeting.set(m.ATTENDEES, [{"name": "Sam Supporter", "role": "supporter"}])
    meeting.set(m.ADJUSTMENTS, "quiet room")
    meeting.set(m.SUPPORT_OFFER.field("support_and_report", ""), "referral made")
    meeting.set(m.SUPPORT_NOTE.field("support_and_report", ""), f"support note {MARK}")
    meeting.set(m.REPORTER_WORDS, OWN_WORDS)
    meeting.set(m.OFFICER_SUMMARY, f"Officer's view {MARK}")
    meeting.set(m.RESPONDENT_TYPE.field("1", ""), respondent)
    meeting.set(m.RESPONDENT_TYPE.field("2", ""), respondent)
    meeting.set(m.SEVERITY, "medium")
    meeting.set(m.OPTION_EXPLAINED.field("informal", ""), True)
    meeting.set(m.OPTION_QUESTIONS.field("informal", ""), True)
    meeting.set(m.RISK_COMMENT.field("threats_made", ""), f"risk comment {MARK}")
    meeting.set(m.PRECAUTIONS, f"precaution note {MARK}")
    meeting.set(m.PREFERENCE, preference)
    meeting.set(m.SHARING, [{"party": "Head of Department", "what": "That a concern was raised"}])
    meeting.set(
        m.NEXT_STEPS,
        [
            {
                "owner": "officer",
                "action": "Refer to the informal resolution approach",
                "due": "2026-12-04",
                "shared": True,
            },
            {"owner": "officer", "action": f"Internal check {MARK}", "shared": False},
        ],
    )
    meeting.set(m.FOLLOW_UP, dt.date(2026, 12, 11))
    for step in STEPS:
        meeting.states[step] = StepState.DONE
    meeting.states[Step.REVIEW] = StepState.IN_PROGRESS
    meeting.current_step = Step.REVIEW
    return meeting

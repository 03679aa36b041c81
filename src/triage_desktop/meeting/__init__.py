"""The triage meeting's record, defined once (see `schema`), read through `derived`.

`schema` names every step, field and choice; `record.Meeting` is the typed, validated JSON
document the vault keeps; `derived` computes what follows from it for the policy engine, the
reporter view, the summary and the letter.
"""

from triage_desktop.meeting.record import (
    Amendment,
    Meeting,
    SafetyAcknowledgement,
    SignedVersion,
)
from triage_desktop.meeting.schema import (
    STEP_PROMPTS,
    STEP_TITLES,
    STEPS,
    Choice,
    Consent,
    Family,
    Field,
    Kind,
    Step,
    StepState,
)

__all__ = [
    "STEPS",
    "STEP_PROMPTS",
    "STEP_TITLES",
    "Amendment",
    "Choice",
    "Consent",
    "Family",
    "Field",
    "Kind",
    "Meeting",
    "SafetyAcknowledgement",
    "SignedVersion",
    "Step",
    "StepState",
]

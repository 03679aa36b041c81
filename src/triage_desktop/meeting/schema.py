"""The triage meeting's steps and fields, defined once.

The meeting screen builds its pages from these definitions and writes through them; the services
read the very same `Field` objects for the policy engine, the reporter view, the summary and the
letter. A key is spelled here and nowhere else: a safety alert once shipped that never fired,
because the screen wrote `answer:safe_now` while the service read `safe_now`.

Fields repeated per catalogue item (a support service, a risk question, an option, a behaviour,
a respondent) are a `Family`; `Family.field(item_id, label)` gives the field for one item.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from triage_desktop.cases.model import RespondentType
from triage_desktop.cases.text import NAME_MAX, SHORT_TEXT_MAX
from triage_desktop.policy.facts import PREFERENCES, SEVERITIES

MEETING_TEXT_MAX = 50_000  # the account in the reporter's own words can be long; 10 MB cannot


class Step(StrEnum):
    """The nine steps of Appendix B's triage meeting, in the order they are usually taken."""

    OPENING = "opening"
    SUPPORT = "support"
    ACCOUNT = "account"
    OPTIONS = "options"
    RISK = "risk"
    PREFERENCE = "preference"
    ROUTING = "routing"
    NEXT_STEPS = "next_steps"
    REVIEW = "review"


STEPS: tuple[Step, ...] = tuple(Step)

STEP_TITLES: dict[Step, str] = {
    Step.OPENING: "Opening and safety",
    Step.SUPPORT: "Support and referrals",
    Step.ACCOUNT: "Their account",
    Step.OPTIONS: "The options",
    Step.RISK: "Risk and wellbeing",
    Step.PREFERENCE: "Their preference",
    Step.ROUTING: "Routing",
    Step.NEXT_STEPS: "Agreed next steps",
    Step.REVIEW: "Review and sign",
}

# Short, plain, non-leading prompts: what the step is for, in one breath.
STEP_PROMPTS: dict[Step, str] = {
    Step.OPENING: (
        "Welcome them and anyone with them. Explain confidentiality and its limits, ask for "
        "consent to keep a record, and check they are safe to talk now."
    ),
    Step.SUPPORT: "Offer support and referrals; note what they accept.",
    Step.ACCOUNT: (
        "Their account, in their own words if they wish. This starts from what was recorded "
        "at intake; nothing here is required."
    ),
    Step.OPTIONS: "Explain each route in plain words and answer their questions.",
    Step.RISK: "Risks to their safety and wellbeing, and to others. Use your judgement.",
    Step.PREFERENCE: "What they would like to happen, and who may be told what.",
    Step.ROUTING: "What the policy points to, and why. You decide, with them.",
    Step.NEXT_STEPS: "Agree the next steps together: who does what, by when.",
    Step.REVIEW: (
        "Read back what was agreed (F8 turns the screen to them), record any corrections, "
        "then sign the summary and the letter."
    ),
}


class StepState(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    SKIPPED = "skipped"


STATE_WORDS: dict[StepState, str] = {
    StepState.NOT_STARTED: "not started",
    StepState.IN_PROGRESS: "in progress",
    StepState.DONE: "done",
    StepState.SKIPPED: "not covered",
}


class Kind(StrEnum):
    """What a field holds, and so which widget shows it and how a stored value is checked."""

    CHECK = "check"  # true or false
    ANSWER = "answer"  # yes, no or not known; absent means "not asked"
    CHOICE = "choice"  # one of the field's choices; absent means "not chosen"
    LINE = "line"  # a short text
    TEXT = "text"  # a long text
    DATE = "date"  # a calendar date (ISO 8601 in the record)
    ROWS = "rows"  # a list of rows, each a mapping over the field's columns
    NOTE = "note"  # text to read out, not an answer: never stored


@dataclass(frozen=True)
class Choice:
    value: str
    words: str


@dataclass(frozen=True)
class Field:
    """One answer in the record: its key, what the officer sees, and who else may see it."""

    key: str
    label: str
    kind: Kind
    choices: tuple[Choice, ...] = ()
    columns: tuple[Field, ...] = ()
    reporter_sees: bool = False  # shown in the reporter view and may reach their letter
    hint: str = ""
    limit: int = SHORT_TEXT_MAX
    note: str = ""  # for Kind.NOTE: the text to read out
    none_words: str = ""  # for answers and choices: what "no value" is called on screen
    beside_previous: bool = False  # drawn on the previous field's line (a note beside an answer)

    def with_choices(self, choices: tuple[Choice, ...]) -> Field:
        """The same field with choices that come from the policy in force (e.g. outcomes)."""
        return replace(self, choices=choices)

    def words_for(self, value: object) -> str:
        return _words(self.choices, value)

    def values(self) -> frozenset[str]:
        return frozenset(c.value for c in self.choices)


def _words(choices: tuple[Choice, ...], value: object) -> str:
    for choice in choices:
        if choice.value == value:
            return choice.words
    return ""


@dataclass(frozen=True)
class Family:
    """A field repeated once per catalogue item; the key is `prefix:item_id`."""

    prefix: str
    kind: Kind
    choices: tuple[Choice, ...] = ()
    reporter_sees: bool = False
    limit: int = SHORT_TEXT_MAX
    none_words: str = ""
    beside_previous: bool = False

    def key(self, item_id: str) -> str:
        return f"{self.prefix}:{item_id}"

    def field(self, item_id: str, label: str, hint: str = "", none_words: str = "") -> Field:
        return Field(
            self.key(item_id),
            label,
            self.kind,
            self.choices,
            reporter_sees=self.reporter_sees,
            hint=hint,
            limit=self.limit,
            none_words=none_words or self.none_words,
            beside_previous=self.beside_previous,
        )

    def words_for(self, value: object) -> str:
        return _words(self.choices, value)

    def item_of(self, key: str) -> str | None:
        head, _, item = key.partition(":")
        return item if head == self.prefix and item else None


# -- choices -------------------------------------------------------------------------------------

ANSWER_CHOICES = (
    Choice("yes", "Yes"),
    Choice("no", "No"),
    Choice("unknown", "Not known"),
)
NOT_ASKED = "Not asked"

OFFER_CHOICES = (
    Choice("offered", "Offered"),
    Choice("accepted", "Accepted"),
    Choice("referral made", "Referral made"),
    Choice("declined", "Declined"),
)

# The words for each preference are the policy's (`Policy.preference`); the layout puts them in.
PREFERENCE_CHOICES = tuple(Choice(p, p) for p in PREFERENCES)

SEVERITY_CHOICES = tuple(Choice(s, s.capitalize()) for s in SEVERITIES)
LEVEL_CHOICES = SEVERITY_CHOICES  # the officer's own judgement of the risk: low, medium, high

RESPONDENT_WORDS = {
    RespondentType.STUDENT: "A student",
    RespondentType.STAFF: "A member of staff",
    RespondentType.STAFF_AND_STUDENT: "Both staff and a student",
    RespondentType.THIRD_PARTY: "Someone outside the University",
    RespondentType.UNKNOWN: "Not known",
}
RESPONDENT_CHOICES = tuple(Choice(t.value, RESPONDENT_WORDS[t]) for t in RespondentType)

ATTENDEE_ROLE_CHOICES = (
    Choice("supporter", "A friend or supporter"),
    Choice("family", "A family member"),
    Choice("interpreter", "An interpreter"),
    Choice("union_representative", "A trade union or Students' Union representative"),
    Choice("other", "Someone else"),
)

OWNER_CHOICES = (
    Choice("officer", "Officer"),
    Choice("reporter", "Reporter"),
    Choice("other", "Someone else"),
)
OWNER_WORDS_FOR_REPORTER = {"officer": "Your officer", "reporter": "You"}


class Consent(StrEnum):
    """How the decision stands with the reporter: the only truthful statements a summary makes."""

    REPORTER_CHOSE = "reporter_chose"
    REPORTER_AGREED = "reporter_agreed"
    WITHOUT_CONSENT = "without_consent"


# -- the fields ----------------------------------------------------------------------------------

# Opening and safety
CONFIDENTIALITY_EXPLAINED = Field(
    "confidentiality_explained", "Confidentiality explained", Kind.CHECK
)
LIMITS_EXPLAINED = Field("limits_explained", "Limits of confidentiality explained", Kind.CHECK)
CONSENT_TO_RECORD = Field("consent_to_record", "They agree to a record being kept", Kind.CHECK)
ATTENDEE_NAME = Field("name", "Name", Kind.LINE, limit=NAME_MAX)
ATTENDEE_ROLE = Field("role", "Here as", Kind.CHOICE, ATTENDEE_ROLE_CHOICES, none_words="—")
ATTENDEES = Field(
    "attendees",
    "Who is with them",
    Kind.ROWS,
    columns=(ATTENDEE_NAME, ATTENDEE_ROLE),
    hint="Anyone accompanying the reporter: a friend, a representative, an interpreter.",
)
ADJUSTMENTS = Field(
    "adjustments",
    "Adjustments they need to take part",
    Kind.TEXT,
    reporter_sees=True,
    hint="For example breaks, a quiet room, written questions, an interpreter.",
)
RESPONDENT_WHEREABOUTS = Field(
    "respondent_whereabouts", "Where the person they are concerned about is now", Kind.LINE
)

# Support: one offer and one note per support service
SUPPORT_OFFER = Family(
    "support_offer", Kind.CHOICE, OFFER_CHOICES, reporter_sees=True, none_words="Not discussed"
)
SUPPORT_NOTE = Family("support_note", Kind.LINE, beside_previous=True)

# Their account
REPORTER_WORDS = Field("reporter_words", "In their own words", Kind.TEXT, limit=MEETING_TEXT_MAX)
OFFICER_SUMMARY = Field(
    "officer_summary", "Your summary (internal)", Kind.TEXT, limit=MEETING_TEXT_MAX
)
RESPONDENT_TYPE = Family("respondent_type", Kind.CHOICE, RESPONDENT_CHOICES)
SEVERITY = Field(
    "severity", "How serious it is", Kind.CHOICE, SEVERITY_CHOICES, none_words="Not assessed"
)
REPEATED = Field("repeated", "It has happened more than once", Kind.CHECK)
WHERE = Field("where", "Where it happened", Kind.LINE)
WHEN = Field("when", "When it happened", Kind.LINE, hint="In their words: dates, a period")
FIRST_INCIDENT = Field(
    "first_incident",
    "Date of the first incident",
    Kind.DATE,
    hint="Leave empty if not known.",
)
BEHAVIOUR = Family("behaviour", Kind.CHECK)

# The options: each route's plain-language text is read out; then two ticks
OPTION_TEXT = Family("option_text", Kind.NOTE, reporter_sees=True)
OPTION_EXPLAINED = Family("option_explained", Kind.CHECK)
OPTION_QUESTIONS = Family("option_questions", Kind.CHECK)

# Risk and wellbeing: one answer and one comment per risk question (the opening asks some)
RISK_ANSWER = Family("risk_answer", Kind.ANSWER, ANSWER_CHOICES, none_words=NOT_ASKED)
RISK_COMMENT = Family("risk_comment", Kind.LINE, beside_previous=True)
RISK_JUDGEMENT = Field(
    "risk_judgement",
    "Your judgement of the risk",
    Kind.CHOICE,
    LEVEL_CHOICES,
    none_words="As computed",
)
RISK_JUDGEMENT_REASON = Field("risk_judgement_reason", "Why you judge it so", Kind.LINE)
SAFEGUARDING_CONCERN = Field("safeguarding_concern", "There is a safeguarding concern", Kind.CHECK)
PRECAUTIONS_CONSIDERED = Field(
    "precautions_considered", "Precautionary measures considered", Kind.CHECK
)
PRECAUTIONS = Field("precautions", "Precautionary measures", Kind.TEXT)

# Their preference, and who may be told what
PREFERENCE = Field(
    "preference",
    "What they would like to happen",
    Kind.CHOICE,
    PREFERENCE_CHOICES,
    reporter_sees=True,
)
PREFERENCE_IN_THEIR_WORDS = Field(
    "preference_words", "In their words", Kind.LINE, reporter_sees=True
)
SHARING_WHO = Field("party", "Who may be told", Kind.LINE, limit=NAME_MAX)
SHARING_WHAT = Field("what", "What they may be told", Kind.LINE)
SHARING = Field(
    "sharing",
    "Who may be told what",
    Kind.ROWS,
    columns=(SHARING_WHO, SHARING_WHAT),
    reporter_sees=True,
)

# Routing: the factors the officer establishes, then the decision and how it stands with consent
INFORMAL_ATTEMPT_FAILED = Field(
    "informal_attempt_failed", "An earlier informal attempt did not resolve it", Kind.CHECK
)
PARTIES_UNWILLING = Field(
    "parties_unwilling", "Not everyone involved is willing to try informally", Kind.CHECK
)
EXTERNAL_REPORT = Field("external_report", "They have gone, or will go, to the police", Kind.CHECK)
COURSE_CONTENT = Field(
    "course_content", "It is about course materials or what was said in teaching", Kind.CHECK
)
MANAGEMENT_ACTION = Field(
    "management_action", "It is about performance management or academic feedback", Kind.CHECK
)
OUTSIDE_SCOPE = Field("outside_scope", "It is outside the policy's scope", Kind.CHECK)
ROUTING_FACTORS = (
    INFORMAL_ATTEMPT_FAILED,
    PARTIES_UNWILLING,
    EXTERNAL_REPORT,
    COURSE_CONTENT,
    MANAGEMENT_ACTION,
    OUTSIDE_SCOPE,
)
# choices: the policy's outcomes, given by the layout
DECISION = Field("decision", "Your decision", Kind.CHOICE, none_words="Follow the recommendation")
DECISION_REASON = Field(
    "decision_reason", "Why your decision differs from the recommendation", Kind.LINE
)
REPORTER_AGREEMENT = Field(
    "reporter_agreement",
    "What they agreed to, in their words",
    Kind.LINE,
    reporter_sees=True,
    hint="Needed when the decision is not the one they asked for.",
)
ACT_WITHOUT_CONSENT = Field("act_without_consent", "You will act without their consent", Kind.CHECK)
WITHOUT_CONSENT_JUSTIFICATION = Field(
    "without_consent_justification", "Why you must act without their consent", Kind.TEXT
)
NOT_ASKED_OF_THEM = Field(
    "not_asked_of_them",
    "What is not asked of them now (one per line, for their letter)",
    Kind.TEXT,
    reporter_sees=True,
    hint="When acting without their consent: e.g. You do not need to make a statement now.",
)
REPORTER_EXPLANATION = Field(
    "reporter_explanation",
    "The explanation their letter gives",
    Kind.TEXT,
    reporter_sees=True,
    hint="Written for them: why the allegation is dismissed, or which process takes it up.",
)

# Agreed next steps
STEP_OWNER = Field("owner", "Who", Kind.CHOICE, OWNER_CHOICES, none_words="—")
STEP_OWNER_NAME = Field("owner_name", "Name, if someone else", Kind.LINE, limit=NAME_MAX)
STEP_ACTION = Field("action", "What", Kind.LINE)
STEP_DUE = Field("due", "By when", Kind.DATE)
STEP_SHARED = Field("shared", "The reporter sees this", Kind.CHECK)
NEXT_STEPS = Field(
    "next_steps",
    "Next steps",
    Kind.ROWS,
    columns=(STEP_OWNER, STEP_OWNER_NAME, STEP_ACTION, STEP_DUE, STEP_SHARED),
    reporter_sees=True,
)
FOLLOW_UP = Field("follow_up", "Follow-up date", Kind.DATE, reporter_sees=True)

FIXED_FIELDS: tuple[Field, ...] = (
    CONFIDENTIALITY_EXPLAINED,
    LIMITS_EXPLAINED,
    CONSENT_TO_RECORD,
    ATTENDEES,
    ADJUSTMENTS,
    RESPONDENT_WHEREABOUTS,
    REPORTER_WORDS,
    OFFICER_SUMMARY,
    SEVERITY,
    REPEATED,
    WHERE,
    WHEN,
    FIRST_INCIDENT,
    RISK_JUDGEMENT,
    RISK_JUDGEMENT_REASON,
    SAFEGUARDING_CONCERN,
    PRECAUTIONS_CONSIDERED,
    PRECAUTIONS,
    PREFERENCE,
    PREFERENCE_IN_THEIR_WORDS,
    SHARING,
    *ROUTING_FACTORS,
    DECISION,
    DECISION_REASON,
    REPORTER_AGREEMENT,
    ACT_WITHOUT_CONSENT,
    WITHOUT_CONSENT_JUSTIFICATION,
    NOT_ASKED_OF_THEM,
    REPORTER_EXPLANATION,
    NEXT_STEPS,
    FOLLOW_UP,
)
FAMILIES: tuple[Family, ...] = (
    SUPPORT_OFFER,
    SUPPORT_NOTE,
    RESPONDENT_TYPE,
    BEHAVIOUR,
    OPTION_EXPLAINED,
    OPTION_QUESTIONS,
    RISK_ANSWER,
    RISK_COMMENT,
)
FIELDS_BY_KEY: dict[str, Field] = {f.key: f for f in FIXED_FIELDS}


def family_of(key: str) -> Family | None:
    for family in FAMILIES:
        if family.item_of(key) is not None:
            return family
    return None

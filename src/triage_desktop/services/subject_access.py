"""Subject access requests (UK GDPR Article 15): find the person, record the request and its
clock, list every passage a pack would disclose, record the officer's decision on each passage
and each third party's mentions, and make the signed pack with its redaction log.

What "a person named in a case" means here: the reporter, the respondent(s), the people who came
to the meeting with the reporter, the people named in who may be told what, in a next step or in
an imported report's list of people not to contact, and anyone named in the text of the account
(the report, the meeting's account, the officer's notes). Names are matched in any script, with
case, accents and other marks ignored (`reports.subject_access`).

Third parties: every other person named in the case. Their mentions are redacted unless the
officer records that they consent or that it is reasonable to disclose (the ICO's test), with
the reason. Internal risk notes are left out by default and listed as withheld with the reason;
the officer can include one, with a reason. Every search, request, decision and export is in
the audit log (see store.subject_access_repo for what each entry covers).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from triage_desktop.cases.model import Case, CaseStatus
from triage_desktop.cases.subject_access import (
    ROLE_WORDS,
    Choice,
    Decision,
    NewRequest,
    Role,
    StoredPack,
    SubjectAccessRequest,
    clean_names,
    extension_reason,
)
from triage_desktop.cases.text import InvalidFieldError
from triage_desktop.cases.words import SOURCE_WORDS
from triage_desktop.reports import subject_access as rsa
from triage_desktop.reports.statistics import long_date
from triage_desktop.services.errors import VaultError

if TYPE_CHECKING:
    from triage_desktop.meeting import Meeting
    from triage_desktop.policy.model import Policy
    from triage_desktop.services.session import VaultService

INTERNAL_REASON = (
    "An internal note of the officer's assessment of risks to safety. It is left out by default "
    "because disclosing it could put someone at risk; it is listed here so that you know it "
    "exists."
)
REDACT_REASON = (
    "Another person's personal data: withheld because they have not consented and it has not "
    "been judged reasonable to disclose it."
)
PURPOSE = (
    "To handle the concern raised under the University's Dignity and Respect Policy: to offer "
    "support, to assess risks to safety and wellbeing, to agree the next steps and the route "
    "the concern takes, and to keep a record of the decision. No decision about you is made by "
    "automated means: the policy's routing recommendation is advice, and the officer decides."
)
RECIPIENTS = (
    "The officers of the Dignity and Respect service. Where a concern is referred to a process, "
    "the people who run that process receive what they need for it; the decision above names "
    "the process."
)
RIGHTS = (
    "You can ask us to correct personal data about you that is wrong or incomplete.",
    "In some circumstances you can ask us to delete it, to restrict how we use it, or object to "
    "how we use it.",
    "You can complain to the Information Commissioner's Office (ICO): "
    "ico.org.uk/make-a-complaint, telephone 0303 123 1113.",
)
SEARCH_ROLE_ORDER = (Role.REPORTER, Role.RESPONDENT, Role.ATTENDEE, Role.WITNESS, Role.NAMED)


class SubjectAccessError(VaultError):
    """A request that cannot be made, decided or packed as asked, with the reason in words."""


# -- finding the person ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    """A case where the person's name was found, and where in it (words, never the text)."""

    case_id: int
    reference: str
    received_on: dt.date
    status: CaseStatus
    roles: tuple[Role, ...]  # the roles the places found suggest, likeliest first
    where: tuple[str, ...]

    @property
    def suggested(self) -> Role:
        return self.roles[0]


def _meeting(raw: dict[str, Any] | None) -> Meeting | None:
    from triage_desktop.meeting import Meeting

    return None if raw is None else Meeting.from_json(raw)


def _places(
    case: Case, meeting: Meeting | None, excluded: Sequence[str]
) -> list[tuple[str, Role, str]]:
    """Everywhere a case names people: (where, the role a match there suggests, the text)."""
    from triage_desktop.meeting import derived as d
    from triage_desktop.meeting import schema as m

    details = case.details
    found: list[tuple[str, Role, str]] = [
        ("the person who raised the concern", Role.REPORTER, details.reporter.name)
    ]
    for number, person in enumerate(details.respondents, start=1):
        found.append((f"person the concern is about ({number})", Role.RESPONDENT, person.name))
        found.append(("a note on a person the concern is about", Role.NAMED, person.details))
    found += [
        ("people the reporter did not want to see the report", Role.NAMED, n) for n in excluded
    ]
    for text, where in (
        (details.description, "the report"),
        (details.incident_notes, "the notes on when it happened"),
        (details.reporter.notes, "the notes on the reporter"),
        (details.location.detail, "where it happened"),
    ):
        found.append((where, Role.WITNESS, text))
    if meeting is not None:
        found += [("came to the meeting", Role.ATTENDEE, n) for n, _role in d.attendees(meeting)]
        found += [("who may be told what", Role.NAMED, party) for party, _ in d.sharing(meeting)]
        for step in d.next_steps(meeting):
            found.append(("the agreed next steps", Role.NAMED, f"{step.owner} {step.action}"))
        for text_field, where in (
            (m.REPORTER_WORDS, "the account in the reporter's own words"),
            (m.OFFICER_SUMMARY, "the officer's summary of the account"),
            (m.WHERE, "the meeting's notes on where"),
            (m.WHEN, "the meeting's notes on when"),
            (m.RESPONDENT_WHEREABOUTS, "the risk notes"),
            (m.PRECAUTIONS, "the risk notes"),
            (m.PREFERENCE_IN_THEIR_WORDS, "the reporter's preference"),
            (m.REPORTER_AGREEMENT, "what the reporter agreed to"),
        ):
            found.append((where, Role.WITNESS, meeting.text(text_field)))
        for key, value in meeting.values.items():
            if isinstance(value, str) and key.startswith(
                (m.RISK_COMMENT.prefix, m.SUPPORT_NOTE.prefix)
            ):
                found.append(("the officer's notes", Role.NAMED, value))
    return [place for place in found if place[2]]


def _name_matches(text: str, query: str) -> bool:
    """A field matches when it holds every part of the name typed, each a whole word, in any
    order ("Angstrom Zoe" finds "Zoë Ångström"). Over-finding is safe: the officer chooses."""
    wanted = rsa.fold(query).split(" ")
    return all(rsa.find(text, [part]) for part in wanted if part)


def find_person(vault: VaultService, name: str) -> list[Found]:
    """Every case that names this person, with the roles it suggests (an audited search)."""
    query = rsa.fold(name)
    if len(query) < 2:
        raise SubjectAccessError("Type at least two letters of the person's name.")
    found = []
    for record in vault.person_search_rows(query):
        meeting = _meeting(record.meeting)
        roles: list[Role] = []
        where: list[str] = []
        for place, role, text in _places(record.case, meeting, record.excluded_people):
            if _name_matches(text, name):
                roles.append(role)
                where.append(place)
        if roles:
            ordered = sorted(set(roles), key=SEARCH_ROLE_ORDER.index)
            case = record.case
            found.append(
                Found(
                    case.id,
                    case.reference,
                    case.details.received_at.astimezone().date(),
                    case.status,
                    tuple(ordered),
                    tuple(dict.fromkeys(where)),
                )
            )
    return found


# -- requests and their clock -------------------------------------------------------------------


@dataclass(frozen=True)
class RequestSummary:
    """A request with its clock and where it stands today."""

    request: SubjectAccessRequest
    clock: rsa.Clock
    standing: rsa.Standing

    def words(self, today: dt.date) -> str:
        """Where it stands, in words (the case list shows this; colour only repeats it)."""
        due = self.clock.due_on
        when = f"{due:%a} {due.day} {due:%b %Y}"
        days = (due - today).days
        if self.standing is rsa.Standing.COMPLETED:
            return "Completed"
        if self.standing is rsa.Standing.OVERDUE:
            return f"OVERDUE: was due {when} ({-days} day{'s' if -days != 1 else ''} ago)"
        if self.standing is rsa.Standing.DUE_TODAY:
            return f"Due today, {when}"
        if self.standing is rsa.Standing.DUE_SOON:
            return f"Due soon: {when}, in {days} day{'s' if days != 1 else ''}"
        extended = " (extended)" if self.clock.extended else ""
        return f"Due {when}{extended}, in {days} day{'s' if days != 1 else ''}"


def summarise(request: SubjectAccessRequest, today: dt.date) -> RequestSummary:
    clock = rsa.clock(request.received_on, extended=request.extended)
    standing = rsa.standing(clock.due_on, today, completed=not request.is_open)
    return RequestSummary(request, clock, standing)


def create_request(
    vault: VaultService,
    requester_name: str,
    received_on: dt.date,
    cases: Sequence[tuple[int, Role]],
    other_names: Sequence[str] = (),
) -> SubjectAccessRequest:
    if received_on > dt.date.today():
        raise InvalidFieldError("received_on", "cannot be in the future")
    new = NewRequest(requester_name, received_on, tuple(cases), tuple(other_names))
    return vault.create_subject_access_request(new)


def requests(vault: VaultService, today: dt.date | None = None) -> list[RequestSummary]:
    """Every request, open ones first by due date."""
    today = today or dt.date.today()
    found = [summarise(r, today) for r in vault.subject_access_requests()]
    return sorted(found, key=lambda s: (not s.request.is_open, s.clock.due_on, s.request.id))


def open_requests(vault: VaultService, today: dt.date | None = None) -> list[RequestSummary]:
    """The requests still to answer, the most urgent first (for the case list)."""
    return [s for s in requests(vault, today) if s.request.is_open]


def extend(vault: VaultService, request_id: int, reason: str) -> SubjectAccessRequest:
    """Extend by two further months (three in all), with the reason on the record."""
    request = vault.subject_access_request(request_id)
    if request.extended:
        raise SubjectAccessError("This request is already extended; it cannot be extended again.")
    if not request.is_open:
        raise SubjectAccessError("This request is completed.")
    return vault.update_subject_access_request(
        request_id, extension_reason=extension_reason(reason)
    )


def complete(
    vault: VaultService, request_id: int, on: dt.date | None = None
) -> SubjectAccessRequest:
    return vault.update_subject_access_request(request_id, completed_on=on or dt.date.today())


def set_other_names(
    vault: VaultService, request_id: int, names: Sequence[str]
) -> SubjectAccessRequest:
    """More third parties to redact, typed by the officer (names the case does not list)."""
    return vault.update_subject_access_request(request_id, other_names=clean_names(tuple(names)))


# -- passages ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Passage:
    """One piece of what the vault holds about the requester, as it would be disclosed."""

    case_id: int
    key: str
    heading: str  # what it is
    source: str  # where it came from
    text: str
    internal: bool = False  # an internal risk note: withheld unless the officer includes it

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Mention:
    """A third party named in a passage, and what the pack does with their mentions."""

    person: str  # the name as the case holds it
    key: str  # the name folded: what a decision refers to
    spans: tuple[tuple[int, int], ...]
    choice: Choice = Choice.REDACT
    reason: str = REDACT_REASON
    decided: bool = False
    stale: bool = False  # decided on an earlier version of the passage: decide again


@dataclass(frozen=True)
class ReviewPassage:
    passage: Passage
    mentions: tuple[Mention, ...]
    choice: Choice
    reason: str
    decided: bool = False
    stale: bool = False

    @property
    def withheld(self) -> bool:
        return self.choice is Choice.WITHHOLD

    def disclosed_text(self) -> str:
        """The text with every mention not disclosed blacked out."""
        spans = [s for m in self.mentions if m.choice is not Choice.DISCLOSE for s in m.spans]
        return rsa.redact(self.passage.text, spans)


@dataclass(frozen=True)
class ReviewCase:
    case: Case
    role: Role
    passages: tuple[ReviewPassage, ...]
    closed_on: dt.date | None = None


@dataclass(frozen=True)
class Review:
    request: SubjectAccessRequest
    clock: rsa.Clock
    cases: tuple[ReviewCase, ...]

    def passage(self, case_id: int, key: str) -> ReviewPassage:
        for case in self.cases:
            if case.case.id == case_id:
                for passage in case.passages:
                    if passage.passage.key == key:
                        return passage
        raise SubjectAccessError(f"There is no passage {key} in case {case_id} of this request.")


def _date(day: dt.date | None) -> str:
    return "not recorded" if day is None else long_date(day)


def _lines(*parts: str) -> str:
    return "\n".join(part for part in parts if part)


def passages_for(
    case: Case,
    meeting: Meeting | None,
    policy: Policy,
    role: Role,
    *,
    imported: bool,
    excluded: Sequence[str] = (),
    documents: Sequence[tuple[str, dt.date]] = (),
    requester: str,
) -> list[Passage]:
    """What the case holds that the pack would disclose to someone in `role` in it."""
    details = case.details
    if imported:
        came_in = "the Support and Report tool (the report as submitted)"
    else:
        came_in = f"the report, recorded by the officer at intake ({SOURCE_WORDS[details.source]})"
    meeting_source = "the triage meeting, recorded by the officer"
    notes_source = "the officer's own notes"
    found = [
        Passage(
            case.id,
            "case:about",
            "About this case",
            "the case record",
            _lines(
                f"Received on {_date(details.received_at.astimezone().date())} through "
                f"{SOURCE_WORDS[details.source]}.",
                f"Your part in it: {ROLE_WORDS[role].lower()}.",
                f"Status: {case.status.value.replace('_', ' ')}.",
            ),
        )
    ]
    if role is Role.REPORTER:
        reporter = details.reporter
        found.append(
            Passage(
                case.id,
                "intake:reporter",
                "Your contact details",
                came_in,
                _lines(
                    f"Name: {reporter.name}" if reporter.name else "",
                    f"Email: {reporter.email}" if reporter.email else "",
                    f"Phone: {reporter.phone}" if reporter.phone else "",
                    f"Notes: {reporter.notes}" if reporter.notes else "",
                ),
            )
        )
    for number, person in enumerate(details.respondents, start=1):
        if role is Role.RESPONDENT and person.name and rsa.same_person(person.name, requester):
            found.append(
                Passage(
                    case.id,
                    f"intake:respondent:{number}",
                    "You, as a person the concern is about",
                    came_in,
                    _lines(person.name, person.details),
                )
            )
    found += [
        Passage(case.id, "intake:description", "What was reported", came_in, details.description),
        Passage(case.id, "intake:when", "When it happened", came_in, details.incident_notes),
        Passage(case.id, "intake:where", "Where it happened", came_in, details.location.detail),
    ]
    if role is Role.REPORTER and excluded:
        found.append(
            Passage(
                case.id,
                "import:excluded",
                "People you did not want to see the report",
                came_in,
                "\n".join(excluded),
            )
        )
    if meeting is not None:
        found += _meeting_passages(
            case, meeting, policy, role, source=meeting_source, notes=notes_source
        )
    if documents and role in (Role.REPORTER, Role.RESPONDENT):
        found.append(
            Passage(
                case.id,
                "documents",
                "Signed documents held",
                "the case record",
                "\n".join(f"{kind}, signed {_date(day)}" for kind, day in documents),
            )
        )
    found = [p for p in found if p.text.strip()]
    if role in (Role.REPORTER, Role.RESPONDENT):
        return found
    terms = rsa.name_terms(requester)  # a witness or someone named: where they are named
    return [p for p in found if p.key == "case:about" or rsa.find(p.text, terms)]


def _meeting_passages(
    case: Case, meeting: Meeting, policy: Policy, role: Role, *, source: str, notes: str
) -> list[Passage]:
    from triage_desktop.meeting import derived as d
    from triage_desktop.meeting import schema as m
    from triage_desktop.services.meeting_content import routing

    cid = case.id
    found: list[Passage] = []
    reporter = role is Role.REPORTER
    if reporter or role is Role.ATTENDEE:
        found.append(
            Passage(
                cid,
                "meeting:attendees",
                "Who came to the meeting",
                source,
                "\n".join(f"{name} ({why})" for name, why in d.attendees(meeting)),
            )
        )
    if reporter:
        found.append(
            Passage(
                cid,
                "meeting:adjustments",
                "Adjustments for the meeting",
                source,
                "\n".join(d.adjustments(meeting)),
            )
        )
    found += [
        Passage(
            cid,
            "meeting:own_words",
            "The account, in the reporter's own words",
            source,
            meeting.text(m.REPORTER_WORDS),
        ),
        Passage(
            cid,
            "meeting:summary",
            "The officer's summary of the account",
            notes,
            meeting.text(m.OFFICER_SUMMARY),
        ),
        Passage(
            cid,
            "meeting:where",
            "Where it happened (the meeting's notes)",
            source,
            meeting.text(m.WHERE),
        ),
        Passage(
            cid,
            "meeting:when",
            "When it happened (the meeting's notes)",
            source,
            meeting.text(m.WHEN),
        ),
    ]
    if reporter:
        directory_ids = {s.id: s.name for s in policy.support.services}
        support = []
        for key, value in meeting.values.items():
            item = m.SUPPORT_OFFER.item_of(key)
            if item is not None and isinstance(value, str):
                note = meeting.text(m.SUPPORT_NOTE.field(item, ""))
                name = directory_ids.get(item, "A support service")
                support.append(f"{name}: {m.SUPPORT_OFFER.words_for(value)}. {note}".strip())
        found.append(Passage(cid, "meeting:support", "Support offered", source, "\n".join(support)))
        preference = meeting.text(m.PREFERENCE)
        found.append(
            Passage(
                cid,
                "meeting:preference",
                "What you would like to happen",
                source,
                _lines(
                    policy.preference(preference).name if preference else "",
                    meeting.text(m.PREFERENCE_IN_THEIR_WORDS),
                ),
            )
        )
        found.append(
            Passage(
                cid,
                "meeting:sharing",
                "Who may be told what",
                source,
                "\n".join(f"{party}: {what}" for party, what in d.sharing(meeting)),
            )
        )
    if meeting.summary is not None:
        route = routing(case, meeting, policy)
        decision = meeting.summary.decision or route.decision
        words = policy.outcome(decision).name if decision else ""
        found.append(
            Passage(
                cid,
                "meeting:decision",
                "The decision",
                notes,
                _lines(
                    words,
                    meeting.text(m.DECISION_REASON),
                    meeting.text(m.REPORTER_AGREEMENT),
                    meeting.text(m.REPORTER_EXPLANATION),
                ),
            )
        )
    found.append(
        Passage(
            cid,
            "meeting:next_steps",
            "The agreed next steps",
            source,
            "\n".join(
                f"{s.owner}: {s.action}" + (f" (by {_date(s.due)})" if s.due else "")
                for s in d.next_steps(meeting)
            ),
        )
    )
    if reporter:
        found.append(
            Passage(
                cid,
                "meeting:amendments",
                "Corrections made when it was read back",
                source,
                "\n".join(f"{a.what}: {a.before} → {a.after}" for a in meeting.amendments),
            )
        )
    risk = d.risk_result(meeting, policy)
    comments = [
        f"{policy.risk.question(a.question_id).text}: {a.comment}"
        for a in risk.answers
        if a.comment
    ]
    for key, heading, text in (
        (
            "risk:assessment",
            "The risk assessment",
            _lines(
                f"Risk level: {risk.level}.",
                "A safeguarding concern was recorded." if risk.safeguarding else "",
                risk.override_reason,
            ),
        ),
        ("risk:comments", "The officer's comments on the risks", "\n".join(comments)),
        (
            "risk:whereabouts",
            "Where the person they are concerned about is now",
            meeting.text(m.RESPONDENT_WHEREABOUTS),
        ),
        ("risk:precautions", "Precautionary measures", meeting.text(m.PRECAUTIONS)),
        (
            "risk:without_consent",
            "Why the officer acts without the reporter's consent",
            meeting.text(m.WITHOUT_CONSENT_JUSTIFICATION),
        ),
    ):
        found.append(Passage(cid, key, heading, notes, text, internal=True))
    return found


def _third_parties(
    case: Case,
    meeting: Meeting | None,
    role: Role,
    requester: str,
    *,
    excluded: Sequence[str],
    other_names: Sequence[str],
) -> list[str]:
    """Everyone the case names who is not the requester."""
    from triage_desktop.meeting import derived as d

    names = []
    if role is not Role.REPORTER:
        names.append(case.details.reporter.name)
    names += [r.name for r in case.details.respondents]
    names += list(excluded)
    if meeting is not None:
        names += [name for name, _why in d.attendees(meeting)]
        names += [party for party, _what in d.sharing(meeting)]
        names += [s.owner for s in d.next_steps(meeting) if s.owner not in ("Officer", "Reporter")]
    names += list(other_names)
    found: dict[str, str] = {}
    for name in names:
        key = rsa.fold(name)
        if key and not rsa.same_person(name, requester):
            found.setdefault(key, name)
    return list(found.values())


def _terms(person: str, requester: str) -> list[str]:
    """A third party's terms, less the parts they share with the requester's name (a shared
    family name would otherwise black out the requester's own name)."""
    own = set(rsa.name_terms(requester))
    whole = rsa.fold(person)
    return [t for t in rsa.name_terms(person) if t == whole or t not in own]


def review(vault: VaultService, request_id: int) -> Review:
    """Every passage the pack would hold, with the officer's decisions so far (audited reads)."""
    from triage_desktop.policy.catalogue import load_policy

    request = vault.subject_access_request(request_id)
    decided = {
        (d.case_id, d.passage, d.person): d for d in vault.subject_access_decisions(request_id)
    }
    cases = []
    for linked in request.cases:
        case = vault.get_case(linked.case_id)
        stored = vault.load_meeting(case.id)
        meeting = _meeting(None if stored is None else stored.record)
        origin = vault.report_origin(case.id)
        excluded = origin.excluded_people if origin is not None else ()
        documents = [
            (_document_words(doc.kind), doc.created_at.astimezone().date())
            for doc in vault.list_documents(case.id)
        ]
        try:
            policy = load_policy(case.details.policy_version)
        except LookupError:
            policy = load_policy()
        passages = passages_for(
            case,
            meeting,
            policy,
            linked.role,
            imported=origin is not None,
            excluded=excluded,
            documents=documents,
            requester=request.requester_name,
        )
        people = _third_parties(
            case,
            meeting,
            linked.role,
            request.requester_name,
            excluded=excluded,
            other_names=request.other_names,
        )
        reviewed = []
        for passage in passages:
            reviewed.append(_reviewed(passage, people, request.requester_name, decided))
        closed = case.closed_at.date() if case.closed_at else None
        cases.append(ReviewCase(case, linked.role, tuple(reviewed), closed))
    clock = rsa.clock(request.received_on, extended=request.extended)
    return Review(request, clock, tuple(cases))


def _reviewed(
    passage: Passage,
    people: Sequence[str],
    requester: str,
    decided: dict[tuple[int, str, str], Decision],
) -> ReviewPassage:
    mentions = []
    for person in people:
        spans = rsa.find(passage.text, _terms(person, requester))
        if not spans:
            continue
        key = rsa.fold(person)
        mention = Mention(person, key, tuple(spans))
        made = decided.get((passage.case_id, passage.key, key))
        if made is not None:
            if made.text_sha256 == passage.sha256:
                mention = replace(mention, choice=made.choice, reason=made.reason, decided=True)
            else:
                mention = replace(mention, stale=True)
        mentions.append(mention)
    choice = Choice.WITHHOLD if passage.internal else Choice.INCLUDE
    reason = INTERNAL_REASON if passage.internal else ""
    made = decided.get((passage.case_id, passage.key, ""))
    stale = False
    if made is not None:
        if made.text_sha256 == passage.sha256:
            return ReviewPassage(passage, tuple(mentions), made.choice, made.reason, True, False)
        stale = True
    return ReviewPassage(passage, tuple(mentions), choice, reason, False, stale)


def _document_words(kind: str) -> str:
    if kind == "triage_summary":
        return "Triage meeting summary"
    if kind.startswith("letter:"):
        return "Letter to the person who raised the concern"
    return kind.replace("_", " ").capitalize()


@dataclass(frozen=True)
class Choose:
    """The officer's choice for a passage (`person` empty) or a third party's mentions."""

    case_id: int
    passage: str
    person: str
    choice: Choice
    reason: str = ""


def decide(vault: VaultService, request_id: int, choices: Iterable[Choose]) -> Review:
    """Record the officer's choices (each with a reason where the law asks for one); audited."""
    current = review(vault, request_id)
    decisions = []
    for chosen in choices:
        passage = current.passage(chosen.case_id, chosen.passage)
        if chosen.person and chosen.person not in {m.key for m in passage.mentions}:
            raise SubjectAccessError("That person is not named in this passage.")
        if (
            not chosen.person
            and passage.passage.internal
            and chosen.choice is Choice.INCLUDE
            and not chosen.reason.strip()
        ):
            raise InvalidFieldError("reason", "give the reason for including an internal risk note")
        decisions.append(
            Decision(
                chosen.case_id,
                chosen.passage,
                chosen.person,
                chosen.choice,
                chosen.reason,
                passage.passage.sha256,
            )
        )
    if not decisions:
        return current
    vault.decide_subject_access(request_id, decisions)
    return review(vault, request_id)


# -- the pack ---------------------------------------------------------------------------------


def _retention(vault: VaultService, reviewed: Review) -> str:
    years = vault.settings().retention_years
    lines = [
        f"These records are kept for {years} years after a case is closed, then deleted, as the "
        "University's records retention schedule sets out. A case under a legal hold is kept "
        "until the hold is lifted."
    ]
    for number, case in enumerate(reviewed.cases, start=1):
        if case.case.legal_hold:
            lines.append(f"Case {number} is under a legal hold.")
        elif case.closed_on is not None:
            deleted_on = rsa.add_months(case.closed_on, 12 * years)
            lines.append(
                f"Case {number} was closed on {_date(case.closed_on)}: it is due to be deleted "
                f"on {_date(deleted_on)}."
            )
        else:
            lines.append(f"Case {number} is still open.")
    return "\n".join(lines)


def pack_content(vault: VaultService, reviewed: Review, document_id: str) -> Any:
    """What the signed pack says, from the review: redacted, withheld parts listed."""
    from triage_desktop.documents import subject_access as ds
    from triage_desktop.services.documents_service import DocumentsService

    identity = DocumentsService(vault).signing_identity()
    if identity is None:
        raise SubjectAccessError(
            "There is no signing certificate yet: create one in Settings before making the pack."
        )
    request = reviewed.request
    cases = []
    withheld = []
    redacted = 0
    for number, case in enumerate(reviewed.cases, start=1):
        shown = []
        for passage in case.passages:
            if passage.withheld:
                withheld.append(
                    ds.Withheld(f"Case {number}: {passage.passage.heading}", passage.reason)
                )
                continue
            redacted += sum(
                len(m.spans) for m in passage.mentions if m.choice is not Choice.DISCLOSE
            )
            shown.append(
                ds.PackPassage(
                    passage.passage.heading, passage.passage.source, passage.disclosed_text()
                )
            )
        cases.append(
            ds.PackCase(
                title=f"Case {number} of {len(reviewed.cases)}",
                reference=case.case.reference,
                role=ROLE_WORDS[case.role],
                passages=tuple(shown),
            )
        )
    return ds.PackContent(
        organisation=identity.organisation or "The University",
        requester_name=request.requester_name,
        request_reference=request.reference,
        received_on=request.received_on,
        due_on=reviewed.clock.due_on,
        document_id=document_id,
        officer_name=identity.common_name,
        officer_role=identity.role,
        cases=tuple(cases),
        purpose=PURPOSE,
        recipients=RECIPIENTS,
        retention=_retention(vault, reviewed),
        rights=RIGHTS,
        withheld=tuple(withheld),
        redactions=redacted,
        redaction_reason=REDACT_REASON,
    )


def redaction_log(reviewed: Review, officer: str) -> str:
    """The internal record of every decision the pack was made with (kept in the vault only)."""
    document = {
        "request": reviewed.request.reference,
        "made_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "officer": officer,
        "cases": [
            {
                "case": case.case.reference,
                "role": case.role.value,
                "passages": [
                    {
                        "passage": p.passage.key,
                        "heading": p.passage.heading,
                        "choice": p.choice.value,
                        "reason": p.reason,
                        "decided": p.decided,
                        "mentions": [
                            {
                                "person": m.person,
                                "choice": m.choice.value,
                                "reason": m.reason,
                                "occurrences": len(m.spans),
                                "decided": m.decided,
                            }
                            for m in p.mentions
                        ],
                    }
                    for p in case.passages
                ],
            }
            for case in reviewed.cases
        ],
    }
    return json.dumps(document, ensure_ascii=False, sort_keys=True)


def render_draft(vault: VaultService, request_id: int) -> bytes:
    """The pack as it would be signed now, unsigned, for reading on screen (never stored)."""
    from triage_desktop.documents.subject_access import render_pack

    return render_pack(pack_content(vault, review(vault, request_id), "draft")).data


@dataclass(frozen=True)
class Exported:
    pack: StoredPack
    path: Path
    protected: bool
    pdf: bytes = field(repr=False, default=b"")


def sign_and_export(
    vault: VaultService, request_id: int, destination: Path, password: str = ""
) -> Exported:
    """Sign the pack, keep it in the vault with its redaction log, and write it to
    `destination` (owner-only); with a password, the file is an AES-256 protected copy signed
    from the same rendering. Audited: the pack, each case it drew from, and the export."""
    from triage_desktop.documents import content as dc
    from triage_desktop.documents.errors import DocumentError
    from triage_desktop.documents.signing import sign_pdf
    from triage_desktop.documents.subject_access import render_pack
    from triage_desktop.services.documents_service import DocumentsService
    from triage_desktop.vault.files import name_taken, write_new_private

    if destination.exists():  # before anything is signed or kept
        raise SubjectAccessError(name_taken(destination))
    reviewed = review(vault, request_id)
    stale = [
        p for c in reviewed.cases for p in c.passages if p.stale or any(m.stale for m in p.mentions)
    ]
    if stale:
        raise SubjectAccessError(
            f"{len(stale)} passage{'s have' if len(stale) != 1 else ' has'} changed since you "
            "decided on them: review them again before signing."
        )
    identity = DocumentsService(vault).signing_identity()
    if identity is None:
        raise SubjectAccessError(
            "There is no signing certificate yet: create one in Settings before making the pack."
        )
    rendered = render_pack(pack_content(vault, reviewed, dc.new_document_id()))
    try:
        signed = sign_pdf(rendered, identity, reason="Subject access request")
        protected = (
            sign_pdf(rendered, identity, reason="Subject access request", password=password)
            if password
            else None
        )
    except DocumentError as error:
        raise SubjectAccessError(str(error)) from error
    log = redaction_log(reviewed, identity.common_name)
    stored = vault.add_subject_access_pack(
        request_id, signed, log_json=log, chain_head=vault.audit_head()
    )
    written = protected if protected is not None else signed
    write_new_private(destination, written)
    vault.record_subject_access_export(
        request_id,
        {"sha256": hashlib.sha256(written).hexdigest(), "protected": protected is not None},
    )
    return Exported(stored, destination, protected is not None, written)


def stored_pack(vault: VaultService, pack_id: int) -> tuple[StoredPack, bytes, dict[str, Any]]:
    """A signed pack kept in the vault and the redaction log it was made with (audited)."""
    info, pdf, log = vault.fetch_subject_access_pack(pack_id)
    return info, pdf, json.loads(log)

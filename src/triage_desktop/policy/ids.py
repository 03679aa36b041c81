"""The ids the routing engine emits, in their stable output order: one place for the contract.

The routing engine, the data-file validation (every id must have words in the policy data) and the
tests all import these, so adding a flag here without giving it words fails on load. The words
themselves live in the policy data (`[[flags]]`, `[[escalations]]`, `[[outcomes]]`,
`[[procedures]]`, `[[preferences]]`), read through `Policy.flag(id)`, `Policy.escalation(id)`,
`Policy.outcome(id)`, `Policy.procedure(id)` and `Policy.preference(id)`.
"""

from __future__ import annotations

from typing import Literal

Action = Literal[
    "informal_resolution", "formal_process", "alternative_process", "no_further_action", "dismiss"
]
# Every action a triage meeting can end in (Appendix B): the officer's decision takes any of these.
ACTIONS: tuple[Action, ...] = (
    "informal_resolution",
    "formal_process",
    "alternative_process",
    "no_further_action",
    "dismiss",
)
# What `recommend` can return: never `dismiss`, which stays a decision the officer may take, with
# a reason the reporter is given.
RECOMMENDED_ACTIONS: tuple[Action, ...] = tuple(a for a in ACTIONS if a != "dismiss")

PROCEDURES = (
    "informal_resolution_approach",
    "student_regulation_7",
    "staff_disciplinary",
    "formal_dignity_respect_staff",
)
ESCALATIONS = ("joint_determination", "safeguarding")
FLAGS = (
    "historical_report",
    "anonymous_no_contact",
    "course_content_presumption",
    "legitimate_management",
    "severity_may_require_formal",
    "informal_not_viable",
    "external_report",
    "respondent_unknown",
    "outside_scope",
    "potential_risk",
    "incident_before_policy",
)

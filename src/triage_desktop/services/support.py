"""The support directory in use: the policy's, with the officer's corrections from settings.

Corrections are stored as `support_directory_overrides = {service_id: {"name", "description",
"contact"}}`: only services the officer changed, so a new policy version still brings its own
wording for the rest. `directory_in_use` is the one place the meeting's support step, the
reporter view, the summary and the letters get their directory from.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from triage_desktop.cases.text import InvalidFieldError, clean_text
from triage_desktop.policy.catalogue import support_directory_from_records
from triage_desktop.policy.errors import PolicyDataError
from triage_desktop.policy.model import Policy, SupportDirectory, SupportService

EDITABLE = ("name", "description", "contact")
NAME_LIMIT = 200
DESCRIPTION_LIMIT = 2_000
CONTACT_LIMIT = 500


def checked_fields(name: str, description: str, contact: str) -> dict[str, str]:
    """The three editable fields, cleaned; InvalidFieldError("support.<field>", ...) if not."""
    return {
        "name": clean_text("support.name", name, NAME_LIMIT, required=True).strip(),
        "description": clean_text(
            "support.description", description, DESCRIPTION_LIMIT, required=True
        ).strip(),
        "contact": clean_text("support.contact", contact, CONTACT_LIMIT).strip(),
    }


def apply_overrides(directory: SupportDirectory, overrides: Mapping[str, Any]) -> SupportDirectory:
    """The policy's directory with the officer's corrections; unknown ids are ignored (a newer
    policy may have dropped a service). The result is validated like the policy's data file."""
    services = []
    for service in directory.services:
        change = overrides.get(service.id)
        if isinstance(change, Mapping):
            values = {key: str(change.get(key, getattr(service, key))) for key in EDITABLE}
            # replace() keeps the fields the officer cannot edit (confidential, for_statuses, ...)
            services.append(
                replace(
                    service,
                    name=values["name"],
                    description=values["description"],
                    contact=values["contact"],
                )
            )
        else:
            services.append(service)
    edited = SupportDirectory(tuple(services))
    try:
        return support_directory_from_records(edited.to_records(), "support directory settings")
    except PolicyDataError as error:
        raise InvalidFieldError("support_directory_overrides", str(error)) from error


def directory_in_use(policy: Policy, overrides: Mapping[str, Any]) -> SupportDirectory:
    """The directory a meeting and its documents show: the policy's with the officer's edits.

    Edits that no longer validate (e.g. written against an older policy) fall back to the
    policy's own wording rather than leaving the reporter with no support listed."""
    try:
        return apply_overrides(policy.support, overrides)
    except InvalidFieldError:
        return policy.support


def with_override(
    overrides: Mapping[str, Any], policy_service: SupportService, fields: Mapping[str, str]
) -> dict[str, Any]:
    """A copy of `overrides` with `fields` for this service; none when it matches the policy."""
    updated = {key: dict(value) for key, value in overrides.items()}
    if all(fields[key] == getattr(policy_service, key) for key in EDITABLE):
        updated.pop(policy_service.id, None)
    else:
        updated[policy_service.id] = {key: fields[key] for key in EDITABLE}
    return updated

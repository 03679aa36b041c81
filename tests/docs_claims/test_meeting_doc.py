"""docs/meeting.md: the record as the document shows it is the record the service stores
(issue 13: every claim true)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from tests.support.meetings import filled_meeting
from tests.support.vaults import create_vault, details
from triage_desktop.meeting import schema as m
from triage_desktop.services import meeting_service as ms
from triage_desktop.services.documents_service import DocumentsService

DOC = Path(__file__).resolve().parents[2] / "docs" / "meeting.md"


def _documented_record() -> dict[str, Any]:
    """The example record in docs/meeting.md, its "..." elisions dropped."""
    text = DOC.read_text("utf-8")
    block = re.search(r"A JSON document, version 2:\n\n```json\n(.*?)```", text, re.S)
    assert block is not None
    example = re.sub(r",\s*\.\.\.(?=\s*[}\]])", "", block.group(1)).replace("{...}", "{}")
    parsed: dict[str, Any] = json.loads(example)
    return parsed


def test_a_signed_record_has_the_keys_the_document_shows(tmp_path: Path) -> None:
    service, _ = create_vault(tmp_path / "v")
    try:
        case = service.create_case(details())
        DocumentsService(service).set_up_identity("Officer Fictional", "DRLRO", "University")
        meeting = filled_meeting()
        meeting.set(m.RISK_ANSWER.field("safe_now", ""), "no")
        meeting.acknowledge_safety(
            (m.RISK_ANSWER.key("safe_now"),), "Officer Fictional", dt.datetime.now(dt.UTC)
        )
        meeting.set(m.REPORTER_AGREEMENT, "I am happy for it to go formal")
        ms.sign_summary(service, case.id, meeting)
        stored = service.load_meeting(case.id)
        assert stored is not None
        record = json.loads(json.dumps(stored.record))
    finally:
        service.lock()
    shown = _documented_record()
    assert set(shown) == set(record)  # every top-level key, none missing, none extra
    assert set(shown["safety"]) == set(record["safety"])
    assert set(shown["signed"]["summary"]) <= set(record["signed"]["summary"])
    assert set(shown["values"]) <= set(record["values"])
    assert record["version"] == 2
    assert record["values"]["risk_answer:safe_now"] == "no"

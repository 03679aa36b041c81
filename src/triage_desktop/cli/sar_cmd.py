"""`sar`: subject access requests (UK GDPR Article 15). See docs/subject-access.md."""

from __future__ import annotations

from typing import Any


def register(subparsers: Any) -> None:
    del subparsers  # the commands follow with the subject access service

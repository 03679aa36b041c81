"""Errors the documents layer raises: each carries a message fit to show the officer as is."""

from __future__ import annotations


class DocumentError(Exception):
    """Base class: a document could not be made, signed or checked."""


class FontNotFoundError(DocumentError):
    """A font needed for a script is not installed and not shipped."""


class IdentityError(DocumentError):
    """A signing identity cannot be created, imported or used."""


class TemplateError(DocumentError):
    """A letter template is missing, broken or tried something the sandbox refuses."""


class SigningError(DocumentError):
    """pyHanko refused to sign (bad key, bad PDF, unreachable timestamp server)."""


class NotPdfError(DocumentError):
    """The file is not a PDF at all."""


class NotSignedError(DocumentError):
    """The file is a PDF but carries no signature."""


class ContentError(DocumentError):
    """The content cannot make a truthful document (e.g. a dismissal letter with no explanation
    for the reader, or a draft given to be signed)."""

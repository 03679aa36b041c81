"""Signed documents: the triage summary and the letters to the reporter, as PAdES-signed PDFs.

Independent of the vault and the store: render functions take the plain dataclasses of
`documents.content` and return PDF bytes in memory; `documents.signing` signs them with the
officer's `documents.identity.SigningIdentity`; `documents.verification` checks them. reportlab
and pyHanko are imported inside functions only, so importing this package costs nothing.
See docs/documents.md.
"""

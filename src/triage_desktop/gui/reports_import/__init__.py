"""File → Import reports…: the preview, the one-transaction import and its reconciliation."""

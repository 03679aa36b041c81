"""The Dignity and Respect Policy as data and rules: pure Python, no Qt, no SQL.

- `catalogue`: versioned policy data (behaviours, characteristics, support directory, options,
  outcomes, procedures, principles, risk questions, words for every id the engine emits), the
  version in force on a date.
- `calendar`: working days in England and the 2-working-day contact deadline.
- `risk`: the triage risk screen.
- `routing`: case facts in, a recommendation with a cited rationale out.
- `ids`: the ids the routing engine emits, in output order.

Import the submodule you need; this package imports nothing, so it stays cheap to load.
"""

"""Reports exported from the University's Support and Report tool: the import contract.

Pure Python (no Qt, no SQL). It checks a file against the contract and the policy catalogue in
force on each report's date, so it sits above `cases` and `policy`, which stay independent.
"""

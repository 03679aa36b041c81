"""cases layer: the pure domain model of a case and its meeting, and validation of untrusted input.

No Qt, no SQL, no keys: plain frozen dataclasses that the store returns and the services hand to
the GUI and CLI.
"""

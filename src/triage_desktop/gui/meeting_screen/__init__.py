"""The guided triage meeting (issue 7): steps, autosave, the reporter view, review and sign."""

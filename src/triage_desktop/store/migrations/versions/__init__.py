"""Migration steps, oldest first."""

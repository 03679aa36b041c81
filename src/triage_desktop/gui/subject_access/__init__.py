"""Subject access requests: the list, a new request, and the review that makes the pack."""

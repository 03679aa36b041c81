"""The Statistics page: the oversight statistics previewed exactly as published, then exported."""

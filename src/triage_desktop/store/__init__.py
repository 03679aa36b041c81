"""store layer: the SQLCipher database. Schema, migrations, repositories, full-text search, the
hash-chained audit log, backup and retention purge. The only place SQL lives; everything leaving
this package is a plain domain object from `triage_desktop.cases`.
"""

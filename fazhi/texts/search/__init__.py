"""Chinese full-text search over SQLite FTS5 or PostgreSQL tsvector (DESIGN §2): see `service`.

Import the functions from `fazhi.texts.search.service`; this package's `__init__` stays free of
Django imports so that the segmenter can run in a process pool.
"""

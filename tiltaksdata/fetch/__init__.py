"""`python -m tiltaksdata.fetch`: NAV's new report files → content/reports/, each with its provenance.

links.py (a page → the report files it links), download.py (HTTP: one request at a time, retries,
timeouts), identify.py (a file read with the project's own reader → what report it is), naming.py
and provenance_write.py (its name and its .toml), plan.py (what is new, a new publication, or known),
place.py (everything into content/reports/, or nothing) and summary.py (what a fetch says, and the
pull request's description). Only __main__.py prints.
"""

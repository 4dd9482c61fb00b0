"""The version of the extraction rules, stored with an index's records (see index/records.py)."""
from __future__ import annotations

# Bump this whenever extraction output can change: a rule in corpus/extraction/, a word list it
# uses (corpus/lexicon.py, the gazetteers here), or the normalisation it relies on
# (corpus/normalize.py, corpus/sentences.py). An index whose stored version differs re-extracts
# every article on its next open or ingest (no re-embedding). Edits that leave the output as it
# was (comments, docstrings, moving code) need no bump.
EXTRACTION_VERSION = 7

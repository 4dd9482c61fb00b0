"""Tone marks put back into a Vietnamese query typed without them, from the index's own text.

The embedding model reads "khoi thi dua noi chinh" as a string of foreign syllables: a query without
tone marks finds its article by dense similarity far less often than the same query written with
them (BM25 is unaffected: it matches tone-folded tokens). `ToneForms` maps each tone-folded run of
one to three words of the indexed articles to the form the articles write it in most often
("khoi thi dua" → "Khối thi đua"); `restore` rewrites a query greedily, longest known run first,
keeping every character that is not a word. Runs of two or three words are kept when the articles
write them at least twice; a word the articles never write stays as typed. A short list of
interrogatives, which news text rarely writes, comes before the articles' forms ("o dau" → "ở đâu",
not the commoner "ở đầu").

Built from the catalog when BM25 is rebuilt (`Indexer.rebuild_bm25`) and saved beside it with the
BM25 digest it was built with; an index saved without one builds it on first use.
"""
from __future__ import annotations

import json
import os
import re
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from corpus.normalize import fold, has_tone_marks

__all__ = ["FILE_NAME", "ToneForms", "article_texts", "restorable"]

FILE_NAME = "tone_forms.json"
# How the table is built: a saved table of another version is built again (bump with any change).
VERSION = 2
MAX_WORDS = 3  # the longest run of words looked up
INITIAL_WEIGHT = 0.1  # what an occurrence at the start of a run counts for its form
MIN_RUN_COUNT = 2  # a run of two or more words is kept when the articles write it this often
# Interrogatives and their usual companions, as a question writes them.
QUESTION_FORMS = (
    "ai", "những ai", "gì", "là gì", "những gì", "nào", "những nào", "khi nào", "bao giờ", "ở đâu", "đâu",
    "bao nhiêu", "mấy", "vì sao", "tại sao", "như thế nào", "thế nào", "ra sao", "có phải", "hay không",
)
# Words separated by one space: a run never crosses punctuation or a line break.
_RUNS = re.compile(r"[^\W_]+(?: [^\W_]+)*")
_WORD = re.compile(r"[^\W_]+")
_LETTERS = re.compile(r"[^\W\d_]")


def restorable(query: str) -> bool:
    """Whether a query is written without any tone mark (and has a word to restore)."""
    return bool(_LETTERS.search(query)) and not has_tone_marks(query)


def article_texts(catalog) -> Iterator[str]:
    """The title and text of every article of a catalog (`index.catalog.Catalog`)."""
    for article in catalog.articles():
        yield article.title
        yield article.text


class ToneForms:
    """{tone-folded run of words: the form the articles write it in most often}."""

    def __init__(self, forms: dict[str, str], digest: str | None = None, version: int = VERSION) -> None:
        self.forms = forms
        self.digest = digest  # of the BM25 index it was built beside (None: unknown)
        self.version = version  # of the code that built it

    @classmethod
    def from_texts(cls, texts: Iterable[str], digest: str | None = None) -> ToneForms:
        counts: dict[str, Counter] = defaultdict(Counter)  # folded run → {form: weighted occurrences}
        occurrences: Counter = Counter()  # folded run → how often the articles write it
        for text in texts:
            for run in _RUNS.finditer(text):
                words = run.group().split(" ")
                folded = [fold(w) for w in words]
                for n in range(1, MAX_WORDS + 1):
                    for i in range(len(words) - n + 1):
                        # a run's first word is capitalised as a sentence's: it counts for little
                        key = " ".join(folded[i:i + n])
                        counts[key][" ".join(words[i:i + n])] += 1 if i else INITIAL_WEIGHT
                        occurrences[key] += 1
        forms = {}
        for key, seen in counts.items():
            if " " not in key or occurrences[key] >= MIN_RUN_COUNT:
                forms[key] = max(seen, key=lambda form: (seen[form], form))
        forms.update({fold(q): q for q in QUESTION_FORMS})
        return cls(forms, digest)

    def restore(self, query: str) -> str:
        """`query` with each known run of words in the articles' form; other characters kept."""
        out: list[str] = []
        pos = 0
        for run in _RUNS.finditer(query):
            words = list(_WORD.finditer(run.group()))
            keys = [fold(w.group()) for w in words]
            i = 0
            while i < len(words):
                for n in range(min(MAX_WORDS, len(words) - i), 0, -1):
                    form = self.forms.get(" ".join(keys[i:i + n]))
                    if form is None:
                        continue
                    for word, written in zip(words[i:i + n], form.split(" ")):
                        out.append(query[pos:run.start() + word.start()])
                        out.append(written)
                        pos = run.start() + word.end()
                    i += n
                    break
                else:
                    i += 1
        out.append(query[pos:])
        return "".join(out)

    # --- storage --------------------------------------------------------------------------------
    def save(self, path: Path) -> None:
        """Written to a temporary file and renamed: a reader never sees half a file."""
        path = Path(path)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tone_forms.")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump({"version": self.version, "digest": self.digest, "forms": self.forms}, f, ensure_ascii=False, separators=(",", ":"))
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)

    @classmethod
    def for_index(cls, path: Path, digest: str | None, texts: Callable[[], Iterable[str]]) -> ToneForms:
        """The table saved at `path` when it was built beside the BM25 index of `digest` by this
        `VERSION`; else one built from `texts()` and saved there (when the directory can be written)."""
        saved = cls.load(path)
        if saved is not None and digest is not None and saved.digest == digest and saved.version == VERSION:
            return saved
        built = cls.from_texts(texts(), digest)
        try:
            built.save(path)
        except OSError:
            pass
        return built

    @classmethod
    def load(cls, path: Path) -> ToneForms | None:
        """The saved table, or None when missing or unreadable."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            return cls(dict(data["forms"]), data.get("digest"), int(data.get("version", 1)))
        except (OSError, ValueError, KeyError, TypeError):
            return None

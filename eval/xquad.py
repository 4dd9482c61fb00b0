"""XQuAD-vi as a question set: the 240 passages become articles, the 1,190 questions factoid items.

The data stays where it is (`../shared/data/vi_qa` by default, any folder holding
`passages.jsonl` and `questions.jsonl` by argument); nothing is copied into the repository. The
passages are written to a JSON Lines file of articles `{"id", "title", "text"}` (in a temporary or
given folder) for the runner to ingest. Each question's evidence is its passage, quoted by the
gold answer span, so retrieval is scored at passage level and answers by string match.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from .sets import SHARED_DATA, Evidence, Question

DEFAULT_PATH = SHARED_DATA / "vi_qa"
NAMES = ("xquad", "xquad-vi", "vi_qa")


def is_xquad(spec: str | os.PathLike[str]) -> bool:
    """True for the names "xquad"/"xquad-vi"/"vi_qa" or a folder with passages.jsonl + questions.jsonl."""
    path = Path(spec)
    if str(spec) in NAMES:
        return True
    return path.is_dir() and (path / "passages.jsonl").is_file() and (path / "questions.jsonl").is_file()


def resolve(spec: str | os.PathLike[str]) -> Path:
    """The data folder for a spec accepted by `is_xquad`."""
    return DEFAULT_PATH if str(spec) in NAMES and not Path(spec).is_dir() else Path(spec)


def load_xquad(path: str | os.PathLike[str] | None = None) -> tuple[list[Question], list[dict]]:
    """(questions, passages) from an XQuAD-vi folder. Raises FileNotFoundError naming the folder."""
    folder = Path(path) if path else DEFAULT_PATH
    passages_file, questions_file = folder / "passages.jsonl", folder / "questions.jsonl"
    if not passages_file.is_file() or not questions_file.is_file():
        raise FileNotFoundError(f"XQuAD-vi data not found in {folder} (needs passages.jsonl and questions.jsonl)")
    passages = [json.loads(line) for line in passages_file.read_text(encoding="utf-8").splitlines() if line.strip()]
    titles = {p["id"]: str(p.get("title") or p["id"]) for p in passages}
    questions = []
    for line in questions_file.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        answers = tuple(a for a in item["answers"] if a.strip())
        questions.append(Question(
            id=item["id"], question=item["question"], type="factoid", answers=answers, list=False,
            evidence=tuple(Evidence(item["passage_id"], a) for a in answers),
            extra={"title": titles.get(item["passage_id"], item["passage_id"])},  # what splits go by
        ))
    return questions, passages


def write_articles(passages: list[dict], out_file: str | os.PathLike[str]) -> Path:
    """Write passages as article JSON Lines (`id`, `title` from the Wikipedia slug, `text`)."""
    out = Path(out_file)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        for p in passages:
            title = str(p.get("title") or p["id"]).replace("_", " ")
            handle.write(json.dumps({"id": p["id"], "title": title, "text": p["text"]}, ensure_ascii=False) + "\n")
    return out

"""Question analysis: the expected answer type and the content words of a question.

Works on Vietnamese with or without tone marks, and on English. Patterns are matched on the
tone-folded, lower-cased question, so "khi nao" and "khi nào" are the same.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from corpus.normalize import fold
from index.language import is_english

# Answer types, most specific first. Each pattern runs on the folded question.
_TYPE_PATTERNS: list[tuple[str, str]] = [
    ("theme", r"\b(chu de|khau hieu|thong diep|slogan|theme|motto)\b"),
    ("campaign", r"\b(phong trao|cuoc van dong|campaigns?|movements?)\b"),
    ("directive", r"\b(chi thi|nghi quyet|quyet dinh|nghi dinh|ke hoach|thong tu|directives?|resolutions?|decisions?|decrees?)\b.*\b(nao|gi|so may|so bao nhieu|which|what)\b"),
    ("number", r"\b(bao nhieu|may (don vi|co quan|nguoi|tap the|ca nhan|huyen|xa|dia phuong|chuong|dieu|nhiem vu|noi dung|lan|nam)|how many|how much|what percentage|what share)\b"),
    ("date", r"\b(khi nao|ngay nao|ngay may|thoi gian nao|bao gio|luc nao|hom nao|thang nao|nam nao|when|what date|which date|what day|which year|what year)\b"),
    ("place", r"\b(o dau|tai dau|dia diem nao|noi nao|where|what place|which venue)\b"),
    ("title", r"\b(chuc vu|chuc danh|giu chuc|cuong vi|what (title|position|role)|which (title|position|role))\b"),
    ("list", r"\b(nhung|cac) ([\w,]+ ){1,5}nao\b|\bgom (nhung|co nhung|cac)?\b.*\b(nao|gi)\b|\bliet ke\b|\bke ten\b|\bwhich (units|agencies|bodies|organi[sz]ations|parties|members|provinces|districts|campaigns|people|officials)\b|\blist\b|\bwho (signed|took part|participated|were)\b"),
    ("person", r"\b(ai|nguoi nao|dong chi nao|ong nao|ba nao|who|whom)\b"),
    ("organisation", r"\b(don vi nao|co quan nao|to chuc nao|ben nao|khoi nao|cum nao|so nao|hoi nao|which (unit|agency|body|organi[sz]ation|party|bloc|cluster))\b"),
]

# Content words never worth matching in evidence.
_QUESTION_WORDS = set(
    """ai gi nao dau sao bao nhieu may khi nhung cac cua la duoc trong cho voi da nay mot de tai ve nhu
    nen den theo ra vao tren duoi sau truoc rat nhieu hon lai se bi hay hoac o vay gom va khong
    giu chuc vu danh cuong vi ong ba
    con what which who whom when where why how many much is are was were be did does do the a an of and or in on at
    to for from by with about that this these those it its their they them there has have had""".split()
)
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class QuestionAnalysis:
    """What a question asks for."""

    text: str
    answer_type: str  # theme, campaign, directive, number, date, place, title, list, person, organisation, other
    wants_list: bool
    english: bool
    content: list[str] = field(default_factory=list)  # folded content words, in order
    noun: str | None = None  # for number questions: the counted noun ("don vi")
    frame: set[str] = field(default_factory=set)  # folded words of the wh-phrase ("don vi" in "đơn vị nào")


def analyse_question(question: str) -> QuestionAnalysis:
    """The expected answer type, list-ness and folded content words of `question`."""
    folded = fold(question)
    answer_type = "other"
    for name, pattern in _TYPE_PATTERNS:
        if re.search(pattern, folded):
            answer_type = name
            break
    wants_list = answer_type == "list" or bool(
        re.search(r"\b(nhung|cac) ([\w,]+ ){0,5}nao\b|\bwhich \w+s\b|\bgom nhung\b", folded)
    ) and answer_type not in ("number", "date", "place")
    noun = None
    if answer_type == "number":
        m = re.search(r"\b(?:bao nhieu|may)\s+(\w+(?: \w+)?)", folded)
        noun = m.group(1) if m else None
    content = [w for w in _WORD.findall(folded) if w not in _QUESTION_WORDS and (len(w) > 1 or w.isdigit())]
    frame = set()
    for m in re.finditer(r"((?:\w+,? ){1,3})nao\b|(?:bao nhieu|may) ((?:\w+ ?){1,2})", folded):
        frame.update(_WORD.findall(m.group(1) or m.group(2) or ""))
    return QuestionAnalysis(question, answer_type, wants_list, is_english(question), content, noun, frame)

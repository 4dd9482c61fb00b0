"""Rule-based follow-up resolution: turn an elliptical question into a standalone one using the
previous questions of the conversation (no LLM needed).

- "Còn năm 2022 thì sao?" / "What about 2022?" → the previous question with its year (or its
  organisation, or its place) replaced by the new one, or with the new element added.
- "Ai đại diện đơn vị đó?" / "Who represented that unit?" → the reference replaced by the last
  organisation, bloc or person named in the previous question.
- A short question with no subject of its own ("Ai chủ trì?") → the previous question's subject
  is added to it.
- "Ông ấy sinh năm nào?" after "Ai được bầu làm Chủ tịch …?" → the person is the previous
  question's answer, not a name it mentions: with `answer_of` (the short answer of a question, given
  by the caller), the reference is replaced by that name.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from corpus.normalize import fold, fold_aligned

from .candidates import _people, organisation_spans
from .question import analyse_question

# The asked thing ends at a non-space character and one optional "?" follows: every way of ending it
# is tried once, not once per space of a long run (which made this cubic in the question length).
_WHAT_ABOUT = re.compile(
    r"^\s*(?:(?:thế |the |vậy |vay )?(?:còn|con)\s+(?P<vi>\S(?:.*?\S)??)(?:\s+(?:thì|thi)\s+(?:sao|thế nào|the nao|ra sao))?"
    r"|(?:and |so )?(?:what|how) about\s+(?P<en>\S(?:.*?\S)??))\s*(?:[?？]\s*)?$",
    re.IGNORECASE,
)
# A question word of its own: what follows "còn" / "what about" is then a whole question.
_ASKS_ITSELF = re.compile(r"\b(?:gi|nao|ai|dau|bao nhieu|khi nao|bao gio|may|which|what|who|when|where|how)\b")
# Documents and events a follow-up points back to ("quy chế đó", "chỉ thị đó", "buổi lễ này"), as
# written and folded: the follow-up keeps the noun and inherits the previous question's context.
_DOCUMENT_WORDS = (
    "giao ước|giao uoc|quy chế|quy che|chương trình|chuong trinh|hội nghị|hoi nghi|văn bản|van ban|"
    "chỉ thị|chi thi|nghị quyết|nghi quyet|quyết định|quyet dinh|kế hoạch|ke hoach|thỏa thuận|thoa thuan|"
    "biên bản|bien ban|hiệp định|hiep dinh|đề án|de an|dự án|du an|cuộc thi|cuoc thi|buổi lễ|buoi le|"
    "sự kiện|su kien|đợt|dot|vụ việc|vu viec|báo cáo|bao cao"
)
_REFERENCE = re.compile(
    r"\b(?:(?:đơn vị|don vi|cơ quan|co quan|khối|khoi|cụm|cum|tổ chức|to chuc|ngành|nganh|địa phương|dia phuong|"
    r"tỉnh|tinh|huyện|huyen|quận|quan|xã|xa|thành phố|thanh pho|" + _DOCUMENT_WORDS
    + r")\s+(?:đó|do|này|nay|ấy|ay|trên|tren)"
    r"|(?:ông|ong|bà|ba|người|nguoi|(?<!cương )(?<!cuong )(?<!đơn )(?<!don )(?<!địa )(?<!dia )(?:vị|vi))\s+(?:ấy|ay|đó|này)"
    r"|(?:that|this|the same)\s+(?:unit|agency|body|bloc|cluster|pact|agreement|conference|province|organi[sz]ation|person|official)"
    r"|\b(?:it|they|them|he|she|him|her|họ)\b)",
    re.IGNORECASE,
)
_DOCUMENT_NOUN = re.compile(f"(?:{_DOCUMENT_WORDS})", re.IGNORECASE)
_YEAR_REFERENCE = re.compile(r"\b(?:năm|nam|that year|the same year)\s*+(?:đó|do|này|nay|ấy|ay)?(?=\s*[?.,]|\s*$)|\b(?:năm|nam)\s+(?:đó|này|ấy)\b", re.IGNORECASE)  # \s*+: no backtracking into spaces
_YEAR = re.compile(r"\b(?:năm |nam )?(?:19|20)\d{2}\b", re.IGNORECASE)
_DATE = re.compile(r"(?<![\w/.-])\d{1,2}[/.-]\d{1,2}(?:[/.-](?:19|20)\d{2})?(?![\w/.-])")  # 14/12, 17/3/2021
_INTERROGATIVE = set(
    "ai gi nao dau sao bao nhieu may khi nhung cac la gom co which what who whom when where why how many much "
    "did does do is are was were the".split()
)


# A person the follow-up points back to, and a previous question that asks for a person.
_PERSON_REFERENCE = re.compile(r"\b(?:(?:ông|ong|bà|ba|người|nguoi)\s+(?:ấy|ay|đó|này|nay)|he|she|him|her)\b", re.IGNORECASE)
_ASKS_WHO = re.compile(r"(?:^|\s)(?:ai|những ai|nhung ai)(?=[\s?,]|$)|\bwho\b", re.IGNORECASE)
_NAME_ANSWER = re.compile(r"[A-ZĐÀ-Ỹ][\w’'-]*(?: [A-ZĐÀ-Ỹ][\w’'-]*){1,4}")

AnswerOf = Callable[[str], "str | None"]

# A follow-up that asks what a count counted ("Đó là những ai?", "Họ là những đơn vị nào?", "Who are
# they?", "Which ones?"), and the count it points back to ("bao nhiêu Phó Chủ tịch", "how many units").
_WHICH_ARE_THEY = re.compile(
    r"^\s*(?:(?:đó|đấy|đây|họ|do|day|ho)\s+(?:là|la)\s+(?:những|nhung|các|cac)\s+(?:ai|gì|gi|\w+(?:\s\w+)?\s+(?:nào|nao))"
    r"|(?:who|what|which)\s+(?:are|were)\s+(?:they|these|those|them)|which\s+ones?)\s*[?？]?\s*$", re.IGNORECASE)
_HOW_MANY = re.compile(r"(?P<vi>\b(?:bao nhiêu|bao nhieu|mấy)\s+)(?P<noun>[^\W\d_]+(?:\s+[^\W\d_]+){0,4}?)(?=\s*(?:[?,.;]|$|\s(?:được|duoc|đã|da|của|cua|tham|ký|ky)\b))"
                       r"|\bhow many\s+(?P<noun_en>\w+(?:\s\w+)?)", re.IGNORECASE)


def condense_question(question: str, history: list[str] | None, answer_of: AnswerOf | None = None) -> str:
    """A standalone version of `question` given the previous questions (oldest first);
    `answer_of(question)`: the short answer to a standalone question, used for a person the
    previous question asked for ("ông ấy" after "Ai …?")."""
    if not history:
        return question
    previous = history[-1]
    if len(history) > 1:
        previous = condense_question(previous, history[:-1], answer_of)
    person = _PERSON_REFERENCE.search(question)
    if person and (_ASKS_WHO.search(previous) or _asks_for_person(previous)):
        name = (answer_of(previous) or "").strip() if answer_of is not None else ""
        if _NAME_ANSWER.fullmatch(name):
            return _with_context(question[: person.start()] + name + question[person.end():], previous, words=False)
        # the person is the answer, not a name the previous question mentions: its words say who
        return f"{question.rstrip(' ?')} ({_subject_words(previous)})?"
    if _WHICH_ARE_THEY.match(question) and (counted := _HOW_MANY.search(previous)):
        # "Đó là những ai?" after "… có bao nhiêu Phó Chủ tịch?": the things counted, listed
        listed = f"những {counted.group('noun')} nào" if counted.group("vi") else f"which {counted.group('noun_en')}"
        listed = previous[:counted.start()] + listed + previous[counted.end():]
        return listed[:1].upper() + listed[1:]
    match = _WHAT_ABOUT.match(question)
    if match and _ASKS_ITSELF.search(fold(match.group("vi") or match.group("en") or "")):
        # "Còn Cụm thi đua … đặt khẩu hiệu gì?": a whole question after "còn", not "what about X"
        return condense_question(question[match.start("vi" if match.group("vi") else "en"):], history)
    if match:
        new = (match.group("vi") or match.group("en") or "").strip()
        new = re.sub(r"^(?:ở|o|tại|tai|in|at|for)\s+", "", new, flags=re.IGNORECASE)
        return _substitute(previous, new)
    year_ref = _YEAR_REFERENCE.search(question)
    if year_ref and _YEAR.search(previous):
        digits = re.search(r"\d{4}", _YEAR.search(previous).group(0)).group(0)  # type: ignore[union-attr]
        question = question[: year_ref.start()] + f"năm {digits}" + question[year_ref.end():]
        return _with_context(question, previous)
    reference = _REFERENCE.search(question)
    if reference and _DOCUMENT_NOUN.match(reference.group(0)):
        # "Quy chế đó", "hội nghị này": the thing the previous question was about — keep the
        # noun, drop the demonstrative, and carry the previous question's names and year.
        noun = _DOCUMENT_NOUN.match(reference.group(0)).group(0)  # type: ignore[union-attr]
        return _with_context(question[: reference.start()] + noun + question[reference.end():], previous)
    if reference and _asks_for_noun(previous, reference.group(0)):
        # "Tỉnh đó …" after "… với lãnh đạo tỉnh nào?": the thing meant is the previous question's
        # answer, not a name it mentions — keep the noun and carry the previous question's context
        noun = reference.group(0).rsplit(None, 1)[0]
        return _with_context(question[: reference.start()] + noun + question[reference.end():], previous)
    if reference:
        subject = _last_entity(previous)
        if subject:
            resolved = question[: reference.start()] + subject + question[reference.end():]
            return _with_context(resolved, previous, words=False)
        return f"{question.rstrip(' ?')} ({_subject_words(previous)})?"
    if _points_back_by_head(question, previous):
        # "Ai ký thay cho bên Hội?" after "… Đài Phát thanh và Hội Nông dân tỉnh Lạc Sơn ký …": the body
        # the previous question named, called by its head word alone
        return _with_context(question, previous, words=False)
    if not _has_own_subject(question):
        return f"{question.rstrip(' ?')} ({_subject_words(previous)})?"
    if not _names_anything(question):
        return _with_context(question, previous)
    return question


def _asks_for_person(question: str) -> bool:
    """Whether a question asks for a person without "ai / who" ("Which provincial deputy
    raised …?"): its answer type is a person's."""
    return analyse_question(question).answer_type == "person"


# The one-word heads of organisation names, folded: written capitalised and alone ("bên Hội", "Bộ đã
# …"), such a head calls a body already named by its head.
_ONE_WORD_HEADS = frozenset({"hoi", "bo", "so", "ban", "cuc", "khoi", "cum", "vien", "phong", "bao"})


def _points_back_by_head(question: str, previous: str) -> bool:
    """Whether the question names nothing but an organisation's head word, capitalised and alone
    ("bên Hội", "Bộ đã …"), that heads an organisation of the previous question; a head before a
    capitalised word begins a name of its own ("Bộ Tư pháp")."""
    words = list(re.finditer(r"\w+", _without_honours(question)))
    capitalised = [n for n, m in enumerate(words) if m.group(0)[:1].isupper()]
    bare = [n for n in capitalised if fold(words[n].group(0)).lower() in _ONE_WORD_HEADS
            and not (n + 1 < len(words) and words[n + 1].group(0)[:1].isupper())]
    if not bare or any(n and n not in bare for n in capitalised) or re.search(r"\d", question):
        return False
    named = {w for s, e in organisation_spans(previous, fold_aligned(previous)) for w in previous[s:e].split()}
    return all(words[n].group(0) in named for n in bare)


def _asks_for_noun(previous: str, reference: str) -> bool:
    """Whether the previous question asks for the thing a reference points back to ("tỉnh nào" for
    "tỉnh đó", "văn bản gì" for "văn bản này"), or names it only by its noun, itself a reference
    resolved so ("Tỉnh có bao nhiêu km …" after "… tỉnh nào?")."""
    words = fold(reference).lower().split()
    if len(words) < 2 or words[-1] not in ("do", "nay", "ay", "tren") or words[0] in ("ong", "ba", "nguoi", "vi"):
        return False  # English ("that unit"), a pronoun, or a person (the "who" answer, above)
    noun = " ".join(words[:-1])
    folded = fold_aligned(previous).lower()
    if re.search(rf"\b{re.escape(noun)}\s+(?:\w+\s+){{0,3}}?(?:nao|gi)\b", folded):
        return True
    return any(not previous[m.end():].lstrip()[:1].isupper()
               for m in re.finditer(rf"\b{re.escape(noun)}\b(?=\s+\w)", folded))


# Honours are written capitalised ("Bằng khen", "Cờ thi đua") but name no unit, place or campaign.
_HONOURS = re.compile(
    r"\b(?:bang khen|giay khen|co thi dua|huan chuong|huy chuong|ky niem chuong|chien si thi dua|"
    r"tap the lao dong xuat sac|lao dong tien tien)\b"
)


def _without_honours(question: str) -> str:
    """The question with honour names lower-cased, so they do not count as names."""
    folded = fold_aligned(question)
    for m in _HONOURS.finditer(folded.lower()):
        question = question[: m.start()] + question[m.start(): m.end()].lower() + question[m.end():]
    return question


def _names_anything(question: str) -> bool:
    """Whether the question names something itself: a year, any capitalised word after the first
    (a place, a unit, a campaign: "Xã Hòa Bình", "Dân vận khéo"), or an organisation, person or
    province the extractor finds. Only a question naming nothing inherits the previous context."""
    from corpus.extraction import extract
    from corpus.records import Article

    if re.search(r"\b(?:19|20)\d{2}\b", question):
        return True
    question = _without_honours(question)
    if any(w[:1].isupper() for w in re.findall(r"\w+", question)[1:]):
        return True
    extraction = extract(Article(id="question", title="", text=question))
    return bool(extraction.province or extraction.participants)


def _with_context(question: str, previous: str, words: bool = True) -> str:
    """The resolved follow-up plus the previous question's organisations/blocs, day and year that it
    does not mention yet, then (with `words`) the previous question's other content words: "(Cụm thi
    đua các huyện vùng cao Lạc Sơn, năm 2024, tổ chức hội nghị tổng kết)". Without `words` when the
    follow-up names what it asks about (a person the previous question asked for, or the body or
    person a reference points back to)."""
    from corpus.extraction import extract
    from corpus.records import Article

    have = fold(question)
    extraction = extract(Article(id="previous", title="", text=previous))
    names = [p.surface for p in extraction.participants if p.kind in ("bloc", "organisation")]
    if not names:
        names = [previous[s:e] for s, e in organisation_spans(previous, fold_aligned(previous))]
    if extraction.province and not any(fold(extraction.province) in fold(n) for n in names):
        names.append(extraction.province)
    carried = [name for name in names if fold(name) not in have]
    dates = [d for d in _DATE.findall(previous) if d not in have]  # "chiều 14/12": which day's event
    extra = carried + dates
    for year in re.findall(r"\b(?:19|20)\d{2}\b", previous):
        if year not in have and not any(year in d for d in dates):
            extra.append(f"năm {year}")
    if not carried:
        # no name to carry (a day or a year alone says little): the previous question's own words
        # say what it was about
        subject = _subject_words(previous) if not _shares_subject(question, previous) else ""
        if subject or not extra:
            return f"{question.rstrip(' ?')} ({subject})?" if subject else question
    # the names say which event; the previous question's other words say what of it was asked
    named = {fold(w) for name in carried for w in re.findall(r"\w+", name)} | {fold(w) for w in re.findall(r"\w+", question)}
    rest = " ".join(w for w in _subject_words(previous).split() if fold(w) not in named and not w.isdigit()) if words else ""
    return f"{question.rstrip(' ?')} ({', '.join(dict.fromkeys(extra + ([rest] if rest else [])))})?"


def _shares_subject(question: str, previous: str) -> bool:
    """Whether the question already holds most of the previous question's content words."""
    mine = {fold(w) for w in re.findall(r"\w+", question)}
    theirs = [fold(w) for w in re.findall(r"\w+", previous) if fold(w) not in _INTERROGATIVE]
    return bool(theirs) and sum(w in mine for w in theirs) >= 0.6 * len(theirs)


def _substitute(previous: str, new: str) -> str:
    """The previous question with the slot of the same kind as `new` replaced by it."""
    if _YEAR.search(new):
        year = _YEAR.search(new).group(0)  # type: ignore[union-attr]
        digits = re.search(r"\d{4}", year).group(0)  # type: ignore[union-attr]
        if _YEAR.search(previous):
            return _YEAR.sub(lambda m: re.sub(r"\d{4}", digits, m.group(0)), previous, count=1)
        return f"{previous.rstrip(' ?')} năm {digits}?"
    new_orgs = organisation_spans(new, fold_aligned(new))
    old_orgs = organisation_spans(previous, fold_aligned(previous))
    if new_orgs and old_orgs:
        s, e = old_orgs[-1]
        return previous[:s] + new + previous[e:]
    old_place = re.search(r"\b(?:tỉnh|tinh|thành phố|thanh pho|TP\.?|ở|o|tại|tai)\s+((?:[A-ZĐÀ-Ỹ]\w*\s?){1,3})", previous)
    if new[:1].isupper() and not new_orgs and old_place:
        s, e = old_place.span(1)
        return previous[:s] + new + (" " if previous[e - 1:e] == " " else "") + previous[e:]
    return f"{previous.rstrip(' ?')} {new}?"


def _last_entity(text: str) -> str | None:
    folded = fold_aligned(text)
    spans = [(s, e) for s, e in organisation_spans(text, folded)]
    spans += [(s, e) for s, e, _ in _people(text, folded)]
    if not spans:
        return None
    s, e = max(spans, key=lambda span: span[0])
    return text[s:e]


def _subject_words(text: str) -> str:
    words = [w for w in re.findall(r"\w+", text) if fold(w) not in _INTERROGATIVE]
    return " ".join(words)


def _has_own_subject(question: str) -> bool:
    """Whether the question names something itself: a capitalised name, a number, or 3+ content words."""
    words = re.findall(r"\w+", _without_honours(question))
    if any(w[:1].isupper() for w in words[1:]) or any(w.isdigit() for w in words):
        return True
    content = [w for w in words if fold(w) not in _INTERROGATIVE and len(w) > 1]
    return len(content) >= 4

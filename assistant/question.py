"""Question analysis: the expected answer type and the content words of a question.

Works on Vietnamese with or without tone marks, and on English. Patterns are matched on the
tone-folded, lower-cased question, so "khi nao" and "khi nào" are the same.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from corpus.normalize import fold, has_tone_marks, match_form
from index.glossary import english_phrase_terms, vietnamese_terms
from index.language import is_english

from . import answer_types
from .answer_types import ENGLISH_AUXILIARIES
from .answer_types.locality import PLACE_NOUNS

# Content words never worth matching in evidence, as written: a question with tone marks tells
# "để" from "đề" (chủ đề), "đâu" from "đầu", "có" from "cờ"; one without them is matched on the
# folded list below, which cannot.
_QUESTION_WORDS_ACCENTED = set(
    """ai gì nào đâu sao bao nhiêu mấy khi những các của là được trong cho với đã này một để tại về như
    nên đến theo ra vào trên dưới sau trước rất nhiều hơn lại sẽ bị hay hoặc ở vậy gồm và không giữa thực hiện có
    giữ chức vụ danh vị ông bà""".split()
)
_QUESTION_WORDS = set(
    """ai gi nao dau sao bao nhieu may khi nhung cac cua la duoc trong cho voi da nay mot de tai ve nhu
    nen den theo ra vao tren duoi sau truoc rat nhieu hon lai se bi hay hoac o vay gom va khong giua thuc hien co
    giu chuc vu danh vi ong ba
    what which who whom when where why how many much is are was were be did does do the a an of and or in on at
    to for from by with about that this these those it its their they them there has have had""".split()
)
_ENGLISH_QUESTION_WORDS = _QUESTION_WORDS - {fold(w) for w in _QUESTION_WORDS_ACCENTED}
_WORD = re.compile(r"\w+", re.UNICODE)
_FRAME_PHRASES = re.compile(r"\bcuong vi\b|^\s*(?:the |vay )?con\b")
# Words about the article, not about the fact ("được nêu tên", "được nhắc đến", "trong bài viết"):
# no sentence that states the fact writes them.
_ARTICLE_TALK = re.compile(r"\b(?:duoc )?(?:neu ten|nhac (?:den|toi)|de cap(?: den| toi)?)\b|"
                           r"\b(?:trong|theo|cua|o) (?:bai viet|bai bao)(?: nay)?\b")
_ROLE_FRAME = {"vai", "tro", "giu", "dam", "nhan", "nhiem", "role", "played", "play"}
# (?<!\s): tried from the start of a run of spaces only, and one optional "?" after the ")": linear.
_CONTEXT = re.compile(r"(?<!\s)\s*\(([^()]*)\)\s*(?:[?？.]\s*)?$")


@dataclass
class QuestionAnalysis:
    """What a question asks for."""

    text: str
    answer_type: str  # theme, campaign, directive, number, date, place, locality, role, title, list, person, organisation, other
    wants_list: bool
    english: bool
    content: list[str] = field(default_factory=list)  # folded content words, in order
    noun: str | None = None  # for number questions: the counted noun ("don vi")
    context: list[str] = field(default_factory=list)  # folded words of a trailing "(…)": the conversation's context
    rendered: str = ""  # English questions: their civic terms and names in folded Vietnamese
    focus: list[str] = field(default_factory=list)  # folded words that frame the asked slot ("ky" in "ký vào năm nào")

    @cached_property
    def folded(self) -> str:
        """The question folded, followed for an English question by its Vietnamese rendering (what
        patterns over Vietnamese questions, "trưởng cụm", "giai đoạn nào", look for)."""
        return f"{fold(self.text)} {self.rendered}".strip()

    @cached_property
    def folded_text(self) -> str:
        """The question itself (no rendering), folded."""
        return fold(self.text)

    @cached_property
    def asked_text(self) -> str:
        """The question folded, the quotation marks around its words dropped: what the patterns of
        what it asks for read ("những hành vi 'lạc' nào" asks for "hanh vi lac")."""
        return unquoted(self.folded_text)

    @property
    def all_content(self) -> list[str]:
        """The question's own content words, then its context words."""
        return self.content + self.context

    @cached_property
    def excluded(self) -> list[str]:
        """What a "besides X" question sets aside ("Ngoài Sở Nội vụ và Sở Y tế, cụm còn những
        đơn vị nào?", "Apart from X, which …"): the folded names of its opening clause, cut at "và" and
        commas, each of two words or more; empty for any other question."""
        m = _BESIDES.match(fold(self.text).lower())
        if not m:
            return []
        parts = re.split(r"\s*(?:,|\bva\b|\band\b)\s*", m.group(1))
        return [" ".join(re.findall(r"\w+", p)) for p in parts if len(re.findall(r"\w+", p)) >= 2]

    def sets_aside(self, item: str) -> bool:
        """Whether a listed item is one the question sets aside (`excluded`): the item is one of them,
        or holds one of them whole ("Giám đốc Sở Y tế Lê Văn A" for "ngoài Giám đốc Sở Y tế")."""
        if not self.excluded:
            return False
        words = " " + " ".join(re.findall(r"\w+", fold(item).lower())) + " "
        return any(f" {x} " in words or words.strip() == x for x in self.excluded)


# "Ngoài X(,) …" / "Besides / Apart from / Other than / Except for X, …": the clause set aside
_BESIDES = re.compile(r"\s*(?:ngoai|besides|apart from|other than|except(?: for)?)\s+([^,?]{3,120}?)\s*(?:,|\bcon\b|\bthi\b)")


# a quotation mark that opens or closes a word (not the apostrophe within "province's")
_WORD_QUOTE = re.compile(r"(?<!\w)[\"'“”‘’«»]+(?=\w)|(?<=\w)[\"'“”‘’«»]+(?!\w)")


def unquoted(text: str) -> str:
    """`text` without the quotation marks around its words: "những hành vi 'lạc' nào" → "những
    hành vi lạc nào"."""
    return _WORD_QUOTE.sub("", text)


def counted_words(formed: str, folded: str, most: int = 2) -> list[str]:
    """The (folded) words a "bao nhiêu / mấy" question writes after its question word, up to
    `most`: "bao nhiêu hộ dân" → ["ho", "dan"]. With tone marks "mấy" is told from "máy" ("Nhà máy …
    bao nhiêu tiền" counts money, not "nước")."""
    words = rf"\s+(\w+(?: \w+){{0,{most - 1}}})"
    if has_tone_marks(formed):
        m = re.search(r"\b(?:bao nhiêu|mấy)" + words, formed.lower())
    else:
        m = re.search(r"\bbao nhieu" + words, folded) or re.search(r"\bmay" + words, folded)
    return fold(m.group(1)).split() if m else []


def counted_noun(formed: str, folded: str) -> str | None:
    """The (folded) noun a "bao nhiêu / mấy" question counts: "bao nhiêu hộ dân" → "ho dan"
    (`counted_words`); a price or fee asked ("giá … bao nhiêu") counts money."""
    noun = " ".join(counted_words(formed, folded)) or None
    price = _PRICE_BEFORE_MARKED.search(formed.lower()) if has_tone_marks(formed) else _PRICE_BEFORE.search(folded)
    if (noun is None or noun.split()[0] in _RATE_WORDS) and price:
        return "tien"  # "giá … bao nhiêu", "lệ phí bao nhiêu một hồ sơ": a sum of money
    return noun


# A price or fee named before "bao nhiêu" ("được cho thuê với giá bao nhiêu", "thu lệ phí bao nhiêu một
# hồ sơ"): the question asks for a sum; "mỗi / một …" after it is the rate's unit, not a noun counted.
# With tone marks "giá" (price) is told from "gia" ("gia đình", "quốc gia"); without them, "gia" of
# the common words that hold it ("gia đình", "quốc gia", "tham gia", "chuyên gia", "gia tăng" …) is none.
_PRICE_BEFORE = re.compile(r"\b(?:(?<!quoc )(?<!tham )(?<!chuyen )(?<!dan )(?<!nha )(?<!hoa )"
                           r"gia(?! dinh| tang| nhap| han| giam| cong| toc| su| pha| vi)|muc phi|phi|le phi|tien)"
                           r"(?: \w+){0,3} (?:la )?bao nhieu\b")
_PRICE_BEFORE_MARKED = re.compile(r"\b(?:giá|mức phí|phí|lệ phí|tiền)(?: \w+){0,3} (?:là )?bao nhiêu\b")
_RATE_WORDS = frozenset({"moi", "mot"})


def as_analysis(question: str | QuestionAnalysis) -> QuestionAnalysis:
    """`question` analysed — once: an analysis made at the top of the chain is passed on as is."""
    return question if isinstance(question, QuestionAnalysis) else analyse_question(question)


def split_context(question: str) -> tuple[str, str]:
    """The question proper and its trailing parenthesised context, e.g. the names a follow-up
    inherited from the previous question: "Quy chế có bao nhiêu điều (UBND huyện Mây Xanh)?"
    → ("Quy chế có bao nhiêu điều", "UBND huyện Mây Xanh")."""
    m = _CONTEXT.search(question)
    if not m or not question[: m.start()].strip():
        return question, ""
    return question[: m.start()], m.group(1)


def analyse_question(question: str) -> QuestionAnalysis:
    """The expected answer type, list-ness and folded content words of `question`; the words of a
    trailing "(…)" are its context (they say which article, not which sentence)."""
    own, context_text = split_context(question)
    folded = fold(own)
    formed = match_form(own)
    english = is_english(question)
    # an English question word inside a Vietnamese question, capitalised, is part of a name
    # ("Doctor Who", "The Who"): it does not type the question
    answer_type = answer_types.type_of(folded if english else fold(_unlike_question_words(_NAMED_WH.sub(" ", own))))
    wants_list = answer_type == "list" or asks_for_several(unquoted(folded), unquoted(match_form(without_name_counts(own)).lower()),
                                                           answer_type)
    noun = counted_noun(formed, folded) if answer_type == "number" else None
    # "cương vị", a leading "còn": question words only as these phrases ("Con Cuông", "Cường" are names)
    about_fact = _ARTICLE_TALK.sub(" ", folded)  # the question without its words about the article
    asked = _FRAME_PHRASES.sub(" ", about_fact)
    if has_tone_marks(own):  # the accented words decide ("chủ đề" keeps "đề"; "để" goes)
        spoken = [w for w in _WORD.findall(formed) if w not in _QUESTION_WORDS_ACCENTED]
        kept = {fold(w) for w in spoken}
        content = [w for w in _WORD.findall(asked) if w in kept and w not in _ENGLISH_QUESTION_WORDS
                   and (len(w) > 1 or w.isdigit())]
    else:
        content = [w for w in _WORD.findall(asked) if w not in _QUESTION_WORDS and (len(w) > 1 or w.isdigit())]
    context = [w for w in dict.fromkeys(_WORD.findall(fold(context_text)))
               if w not in _QUESTION_WORDS and w not in content and (len(w) > 1 or w.isdigit())]
    if answer_type == "role":  # "vai trò gì" is the question word, not words to find in the evidence
        content = [w for w in content if w not in _ROLE_FRAME]
    rendered = vietnamese_terms(own) if english else []
    if english:
        # English words never match a Vietnamese article: its civic terms, Vietnamese names and
        # numbers, in Vietnamese, are the words to look for.
        # the glossary renders terms, names and numbers: content words all, a date ("11/5") by its
        # words, as the evidence's words are read
        content = list(dict.fromkeys(w for term in rendered for w in _WORD.findall(term)))
        content = [w for w in content if w not in _ROLE_FRAME] if answer_type == "role" else content
        # the context a follow-up inherited is English too: its renderings, not its English words
        context = [w for w in dict.fromkeys(w for term in vietnamese_terms(context_text) for w in _WORD.findall(term))
                   if w not in content] if context_text else []
        # the noun an English count asks for is read from its English ("15 May" folds to "mấy")
        asked = english_asked_noun(own)
        if answer_type != "number":
            noun = None
        elif _ENGLISH_SHARE.search(own):
            noun = "ty le"  # a share, as "tỷ lệ / bao nhiêu phần trăm" asks
        elif asked:
            noun = " ".join(asked[:2])
        else:
            noun = "tien" if _HOW_MUCH_SUM.search(own) else None  # a sum of money, as "bao nhiêu tiền" asks
    return QuestionAnalysis(question, answer_type, wants_list, english, content, noun, context, " ".join(rendered),
                            english_focus(own) if english else focus_words(_asked_as_written(own)))


# "What share / proportion / percentage of …": a share, in per cent.
_ENGLISH_SHARE = re.compile(r"\bwhat (?:share|proportion|percentage|per ?cent)\b", re.IGNORECASE)
# "How much" before a verb or "in" asks for a sum ("How much was it fined?", "how much in fees");
# "by how much" asks for a change, "how much of" for a part.
_HOW_MUCH_SUM = re.compile(r"(?<!\bby )\bhow much\s+(?:did|does|do|is|was|were|are|will|would|has|have|had|can|"
                           r"could|should|in)\b", re.IGNORECASE)

# What ends the noun an English question asks about: a function word or an auxiliary ("how many
# pairs of …", "which bodies did …").
_ENGLISH_NOUN_END = frozenset("""of in at on for to from by with about did do does is are was were be been has have had
    will would can could that which who whom whose and or the a an""".split())


def english_asked_noun(question: str) -> list[str]:
    """The glossary's Vietnamese for the noun an English question asks about, after "how many / how
    much / which / what" and before a function word or a past tense (up to three words): the
    longest phrase that ends it and that the glossary knows ("which United Nations agencies signed" →
    "agencies"; "how many joint documents did …" → "documents"), else the longest inside it ("how
    many localities sent no …" → "localities" → ["dia", "phuong"]; "how many projects received
    bids" → "projects"); [] when the glossary knows none."""
    m = re.search(r"\b(?:how many|how much|which|what)((?: [A-Za-z'-]+){1,3})", question, re.IGNORECASE)
    if not m:
        return []
    words: list[str] = []
    for word in m.group(1).split():  # a past tense written in lower case ("received"; not "United")
        if word.lower() in _ENGLISH_NOUN_END or (word.islower() and len(word) > 4 and word.endswith("ed")):
            break
        words.append(word.lower())
    for i in range(len(words)):  # the phrase that ends the noun, longest first (English heads come last)
        if terms := english_phrase_terms(" ".join(words[i:])):
            return terms
    for n in range(len(words) - 1, 0, -1):  # else the longest phrase inside ("local governments" of "… sent")
        for i in range(len(words) - n, -1, -1):
            if terms := english_phrase_terms(" ".join(words[i:i + n])):
                return terms
    return []


_WH = re.compile(r"\b(?:(?:vao )?(?:ngay|nam|thang|luc|thoi gian|giai doan|dip|thoi diem) (?:nao|may)|khi nao|bao gio|"
                 r"(?:o|tai) dau|bao nhieu|bao lau|may|ai|nao|gi)\b")
# Function words between the words that frame a slot and its question word ("được ký vào năm nào").
_SLOT_GLUE = frozenset("""vao duoc da se dang la tai o cua cho voi chinh xac nhung cac bi trong nay mot ve nhu theo
    tren duoi sau truoc hon hay hoac vay va khong giua""".split())  # none folds like a content word ("đề", "thì")


# With tone marks, a syllable that folds to a question word's but is spelled otherwise is another
# word: "nắm bao nhiêu" (holds how much) is no "năm bao nhiêu" (what year), "máy nào" no "mấy".
_QUESTION_SYLLABLES = {"nam": "năm", "may": "mấy", "nao": "nào", "ngay": "ngày", "thang": "tháng", "dau": "đâu"}


def _asked_as_written(own: str) -> str:
    """The question (folded, without its words about the article) with the syllables that only
    fold like a question word marked as no question word ("Nhà máy …", "tỉnh Mây …" hold no "mấy":
    "may_", which `focus_words` reads as the word "may")."""
    return _ARTICLE_TALK.sub(" ", fold(_unlike_question_words(own, keep=True)))


def _unlike_question_words(text: str, keep: bool = False) -> str:
    """`text` with the syllables that only look like a question word's without tone marks put
    out of the way — replaced by "_", or with `keep` followed by it — (text written without tone
    marks is left as it is)."""
    if not has_tone_marks(text):
        return text
    return _WORD.sub(lambda m: (m.group(0) + "_" if keep else "_")
                     if _QUESTION_SYLLABLES.get(fold(m.group(0)).lower(), m.group(0).lower()) != m.group(0).lower()
                     else m.group(0), text)


# A capitalised English question word after the first word: part of a title or name.
_NAMED_WH = re.compile(r"(?<=\S)(\s+)(?:Who|What|When|Where|Which|How)\b")

# Words that make "ai" the agent of the verb after it ("do ai / bởi ai / được ai trình bày").
_AGENT = frozenset({"do", "boi", "duoc"})

_ENGLISH_SUBJECT = re.compile(
    r"\b(?:what|which|who)\s+(?:is|was|are|were)\s+(?:the\s+)?((?:[a-z0-9'-]+\s+){0,4}?[a-z'-]+)"
    r"(?=\s+(?:of|in|for|at|by|that|which|signed|on)\b|\s*\?)")


def english_focus(question: str) -> list[str]:
    """The Vietnamese words for what an English question asks: the head noun of its subject ("What
    was the 2021 action theme of …" → the glossary's "theme" → ["chu", "de"]), tried from the last
    word back; empty when the glossary does not know it."""
    m = _ENGLISH_SUBJECT.search(question.lower())
    if not m:
        return _english_final_verb(question)
    words = m.group(1).split()
    for n in range(1, min(len(words), 3) + 1):
        terms = english_phrase_terms(" ".join(words[-n:]))
        if terms:
            return terms[:2]
    return []


# Participles an English question ends with that do not end in "-ed".
_IRREGULAR_PARTICIPLES = frozenset("born held won given taken chosen built made set sent led begun done seen".split())
_IRREGULAR_PAST = frozenset("held won gave took chose built made set sent led began read spoke wrote".split())


def _english_final_verb(question: str) -> list[str]:
    """The Vietnamese for the verb an English question ends with ("When was the plan signed?" →
    ["ky", "ket"], "When was she born?" → ["sinh"]): what frames the asked date, place or
    number, as "ký" does in "được ký vào năm nào"; empty when it ends otherwise."""
    words = re.findall(r"[a-z'-]+", question.lower())
    if words and words[0] == "who" and len(words) > 1 and (words[1].endswith("ed") or words[1] in _IRREGULAR_PAST):
        return english_phrase_terms(words[1])[:2]  # "Who chaired …": "chủ trì", as "Ai chủ trì …"
    if len(words) >= 2 and (words[-2].endswith("ed") or words[-2] in _IRREGULAR_PARTICIPLES):
        if terms := english_phrase_terms(" ".join(words[-2:])):  # "… handed over?"
            return terms[:2]
    if words and (words[-1].endswith("ed") or words[-1] in _IRREGULAR_PARTICIPLES):
        return english_phrase_terms(words[-1])[:2]
    return []


def asks_for_several(folded: str, spoken: str, answer_type: str) -> bool:
    """Whether a question asks for several things: "những / các … nào", "những ai", "những gì",
    "gồm những", "which …s", "what …s", "which / what four …", "what / who are the …", "name / list
    …", a question that opens with "Những / Các", or a number of two or more before the asked noun
    ("3 nội dung hợp tác nào"); `spoken` is the question lower-cased with its tone marks
    ("ba" three is not "bà"). A date, number, place or locality asked after a plural noun is
    still one answer ("các bên ký tại tỉnh nào"), unless the plural marks the place noun itself
    ("những tỉnh nào")."""
    if answer_type in ("place", "locality"):  # unless the plural or a count governs the asked place itself
        counted = _COUNTED_SEVERAL.search(spoken)
        return bool(_SEVERAL_PLACES.search(folded)
                    or counted and _PLACE_ASKED.search(fold(counted.group(0))))  # "ba huyện nào"
    if answer_type in ("number", "date"):
        return False
    return bool(_SEVERAL.search(folded) or _COUNTED_SEVERAL.search(spoken) or _COUNT_FIRST.search(spoken)
                or _EN_SEVERAL.search(folded))


# "những / các … nào" within a few words, or anywhere in a question that opens with them ("như thế
# nào" asks how, not which)
_SEVERAL = re.compile(r"\b(?:nhung|cac) (?:[\w,]+ ){0,6}(?<!the )nao\b|^(?:nhung|cac) (?:[\w,]+ ){0,8}(?<!the )nao\b|\bnhung ai\b|"
                      r"\bgom nhung\b|\bnhung (?:(?!la\b)\w+ ){0,3}gi\b|"
                      r"\bwhat (?!(?:is|was|does|has|this|status|news|process|address|business|access|progress)\b)\w+s\b|"
                      r"^(?:what|who) (?:are|were) the\b|^(?:please )?(?:name|list)\b|"
                      r"\b(?:which|what)(?: (?:are|were) the)? (?:[2-9]|two|three|four|five|six|seven|eight|nine|ten) \w")
# "những tỉnh nào", "các nước châu Á nào", "những huyện nào của …": the plural marks the asked
# place noun (not "các bên ký tại tỉnh nào", where it marks who signs; "nhà nước" is the state)
# ("những huyện, thị xã nào": place nouns joined by a comma or "và / hoặc")
_SEVERAL_PLACES = re.compile(r"\b(?:nhung|cac) (?:(?!(?:tai|o|den|tu|trong|ve|voi|cua|cho|ky|la)\b)\w+ ){0,3}?"
                             rf"(?:{PLACE_NOUNS}|dia ban)(?:,? \w+){{0,2}} nao\b")
_PLACE_ASKED = re.compile(rf"^\w+ (?:{PLACE_NOUNS})(?:,? \w+){{0,2}} nao$")  # the count's own noun is the place
# a count of two or more before the asked noun: "3 nội dung nào", "hai dự thảo nào", "bảy sở, ngành
# nào", "ba phong trào thi đua trọng tâm nào" (not a date's "11/5", "năm 2017", nor "thứ hai", second)
_TWO_TO_TEN = r"[2-9]|hai|ba|bốn|năm(?! \d)|sáu|bảy|tám|chín|mười"  # as written ("ba" three, not "bà")
_COUNTED_SEVERAL = re.compile(rf"(?<![\d/.,-])(?<!thứ )\b(?:{_TWO_TO_TEN}|[1-9]\d)\s+(?:\w+,?\s+){{1,6}}?nào\b")
# a question that opens with a count and asks what they are: "Hai dự án được khởi công là gì?"
_COUNT_FIRST = re.compile(rf"^(?:{_TWO_TO_TEN})\s+\w+.*\blà (?:những )?gì\W*$")
# "which leading Dutch firms", "in which river beds": a plural noun up to three words after "which",
# the words between no verb ("which law will officials face": the noun phrase ended at "will"), the
# plural no relative clause's verb ("which was signed")
_EN_SEVERAL = re.compile(rf"\bwhich (?!{ENGLISH_AUXILIARIES}|this\b)(?:(?!{ENGLISH_AUXILIARIES})\w+ ){{0,3}}?"
                         rf"(?!{ENGLISH_AUXILIARIES}|(?:status|process|address|business|access|progress)\b)\w+s\b(?!')")


COUNT_WORDS = {"hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10,
               "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_ASKED_COUNT_EN = re.compile(r"\b(?:which|what|(?:who|what) (?:are|were) the|(?:name|list) the)\s+"
                             r"(\d+|two|three|four|five|six|seven|eight|nine|ten)\b")


# A count word written capitalised after a capitalised word: part of a name ("Lò Văn Sáu", "Lò Thị Ba")
_NAME_COUNT = re.compile(r"(?<=[^\W\d_])(\s+)(?:Hai|Ba|Bốn|Năm|Sáu|Bảy|Tám|Chín|Mười)\b")


def without_name_counts(text: str) -> str:
    """`text` with the count words that end or sit inside a person's name ("Chủ tịch tỉnh Lò Văn Sáu
    ký những văn bản nào": no six things asked) replaced by "_"."""
    def unnumbered(m: re.Match[str]) -> str:
        before = text[:m.start()].split()
        return m.group(1) + "_" if before and before[-1][:1].isupper() else m.group(0)
    return _NAME_COUNT.sub(unnumbered, text)


def stated_count(question: str) -> int | None:
    """How many things a list question says it asks for: "3 nội dung nào", "hai dự thảo nào",
    "which three units", "who were the two …" → 3, 2, 3, 2; None when it says no number (a count word
    in a name is none: `without_name_counts`)."""
    spoken = without_name_counts(question).lower()
    m = _COUNTED_SEVERAL.search(spoken) or _ASKED_COUNT_EN.search(spoken)
    if m is None:
        return None
    word = m.group(0).split()[0] if m.re is _COUNTED_SEVERAL else m.group(1)
    return int(word) if word.isdigit() else COUNT_WORDS.get(word)


# A parenthesised aside ("Mường Khoa (Lạc Sơn) đã mời …") and a clause break ("Theo X, …").
_ASIDE = re.compile(r"\([^()]*\)")
_CLAUSE_BREAK = re.compile(r"[,;:]\s")


def focus_words(folded: str, size: int = 2) -> list[str]:
    """`_focus_words`, a word marked as no question word ("may_") as the word it is."""
    return [w.rstrip("_") for w in _focus_words(folded, size)]


def _focus_words(folded: str, size: int = 2) -> list[str]:
    """The words that frame what a (folded, Vietnamese) question asks: up to `size` words just
    before its question word (and the noun a "… nào" asks about), function words skipped — "quy chế
    được ký vào năm nào" → ["che", "ky"], "gồm những thành viên nào" → ["gom"] —, the subject of "… là gì /
    là ai" ("Khẩu hiệu … là gì" → ["khau", "hieu"]), or, when the question word comes first ("Ai chủ trì
    …", "Bên nào đề xuất …"), the words just after it."""
    folded = _ASIDE.sub(" ", folded)
    m = _WH.search(folded)
    if not m:
        return []
    breaks = [b.end() for b in _CLAUSE_BREAK.finditer(folded, 0, m.start())]
    # the words of the question word's own clause ("Theo X, … nào": not X), not what a space cuts ("6/2017,")
    head = _WORD.findall(folded[breaks[-1] if breaks else 0:m.start()])
    if head and head[-1] == "la" and m.group(0) in ("gi", "ai"):  # "Khẩu hiệu … là gì?": what is asked is the subject
        return [w for w in head if w not in _SLOT_GLUE][:size]
    agent = [w for w in head if w not in ("nhung", "cac")][-1:]  # "do (những) ai chủ trì": the plural is no word of the slot
    if m.group(0) == "ai" and agent and agent[0] in _AGENT:  # "do ai chủ trì": the verb after the agent
        return [w for w in _WORD.findall(folded[m.end():]) if w not in _SLOT_GLUE][:size]
    if m.group(0) == "nao":  # "đơn vị nào", "cơ quan nào": the asked noun belongs to the question word
        head = head[:-2] if len(head) >= 2 else []
    before = [w for w in head if w not in _SLOT_GLUE]
    if before:
        return before[-size:]
    after = [w for w in _WORD.findall(folded[m.end():]) if w not in _SLOT_GLUE][:size]
    # "… ngày 3/5, ở đâu?": nothing in its clause or after it, the clause before frames it
    return after or [w for w in _WORD.findall(folded[:m.start()]) if w not in _SLOT_GLUE][-size:]


_DASH = re.compile(r"\s[–-]\s|(?<=[^\W\d])[–-](?=[^\W\d])")
ROUTE_WORDS = 3  # words of each end of a route at most


def route_ends(text: str) -> list[str]:
    """The ends of each route or pair a text names: two names of capitalised words (not
    abbreviations) joined by a dash ("Lạc Sơn – Mây Xanh" → "Lạc Sơn", "Mây Xanh")."""
    ends = []
    for dash in _DASH.finditer(text):
        before = text[:dash.start()].split()[-ROUTE_WORDS:]
        after = text[dash.end():].split()[:ROUTE_WORDS]
        left = []
        for word in reversed(before):
            if not word[:1].isupper() or not word.isalpha():
                break
            left.insert(0, word)
        right = []
        for word in after:
            if not word[:1].isupper() or not word.strip(",.;:?!").isalpha():
                break
            right.append(word.strip(",.;:?!"))
        if left and right and not any(w.isupper() and len(w) > 1 for w in left + right):
            ends += [" ".join(left), " ".join(right)]
    return ends

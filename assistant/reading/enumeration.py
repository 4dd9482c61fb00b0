"""Enumerations in evidence sentences: the items a list question asks for, typed by its noun.

"Những trường nào …?" asks for organisations, "các đồng chí nào / những ai" for people, "tỉnh
nào" for localities, "dự thảo / văn bản nào" for documents, "phong trào nào" for campaigns,
"chức danh nào" for titles. An enumeration is read from one sentence ("… gồm A, B, C và D", "ký
kết giữa A và B", a colon list, "Đó là A; B; C", "trong đó có …", "các lực lượng (A, B, C)", or names
side by side: "A, B và C đã ký …", "Chủ tịch … A và Chủ tịch … B") and the bulleted lines that run
on from it; the items that are not of the asked kind are dropped, and so are the ones the
question itself names (they are what is asked about, not the answer).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from corpus.lexicon import ORG_BODIES, ORG_HEADS, RANKS_AND_ADDRESS_FOLDED
from corpus.normalize import fold, fold_aligned, has_tone_marks, match_form

from ..candidates import OFFICE, ORG_START, PROVINCE_NAMES_FOLDED, Candidate, candidates, organisation_end
from ..question import COUNT_WORDS, QuestionAnalysis, unquoted

# The asked noun (folded Vietnamese, or English) → the kind of item that answers it.
_NOUN_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((kind, re.compile(rf"^(?:{pattern})$")) for kind, pattern in (
    ("person", r"ai|nguoi|ca nhan|dong chi|lanh dao|dai bieu|dai dien|can bo|tuong linh|si quan|chuyen gia|nha khoa hoc|"
               r"nghe nhan|nghe si|van dong vien|tac gia|nha bao|phong vien|dang vien|giao vien|bac si|"
               r"who|people|persons?|leaders?|officials?|generals?|officers?|experts?|scientists?|journalists?"
               r"|representatives?|signatories|(?:pho )?(?:chu tich|giam doc|bo truong|thu truong|bi thu|truong ban)"
               r"|uy vien|vice[- ]chairm[ae]n|chairm[ae]n|directors?|ministers?"),
    ("title", r"chuc danh|chuc vu|cuong vi|titles?|positions?"),
    ("locality", r"tinh|huyen|quan|xa|phuong|thi xa|thi tran|thanh pho|thon|lang|dia phuong|dia ban|nuoc|quoc gia|"
                 r"provinces?|districts?|wards?|communes?|villages?|cities|city|localities|locality|countries|country"),
    ("document", r"van ban|van kien(?: hop tac)?|du thao|nghi quyet|quyet dinh|chi thi|ke hoach|de an|luat|thong tu|"
                 r"nghi dinh|bao cao|(?:bien )?ban ghi nho|bien ban|thoa thuan(?: hop tac)?|hiep dinh|hop dong|cong uoc|"
                 r"to trinh|tai lieu|documents?|drafts?|resolutions?|decisions?|directives?|plans?|laws?|reports?"),
    ("campaign", r"phong trao|cuoc van dong|chu de|khau hieu|chuong trinh|mo hinh|campaigns?|movements?|slogans?|"
                 r"themes?|programmes?|programs?|models?"),
    # what news writes in quotation marks: works, awards and honours, names and aliases
    ("name", r"tac pham|bai viet|bai bao|loat bai|cuon sach|sach|bo phim|phim|ca khuc|bai hat|giai thuong|danh hieu|"
             r"ky niem chuong|bi danh|ten goi|works?|books?|films?|songs|awards?|aliases|pseudonyms?|nicknames?"),
    ("organisation", r"co quan|don vi|tap the|to chuc|so|ban|nganh|bo|van phong|doanh nghiep|tap doan|(?:tong )?cong ty|ngan hang|truong|benh vien|bao|hoi|"
                     r"thanh vien|ben|doi tac|co quan bao chi|agenc(?:y|ies)|units?|organi[sz]ations?|bodies|body|"
                     r"members?|parties|party|partners?|newspapers?|press agencies|banks?|companies|ministries|departments?|collectives?|"
                     r"corporations?|firms?|enterprises?|businesses"),
))
_VI_ASKED = re.compile(r"\b(?:nhung|cac)\s+((?:\w+\s+){0,5}?\w+)\s+(?:nao|gi)\b|\b(\w+(?:\s\w+)?)\s+nao\b|\b(nhung ai)\b|"
                       r"^(?:hay\s+)?(?:ke ten|liet ke|neu ten|neu)\s+(?:(?:tat ca|toan bo)\s+)?(?:cac|nhung)\s+(\w+(?:\s\w+)?)")
_EN_NOUN_RUN = re.compile(r"(?:(?!(?:is|was|were|are|did|does|do|has|have|had|the|a|an|of|to|in|on|for|by|with|and)\b)[a-z'-]+\s*){1,4}")
_EN_ASKED = re.compile(r"\b(?:which|what|how many)\s+((?:[a-z'-]+\s+){0,2}?[a-z'-]+)\b|\b(who)\b")
_EN_LEAD = re.compile(r"^(?:what\s+(?:are|were)\s+|(?:please\s+)?(?:name|list)(?:\s+all)?\s+)"
                      r"(?:the\s+)?(?:names?\s+of\s+)?(?:the\s+)?")
_KINDS_OF_ITEM = {
    "organisation": {"organisation"},
    "person": {"person", "name"},
    "title": {"title"},
    "locality": {"locality", "named_place"},
    "document": {"directive", "quote", "document"},
    "campaign": {"campaign", "quote"},
    "name": {"quote"},
}
# A document named in running text: its kind word up to the next separator ("dự thảo Quy chế hoạt
# động của Khối, …"), a title it quotes whole ("Chỉ thị 05 về “A và B, C”"); matched on folded text.
_DOCUMENT = re.compile(  # not a plural's "các / những / nhiều / một số văn kiện …": a mention, no name;
    # nor a body's name ("Bộ / Sở / Vụ / Phòng Kế hoạch …")
    r"(?<!cac )(?<!nhung )(?<!nhieu )(?<!mot so )(?<!bo )(?<!so )(?<!vu )(?<!phong )\b(?:du thao|van ban|nghi quyet|quyet dinh|chi thi|ke hoach|de an|quy che|quy dinh|chuong trinh|bao cao|"
    r"to trinh|luat|bo luat|thong tu|nghi dinh|huong dan|(?:bien )?ban ghi nho|bien ban|thoa thuan|hiep dinh|hop dong|"
    r"van kien|cong uoc|tuyen bo chung)\b"
    r"(?:“[^”\n]{1,200}”|[^,;:.!?\n()…]){2,160}?(?=\s*(?:[,;:!?\n()…]|\.(?:\s|$)|\bva\b|\bcung\b|$))"
)
# An office or a rank and form of address that opens a person's mention, not an organisation's name.
_OFFICE_OR_RANK = re.compile(rf"(?:{OFFICE.pattern}|\b(?:{RANKS_AND_ADDRESS_FOLDED})\b)")
# An organisation's name as written, by a head of two words or more ("Hiệp hội", "Trung tâm", "Tổ chức"):
# not a place's, though capitalised and short. One-word heads ("Ban", "Phòng") begin places too ("Ban Mai").
_ORG_NAME_START = re.compile("(?:" + "|".join(sorted({head for head, *_ in ORG_HEADS if " " in head} | {"Tổ chức"},
                                                     key=len, reverse=True)) + r")(?!\w)")
# Lines of a bulleted list that runs on after a sentence ending in ":".
_BULLET_LINE = re.compile(r"\n[ \t]*(?:[-–•+*]|\d{1,2}[.)]|[a-zđ][.)])[ \t]+[^\n]+")


@dataclass(frozen=True)
class Enumeration:
    """The items of the asked kind in `text[start:end]` (a sentence and the lines it runs on to)."""

    start: int
    end: int
    kind: str | None
    items: tuple[Candidate, ...]
    introduced: bool = False  # the items follow an introduction ("gồm", ":") rather than being found anywhere
    running: bool = False  # a list in running text with no introduction (`running_series`), not `introduced`


def asked_item_kind(qa: QuestionAnalysis) -> str | None:
    """The kind of item a list question asks for, from its noun; None when the noun says nothing
    ("những điểm nào", "gồm những gì": any item)."""
    if qa.english:
        # "What were the names of two districts …", "Name / List the …": as "which …" ("Who are the
        # three members …" stays a question for people)
        m = _EN_ASKED.search(_EN_LEAD.sub("which ", qa.text.lower(), count=1))
        noun = (m.group(1) or m.group(2)) if m else None
        candidates_ = [noun, noun.split()[-1]] if noun else []
        if m and m.group(1):  # "which two units", "which district offices": the words after it up to a verb
            after = _EN_NOUN_RUN.match(m.string, m.start(1))
            words = after.group(0).split() if after else []
            candidates_ += [" ".join(words[i:j]) for i in range(len(words)) for j in range(len(words), i, -1)]
    else:
        if (pair := _asked_pair(qa)) is not None:
            return _pair_kind(pair)
        noun = _asked_words(qa) or qa.noun  # "bao nhiêu huyện": the counted noun
        if noun == "nhung ai":
            return "person"
        return noun_kind(noun or "")
    return _kind_of(candidates_)


# "những / các" and up to ten words before "nào": a run too long for `_VI_ASKED`'s first form
_VI_PLURAL_RUN = re.compile(r"\b(?:nhung|cac)\s+((?:\w+\s+){0,9}?\w+)\s+nao\b")


# "những / các" and two nouns asked together, a comma between them ("những cơ quan, đơn vị nào"), folded
_VI_ASKED_PAIR = re.compile(r"\b(?:nhung|cac)\s+((?:\w+\s+){0,2}?\w+)\s*,\s*(?!(?:nhung|cac)\b)((?:\w+\s+){0,4}?\w+)\s+nao\b")


# "những hoạt động văn hóa, thể thao nào": a noun and its qualifier (three words or more), then a second
# qualifier of one or two words after a comma, folded
_VI_QUALIFIED = re.compile(r"\b(?:nhung|cac)\s+((?:\w+\s+){2,4}\w+)\s*,\s*(\w+(?:\s+\w+)?)\s+nao\b")


def _asked_pair(qa: QuestionAnalysis) -> re.Match[str] | None:
    """Two nouns a Vietnamese question asks for together, the first of them a kind of item; else None."""
    pair = _VI_ASKED_PAIR.search(qa.asked_text)
    return pair if pair is not None and noun_kind(pair.group(1)) is not None else None


def _pair_kind(pair: re.Match[str]) -> str | None:
    """The kind of item two nouns asked together ask for: theirs when they share it ("những tỉnh, thành
    phố nào"), else any ("những dự án, chính sách nào"); the second by its head words."""
    words = pair.group(2).split()
    second = next((kind for j in range(min(3, len(words)), 0, -1) if (kind := noun_kind(" ".join(words[:j])))), None)
    first = noun_kind(pair.group(1))
    return first if first == second else None


def _asked_words(qa: QuestionAnalysis) -> str | None:
    """What `_VI_ASKED` finds a Vietnamese question asking for: its noun (folded) or "nhung ai".
    When only the words just before "nào" are found and they name no kind of item, the noun that
    heads a longer plural run is taken ("những Phó Bí thư Đảng ủy xã Mây Xanh nào" → "pho bi thu")."""
    if (pair := _asked_pair(qa)) is not None:
        return pair.group(1)  # "những trạm, điểm đo mưa nào": the first noun heads them
    m = _VI_ASKED.search(qa.asked_text)
    found = next((g for g in m.groups() if g), None) if m else None
    if (qualified := _VI_QUALIFIED.search(qa.asked_text)) is not None and found == qualified.group(2) \
            and noun_kind(found) is None:
        # "những hoạt động văn hóa, thể thao nào": the words after the comma qualify the noun before it
        found = qualified.group(1)
    elif m is not None and m.group(2) and noun_kind(found) is None \
            and (run := _VI_PLURAL_RUN.search(qa.asked_text)) is not None:
        words = run.group(1).split()
        found = next((" ".join(words[:j]) for j in range(min(4, len(words)), 0, -1)
                      if noun_kind(" ".join(words[:j])) is not None), found)
    if found and (counted := _COUNTED_ASKED.match(found)) is not None \
            and (noun_kind(counted.group(1)) is not None or counted.group(1) in _NAME_HEADS | set(_LEVELS)):
        found = counted.group(1)  # "ba tỉnh nào" asks for "tỉnh"; how many is `stated_count`'s
    return found


# A count before the asked noun ("ba tinh", "2 don vi"), folded: the noun is what follows it
_COUNTED_ASKED = re.compile(r"(?:\d{1,2}|" + "|".join(sorted({fold(w) for w in COUNT_WORDS}, key=len, reverse=True))
                            + r")\s+(\w.*)$")


def asked_noun(qa: QuestionAnalysis) -> str | None:
    """The noun (folded) a Vietnamese list question asks for: "những trường nào" → "truong"."""
    noun = None if qa.english else _asked_words(qa)
    return None if noun == "nhung ai" else noun


def asked_noun_as_written(qa: QuestionAnalysis) -> str | None:
    """The asked noun of a Vietnamese list question as the question writes it ("những tang vật
    nào" → "tang vật"): what an untyped list's items are called; None without one."""
    noun = asked_noun(qa)
    # the last time: the asked one stands before "nào" ("… Anh hùng Lực lượng vũ trang … những lực lượng
    # nào"); a capital that only opens the question or a name is no part of it ("Lĩnh vực nào …")
    written = written_as(noun, unquoted(qa.text), last=True) if noun else None  # "hành vi 'lạc'" → "hành vi lạc"
    return written[:1].lower() + written[1:] if written and not any(c.isupper() for c in written[1:]) else written


def written_as(noun: str, text: str, last: bool = False) -> str | None:
    """The (folded) `noun` as `text` writes it, the first time (or the `last`); None when it does not."""
    spots = list(re.finditer(rf"\b{re.escape(noun)}\b", fold_aligned(text)))
    if not spots:
        return None
    spot = spots[-1] if last else spots[0]
    return text[spot.start():spot.end()]


# Asked nouns that head the names of what they ask for: "những sở nào" → "Sở Tư pháp", "Sở Y tế".
_NAME_HEADS = frozenset({"so", "bo", "ban", "cuc", "vu", "vien", "hoi", "truong", "cong ty", "tong cong ty",
                         "ngan hang", "benh vien", "tap doan", "bao", "dai", "tinh uy", "huyen uy", "thanh uy"})
# Administrative levels: the asked noun of "những tỉnh nào" and the noun of "các tỉnh A, B, C".
_LEVELS_WRITTEN = ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn")
_LEVELS = tuple(fold(level) for level in _LEVELS_WRITTEN)  # folded: "tinh", "thanh pho", …
_LEVELS_ALTERNATION = "|".join(sorted(_LEVELS_WRITTEN, key=len, reverse=True))  # as written, "thị xã" before "xã"
_LEVEL_ENDINGS = tuple(" " + level for level in _LEVELS_WRITTEN)  # a name that ends with its level ("UBND huyện")
_BELOW_PROVINCE = frozenset(_LEVELS[2:])  # huyện, quận, thị xã, xã, phường, thị trấn
_DISTRIBUTIVE = re.compile(r"(?:^|\bgom(?: co)?\s+)(?:(?:cac|nhung|hai|ba|bon|\d+)\s+)?(" + "|".join(_LEVELS) + r")\s+")


# A colon after a verb of saying opens what was said, not a list ("… cho biết: Đến nay, tỉnh A …");
# matched as written: folded, "nói" is "Hà Nội" and "hỏi" is "Hội"
_SAYS = re.compile(r"(?<!\w)(?:cho biết|nói|nhấn mạnh|khẳng định|chia sẻ|cho rằng|tuyên bố|giải thích|bày tỏ|"
                   r"nhận định|phát biểu|thông tin|kể lại|tâm sự|hỏi|đáp)\s*$", re.IGNORECASE)


def _names_a_province(item: Candidate) -> bool:
    """Whether a place item is a province or a centrally run city: its name, bare or after "tỉnh"
    ("Hà Tĩnh", "tỉnh Lạc Sơn" when the recogniser read the level) — not a district that shares
    it ("huyện Quảng Ninh")."""
    if item.extra:
        return fold(item.extra).lower() == "tinh"
    name = fold(item.text).lower()
    return name.startswith("tinh ") or name in PROVINCE_NAMES_FOLDED


def noun_heads(noun: str) -> set[str]:
    """The asked noun (folded) and, for a long one, its first two syllables: "huan chuong cao quy"
    is also "huan chuong", "cong trinh thuy loi noi dong" also "cong trinh"; a one-syllable noun after
    its classifier also alone ("con song" is also "song": "… lòng các sông A, B và C")."""
    words = noun.split()
    heads = {noun, " ".join(words[:2])}
    if len(words) == 2 and words[0] in _CLASSIFIERS and noun not in _CLASSIFIED_WORDS:
        heads.add(words[1])
    return heads


# Classifiers written before a one-syllable noun ("con sông", "chiếc xe", "cây cầu", "ngôi trường"), folded,
# and the words they make with one that mean something the noun alone does not ("con số" is a figure)
_CLASSIFIERS = frozenset({"con", "chiec", "cay", "ngoi", "buc", "cuon", "toa"})
_CLASSIFIED_WORDS = frozenset({"con so", "con nguoi", "con dau", "con em", "con chau", "cay so", "cay xanh",
                               "toa an", "buc xuc"})


def headed_by(name: str, noun: str) -> bool:
    """Whether the (folded) `noun` opens `name`: "Sở Y tế" for "so", "Hiệp định Thương mại …" for "hiep dinh"."""
    return fold(name).lower().startswith(noun + " ")


def asked_name_head(qa: QuestionAnalysis) -> str | None:
    """The asked noun (folded) when it heads the names asked for: an organisation's head ("những
    sở nào" → "so") or an administrative level ("những tỉnh nào" → "tinh"); else None."""
    noun = asked_noun(qa)
    if noun in _NAME_HEADS or noun in _LEVELS:
        return noun
    # a level and what qualifies it ("những huyện miền núi nào" → "huyen"), as the question writes it
    # ("những phương án nào" names no ward)
    written = match_form(asked_noun_as_written(qa) or "")
    return next((level for level, as_written in zip(_LEVELS, _LEVELS_WRITTEN) if written.startswith(as_written + " ")),
                None)


# Known bodies whose names hold a "và" or a comma ("Kế hoạch và Đầu tư", "Văn hóa, Thể thao và Du lịch"):
# in a list that names them without their head ("các Bộ: Y tế, Nội vụ, Kế hoạch và Đầu tư") they are one item.
_JOINED_BODIES = re.compile("|".join(
    re.escape(b).replace("\\ ", r"\s+").replace("–", "[–-]")
    for b in sorted({b.strip() for b in ORG_BODIES.replace("\n", "|").split("|")}, key=len, reverse=True)
    if b.strip() and (" và " in b or "," in b)))


def _distributed_places(text: str, s: int, e: int) -> list[Candidate]:
    """The places of a part that puts their level first for all of them ("các tỉnh Yên Bái, Hà
    Giang, Bình Định"), each with that level in `extra`; [] for any other part."""
    m = _DISTRIBUTIVE.search(fold_aligned(text[s:e]))
    if m is None or not text[s + m.end():s + m.end() + 1].isupper():
        return []
    out = []
    for piece in re.finditer(r"[^,;()]+(?:\([^()]*\))?", text[s + m.end():e]):
        name = re.sub(r"\s*\([^()]*\)\s*$", "", piece.group(0)).strip()
        name = re.sub(r"^(?:và|cùng)\s+", "", name)
        at = s + m.end() + piece.start() + piece.group(0).find(name)
        if not name or not name[0].isupper() or len(name.split()) > _PLACE_WORDS:
            break
        out.append(Candidate("locality", at, at + len(name), name, m.group(1).lower()))
    return out if len(out) >= 2 else []


# "các sở Tư pháp, Nội vụ và Tài chính", "các phòng Văn hóa, Y tế": one head written once for
# several bodies (folded; the plural or count before it marks the list).
_BODY_HEADS = ("so", "phong", "bo", "ban", "cuc", "vu", "nganh", "truong", "vien", "chi cuc", "trung tam")
_DISTRIBUTED_BODIES = re.compile(r"\b(?:cac|nhung|hai|ba|bon|\d+)\s+(" + "|".join(_BODY_HEADS) + r")\s+(?=\S)")
_BODY_NAME_WORDS = 5  # a body's own name after its shared head: "Kế hoạch và Đầu tư", "TN&MT"


def _distributed_bodies(text: str, start: int, end: int) -> list[Candidate]:
    """The bodies of a list that writes their head once ("giao các phòng Văn hóa, Y tế, Hội Nông
    dân huyện hướng dẫn …"), each shown with that head ("Phòng Y tế"); a name that opens with a head
    of its own ("Hội Nông dân huyện") is that organisation and the list's last. [] unless two or
    more are found."""
    folded = fold_aligned(text[start:end])
    for m in _DISTRIBUTED_BODIES.finditer(folded):
        head = text[start + m.start(1):start + m.end(1)]
        out = list(_bodies_after(text, start + m.end(), end, head[:1].upper() + head[1:], folded, start))
        if len(out) >= 2:
            return out
    return []


_NEXT_BODY = re.compile(r"\s*(?:[,;]\s*và\s+|[,;]|\s+và\s+)\s*")
_PART = re.compile(r"[^,;()]*")


def _bodies_after(text: str, at: int, end: int, shown: str, folded: str, offset: int) -> Iterator[Candidate]:
    """The names written one after the other from `at` (see `_distributed_bodies`)."""
    while at < end and text[at].isupper():
        part = _PART.match(text, at, end).end()  # type: ignore[union-attr]
        own = ORG_START.match(folded, at - offset)
        first = next((c for c in candidates(text, at, part, {"organisation"}) if c.start == at), None) if own else None
        if own is not None and first is not None and at + len(own.group(0)) < first.end:  # "Hội Nông dân …": a head of its own
            yield first  # (a bare "Công an" is a name the shared head stands before)
            return
        joined = _JOINED_BODIES.match(text, at, end)  # "Kế hoạch và Đầu tư": one body
        e = joined.end() if joined else organisation_end(text, at, part)
        if not joined and (va := re.search(r"\s+và\s+", text[at:e])):
            e = at + va.start()  # "Công Thương và Xây dựng": two bodies
        name = text[at:e].rstrip()
        if not name or len(name.split()) > _BODY_NAME_WORDS:
            return
        yield Candidate("organisation", at, at + len(name), f"{shown} {name}", shown.lower())
        step = _NEXT_BODY.match(text, at + len(name), end)
        if step is None:
            return  # the sentence goes on ("… ký kết", "… hỗ trợ")
        at = step.end()


def set_aside_kinds(qa: QuestionAnalysis) -> set[str]:
    """The kinds of item a "besides …" question sets aside by naming a kind, not a name ("Ngoài các
    huyện, … những thành viên nào?" → {"locality"})."""
    kinds = set()
    for phrase in qa.excluded:
        m = re.match(r"(?:cac|nhung) (.+)$", phrase)
        if m and (kind := noun_kind(m.group(1))) is not None:
            kinds.add(kind)
    return kinds


def of_kind(text: str, kind: str) -> bool:
    """Whether `text` (an item) is, whole, a thing of `kind`: "Hòa Bình" a locality."""
    text = text.strip()
    return any(c.start == 0 and c.end == len(text) for c in _typed(text, 0, len(text), _KINDS_OF_ITEM.get(kind, set())))


def noun_kind(folded_noun: str) -> str | None:
    """The kind of item a (folded, Vietnamese) noun phrase names: "co quan bao chi" an organisation,
    "quoc gia" a locality; None when it names none."""
    words = folded_noun.split()
    phrases = [" ".join(words[i:]) for i in range(len(words))
               if not (i and words[i - 1:i + 1] == ["nha", "nuoc"])]  # "nhà nước", the state, is no country
    return _kind_of(phrases + [" ".join(words[:n]) for n in (3, 2, 1)])  # the head: "tổng công ty nhà nước"


def _kind_of(phrases: list[str]) -> str | None:
    for phrase in phrases:
        for kind, pattern in _NOUN_KINDS:
            if phrase and pattern.match(phrase):
                return kind
    return None


# Separators of an enumeration written in running text: commas, semicolons, "và" / "hoặc" / "and" / "or".
_SEPARATOR = re.compile(r"[,;]|\s(?:và|hoặc|cùng|and|or)\s", re.IGNORECASE)
# Where a sentence goes on after its last item: a relative "mà", a tense / aspect word before the
# verb, or a purpose ("nhằm", "để").
_PREDICATE = re.compile(r"(?<=\w)\s+(?:mà|đã|đang|sẽ|được|đều|cũng|vừa|nhằm|để)\s", re.IGNORECASE)
_PURPOSE = re.compile(r"(?:nhằm|để)$", re.IGNORECASE)
_PLACE_WORDS = 6  # a place named in a list without its kind word ("Lạc Sơn", "Ban Mai và Hòa Lạc")
_ITEM_WORDS = 8  # an item written in running text is short: at most this many words


def enumerates(sentence: str) -> bool:
    """Whether `sentence` lists things, whatever their kind and however introduced: four parts in a
    row between separators, the inner ones short (the first item follows its lead-in, the last
    comes before the rest of the sentence). Three would take "Chiều 14/9, tại Lạc Sơn, ông A nói"."""
    lengths = [len(part.split()) for part in _SEPARATOR.split(sentence)]
    run = 0
    for i, n in enumerate(lengths):
        run = run + 1 if 0 < n <= _ITEM_WORDS else 0
        if run and run + (i + 1 > run) + (i + 1 < len(lengths)) >= 4:
            return True
    return False


def enumeration_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence `text[start:end]`, extended over the bulleted lines that follow it when it
    introduces them (ends with ":" or the next line is a bullet), or over the paragraph after it when
    it ends with ":" and that paragraph is a list of its own (`_listing_paragraph`)."""
    stop = end
    introduces = colon_before(text, end, start)
    if introduces or _BULLET_LINE.match(text, end):
        pos = end
        while (m := _BULLET_LINE.match(text, pos)) is not None:
            stop = pos = m.end()
    if introduces and stop == end and (paragraph := _listing_paragraph(text, end)) is not None:
        stop = paragraph
    return start, stop


def colon_before(text: str, at: int, start: int = 0) -> bool:
    """Whether `text[start:at]` ends with a colon, spaces after it aside (walked back, not sliced)."""
    while at > start and text[at - 1].isspace():
        at -= 1
    return at > start and text[at - 1] == ":"


# The paragraph after a line break: its first character up to the next line break.
_NEXT_PARAGRAPH = re.compile(r"[ \t]*\n\s*([^\n]+)")
_LISTED_PARAGRAPH = 1200  # characters of a paragraph read as the list a colon introduced, at most


def _listing_paragraph(text: str, at: int) -> int | None:
    """The end of the paragraph that follows `at` (the end of a sentence ending in ":") when that
    paragraph lists what the colon introduced — its parts separated by semicolons ("… như:\\n\\nA; B; C")
    — and is no longer than `_LISTED_PARAGRAPH`; else None."""
    m = _NEXT_PARAGRAPH.match(text, at)
    if m is None or len(m.group(1)) > _LISTED_PARAGRAPH or ";" not in m.group(1):
        return None
    return m.end(1)


# Where an enumeration's items begin: "gồm (có)", "bao gồm", "trong đó có", "như", "là", "giữa", a colon.
_INTRO = re.compile(r"\b(?:bao gom|gom co|gom|trong do co)\b\s*:?\s*|:\s*")
# The verb that signs, issues, passes or amends the document a part of a list names ("…, sửa đổi Luật A").
_SIGNS = re.compile(r"(?:ky ket|ky|ban hanh|thong qua|phe duyet|sua doi(?:,? bo sung)?|bo sung|cai cach|hoan thien)"
                    r"\s+(?=\S)")
# A clause that introduces a list of its own: its introduction ends in a colon ("… 03 trường gồm:").
_OWN_LIST = re.compile(r"\w\s*:\s")
_WEAK_INTRO = re.compile(r"\b(?:nhu|giua|la)\b\s*:?\s*")
# ... as written with tone marks: "như", not the "nhu" of "nhu cầu" (need), nor "lá", "lả"
_WEAK_INTRO_TONED = re.compile(r"(?:như|giữa|là)\b", re.IGNORECASE)
# A list in brackets after the noun it lists: three parts at least ("(Ảnh: …)", "(thứ Hai, 10/2)" are none).
_BRACKETED = re.compile(r"\(([^()]*?[,;][^()]*?[,;][^()]*?)\)")
_COUNT_WINDOW = 16  # words between a count and the bracket that lists what it counts


def _counted_bracket(text: str, start: int, bracket: re.Match[str]) -> bool:
    """Whether the bracket lists as many things as a count written just before it says ("có 4 dự
    án nộp hồ sơ (A, B, C, D)", "chương trình “3 không” (A, B và C)"): then it is a list whatever
    its items' kind. The count is in the words before the bracket, in the same clause."""
    clause = re.split(r"[,;:.()]\s", text[start:start + bracket.start()] + " ")[-1]
    words = [w.strip("“”\"'‘’").lower() for w in clause.split()][-_COUNT_WINDOW:]
    counts = [int(w) if w.isdigit() else COUNT_WORDS[w] for n, w in enumerate(words)
              if (w.isdigit() and len(w) <= 2 or w in COUNT_WORDS)
              and not (n + 1 < len(words) and words[n + 1][:1].isdigit())]  # "năm 2017" is a year
    if len(counts) != 1:
        return False
    inner = text[start + bracket.start(1):start + bracket.end(1)]
    parts = re.split(r"[,;]", inner)
    items = len(parts) + bool(re.search(r"\s(?:và|cùng)\s", parts[-1]))
    return counts[0] == items


# "Những đơn vị tham gia có A, B và C", "Dự hội nghị có A, B": "có" after a plural subject or an
# attendance lists what the subject holds (read for items of an asked kind only)
# (matched as written: folded, "dự" is also "dù" and "du lịch")
_LISTING_SUBJECT = re.compile(r"(?:^|(?<=[,;])\s*)(?:những|các|tham dự|dự|tham gia)\s[^,;:()]{0,64}", re.IGNORECASE)
_HAS = re.compile(r"\sc(?:ó|Ó)\s+(?=\S)")  # "có", not "cờ", which folds alike
_CO = re.compile(r"co\s+")
_GOES_ON = re.compile(r"(?:là|được|đã|sẽ|đều|cũng|nhằm|để|thì|mà|nên)\s", re.IGNORECASE)  # a clause, no item
_LEADING_TONED = re.compile(r"^(?:(?:các|những|đại diện|cả|và|cùng(?: với)?|hoặc|ông|bà|đồng chí|đc)\b[\s:]*"
                            r"|\d{1,2}\s*[-.)/]\s*|[a-zđ]\)\s*)+")
_LEADING = re.compile(r"^(?:(?:cac|nhung|dai dien|ca|va|cung(?: voi)?|hoac|ong|ba|dong chi|dc)\b[\s:]*|\d{1,2}\s*[-.)/]\s*"
                      r"|[a-zA-Z]\)\s*)+")  # "1.", "2)", "a)": the numbering of a point


# How one part of a quoted motto ends: a comma or a dash ("“Đoàn kết, kỷ cương, sáng tạo”", "“Kỷ
# cương - Trách nhiệm - Thân thiện”").
_MOTTO_BREAK = re.compile(r",\s+|\s+[-–]\s+|\s*[-–]\s*(?=[A-ZĐÀ-Ỹ])")
MOTTO_WORDS = 6  # words of one part of a motto at most
MOTTO_CHARACTERS = (5, 200)  # the length of a quoted motto, at least and at most


def motto_parts(text: str, start: int, end: int) -> Enumeration | None:
    """The parts of the first quoted motto in `text[start:end]` ("“Đoàn kết, kỷ cương, an toàn”" →
    "Đoàn kết", "kỷ cương", "an toàn"): three parts or more, each short, or None. What a
    question asks of a motto's elements is its parts."""
    for quote in candidates(text, start, end, {"quote"}):  # what the marks enclose
        if not MOTTO_CHARACTERS[0] <= quote.end - quote.start <= MOTTO_CHARACTERS[1]:
            continue
        pieces, cut = [], quote.start
        for brk in _MOTTO_BREAK.finditer(text, quote.start, quote.end):
            pieces.append((cut, brk.start()))
            cut = brk.end()
        pieces.append((cut, quote.end))
        pieces = [(s, e) for s, e in pieces if e > s]
        if len(pieces) >= 3 and all(len(text[s:e].split()) <= MOTTO_WORDS for s, e in pieces):
            return Enumeration(start, end, None, tuple(Candidate("item", s, e, text[s:e]) for s, e in pieces), True)
    return None


def read_enumeration(text: str, start: int, end: int, kind: str | None, asked_words: set[str],
                     name_head: str | None = None, noun: str | None = None, by_count: bool = True) -> Enumeration:
    """The items of `kind` in `text[start:end]` (and its run-on bullet lines), in text order.

    An enumeration introduced by "gồm / bao gồm / như / giữa / :" (or, for typed items, written in
    brackets after its noun) is cut into parts at its separators (semicolons when it has them, else
    commas and its last "và"), and a part is an item when it starts with a candidate of the asked
    kind (organisations and untyped items keep the whole part; people, places and documents the
    candidate; a capitalised short part is a place when places are asked). Untyped items end where
    the sentence goes on ("mà", "đã", "được" … before its verb). Without such an introduction, the
    candidates of the asked kind in the sentence are the items. Items made only of words the
    question uses are dropped. `name_head`: the asked noun that heads the names asked for ("sở" of
    "những sở nào"); two items or more that it heads are the list, the sentence's other names not.
    `noun`: the asked noun (folded); of several introductions, the one it stands before is read
    ("… 02 đơn vị gồm: A, B; … 03 trường gồm: C, D" for "những trường nào"); places and untyped
    items may also follow a count of the asked noun ("ở 4 huyện A, B, C và D"), as many as it says
    (`by_count`; otherwise the sentence is read without that introduction)."""
    if kind is None and (points := numbered_points(text, start, end)) is not None:
        # "… 5 giải pháp: Thứ nhất, A. Thứ hai, B. …": the points, each its own sentence
        items = _clean(points[0], None, asked_words)
        return Enumeration(start, max(end, points[1]), None, tuple(items), len(items) >= 2)
    start, end = enumeration_span(text, start, end)
    wanted = _KINDS_OF_ITEM.get(kind or "", {"item"})
    typed = [] if kind is None else _typed(text, start, end, wanted)
    items: list[Candidate] = []
    running = False
    whole = [(c.start, c.end) for c in typed]
    if kind == "organisation":
        whole += [(start + m.start(), start + m.end()) for m in _JOINED_BODIES.finditer(text[start:end])]
    parts, weak_intro, counted = _parts(text, start, end, None if kind is None else {c.start for c in typed},
                                        capitals=kind in ("locality", "organisation"), whole=whole, noun=noun,
                                        subject_lists=kind not in (None, "person"),  # people: read side by side
                                        by_count=by_count and kind in (None, "locality"))
    # the introduced parts stand: typed items, no asked noun, or parts that are the noun's own (once, for both below)
    parts_stand = kind is not None or not noun or _parts_of_noun(text, start, parts, noun)
    if kind == "organisation" and not parts and (spread := _distributed_bodies(text, start, end)):
        items = spread  # "các sở Tư pháp, Nội vụ và Tài chính": the head written once for all
    elif not parts_stand and (named := _names_after_noun(text, start, end, noun)):
        # "ở các bản Đồi Chè và Mây Xanh": the noun written once for all, also before a list another
        # word introduces ("lòng các sông A, B và C và các khu vực như: D, E" for "những con sông nào")
        items, parts, weak_intro = named, [], False
    elif not parts_stand and (run := _run_after_noun(text, start, end, noun)):
        # "…; khuyến khích đầu tư vào các lĩnh vực a, b, c; …" for "những lĩnh vực nào": the plural noun
        # introduces a list of its own within one clause of a longer one
        items, parts, weak_intro = run, [], False
    elif kind is None and not parts and (series := running_series(text, start, end, asked_words)):
        items, weak_intro, running = series, False, True  # "… vẫn nạo vét, kè bờ, lấn dòng …": no introduction
    elif kind is not None and not parts:  # no introduction: items of the asked kind written side by side
        parts = _coordinated(text, end, typed, titled=kind == "person")
    parts = _before_ellipsis(text, parts)
    commas = bool(parts) and not re.search(r"[;\n]", text[parts[0][0]:parts[-1][1]])
    # the list's case: its first item's, unless that one opens after a colon as a sentence does and
    # the two or more after it share another ("như: Thi đấu kéo co, đẩy gậy, ném còn, …")
    listed_upper = bool(parts) and text[parts[0][0]].isupper()
    if len(parts) > 2 and colon_before(text, parts[0][0]) \
            and len({text[s].isupper() for s, _ in parts[1:3]}) == 1:
        listed_upper = text[parts[1][0]].isupper()
    for n, (s, e) in enumerate(parts):
        if n and "”" in text[parts[0][0]:s] and "“" not in text[parts[0][0]:s]:
            break  # "… như A, B, C, phát hiện …”, Bộ trưởng X nói": the quotation that held the list has closed
        capital = text[s].isupper()
        if kind is None and n and _GOES_ON.match(text, s):
            break  # "…, hồ tiêu và điều, là những mặt hàng …": the sentence goes on past its list
        if kind is None:
            if commas and n and capital != listed_upper and capital != text[parts[n - 1][0]].isupper() \
                    and not _same_head(text, parts[0], (s, e)) \
                    and _count_before(text, start, parts[0][0]) != _joined_count(text, parts):
                # "Toàn diện, Bình đẳng, phù hợp với …": the list has ended ("Dự án A, dự án B" goes on, and
                # so does "…, dự án B, cảng C" after it; "5 mảng: Nông nghiệp, thủy lợi, giao thông, Y tế và
                # Giáo dục" says how many parts it has)
                break
            items.append(Candidate("item", s, e, text[s:e]))
            continue
        part = fold_aligned(text[s:e])
        # a document after the verb that signs or passes it ("…; ký kết Biên bản ghi nhớ A; …")
        at = s + (lead.end() if kind == "document" and (lead := _SIGNS.match(part)) else 0)
        head = next((c for c in typed if at <= c.start <= at + 2 and c.end <= e + 1), None)
        body = _JOINED_BODIES.match(text, s, e) if kind == "organisation" else None
        if body is not None:  # "các Bộ: …, Kế hoạch và Đầu tư chú trọng …": a known body (no plan) is the item
            items.append(Candidate("organisation", s, body.end(), body.group(0)))
        elif kind == "organisation" and (head is not None or capital or _lower_head_of_name(text, s, part)) \
                and not _DOCUMENT.match(part) \
                and not _OFFICE_OR_RANK.match(part) and not _ADDRESSED.search(text, max(0, s - 12), s):
            # "Ủy viên Bộ Chính trị", "Thượng tướng A", "ông A, Tổng Giám đốc …": people
            cut = min(e, organisation_end(text, s, e))  # "Vụ Pháp chế để kiểm tra": the name ends at "để"
            # a part the list's separators close on both sides goes on in lower case within the name
            # ("…, Chi cục Thủy lợi và phòng chống thiên tai, …"), not with the sentence
            e = e if n < len(parts) - 1 and _lower_words(text[cut:e]) else cut
            while e > s and text[e - 1] in " \t":
                e -= 1
            items.append(Candidate("organisation", s, e, text[s:e]))
        elif kind == "locality" and (spread := _distributed_places(text, s, e)):
            items.extend(spread)  # "các tỉnh Lạc Sơn, Mây Xanh, Suối Bạc; các huyện …"
        elif kind == "locality" and capital and (
                len(text[s:e].split()) <= _PLACE_WORDS or (n == len(parts) - 1 and (
                    counted is not None or len(text[s:_capitalised_end(text, s, e)].split()) <= _PLACE_WORDS))) \
                and not _DOCUMENT.match(part) \
                and (head is not None or not _ORG_NAME_START.match(text, s)):  # "Tổ chức Y tế …" is no place
            # "gồm Lạc Sơn, Ban Mai, …": names the recogniser may not know; the last up to its first
            # word in lower case, where the sentence goes on ("… và Đồi Chè đã hoàn thành …")
            e = _capitalised_end(text, s, e) if n == len(parts) - 1 else e
            items.append(Candidate("locality", s, e, text[s:e]))
        elif kind == "person" and head is None and (_OFFICE_OR_RANK.match(part) or not commas) and \
                len(named := [c for c in typed if s < c.start and c.end <= e]) == 1:
            # "có: Trưởng Ban Kinh tế Lò Văn Bình; Thiếu tướng Lò Văn Khoa, Chánh Văn phòng; …": the
            # office or rank first, then the name; between semicolons, a part that names one person is
            # that person's ("…; thư ký cuộc họp, bà Lò Thị Cúc")
            items.append(named[0])
        elif kind == "title" and head is None and OFFICE.match(part):
            items.append(Candidate("title", s, e, text[s:e]))  # "các cương vị Giám đốc Sở A, Bí thư Huyện ủy B"
        elif head is not None and kind == "document" and not commas and head.start == s:
            items.append(Candidate("document", s, e, text[s:e]))  # "…; Thỏa thuận giữa A và B; …": the whole part
        elif head is not None:
            items.append(head)
    if kind is None and commas and items and len(items) < len(parts):  # the list ended: its last item may hold "A và B"
        last = items[-1]
        va = list(re.finditer(r"\s+(?:va|cung)\s+", fold_aligned(last.text)))
        if va:
            cut = last.start + va[-1].start()
            items[-1:] = [Candidate("item", last.start, cut, text[last.start:cut]),
                          Candidate("item", last.start + va[-1].end(), last.end, text[last.start + va[-1].end():last.end])]
    if kind is None:  # "…, y tế, du lịch mà hai tỉnh đã nêu …, đặc biệt là …": the list ends before the verb
        for n, item in enumerate(items):
            if not commas and n < len(items) - 1:
                continue  # "A; B, phấn đấu hoàn thành nhiệm vụ được giao; C": an inner part semicolons close is whole
            if (verb := _PREDICATE.search(item.text)) is not None:
                if n < len(items) - 1 and _PURPOSE.match(verb.group(0).strip()):
                    continue  # "…, giá vật tư để làm đường tăng cao, nhân lực mỏng": a purpose inside an item
                items[n:] = [Candidate("item", item.start, item.start + verb.start(), item.text[:verb.start()])]
                break
    # two items make a list after "gồm" or a colon; after "như / giữa / là" untyped parts need three
    # ("giữa Nậm Cát và Mường Khoa thời gian qua" names two places, not a list of what was asked)
    # a list in running text has no introduction: the reader takes it only when nothing else lists
    introduced = not running and len(_clean(items, kind, asked_words)) >= (3 if kind is None and weak_intro else 2)
    if counted is not None and len(_clean(items, kind, asked_words)) != counted:
        # "4 huyện ven biển A, B, C và D": a count before the asked noun makes a list of as many, no other
        return read_enumeration(text, start, end, kind, asked_words, name_head, noun, by_count=False)
    if not introduced and kind == "organisation" and noun \
            and (run := _headed_run(fold_aligned(text[start:end]), noun)) is not None:
        # "xác nhận của cơ quan y tế xã, cơ quan công an hoặc cơ quan khác …": bodies the asked noun
        # heads in lower case, which no recogniser names
        bodies = [Candidate("organisation", s, e, text[s:e]) for s, e in _split_run(text, start + run[0], start + run[1])]
        if all(b.text[:1].islower() for b in bodies) and len(_clean(bodies, kind, asked_words)) >= 2:
            items, introduced = bodies, True  # (capitalised, they are names the recognisers read)
    if not introduced and kind == "title" and noun and len(titles := _titles_after_noun(text, start, end, noun)) >= 2:
        items, introduced = titles, True  # "qua các chức vụ A, B, C, ông X …": the noun written once for all
    if not introduced and kind is not None:
        # names found anywhere in the sentence: not the body of an office ("Phó Chủ tịch UBND tỉnh A")
        items = [c for c in typed if kind != "organisation" or not _in_office(text, c.start)]
    if name_head and kind == "organisation":
        headed = _side_by_side([c for c in _clean(items, kind, asked_words)
                                if headed_by(c.text, name_head)], text)
        if len(headed) >= 2:  # "kiểm tra Sở TN-MT, Sở NN-PTNT, Sở Du lịch" for "những sở nào"
            items, introduced = headed, True
    if name_head in _LEVELS and kind == "locality":  # "những tỉnh nào": the provinces, not the districts
        level = [c for c in _clean(items, kind, asked_words)
                 if c.extra == name_head or headed_by(c.text, name_head)]
        if len(level) >= 2:
            items = level
    if name_head in _BELOW_PROVINCE and kind == "locality" and items:
        # "những huyện nào": no province is one, unless the list says it lists districts ("4 huyện:
        # Lệ Thủy, Quảng Ninh", a district named like a province)
        before = fold_aligned(text[max(start, items[0].start - 30):items[0].start]).lower()
        if not re.search(rf"\b{name_head}\b", before):
            # a list the province level introduces ("Bốn tỉnh gồm …") names no district at all
            provinces = re.search(rf"\b(?:{'|'.join(_LEVELS[:2])})\b", before) is not None
            items = [c for c in items if not provinces and not _names_a_province(c)]
    if kind == "organisation":
        items = [_with_levels(text, item, end) for item in items]
    if kind is None:
        items = _addresses_joined(text, items)
    return Enumeration(start, end, kind, tuple(_clean(items, kind, asked_words)), introduced, running)


# A place written with its level, alone: "thành phố Lạc Sơn", "huyện Mây Xanh", "TP. Suối Bạc"
_PLACE_ALONE = re.compile(rf"(?i:{_LEVELS_ALTERNATION}|TP\.?)((?:\s+[^\W\d_][\w-]*){{1,4}})")


def _place_alone(item: str) -> bool:
    """Whether `item` is a place written with its level and nothing else ("thành phố Lạc Sơn", not "xã
    hội hóa giáo dục")."""
    m = _PLACE_ALONE.fullmatch(item)
    return m is not None and all(word[0].isupper() for word in m.group(1).split())


def _addresses_joined(text: str, items: list[Candidate]) -> list[Candidate]:
    """Untyped items with a place alone after one that is no place joined to it: the place is where that
    item is ("điểm thi số 1 - Trường A, thành phố Lạc Sơn và điểm thi số 2 - Trường B"), in a list of
    other things (a list that begins with a place lists places)."""
    if len(items) < 3 or _place_alone(items[0].text):
        return items
    joined: list[Candidate] = []
    for item in items:
        before = joined[-1] if joined else None
        if before is not None and _place_alone(item.text) and not _place_alone(before.text) \
                and re.fullmatch(r"\s*,\s*", text[before.end:item.start]):
            joined[-1] = Candidate(before.kind, before.start, item.end, text[before.start:item.end], before.extra)
        else:
            joined.append(item)
    return joined


# A further level after a body that ends with one ("UBND quận, huyện, thị xã": one body written for
# several levels)
_NEXT_LEVEL = re.compile(rf"(?:\s*,\s*|\s+(?:và|hoặc)\s+)(?:{_LEVELS_ALTERNATION})(?![\w-])")


def _with_levels(text: str, item: Candidate, end: int) -> Candidate:
    """`item` with the levels written after its own (`_NEXT_LEVEL`), when it ends with a level; not a
    level that names a place ("UBND quận, huyện Lạc Sơn" are two bodies)."""
    if not item.text.lower().endswith(_LEVEL_ENDINGS):
        return item
    stop = pos = item.end
    while (m := _NEXT_LEVEL.match(text, pos, end)) is not None:
        after = text[m.end():m.end() + 2].lstrip()[:1]
        if after.isupper() or after.isdigit():
            break
        stop = pos = m.end()
    return item if stop == item.end else Candidate(item.kind, item.start, stop, text[item.start:stop], item.extra)


# An ellipsis the sentence goes on after ("A, B… hay việc C"): the list it ends says "and so on".
_ELLIPSIS_GOES_ON = re.compile(r"(?:…|\.\.\.)(?=\s+\w)")


def _before_ellipsis(text: str, parts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of a list up to its ellipsis, when the sentence goes on after it ("cải cách Luật A,
    Luật B… hay việc bãi bỏ …, C và D": the list is A and B)."""
    for n, (s, e) in enumerate(parts):
        if (mark := _ELLIPSIS_GOES_ON.search(text, s, e)) is not None:
            return parts[:n] + ([(s, mark.start())] if text[s:mark.start()].strip() else [])
    return parts


# Points numbered in words, each opening its own sentence: "Thứ nhất, A. Thứ hai, B." or "Một là, A. Hai là, B."
_ORDINALS_TONED = ("nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười")
_COUNTED_POINTS = ("Một", "Hai", "Ba", "Bốn", "Năm", "Sáu", "Bảy", "Tám", "Chín", "Mười")
_POINT_GAP = 700  # characters between one point's sentence and the next point at most
_SENTENCE_STOP = re.compile(r"\.(?:\s|$)|\n")


def _point_pattern(word: str) -> re.Pattern[str]:
    """A point's marker `word` opening a sentence, a line or what a colon introduces."""
    return re.compile(rf"(?:^|(?<=[.:;!?]\s)|(?<=\n)|(?<=[.:]\s[“\"]))({word})(?:\s*[,:]\s*(?:là\s+)?|\s+là\s+)")


# The markers of the n-th point: counted ("Hai là") and ordinal ("Thứ hai"), and the counted one inline.
_COUNTED_MARKERS = tuple(_point_pattern(rf"{word} là") for word in _COUNTED_POINTS)
_ORDINAL_MARKERS = tuple(_point_pattern(rf"[Tt]hứ {word}") for word in _ORDINALS_TONED)
_INLINE_MARKERS = tuple(re.compile(rf"[,;]\s+({word.lower()} là)\s+") for word in _COUNTED_POINTS)


def _point(text: str, at: int, n: int, counted: bool) -> re.Match[str] | None:
    """The `n`-th point's marker (0: the first) at or after `at`, opening a sentence, a line or what a colon
    introduces."""
    return (_COUNTED_MARKERS if counted else _ORDINAL_MARKERS)[n].search(text, at)


def _inline_point(text: str, at: int, end: int, n: int) -> re.Match[str] | None:
    """The `n`-th point's marker written inside the first point's sentence, after a comma or semicolon
    ("Một là A, hai là B; ba là C"), within `text[at:end]`."""
    return _INLINE_MARKERS[n].search(text, at, end)


def _sentence_end(text: str, at: int) -> int:
    """Where the sentence holding `at` ends (before its full stop; not at an abbreviation's dot)."""
    for m in _SENTENCE_STOP.finditer(text, at):
        if m.group(0)[0] != "." or not _ABBREVIATION_DOT.search(text, max(0, m.start() - 4), m.start()):
            return m.start()
    return len(text)


def numbered_points(text: str, start: int, end: int) -> tuple[list[Candidate], int] | None:
    """The points a sentence `text[start:end]` opens with "Thứ nhất, …" ("Một là, …") and the sentences
    after it go on with "Thứ hai, …", "Thứ ba, …" (each within `_POINT_GAP` characters of the last):
    each point's sentence after its marker, and where the last ends; None with fewer than two."""
    for counted in (False, True):
        first = _point(text, start, 0, counted)
        if first is None or first.start() >= end:
            continue
        items, marker = [], first
        while marker is not None:
            stop = _sentence_end(text, marker.end())
            s, e = _trimmed(text, marker.end(), stop)
            if s < e:
                items.append(Candidate("item", s, e, text[s:e]))
            if len(items) == len(_ORDINALS_TONED):
                break
            marker = _point(text, stop, len(items), counted)
            if marker is not None and marker.start() - stop > _POINT_GAP:
                marker = None
        if len(items) >= 2:
            return items, items[-1].end
    return _inline_points(text, start, end)


# The first point's marker of points one sentence writes ("Một là A, hai là B")
_FIRST_INLINE_POINT = re.compile(r"(?:^|(?<=[.:;!?]\s)|(?<=\n)|(?<=[.:]\s[“\"]))Một là[\s,:]+")


def _inline_points(text: str, start: int, end: int) -> tuple[list[Candidate], int] | None:
    """"Một là A, hai là B, ba là C.": the points one sentence of `text[start:end]` writes, each up to
    the next marker; None with fewer than two."""
    first = _FIRST_INLINE_POINT.search(text, start, end)
    if first is None:
        return None
    stop = _sentence_end(text, first.end())
    items, at, n = [], first.end(), 1
    while True:
        marker = _inline_point(text, at, stop, n) if n < len(_COUNTED_POINTS) else None
        s, e = _trimmed(text, at, marker.start() if marker is not None else stop)
        if s < e:
            items.append(Candidate("item", s, e, text[s:e]))
        if marker is None:
            break
        at, n = marker.end(), n + 1
    return (items, items[-1].end) if len(items) >= 2 else None


# A list written in running text, with no introduction, within one clause: its parts between commas
# outside brackets, the inner ones short; "và / hoặc" joins its last two items.
_RUN_BREAK = re.compile(r"\s*[,;]\s*")
_RUN_JOIN = re.compile(r"\s+(?:và|hoặc)\s+", re.IGNORECASE)
_RUN_ITEM_WORDS = 6  # words of an inner part of a list in running text at most
_OPENING_WORDS = 3  # words of a sentence's opening phrase ("Tuy nhiên", "Ngày 22/6") at most
_RUN_EDGE = re.compile(r"[\s.…“”\"'‘’:()-]+")


def _run_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """`text[start:end]` cut at its commas outside brackets."""
    pieces, at, depth = [], start, 0
    for m in re.finditer(r"[(),]", text[start:end]):
        char, pos = m.group(0), start + m.start()
        if char in "()":
            depth = max(0, depth + (1 if char == "(" else -1))
        elif depth == 0 and not (char == "," and text[pos - 1:pos].isdigit() and text[pos + 1:pos + 2].isdigit()):
            pieces.append((at, pos))  # (a decimal comma, "179,23", cuts nothing)
            at = _RUN_BREAK.match(text, pos).end()
    pieces.append((at, end))
    return [(s, e) for s, e in pieces if text[s:e].strip()]


def _trimmed(text: str, s: int, e: int) -> tuple[int, int]:
    """`text[s:e]` without the spaces, quotes and stops at its ends."""
    while s < e and _RUN_EDGE.fullmatch(text[s]) and not (text[s] == "(" and ")" in text[s:e]):
        s += 1
    while e > s and _RUN_EDGE.fullmatch(text[e - 1]) and not (text[e - 1] == ")" and "(" in text[s:e]):
        e -= 1  # a bracket the item closes stays
    return s, e


def _words_at(text: str, s: int, e: int) -> list[tuple[int, int, str]]:
    """The words of `text[s:e]`: start, end and the word in lower case."""
    return [(s + m.start(), s + m.end(), m.group(0).lower()) for m in re.finditer(r"\S+", text[s:e])]


# words that lead into a list's first item in running text ("để A, B và C", "cả về A, B", "vẫn A, B, C")
_INTO_ITEM = frozenset({"để", "vẫn", "về", "như", "là", "gồm", "cho", "với", "của", "cả", "từ", "tại", "ở", "có",
                        "bằng", "đến", "đều", "còn", "đã", "đang", "sẽ", "cũng"})  # as written: "tư" is no "từ"
_OUT_OF_ITEM = frozenset({"vào", "của", "cho", "với", "ở", "tại", "trên", "trong", "để", "và", "từ", "đến", "về",
                          "theo", "ra", "lên", "xuống"})  # as written: words that lead out of a last item
_PLACE_INTO = frozenset({"tại", "ở", "từ", "đến", "về"})  # "…, tại A, …" opens a place or time, no list


def _into_item(text: str, s: int, e: int) -> tuple[int, int]:
    """An inner part of a list in running text without the words that lead into it ("vẫn A" → "A")."""
    words = _words_at(text, s, e)
    while len(words) > 1 and words[0][2] in _INTO_ITEM:
        words = words[1:]
    return words[0][0], e


def _lead_item(text: str, s: int, e: int, most: int) -> tuple[tuple[int, int] | None, bool]:
    """The first item of a list in running text — the end of the part before the list's inner parts,
    `most` words at most, after the last word there that leads into an item ("… quản lý để A" → "A",
    "cả về B" → "B") or ends a sentence — and whether such a word introduced it."""
    words = _words_at(text, s, e)[-most - 1:]  # the word that leads in, then `most` words
    cut = max((n + 1 for n, w in enumerate(words) if w[2] in _INTO_ITEM or w[2][-1] in ".*"), default=0)
    introduced = cut > 0 and words[cut - 1][2] in _INTO_ITEM
    if not introduced and len(_words_at(text, s, e)) > most:
        return None, False  # "…, cần xem xét hết sức bình tĩnh, A, B": where the first item begins is not told
    words = words[cut:][-most:]
    if not words:
        return None, introduced
    s, e = _trimmed(text, words[0][0], e)
    return ((s, e) if s < e else None), introduced


def _last_item(text: str, s: int, e: int, asked_words: set[str], most: int) -> tuple[int, int] | None:
    """The last item of a list in running text: the start of the part after it, up to the first word
    the question uses after its own first word, or where the sentence goes on (`_PREDICATE`), `most`
    words at most; None when the part is longer and neither says where the item ends."""
    if (verb := _PREDICATE.search(text, s, e)) is not None:
        e = verb.start()
    words = _words_at(text, s, e)
    stop = next((n for n, w in enumerate(words) if n and fold(w[2]).strip(".,:;“”\"'()") in asked_words), len(words))
    if verb is None and stop == len(words) and len(words) > most:
        return None  # "…, giám sát, thực hiện nghiêm việc đánh giá nhiệm vụ …": where the list ends is not told
    words = words[:min(stop, most)]
    while len(words) > 1 and words[-1][2] in _OUT_OF_ITEM:
        words = words[:-1]  # "đổ cát vào (lòng suối …)": a preposition cut off from what it governs
    if not words:
        return None
    s, e = _trimmed(text, words[0][0], words[-1][1])
    return (s, e) if s < e else None


def running_series(text: str, start: int, end: int, asked_words: set[str]) -> list[Candidate]:
    """The items of a list `text[start:end]` writes in running text, with no word that introduces it
    ("… vẫn nạo vét, kè bờ, lấn dòng suối …", "để A, B và C theo dõi", "xin X, xin Y, xin Z"):
    a run of parts between commas, the inner ones short, the first item the end of the part before
    them and the last the start of the part after (cut at the question's own words). Three items or
    more when "và / hoặc" joins the last two, else four or more (three would take "Chiều 14/9, tại
    Lạc Sơn, ông A nói"); inner parts all joining two things with "và" ("A và B, C và D, E và F") are
    pairs, each one item. Of several such runs, the one with the most items the question does not
    name; none → []."""
    best: list[Candidate] = []
    for clause in semicolon_clauses(text, start, end):  # one clause at a time
        found = _series_in_clause(text, *clause, asked_words)
        best = found if len(found) > len(best) else best
    return best


def semicolon_clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The (start, end) spans of `text[start:end]` between semicolons, in order (one span without any)."""
    clauses, at = [], start
    for piece in text[start:end].split(";"):
        clauses.append((at, at + len(piece)))
        at += len(piece) + 1
    return clauses


def _series_in_clause(text: str, start: int, end: int, asked_words: set[str]) -> list[Candidate]:
    """`running_series` within one clause (no semicolon)."""
    pieces = _run_pieces(text, start, end)
    best: list[Candidate] = []
    for i in range(len(pieces) - 1):
        if _GOES_ON.match(text, pieces[i][0]) or _words_at(text, *pieces[i])[0][2] in _PLACE_INTO \
                or _SAYS.search(text, *pieces[i]) or text[pieces[i][1] - 1] in "”\"":
            continue  # "…, đã có A, B và C", "…, tại A, B và C ký": a clause or a place leads into no list
        j = i + 1
        while j < len(pieces) - 1 and len(text[pieces[j][0]:pieces[j][1]].split()) <= _RUN_ITEM_WORDS:
            j += 1
        for last in range(j, i, -1):  # the longest run from this part that is a list
            inner = pieces[i + 1:last]
            joined = [_RUN_JOIN.search(text, s, e) is not None for s, e in inner]
            tail_s, tail_e = pieces[last]
            pairs = bool(inner) and all(joined) and _RUN_JOIN.search(text, tail_s, tail_e) is not None
            if any(joined) and not pairs:
                continue  # "A, B và C, D": the list ends at its "và"
            if any(_GOES_ON.match(text, s) or _words_at(text, s, e)[0][2] in _PLACE_INTO for s, e in inner) \
                    or _SAYS.search(text, tail_s, tail_e):
                continue  # "…, đã có A, …", "…, tại A, …", "…, ông A, Giám đốc B cho biết": clauses, no items
            spans: list[tuple[int, int]] = [_into_item(text, s, e) for s, e in inner]
            closed = False
            if not pairs and (join := _RUN_JOIN.search(text, tail_s, tail_e)) is not None \
                    and len(text[tail_s:join.start()].split()) <= _RUN_ITEM_WORDS:
                spans.append((tail_s, join.start()))  # "…, B và C đã …": B, then C
                tail_s, closed = join.end(), True
            if len(spans) + 2 < (3 if closed or pairs else 4):
                continue
            most = max(len(text[s:e].split()) for s, e in spans) + 1 if spans else _RUN_ITEM_WORDS
            # "…, vẫn A, B, C": a first inner part that opens with a word leading into an item starts the list
            opens = bool(inner) and _words_at(text, *inner[0])[0][2] in _INTO_ITEM - _PLACE_INTO
            lead, led_in = (None, True) if opens else _lead_item(text, *pieces[i], most)
            tail = _last_item(text, tail_s, tail_e, asked_words, most)
            if lead is None and not opens or tail is None:
                continue  # an item whose start or end the sentence does not tell
            if not inner and not led_in:
                continue  # "…, A và B đã …" alone: a lead-in word ("để", "như", "cả về") says the list began
            if any(_OFFICE_OR_RANK.match(fold_aligned(text[s:e])) for s, e in spans):
                continue  # "ông A, Ủy viên …, Bộ trưởng …": a person's titles, no list
            spans = ([lead] if lead else []) + [_trimmed(text, s, e) for s, e in spans] + ([tail] if tail else [])
            spans = [(s, e) for s, e in spans if s < e]
            items = _clean([Candidate("item", s, e, text[s:e]) for s, e in spans], None, asked_words)
            if i == 0 and len(text[slice(*pieces[0])].split()) <= _OPENING_WORDS and len(spans) - (lead is not None) < 3:
                break  # "Tuy nhiên, theo A và B, …": a sentence's opening phrase and two more are no list
            if len(spans) >= 3 and len(items) >= 2 and len(items) > len(best):
                best = items
            break
    return best


_OFFICE_BEFORE = re.compile(rf"(?:{OFFICE.pattern})\s*$")


_COUNT_BEFORE = re.compile(r"(?:^|\s)(\d{1,2}|" + "|".join(COUNT_WORDS) + r")(?!\s+\d)\s+(?:\w+\s+){0,3}?\w+\s*:\s*$",
                           re.IGNORECASE)


def _count_before(text: str, start: int, at: int) -> int | None:
    """The count written just before the colon that introduces a list at `at` ("ở cả 5 mảng: A, …" →
    5), or None."""
    m = _COUNT_BEFORE.search(text, start, at)
    if m is None:
        return None
    word = m.group(1).lower()
    return int(word) if word.isdigit() else COUNT_WORDS.get(word)


def _joined_count(text: str, parts: list[tuple[int, int]]) -> int:
    """How many things `parts` name, a part's "A và B" counting two."""
    return sum(1 + len(re.findall(r"\s(?:va|cung)\s", fold_aligned(text[s:e]))) for s, e in parts)


def _in_office(text: str, at: int) -> bool:
    """Whether the organisation named at `at` is the body of an office written just before it
    ("Bộ trưởng Bộ Tài chính", "Ủy viên Ban Thường vụ"): part of a person's title, not a thing listed."""
    return bool(_OFFICE_BEFORE.search(fold_aligned(text[max(0, at - 40):at])))


_BETWEEN_ITEMS = re.compile(r"\s*(?:[,;]\s*)?(?:(?:và|cùng|hoặc)\s+)?", re.IGNORECASE)


def _same_head(text: str, first: tuple[int, int], part: tuple[int, int]) -> bool:
    """Whether two parts of a list open with the same word, whatever its case ("Dự án A", "dự án B")."""
    a, b = text[first[0]:first[1]].split()[:1], text[part[0]:part[1]].split()[:1]
    return bool(a and b) and fold(a[0]).lower() == fold(b[0]).lower()


def _side_by_side(items: list[Candidate], text: str) -> list[Candidate]:
    """The longest run of `items` written one after the other, with only a comma, "và" … between."""
    best: list[Candidate] = []
    run: list[Candidate] = []
    for item in items:
        if run and _BETWEEN_ITEMS.fullmatch(text[run[-1].end:item.start]):
            run.append(item)
        else:
            run = [item]
        if len(run) > len(best):
            best = list(run)
    return best


def holds_kind(text: str, start: int, end: int, kind: str) -> bool:
    """Whether `text[start:end]` names a thing of `kind` anywhere ("… có Thượng tướng Lò Văn Khoa …"
    a person)."""
    return bool(_typed(text, start, end, _KINDS_OF_ITEM.get(kind, set())))


def _typed(text: str, start: int, end: int, wanted: set[str]) -> list[Candidate]:
    found = [c for c in candidates(text, start, end, wanted) if c.kind in wanted]
    people = [c for c in found if c.kind == "person"]
    # a bare name that runs a place into a person's name ("Mây Xanh Lò Văn A" of "UBND TP. Mây Xanh Lò
    # Văn A") is that person's
    found = [c for c in found if c.kind != "name" or not any(
        p.start > c.start and p.end == c.end for p in people)]
    if "document" in wanted:
        found += _documents(text, start, end)
    return sorted(found, key=lambda c: (c.start, -(c.end - c.start)))


# What joins two items written side by side: a comma or semicolon, "và", "cùng (với)", "với", "phối
# hợp với" ("do Sở A phối hợp với Sở B và Hội C tổ chức": all three organise), "hoặc".
_JOIN = re.compile(r"\s*[,;]\s*(?:(?:và|cùng)\s+)?|\s+(?:và|cùng với|cùng|với|phối hợp với|hoặc|and|or)\s+",
                   re.IGNORECASE)
# ... between quoted items: "“A”, “B” và “C”" (the items are what the marks enclose)
_QUOTED_JOIN = re.compile(rf"[”\"’]?(?:{_JOIN.pattern})[“\"‘]?", re.IGNORECASE)
# ... and a spaced dash between two names of the asked kind: the issuers of a joint document
# ("của Bộ Tài chính - Bộ Công an - Tổng cục Thuế"); never before a name the recognisers do not know
# (a dash also sets off what is said of a name)
_DASH_JOIN = re.compile(r"\s+[-–]\s+")
# Where an item that the recognisers do not know ends: the next join, a bracket or dash, the
# sentence's end, or its verb (`_PREDICATE`).
_ITEM_STOP = re.compile(r"[,;()]|\s(?:và|cùng|với|hoặc|and|or|-|–)\s|\.(?:\s|$)", re.IGNORECASE)


_PARENT = re.compile(r"\s+(?:trực thuộc|thuộc)\s+", re.IGNORECASE)
_PARENT_CHARS = 60  # the parent body an item is said to belong to, in characters at most


def _past_parent(text: str, pos: int, end: int, at: dict[int, Candidate]) -> int:
    """Where the run goes on after an item at `pos`: past the body it belongs to ("A thuộc Đảng bộ B và
    C": C is the next item) when a join to a candidate follows that body closely; else `pos`."""
    if (parent := _PARENT.match(text, pos, end)) is None:
        return pos
    for join in _QUOTED_JOIN.finditer(text, parent.end(), min(end, parent.end() + _PARENT_CHARS)):
        if join.end() in at:
            return join.start()
        if re.search(r"[,;]", join.group(0)):
            break  # a comma that leads to no candidate: the parent's own parts
    return pos


def _coordinated(text: str, end: int, typed: list[Candidate], titled: bool = False) -> list[tuple[int, int]]:
    """The longest run of items written side by side ("A, B và C đã ký …", "do A phối hợp với B
    tổ chức") that holds at least two candidates of the asked kind (`typed`), or three parts of
    which one is such a candidate and the others capitalised short names the recognisers do not
    know; [] when there is none. Items are joined only by `_JOIN`: a verb between two names ends
    the run ("A ký với B" names a signer and a partner, not a list). People (`titled`) are read
    with their titles between them (`_people_side_by_side`)."""
    if titled:
        return _people_side_by_side(text, [c for c in typed if not _abbreviated(c.text)])
    at = {c.start: c for c in typed}
    best: list[tuple[int, int]] = []
    for first in typed:
        run, known, pos = [(first.start, first.end)], 1, first.end
        while ((join := _QUOTED_JOIN.match(text, _past_parent(text, pos, end, at), end)
                or _DASH_JOIN.match(text, pos, end)) is not None and join.end() < end):
            nxt = join.end()
            if nxt in at:
                run.append((nxt, at[nxt].end))
                known, pos = known + 1, at[nxt].end
                continue
            if not text[nxt].isupper() or join.re is _DASH_JOIN:
                break
            stop = _ITEM_STOP.search(text, nxt, end)
            e = stop.start() if stop else end
            if (verb := _PREDICATE.search(text, nxt, e)) is not None:
                e = verb.start()
            if len(text[nxt:e].split()) > _ITEM_WORDS:
                break
            run.append((nxt, e))
            pos = e
        if (known >= 2 or (known and len(run) >= 3)) and len(run) > len(best):
            best = run
    return best


# A dot that ends an abbreviation, not a sentence: after one to three capitals ("TP.", "Q.", "TT.").
_ABBREVIATION_DOT = re.compile(r"(?<!\w)[A-ZĐ]{1,3}$")
# Words that address a person before the name ("ông", "bà", "đồng chí").
_ADDRESS_WORDS = "ông|bà|anh|chị|đồng chí|đ/c"
_ADDRESSED = re.compile(rf"(?:^|[\s,;:(])(?:{_ADDRESS_WORDS})\s+$", re.IGNORECASE)  # just before a name
_ADDRESS = re.compile(rf"^(?:{_ADDRESS_WORDS}|đc)\b\s*", re.IGNORECASE)


def _people_side_by_side(text: str, people: list[Candidate]) -> list[tuple[int, int]]:
    """The longest run of people named one after another, each with only titles, bodies and forms
    of address between them ("A, Phó Chủ tịch UBND tỉnh; bà B, Giám đốc Sở và ông C", "Chủ tịch
    … A và Chủ tịch … B đã"): every piece between two names, cut at commas, semicolons and "và",
    is empty or capitalised after its form of address; a lower-case piece ("gặp gỡ cử tri") is
    something said of them, and ends the run."""
    def titles_only(gap: str) -> bool:
        if not _JOIN.search(gap) or re.search(r"\.(?:\s|$)", gap) or _PREDICATE.search(gap) \
                or len(gap.split()) > 2 * _ITEM_WORDS:
            return False
        pieces = (_ADDRESS.sub("", piece.strip()) for piece in re.split(r"[,;]|\s(?:và|cùng)\s", gap))
        return all(not piece or piece[0].isupper() or piece[0] == "(" for piece in pieces)

    def titles_place(name: Candidate) -> bool:  # "Bí thư Huyện ủy Mường Mây": a bare name after a title
        piece = re.split(r"[,;:(]|\s(?:và|cùng)\s", text[max(0, name.start - 120):name.start])[-1]
        return name.kind != "person" and any(w[:1].isupper() for w in _ADDRESS.sub("", piece.strip()).split())

    people = [c for c in people if not titles_place(c)]
    best: list[tuple[int, int]] = []
    for i, first in enumerate(people):
        run = [(first.start, first.end)]
        for nxt in people[i + 1:]:
            gap = text[run[-1][1]:nxt.start]
            if nxt.start < run[-1][1] or not titles_only(gap):
                break
            run.append((nxt.start, nxt.end))
        if len(run) >= 2 and len(run) > len(best):
            best = run
    return best


# a comma that separates parts (a decimal comma, "2,8 m", separates nothing)
_COMMA_CUT = r"\s*(?:,(?!\d)|(?<!\d),)\s*"


def _comma_run_in_one_part(folded: str, cuts: list[tuple[int, int]],
                           commas: Callable[[int, int], list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """Semicolon parts of an untyped list, one of them — and only one — itself a run of three short
    parts or more between commas ("…: A; b1, b2, b3, b4"): that part's pieces are items too. Parts
    that each hold commas ("A, B giám sát; C, D giám sát") are items as written. `commas(s, e)`: the
    pieces of `folded[s:e]` between its commas."""
    split = [commas(s, e) for s, e in cuts]
    with_commas = [n for n, p in enumerate(split) if len(p) > 1]
    if len(with_commas) != 1 or len(run := split[with_commas[0]]) < 3 \
            or any(len(folded[s:e].split()) > _RUN_ITEM_WORDS for s, e in run):
        return cuts
    return [piece for p in split for piece in p]


def _last_item_runs_on(text: str, start: int, cuts: list[tuple[int, int]],
                       joins: Callable[[int, int], list[re.Match[str]]]) -> list[tuple[int, int]]:
    """An untyped comma list whose one "và" stands before its last part ("A, B và C, D"): the item
    after "và" runs on to the list's end ("trồng chè, làm đường và bảo vệ rừng, nguồn nước"),
    the parts after it short ones written in its case, no clause ("…, là những …"). `cuts`: the parts
    as offsets from `start`; `joins(s, e)`: the joining words in a part."""
    if len(cuts) < 3:
        return cuts
    in_parts = [joins(s, e) for s, e in cuts]
    joined = [n for n, found in enumerate(in_parts) if found]
    if len(joined) != 1 or not 0 < (n := joined[0]) < len(cuts) - 1 or len(in_parts[n]) != 1:
        return cuts  # (none in the last part, one in one part before it)
    after = start + cuts[n][0] + in_parts[n][0].end()  # where the item after "và" begins
    for s, e in cuts[n + 1:]:
        if len(text[start + s:start + e].split()) > _ITEM_WORDS + 4 or _GOES_ON.match(text, start + s) \
                or text[start + s].isupper() != text[after].isupper():
            return cuts  # "… và Tự nguyện, gắn với …", "… và điều, là những …": the sentence goes on
    return cuts[:n] + [(cuts[n][0], cuts[-1][1])]


def _parts(text: str, start: int, end: int, starts: set[int] | None, capitals: bool = False,
           whole: list[tuple[int, int]] = (), noun: str | None = None,
           subject_lists: bool = False, by_count: bool = False) -> tuple[list[tuple[int, int]], bool, int | None]:
    """The parts of the enumeration after its introduction, trimmed ([] without one), whether
    that introduction is a weak one ("như / giữa / là"), and with `by_count` the count that introduced
    them ("ở 4 huyện A, B, …" → 4; None otherwise). `starts`: where candidates of the asked
    kind begin (None for untyped items); with `capitals`, any capitalised word after "và" begins
    one too ("gồm Bắc Sơn, Đông Hà và Nam Lâm", "gồm A Tel và B Net đã ký": places and bodies the
    recognisers may not know; a known body keeps its own "và", being one of the `whole` spans). Typed items
    may also be listed in brackets after their noun ("các lực lượng (Thanh tra, Quản lý thị
    trường, Công an)"), or any items in brackets after a count of as many ("4 dự án (A, B, C, D)").
    With `subject_lists`, a sentence without either whose plural subject or attendance "có"
    things ("Những đơn vị tham gia có A, B và C") lists them. A separator inside one of the
    `whole` spans (candidates of the asked kind, "Bộ Văn hóa, Thể thao và Du lịch") cuts nothing. Of several introductions, the first that the
    asked `noun` stands just before is read, up to the next semicolon; a list ends at a semicolon
    whose clause introduces a list of its own ("… gồm: A, B; Y tặng … gồm: C, D")."""
    folded = fold_aligned(text[start:end])

    def inside(at: int) -> bool:  # `at`: an offset into the enumeration
        return any(s < start + at < e for s, e in whole)

    def bracketed(at: int) -> bool:  # inside a bracket that is open at `at`
        return folded.rfind("(", 0, at) > folded.rfind(")", 0, at)

    # "(Ảnh: …)" is no list, nor is what follows a lone word ("Ảnh: …", "Nguồn: …", "X là …"), except
    # a pointing word's "Đó là A; B; C" (with semicolons or lines: "Đây là quá trình …, bà A, Giám đốc
    # B, nói" is no list); "gồm" inside a bracket lists what the bracket says ("(gồm các huyện A, B,
    # C)", up to its end); "không (bao) gồm" sets things aside; a colon after a verb of saying opens speech;
    # a lone date before a colon heads a timeline's entry ("8/2061-6/2064: Bí thư …, Chủ tịch …")
    toned = has_tone_marks(text[start:end])
    intros = [m for pattern in (_INTRO, _WEAK_INTRO) for m in pattern.finditer(folded)
              if (not bracketed(m.start()) or (pattern is _INTRO and m.group(0)[:1] != ":"))
              and not (toned and pattern is _WEAK_INTRO and not _WEAK_INTRO_TONED.match(text, start + m.start()))
              and not folded[:m.start()].endswith("khong ")
              and not (m.group(0)[:1] == ":" and _SAYS.search(text, start, start + m.start()))
              and (len(before := folded[:m.start()].split()) > 1
                   or (before in (["do"], ["day"]) and re.search(r"[;\n]", folded[m.end():]))
                   or (m.group(0)[:1] == ":" and len(before) == 1 and re.search(r"\d", before[0]) is not None))]
    # a subject's "có" (a bracket list, or bodies after their shared head, "các sở A, B và C", are
    # read as such)
    subject = None
    if subject_lists and not intros and not _BRACKETED.search(folded) and not _DISTRIBUTED_BODIES.search(folded):
        subject = next((has for m in _LISTING_SUBJECT.finditer(text[start:end])
                        if (has := _HAS.search(text, start + m.start(), start + m.end())) is not None), None)
    if subject is not None:  # names the recognisers may not know: a capital after "và" begins one
        intros, capitals = [_CO.match(folded, subject.start() + 1 - start)], True

    def items_start(m: re.Match[str]) -> int:  # "gồm 5 đơn vị: A, B": the items follow the colon
        counted = re.match(r"[^,;:.()]{0,30}:\s*", folded[m.end():])
        return m.end() + (counted.end() if counted else 0)

    intro = intros[0] if intros else None
    chosen = False  # the asked noun's own list: its clause ends at the next semicolon
    if noun and len(intros) > 1:  # "… 03 trường gồm:" for "những trường nào"; "giữa các bên, … với các lực
        # lượng như A, B" for "những lực lượng nào": a weak introduction after a weak one too
        # a weak one after a strong one too when the noun names no list the strong one opens ("Cụ thể: …,
        # do có những thiếu sót như A; B; C" for "những thiếu sót nào")
        named = next((m for m in intros if (m.re is _INTRO or intro.re is _WEAK_INTRO
                                            or not _names_before(folded, intro.start(), noun))
                      and _names_before(folded, m.start(), noun)), None)
        if named is not None and named.start() >= items_start(intro):  # not "gồm 08 địa phương:" of the first
            intro, chosen = named, True
    # parts that each open with the asked noun ("khởi công dự án A, dự án B (…)") are its list, read
    # before what a weak word may introduce ("sau đó là …")
    run = _headed_run(folded, noun) if starts is None and noun else None
    weak = intro is not None and intro.re is _WEAK_INTRO
    counted = None
    if by_count and run is None and noun and (intro is None or weak) and (count := _counted_noun(noun).search(folded)) \
            and (number := _count_value(count.group(1))) is not None:
        # the asked noun after a count, its items right after ("ở 4 huyện ven biển A, B, C và D"): read
        # up to the clause's end, a list only when it has as many items as the count says
        stop = _CLAUSE_END.search(folded, count.end())
        run, counted = (count.end(), stop.start() if stop else len(folded)), number
    if run is not None and (intro is None or weak):
        intro, weak = None, False
        body_start, body_end = run
    elif intro is not None:
        body_start = items_start(intro)
        body = folded[body_start:]
        body_end = len(folded)
        # items that semicolons part (two or more of them) are one list, whatever commas each holds
        parted = body.split(".", 1)[0].count(";") >= 2
        for semicolon in re.finditer(r";", body):  # "…; Y tặng … gồm: C, D": a list of its own begins
            clause = body[semicolon.end():].split(";", 1)[0]
            if ((chosen and not parted) or _OWN_LIST.search(clause)) and not inside(body_start + semicolon.start()):
                body_end = body_start + semicolon.start()
                body = body[:semicolon.start()]
                break
        # a colon list ends with its sentence (not at an abbreviation's dot: "UBND TP. Lạc Sơn")
        raw = text[start:end]
        stop = next((m for m in re.finditer(r"\.(?:\s|$)", body)
                     if not _ABBREVIATION_DOT.search(raw, 0, body_start + m.start())), None)
        if stop and "\n" not in body[:stop.start()]:
            body_end = body_start + stop.start()
        if bracketed(intro.start()) and (close := folded.find(")", body_start, body_end)) >= 0:
            body_end = close
    elif (bracket := _BRACKETED.search(folded)) is not None and not bracket.group(1).startswith("khong ") and (
            starts is not None or _counted_bracket(text, start, bracket)):  # "các lực lượng (A, B, C) …"
        body_start, body_end = bracket.span(1)
    else:
        return [], False, None
    lines = "\n" in folded[body_start:body_end]
    sep = r"\s*(?:;|\n)\s*" if (";" in folded[body_start:body_end] or lines) else _COMMA_CUT

    def in_brackets(at: int) -> bool:  # inside a bracket opened within the list ("Tà Lèng (Bản Mù, Lạc Sơn)")
        return folded.rfind("(", body_start, at) > folded.rfind(")", body_start, at)

    def cut(pattern: str, s: int, e: int) -> list[tuple[int, int]]:  # folded[s:e] cut at `pattern` outside `whole`
        spans, pos = [], s
        for m in re.finditer(pattern, folded[s:e]):
            if not inside(s + m.start()) and not in_brackets(s + m.start()):
                spans.append((pos, s + m.start()))
                pos = s + m.end()
        return spans + [(pos, e)]

    cuts = cut(sep, body_start, body_end)
    if starts is None and not lines and len(cuts) > 1:
        cuts = _comma_run_in_one_part(folded, cuts, lambda s, e: cut(_COMMA_CUT, s, e))
    split: list[tuple[int, int]] = []
    # "giữa A với B": "với" joins the two sides as "và" does
    joins = r"\s+(?:va|cung|voi)\s+" if intro is not None and intro.group(0).startswith("giua") else r"\s+(?:va|cung)\s+"

    def free_joins(s: int, e: int) -> list[re.Match[str]]:  # the joining words in folded[s:e], not inside a name or bracket
        return [m for m in re.finditer(joins, folded[s:e]) if not inside(s + m.start()) and not in_brackets(s + m.start())]

    if starts is None and sep == _COMMA_CUT:
        cuts = _last_item_runs_on(text, start, cuts, free_joins)
    for i, (s, e) in enumerate(cuts):
        # "A và B" inside a part: two items when B starts an item of the asked kind, or (untyped
        # items) in the last part ("A, B và C")
        for m in reversed(free_joins(s, e)):
            typed_next = starts is not None and (start + s + m.end() in starts
                                                  or (capitals and text[start + s + m.end()].isupper()))
            if typed_next or (starts is None and i == len(cuts) - 1):
                split.append((s + m.end(), e))
                e = s + m.start()
                if starts is None:
                    break
        split.append((s, e))
    cuts = sorted(split)
    parts = []
    # the words that lead an item away, with their tone marks when the text has them ("cà phê" and
    # "Ba Vì" keep what "cả" and "bà" would lose)
    leads = text[start:end].lower() if toned else folded
    for s, e in cuts:
        lead = (_LEADING_TONED if toned else _LEADING).match(leads[s:e].lstrip(" -–•+*\t"))
        s += len(folded[s:e]) - len(folded[s:e].lstrip(" -–•+*\t")) + _lead_end(lead, folded[s:e].lstrip(" -–•+*\t"))
        while e > s and (text[start + e - 1] in " .,;:…\t\n"
                         or (text[start + e - 1] in "”\"" and not re.search("[“\"]", text[start + s:start + e - 1]))):
            e -= 1  # and the closing mark of a quotation the list ends ("… như A, B và C”.")
        if e - s >= 2:
            parts.append((start + s, start + e))
    if starts is None and noun and parts:
        # "gồm các tập đoàn trong các lĩnh vực A, B, C": the asked noun's own list begins inside
        # the first part, after the plural that names it
        s, e = parts[0]
        inner = [m for m in _plural_noun(noun).finditer(fold_aligned(text[s:e])) if m.start() > 0]
        if inner and s + inner[-1].end() < e:
            parts[0] = (s + inner[-1].end(), e)
    return parts, weak, counted


def _lower_words(text: str) -> bool:
    """Whether `text` goes on with a name: a short run of lower-case words and nothing else (no digit,
    mark or capital) that opens with "và" or "về" ("và phòng chống thiên tai", "về giống cây trồng";
    "để kiểm tra", "nhằm trao đổi" go on with the sentence)."""
    words = text.split()
    return 0 < len(words) <= 12 and words[0] in ("và", "về") and all(w.isalpha() and w.islower() for w in words)


# Places whose names open with an address word ("Bà Rịa"): their first two syllables, folded.
_ADDRESSED_PLACES = frozenset(" ".join(name.split()[:2]) for name in PROVINCE_NAMES_FOLDED
                              if name.split()[0] in ("ong", "ba"))
_LAST_ADDRESS = re.compile(r"(?:ong|ba)\s+$")


def _lead_end(lead: re.Match[str] | None, folded: str) -> int:
    """Where the words that lead an item away (`lead`, matched on `folded` or its toned form) end;
    an address word that opens a place's name ("và Bà Rịa – …") stays with it."""
    if lead is None:
        return 0
    address = _LAST_ADDRESS.search(folded, 0, lead.end())
    if address is not None and " ".join(folded[address.start():].split()[:2]) in _ADDRESSED_PLACES:
        return address.start()
    return lead.end()


def _capitalised_end(text: str, s: int, e: int) -> int:
    """Where the capitalised words that open `text[s:e]` end ("Đồi Chè" of "Đồi Chè với tổng số …"),
    a dash between two of them within ("Suối Bạc - Hòa An"), the punctuation after the last without."""
    end = s
    words = list(re.finditer(r"\S+", text[s:e]))
    level = 0  # words left of a place's level written inside the name ("UBND huyện Đồi Chè")
    for n, word in enumerate(words):
        dash = word.group(0) in "-–" and 0 < n < len(words) - 1 and words[n + 1].group(0)[0].isupper()
        if not level and n and not word.group(0)[0].isupper():
            level = next((len(lv.split()) for lv in _LEVELS_WRITTEN
                          if " ".join(w.group(0) for w in words[n:n + len(lv.split())]) == lv
                          and n + len(lv.split()) < len(words) and words[n + len(lv.split())].group(0)[0].isupper()), 0)
        if level:
            level -= 1
            continue
        if not (word.group(0)[0].isupper() or dash):
            break
        if not dash:
            end = s + word.start() + len(word.group(0).rstrip(".,;:!?)”\"’"))
    return end


_NAME_SEPARATOR = re.compile(r"\s*,\s*(?:và\s+)?|\s+(?:và|hoặc)\s+")
_NAME_STOP = re.compile(r"[,;:()]")  # where one name of such a run ends at the latest


_INTRO_WORD = re.compile(r"(?:như|gồm|bao gồm|là)\s", re.IGNORECASE)  # a part that opens another introduction
_CLAUSE_STOP = re.compile(r"[;:()]|\.(?:\s|$)")  # where a clause of a sentence ends


def _run_after_noun(text: str, start: int, end: int, noun: str) -> list[Candidate]:
    """The short parts that follow the plural asked `noun` (folded: "các lĩnh vực a, b và c") up to
    the semicolon that ends its clause of a longer list, cut at commas and "và": three parts or more,
    none longer than `_ITEM_WORDS` words nor opening a clause or another introduction; [] otherwise
    (a run up to the sentence's end may be what qualifies the noun: "các lĩnh vực quan trọng, dễ …")."""
    folded = fold_aligned(text[start:end]).lower()
    for m in re.finditer(rf"\b(?:cac|nhung)\s+(?:{_heads(noun)})\s+(?=\w)", folded):
        at = start + m.end()
        stop = _CLAUSE_STOP.search(text, at, end)
        if stop is None or stop.group(0) != ";":
            continue
        parts = _split_run(text, at, stop.start())
        if len(parts) < 3 or any(len(text[s:e].split()) > _ITEM_WORDS or _GOES_ON.match(text, s)
                                 or _INTRO_WORD.match(text, s) for s, e in parts):
            continue
        return [Candidate("item", s, e, text[s:e]) for s, e in parts]
    return []


def _parts_of_noun(text: str, start: int, parts: list[tuple[int, int]], noun: str) -> bool:
    """Whether an introduced list's `parts` are the asked noun's own: the noun stands just before
    their introduction ("03 trường gồm: A, B") or heads one of them ("… cao quý: Huân chương A, Huân
    chương B"). No parts: False."""
    return bool(parts) and (_noun_shortly_before(text, start, parts[0][0], noun)
                            or any(headed_by(text[s:e], head) for s, e in parts for head in noun_heads(noun)))


def _noun_shortly_before(text: str, start: int, at: int, noun: str) -> bool:
    """Whether the asked `noun` (folded, or its head) ends within the two words before the
    introduction of a list that begins at `at` ("03 trường gồm: A, B"; not "… sửa sông, ven biển như: A")."""
    before = fold_aligned(text[max(start, at - 60):at]).lower()
    before = re.sub(r"(?:\s(?:nhu|la|gom|gom co|bao gom|co))?[\s:]*$", "", before)
    last = " ".join(re.findall(r"\w+", before)[-2:])
    return re.search(rf"\b(?:{_heads(noun)})\b", last) is not None


def _names_after_noun(text: str, start: int, end: int, noun: str) -> list[Candidate]:
    """The capitalised names that follow the asked `noun` (folded) one after the other, joined by
    commas and "và" ("ở bản Đồi Chè và Mây Xanh" for a question asking which "bản"): the noun
    written once for them all. [] unless two or more follow it."""
    folded = fold_aligned(text[start:end])
    for m in re.finditer(rf"\b(?:{_heads(noun)})\s+", folded):  # (folded text is lower case)
        out: list[Candidate] = []
        at = start + m.end()
        while at < end and text[at].isupper():
            stop = _NAME_STOP.search(text, at, end)
            e = _capitalised_end(text, at, stop.start() if stop else end)
            if e <= at:
                break
            out.append(Candidate("item", at, e, text[at:e]))
            step = _NAME_SEPARATOR.match(text, e, end)
            if step is None:
                break
            at = step.end()
        if len(out) >= 2:
            return out
    return []


_TITLE_WORDS = 4  # words of a capitalised title outside the recognised offices at most ("Tỉnh ủy viên")


def _titles_after_noun(text: str, start: int, end: int, noun: str) -> list[Candidate]:
    """The offices that follow the plural asked `noun` (folded: "các chức vụ A, B và C"), one per
    part between separators: capitalised parts that name an office (or are short), up to the first
    part that does not."""
    folded = fold_aligned(text[start:end])
    m = re.search(rf"\b(?:cac|nhung)\s+(?:{_heads(noun)})\s+(?=\S)", folded)
    if m is None:
        return []
    out, at = [], start + m.end()
    for sep in list(_SEPARATOR.finditer(text, at, end)) + [None]:
        stop = sep.start() if sep is not None else end
        s, e = _trimmed(text, at, stop)
        part = text[s:e]
        if not part[:1].isupper() or not (OFFICE.match(fold_aligned(part)) or len(part.split()) <= _TITLE_WORDS):
            break
        out.append(Candidate("title", s, e, part))
        if sep is None:
            break
        at = sep.end()
    return out


def _heads(noun: str) -> str:
    """The asked noun and its head as one alternation, the longer first."""
    return "|".join(re.escape(head) for head in sorted(noun_heads(noun), key=len, reverse=True))


def _counted_noun(noun: str) -> re.Pattern[str]:
    """A count (digits or a count word, folded) right before the asked noun (or its head)."""
    words = "|".join(sorted({fold(w) for w in COUNT_WORDS}, key=len, reverse=True))
    return re.compile(rf"(?<![\w/.,])(\d{{1,2}}|{words})\s+(?:{_heads(noun)})\s+(?=\w)")


def _count_value(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return next((n for w, n in COUNT_WORDS.items() if fold(w) == word), None)


def _plural_noun(noun: str) -> re.Pattern[str]:
    """The asked noun (folded, or its head) after a plural word, with what introduces its items
    ("các lĩnh vực như: ")."""
    return re.compile(rf"\b(?:cac|nhung|nhieu|mot so)\s+(?:{_heads(noun)})\b\s*(?:(?:nhu|la|gom)\b\s*)?:?\s*")


_RUN_GAP = re.compile(r"\s*(?:[,;]\s*(?:va\s+)?|\s(?:va|hoac)\s+)$")  # what separates two parts of a run
_RUN_END = re.compile(r"[,;(]|\.(?:\s|$)|\s(?:va|hoac|de|nham)\s")  # where a run's last part ends
_RUN_GAP_CHARS = 90  # at most this long a part of a run
_CLAUSE_END = re.compile(r"[;(]|\.(?:\s|$)")  # where a counted list's clause ends


def _headed_run(folded: str, noun: str) -> tuple[int, int] | None:
    """The span of two parts or more in a row that each open with the asked noun ("dự án A, dự án B
    và dự án C"), the last part up to a comma, a bracket or the next clause; None without one."""
    spots = list(re.finditer(rf"(?<![\w-])(?:{_heads(noun)})\s+(?=\w)", folded))
    best: tuple[int, int] | None = None
    run = spots[:1]
    for a, b in zip(spots, spots[1:]):
        between = folded[a.end():b.start()]
        if len(between) <= _RUN_GAP_CHARS and _RUN_GAP.search(between) and not re.search(r"[.()]", between):
            run.append(b)
            continue
        best = best or _run_span(folded, run)
        run = [b]
    return best or _run_span(folded, run)


def _split_run(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The parts of a run (`_headed_run`) between its separators, trimmed."""
    spans, at = [], start
    for m in _SEPARATOR.finditer(text, start, end):
        spans.append(_trimmed(text, at, m.start()))
        at = m.end()
    spans.append(_trimmed(text, at, end))
    return [(s, e) for s, e in spans if s < e]


def _run_span(folded: str, run: list[re.Match[str]]) -> tuple[int, int] | None:
    """From the first part of a run of two or more to where its last part ends."""
    if len(run) < 2:
        return None
    stop = _RUN_END.search(folded, run[-1].end())
    return run[0].start(), stop.start() if stop else len(folded)


def _names_before(folded: str, at: int, noun: str) -> bool:
    """Whether the (folded) `noun` ends within the few words before offset `at` ("03 trường gồm",
    "các lực lượng chức năng như:")."""
    before = re.sub(r"\s(?:nhu|la|gom|gom co|bao gom)\s*$", " ", folded[:at])
    return (" " + noun + " ") in (" " + " ".join(before.split()[-(len(noun.split()) + 2):]) + " ")


_REMAINDER = re.compile(r"^(?:nhieu|mot so|cac|nhung)\s|\s(?:khac|khac nhau)$")
# The heads of bodies that name no body alone ("Phòng sẽ tham mưu …" points back at one named before);
# "Chính phủ", "Công an", "Thanh tra" do.
_BARE_HEADS = frozenset(
    "so|ban|cuc|chi cuc|tong cuc|phong|vien|hoi|khoi|cum|bo|trung tam|cong ty|tong cong ty|van phong|"
    "benh vien|hoc vien|ngan hang|chi nhanh|tap doan|hiep hoi|uy ban|hoi dong|truong".split("|"))


_HEAD_OF_NAME = re.compile("(?:" + "|".join(sorted(_BARE_HEADS, key=len, reverse=True)) + r")\s+")


def _lower_head_of_name(text: str, s: int, folded_part: str) -> bool:
    """Whether the list's part at `s` is a body's name whose head is written in lower case ("ban Tổ chức
    Tỉnh ủy", "sở Tư pháp"): a head of bodies, then a capitalised name."""
    head = _HEAD_OF_NAME.match(folded_part)
    return head is not None and text[s].islower() and text[s + head.end():s + head.end() + 1].isupper()


def _clean(items: list[Candidate], kind: str | None, asked_words: set[str]) -> list[Candidate]:
    """Items in text order without overlaps, repeats, bodies taken for names, or items made only of
    the question's words."""
    out: list[Candidate] = []
    for cand in sorted(items, key=lambda c: (c.start, -(c.end - c.start))):
        if out and cand.start < out[-1].end:
            continue  # inside or across the previous item
        words = set(re.findall(r"\w+", fold(cand.text)))
        if not words or _restates(cand.text, words, asked_words):
            continue
        if any(fold(cand.text) == fold(i.text) for i in out):
            continue
        if kind == "person" and _abbreviated(cand.text):
            continue  # "Đoàn ĐBQH" of a title is a body, not a name
        if kind == "title" and _ADDRESS.fullmatch(cand.text.strip()):
            continue  # "đồng chí", "ông": how a person is addressed, no office
        if kind == "organisation" and fold(cand.text).lower().strip() in _BARE_HEADS:
            continue  # "Phòng", "Sở": a head that points back, no name
        if kind is None and _REMAINDER.search(fold(cand.text).lower()):
            continue  # "… và nhiều huy chương", "các đơn vị khác": the rest, unnamed
        out.append(cand)
    return out


class AskedWords(set):
    """The words a list question uses, folded and in `match_form`; `written`: those it writes with tone
    marks as written (`match_form`), when it has tone marks (None otherwise); `question`: its folded
    words in order. A toned item made only of `written` words restates the question (folded alone,
    "Hà Nam" would restate one that says "Hà" and "năm"), when the question writes them in a row."""

    def __init__(self, words: set[str], written: set[str] | None = None, question: str | None = None):
        super().__init__(words)
        self.written = written
        self.question = question  # the question's words, folded, in order


def _restates(text: str, folded_words: set[str], asked_words: set[str]) -> bool:
    """Whether an item (`text`, its folded words) is made only of the question's words, written in a row
    there when it has several ("Bí thư Tỉnh ủy A" restates no question that says "Ban Bí thư" and
    "Tỉnh ủy A" apart)."""
    written = getattr(asked_words, "written", None)
    if written is not None and has_tone_marks(text):
        made_of = set(re.findall(r"\w+", match_form(text))) <= written
    else:
        made_of = folded_words <= asked_words and not _toned_apart(text, asked_words)
    question = getattr(asked_words, "question", None)
    words = re.findall(r"\w+", fold(text).lower())
    return made_of and (question is None or len(words) < 2 or f" {' '.join(words)} " in f" {question} ")


def _toned_apart(text: str, asked_words: set[str]) -> bool:
    """Whether `text` holds a word that folds like a word the question wrote with other tone marks
    (`asked_words` holds the question's words in `match_form` too): "chung số nhà" is no repeat of
    a question that says "Sở … nhà … chung", whose words fold alike."""
    toned = {fold(w): w for w in asked_words if not w.isascii()}  # none without tone marks
    # a word of the item that folds like one the question wrote with other marks
    return any(not w.isascii() and w not in asked_words and fold(w) in toned
               for w in re.findall(r"\w+", match_form(text)))


def _abbreviated(name: str) -> bool:
    """Whether a name holds an abbreviation ("UBTW MTTQ", "Đoàn ĐBQH"): a body's, not a person's."""
    return any(len(w) > 1 and w.isupper() for w in name.split())


def _documents(text: str, start: int, end: int) -> list[Candidate]:
    """Documents named in `text[start:end]`, each from its kind word to the next separator."""
    folded = fold_aligned(text[start:end])
    return [Candidate("document", start + m.start(), start + m.end(), text[start + m.start():start + m.end()])
            for m in _DOCUMENT.finditer(folded)]

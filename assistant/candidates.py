"""Typed answer candidates inside a sentence: dates, numbers with their noun, quoted text, named
campaigns, directives, people, organisations, places and list items.

Patterns run on the tone-folded, offset-aligned copy of the text (so they work with and without
tone marks) and every candidate keeps exact offsets into the article text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.extraction.gazetteer import COUNTRY_NAMES
from corpus.extraction.provinces import CITIES, PROVINCES
from corpus.lexicon import (
    COMMON_SURNAMES_FOLDED,
    NOT_IN_NAMES_FOLDED,
    NOT_NAME_WORDS_FOLDED,
    OFFICES,
    ORG_HEADS,
    ORG_HEADS_FOLDED,
    ORG_NAME_STOPS,
    ORG_NAME_STOPS_FOLDED,
    RANKS_AND_ADDRESS_FOLDED,
    SURNAMES,
)
from corpus.normalize import fold, fold_aligned, has_tone_marks, match_form


@dataclass(frozen=True)
class Candidate:
    kind: str  # date, number, quote, campaign, directive, person, name, organisation, place, locality,
    # named_place (a province or country without its level), title, item
    start: int
    end: int
    text: str
    extra: str = ""  # number: counted noun; person: title


_DATE = re.compile(
    r"\b(?:(?:giai doan|nhiem ky|thoi ky) )?(?:19|20)\d{2}\s?[–\-]\s?(?:19|20)\d{2}\b"
    r"|\b(?:(?:sang|chieu|toi|trua|dem) )?(?:(?:ngay|hom) )?\d{1,2}/\d{1,2}(?:/\d{4})?\b"
    r"|\b(?:(?:sang|chieu|toi|trua|dem) )?(?:ngay|hom):? \d{1,2}[.\-]\d{1,2}(?:[.\-](?:19|20)\d{2})?\b"  # "ngày 20.5.2017", "ngày 9-6"
    r"|(?<![\d.,])\b(?:[0-2]?\d|3[01])([.\-])(?:0?[1-9]|1[0-2])\1(?:19|20)\d{2}\b(?![.,]\d)"  # "12.8.1962" alone
    # "Sáng 10-2, …", "có hiệu lực từ 1-6)": a day and month after a time of day, or after "từ / đến /
    # trước / sau" when the clause ends there ("từ 5-7 người" counts people)
    r"|\b(?:sang|chieu|toi|trua|dem) \d{1,2}-\d{1,2}(?:-(?:19|20)\d{2})?\b"
    r"|(?:(?<=\btu )|(?<=\bden )|(?<=\btruoc )|(?<=\bsau ))\d{1,2}-\d{1,2}(?:-(?:19|20)\d{2})?(?=\s*[,.;:)]|\s*$)"
    r"|\b(?:(?:sang|chieu|toi|trua|dem) )?(?:ngay \d{1,2} )?thang \d{1,2} nam (?:19|20)\d{2}\b"  # "ngày 29 tháng 6 năm 2018"
    r"|\b(?:(?:sang|chieu|toi|trua|dem) )?ngay \d{1,2} thang \d{1,2}\b"  # "ngày 29 tháng 6"
    r"|\b(?:thang \d{1,2}(?:/\d{4})?|nam \d{4}|quy [iv]+(?:/\d{4})?)\b"
    r"|(?<![\d/.,])\b(?:1[0-9]|20)\d{2}\b(?![/.,]\d)"  # a year on its own
)
# "154/231 khuyến nghị", "45/63 tỉnh": a part of a whole, no date (`_is_ratio`).
_RATIO = re.compile(r"(?<![\w/.,])(\d+/\d+)(?![/\d])((?: [^\W\d]+){0,3})")
_DAY_MONTH = re.compile(r"(\d+)/(\d+)")


def _is_ratio(text: str) -> bool:
    """Whether "a/b" in `text` is neither a day and month nor a month and year (a > 31, or b > 12
    and no year): a part of a whole."""
    m = _DAY_MONTH.search(text)
    if not m:
        return False
    a, b = int(m.group(1)), int(m.group(2))
    return a == 0 or a > 31 or (b > 12 and not 1900 <= b <= 2100)


_NUMBER = re.compile(r"(?<![\w/.,])(\d+(?:[.,]\d+)*)(\s?%)?((?: [^\W\d]+){0,3})")
# What makes a number part of a date: the word before it ("ngày 24", "tháng 6", "năm 2017") or a
# range of days after it ("24 - 25/5/2017").
_DATE_PART = re.compile(r"\b(?:ngay|thang|nam)\s$")  # searched in the 7 characters before the number
_DAY_RANGE = re.compile(r"\s?[-–]\s?\d{1,2}/\d")
# Numbers written as words ("bốn lần", "hai đội"), matched on the text as written: folded, "ba"
# would be "bà" and "năm" is as often a year.
# "tư" (four) only after "mươi" ("hai mươi tư"): on its own it is the syllable of "đầu tư", "tư pháp".
_NUMBER_WORD = re.compile(r"(?<!\w)((?:hai|ba|bốn|sáu|bảy|tám|chín|mười|mươi|trăm|nghìn|ngàn)"
                          r"(?: (?:mươi|mốt|tư|lăm|trăm|nghìn|ngàn|triệu|tỷ|tỉ))*)((?: [^\W\d]+){1,3})", re.IGNORECASE)

# A quotation: “…” (straight quotes inside it are its own: “Hồi sinh trên vùng "đất chết"”), or "…";
# one whose writer closed it with the straight quote its inner quotation ends with (“Đồi chè trên vùng
# "đất chết" (báo A) và “…”: no ” before the next “) ends there.
_QUOTE = re.compile(r"“([^“”\n]{2,400})”|\"([^\"“”\n]{2,400})\""
                    r"|“([^“”\"\n]{1,300}\"[^\"“”\n]{1,200}\")(?=[^“”\n]*(?:“|\n|$))")
_CAMPAIGN = re.compile(
    r"\b(?:phong trao(?: thi dua)?|cuoc van dong|chuong trinh|de an|mo hinh)\s*[“\"]([^”\"\n]{3,300})[”\"]"
)
_DIRECTIVE = re.compile(
    r"\b(?:chi thi|nghi quyet|quyet dinh|nghi dinh|ket luan|thong tu(?: lien tich)?|ke hoach|luat|bo luat|cong van|"
    r"thong bao|cong dien|to trinh|huong dan)"
    r"(?: lien tich)? so [0-9][\w/.\-]*(?: ngay \d{1,2}/\d{1,2}/\d{4})?(?: cua [^,;.()\n]{3,60}?(?=[,;.()\n]| ve | nham | tren | ve viec|$))?"
)
_PERSON_TITLES = OFFICES + "|" + RANKS_AND_ADDRESS_FOLDED
_NAME = r"[A-ZĐÀ-Ỹ][^\s,;:.()–\-\"“”]*(?: [A-ZĐÀ-Ỹ][^\s,;:.()–\-\"“”]*){1,4}"
OFFICE = re.compile(rf"\b(?:{OFFICES})\b")
# Phrases of bodies that never occur in a person's name, even after a surname-like first word.
_BODY_IN_NAME = re.compile(r"\b(?:lien doan|lao dong|trung uong|uy ban|mat tran|thong tan|cong doan|hoi dong)\b")
_TITLE_BEFORE = re.compile(rf"\b(?:{_PERSON_TITLES})\s+(?=[a-z])")
ORG_START = re.compile(rf"\b(?:{ORG_HEADS_FOLDED})\b")
# the words that name the level of a place ("tỉnh", "thị xã"), folded; "thị xã" before "xã"
PLACE_LEVELS = ("tinh", "thanh pho", "tp", "huyen", "quan", "thi xa", "xa", "phuong", "thi tran")
_PLACE_LEVELS = "|".join(PLACE_LEVELS)
_PLACE_WORD = re.compile(rf"\b(?:{_PLACE_LEVELS})\b")
# Inside one name: "và" / ", … và" / "– … và" / " - … và" before capitalised words that start no new name.
_CAP = r"[A-ZĐÀ-Ỹ][^\s,;:.()–\-\"“”]*"
_JOINED_NAME = re.compile(
    rf"(?:và|(?:[,–]|\s-)\s*{_CAP}(?: [^\W\d]+){{0,2}} và)\s+({_CAP}(?: [^\W\d]+)?)(?=[\s,;:.()?!]|$)")
_ORG_STOP = re.compile(r"[,;:()\n–\"“”?!…]|\.(?=\s|$)|\s-\s|\b(?:" + ORG_NAME_STOPS_FOLDED + r")\b")
_COMPOUNDS = ("thiết bị", "hàng không", "đăng ký", "đăng kí")  # a stop word that is part of a compound noun inside names
# "tổ chức" right after a one-word head names what the body does ("Phòng tổ chức hành chính", "Ban tổ chức
# cuộc thi"), it is no verb after the name
_HEAD_THEN_ORGANISING = re.compile(r"(?:^|\s)(?:vu|ban|phong) to chuc$")
_NOT_ORG = re.compile(
    r"(?:hoi (?:nghi|thao|truong|thi|cho|dien)|ban (?:hanh|dau|than|be)|bo (?:luat|may|phan|ho so)|so (?:lieu|luong|do|ket|voi)|"
    r"truong (?:hop|ca)|phong (?:trao|chong|ngua)|vien (?:chuc|tro|truong)|cuc (?:ky|bo|dien)|"
    r"bao (?:cao|chi|dong|gia|ve|dam|tri|ton|luc|an|quan|ngay|so))\b"
)
# Roles of a unit inside a bloc / cluster or a joint programme, folded; each maps to one canonical role.
_ROLES = {
    "pho truong khoi": "pho khoi", "pho khoi": "pho khoi", "khoi pho": "pho khoi",
    "truong khoi": "truong khoi", "khoi truong": "truong khoi",
    "pho truong cum": "pho cum", "pho cum": "pho cum", "cum pho": "pho cum",
    "truong cum": "truong cum", "cum truong": "truong cum",
    "thuong truc khoi": "thuong truc", "thuong truc cum": "thuong truc", "co quan thuong truc": "thuong truc",
    "don vi thuong truc": "thuong truc", "thuong truc": "thuong truc",
    "don vi chu tri": "chu tri", "co quan chu tri": "chu tri", "chu tri": "chu tri",
    "dang cai": "dang cai", "don vi dang cai": "dang cai", "dau moi": "dau moi", "co quan dau moi": "dau moi",
    "thanh vien": "thanh vien",
}
_ROLE = re.compile(r"\b(?:" + "|".join(sorted(_ROLES, key=len, reverse=True)) + r")\b")


def role_of(folded: str, anchored: bool = False) -> str | None:
    """The canonical role named in folded text ("pho khoi" for "Phó Trưởng khối"): the first one,
    or only one at the very start when `anchored`."""
    m = _ROLE.match(folded) if anchored else _ROLE.search(folded)
    return _ROLES[m.group(0)] if m else None


# A locality: its level and its capitalised name, with the people's committee that stands for it
# ("tỉnh Phúc Kiến", "UBND huyện Suối Bạc", "TP. Vĩnh Yên").
_UPPER = "A-ZĐÀÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬÈÉẺẼẸÊẾỀỂỄỆÌÍỈĨỊÒÓỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÙÚỦŨỤƯỨỪỬỮỰỲÝỶỸỴ"
_LOCALITY = re.compile(
    r"(?:(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân) )?"
    r"(?:[Tt]ỉnh|[Hh]uyện|[Tt]hành phố|TP\.?|[Qq]uận|[Tt]hị xã|[Xx]ã|[Pp]hường) ?"
    rf"((?:[{_UPPER}][^\s,;:.()–\"“”]*)(?: [{_UPPER}][^\s,;:.()–\"“”]*){{0,3}})"
)
# An urban district or ward known by its number ("quận 9", "Phường 12").
_NUMBERED_LOCALITY = re.compile(r"(?<!\w)(?:[Qq]uận|[Pp]hường) \d{1,2}(?!\d|[/.,]\d)")
# A name written without a title: two to five capitalised words ("Kawann Short", "Nguyễn Văn A").
_BARE_NAME = re.compile(rf"(?<![\w.])([{_UPPER}][^\W\d_]*(?:[ -][{_UPPER}][^\W\d_]*){{1,4}})(?!\w)")
_NOT_NAME_AFTER_LEVEL = re.compile(r"^(?:uy|doan|dang)\b")  # "Tỉnh ủy", "Tỉnh đoàn": bodies
_LIST_INTRO = re.compile(r"\bgom(?: co)?\s*:?\s*|:\s*")
_ITEM_SPLIT = re.compile(r"\s*[;,]\s*|\s+va\s+|\s+cung\s+")
_PLACE_INTRO = re.compile(r"\b(?:tai|o)\s+(?=[A-ZĐÀ-Ỹa-z])")


def candidates(text: str, start: int, end: int, kinds: set[str]) -> list[Candidate]:
    """Candidates of the wanted kinds in `text[start:end]` (offsets into `text`)."""
    folded = fold_aligned(text[start:end])
    raw = text[start:end]
    found: list[Candidate] = []

    def add(kind: str, s: int, e: int, extra: str = "") -> None:
        while s < e and raw[s] in " \t“\"'":
            s += 1
        while e > s and raw[e - 1] in " \t,;:.”\"'":
            e -= 1
        if raw[s:e].count('"') % 2 and raw[e:e + 1] == '"':  # the quote inside a quotation is closed
            e += 1
        if s < e:
            found.append(Candidate(kind, start + s, start + e, raw[s:e], extra))

    if "date" in kinds:
        for m in _DATE.finditer(folded):
            if not _is_ratio(m.group(0)):
                add("date", m.start(), m.end())
    if "number" in kinds:
        for m in _NUMBER.finditer(folded):
            if m.end(1) < len(folded) and folded[m.end(1)] == "/" or _DATE_PART.search(folded, max(0, m.start() - 7), m.start()) \
                    or _DAY_RANGE.match(folded, m.end(1)):
                continue  # a date's day or month ("ngày 24", "tháng 6"), a range's first day ("24 - 25/5")
            add("number", m.start(), m.end(), extra=m.group(3).strip())
        for m in _RATIO.finditer(folded):
            if _is_ratio(m.group(1)):
                add("number", m.start(), m.end(), extra=m.group(2).strip())
        for m in _NUMBER_WORD.finditer(raw):
            add("number", m.start(), m.end(), extra=m.group(2).strip())
    if "quote" in kinds:
        for m in _QUOTE.finditer(raw):
            group = next(n for n in (1, 2, 3) if m.group(n) is not None)
            add("quote", m.start(group), m.end(group))
    if "campaign" in kinds:
        for m in _CAMPAIGN.finditer(folded):
            add("campaign", m.start(1), m.end(1))
    if "directive" in kinds:
        for m in _DIRECTIVE.finditer(folded):
            add("directive", m.start(), m.end())
    if "person" in kinds or "title" in kinds:
        for s, e, title in _people(raw, folded):
            add("person", s, e, extra=title)
            if title:
                t0 = raw.find(title, max(0, s - 80))
                if t0 >= 0:
                    add("title", t0, t0 + len(title), extra=raw[s:e])
    if "name" in kinds:
        titled = {(s, e) for s, e, _ in _people(raw, folded)}
        for m in _BARE_NAME.finditer(raw):
            s, e = m.span(1)
            if (s, e) not in titled and _bare_name(raw, folded, s, e):
                add("name", s, e)
    if "role" in kinds:
        for m in _ROLE.finditer(folded):
            add("role", m.start(), m.end())
    if "organisation" in kinds or "item" in kinds:
        for s, e in organisation_spans(raw, folded):
            add("organisation", s, e)
    if "item" in kinds:
        for s, e in _list_items(raw, folded):
            add("item", s, e)
    if "locality" in kinds:
        for m in _LOCALITY.finditer(raw):
            if not _NOT_NAME_AFTER_LEVEL.match(fold_aligned(m.group(1)).lower()):
                add("locality", m.start(), m.end())
        for m in _NUMBERED_LOCALITY.finditer(raw):
            add("locality", m.start(), m.end())
    if "named_place" in kinds:  # "ở Quảng Ngãi, Bình Định", "vượt Singapore": no level written
        bare = list(_BARE_PLACE.finditer(raw))
        if bare:  # not within a level's span ("tỉnh Hà Nam"), an organisation's name ("Tỉnh ủy Quảng
            # Ninh") or a longer name ("Minh Đức", "Phù Mỹ")
            taken = [m.span() for m in _LOCALITY.finditer(raw)] + organisation_spans(raw, folded)
            for m in bare:
                before = _WORD_BEFORE.search(raw, 0, m.start())
                word = before.group(1) if before else ""
                if not any(s <= m.start() < e for s, e in taken) and not word[:1].isupper() \
                        and word.lower() not in _ADDRESS:  # "ông Đức", "chị Nga": a person
                    add("named_place", m.start(), m.end())
    if "place" in kinds:
        for m in _PLACE_INTRO.finditer(folded):
            stop = _ORG_STOP.search(folded, m.end() + 1)
            e = stop.start() if stop else len(folded)
            if m.end() < e and (e - m.end()) < 80 and raw[m.end()].isupper():
                add("place", m.end(), e)
    return found


PROVINCE_NAMES_FOLDED = frozenset(fold(name).lower() for name in CITIES + PROVINCES)
# A province, a centrally-run city or a country named on its own, as written (capitalised, whole
# words, not part of a longer name: "Hà Nam" is no place in "Hà Nam Ninh", "Lào Cai" is not "Lào"; not
# "Anh", the pronoun that opens a sentence as often as England).
_BARE_PLACE_NAMES = sorted(CITIES + PROVINCES + tuple(c for c in COUNTRY_NAMES if c != "Anh"), key=len, reverse=True)
_BARE_PLACE = re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, _BARE_PLACE_NAMES))})(?![\w-]| [{_UPPER}])")
_WORD_BEFORE = re.compile(r"(\w+)[ \t]+$")
# Forms of address before a given name ("ông Đức", "chị Nga"), as written with or without tone marks
# ("có" is no "cô": not without them).
_ADDRESS = frozenset("ông bà anh chị em cô chú bác dì cậu ong ba chi chu bac".split())


# "(ảnh X", "(Ảnh: X", "Ảnh: X" just before a name: a photo's credit
_PHOTO_CREDIT = re.compile(r"(?:\(\s*(?:[Ảả]nh|[Ff]oto|[Pp]hoto)\s*:?|\b(?:[Ảả]nh|[Ff]oto|[Pp]hoto)\s*:)\s*$")


def _bare_name(raw: str, folded: str, s: int, e: int) -> bool:
    """Whether the capitalised run `raw[s:e]` can be a person's name written without a title:
    it starts with a Vietnamese surname, or (a foreign name) none of its words is a word of bodies,
    offices or places; never right after a place level ("tỉnh Vĩnh Phúc"), nor the Party ("Trung
    ương Đảng Cộng sản": "Đảng" folds like the surname "Đặng"), nor a photo's credit ("(ảnh Mai
    Hạnh)", "Ảnh: …"): the photographer is no one the article reports on."""
    words = folded[s:e].replace("-", " ").split()
    if match_form(raw[s:e].split()[0]) == "đảng":
        return False
    if _PHOTO_CREDIT.search(raw[max(0, s - 10):s]):
        return False
    if _PLACE_BEFORE.search(folded, max(0, s - 12), s) or ORG_START.match(folded, s) or OFFICE.match(folded, s):
        return False
    if " ".join(words) in PROVINCE_NAMES_FOLDED:  # "Hà Nội", "Hà Giang": a surname's syllable, a province's name
        return False
    if words[0] in COMMON_SURNAMES_FOLDED:
        return not _BODY_IN_NAME.search(folded, s, e)
    return not NOT_IN_NAMES_FOLDED.intersection(words)


def organisation_spans(raw: str, folded: str) -> list[tuple[int, int]]:
    """Spans of organisation names: a known head word, capitalised in the text, up to a stop word,
    the name of a person that follows it ("Bộ Tư pháp Lê Văn A") or a document's number ("… số
    75/2015/QH13"); not an office ("Bộ trưởng") nor the name of a law ("Luật Công an nhân dân");
    and a body written by its abbreviation before its place's level ("LĐLĐ huyện")."""
    spans = _headed_organisations(raw, folded)
    for m in _ABBREVIATED_BODY.finditer(raw):
        if m.group(0) in _NOT_BODY_ABBREVIATIONS or any(s <= m.start() < e for s, e in spans):
            continue
        place = _LEVEL_AND_PLACE.match(raw, m.end() + 1)
        if place is not None:
            # a person's name may follow the place ("LĐLĐ tỉnh Lạc Sơn Nguyễn Văn An"): the body ends before it
            name = _name_after_body(raw, folded, place.start())
            end = name[0] if name is not None and name[0] < place.end() else place.end()
            spans.append((m.start(), len(raw[:end].rstrip())))
    return sorted(spans)


# A body written by its abbreviation before the level of its place ("LĐLĐ huyện", "HND tỉnh Lạc Sơn",
# "BHXH thành phố"): a word of two to six capitals, not a place's own ("TP", "TX") nor a person's ("ĐB").
_ABBREVIATED_BODY = re.compile(rf"(?<![\w&.-])[{_UPPER}]{{2,6}}(?=\s(?:tỉnh|thành phố|huyện|quận|thị xã|xã(?! hội)|phường)(?!\w))")
_NOT_BODY_ABBREVIATIONS = frozenset({"TP", "TX", "TT", "ĐB", "ĐBQH", "PGS", "GS", "TS", "BS", "UV"})


def _headed_organisations(raw: str, folded: str) -> list[tuple[int, int]]:
    """`organisation_spans` by a known head word."""
    spans: list[tuple[int, int]] = []
    names: list[int] | None = None  # where people's names start, found once when needed
    pos = 0
    while True:
        m = ORG_START.search(folded, pos)
        if not m:
            return spans
        s = m.start()
        if not raw[s].isupper() or _NOT_ORG.match(folded, s) or OFFICE.match(folded, s) or _toned_otherwise(raw, m) \
                or _LAW_BEFORE.search(folded, max(0, s - 12), s) \
                or (folded.startswith("cong doan", s) and raw[s:s + 9].lower() != "công đoàn"):  # "công đoạn", a stage
            pos = m.end()
            continue
        e = _org_end(raw, folded, m.end(), s)
        if (number := _DOCUMENT_NUMBER.search(folded, m.end(), e)) is not None:
            e = number.start()
        if any(w in COMMON_SURNAMES_FOLDED for w in folded[m.end():e].split()):  # a name may follow the body
            if names is None:
                names = [p for p, _, _ in _people(raw, folded)]
            e = min([e] + [p for p in names if m.end() < p < e])
        name = raw[s:e].rstrip()
        words = name.split()
        if len(words) > MAX_ORGANISATION_WORDS or (len(words) > SHORT_ORGANISATION_WORDS and not words[-1][:1].isupper()):
            pos = m.end()  # a long run is a name only up to a place or nation: a name may start inside it
            continue
        if len(words) >= 2:
            spans.append((s, s + len(name)))
        pos = max(e, m.end())


# Syllables of the longest organisation name ("Đoàn Chủ tịch Ủy ban Trung ương Hội Nông dân tỉnh Lạc
# Sơn" has 13); a longer run is read as no name, and one of more than SHORT_ORGANISATION_WORDS only
# when it ends in a capitalised word (the nation or place of a long name, not "… cần phát huy vai trò").
MAX_ORGANISATION_WORDS = 16
SHORT_ORGANISATION_WORDS = 12
# The heads as written with tone marks, by their folded form: in text with tone marks, a head written
# with other marks is other words ("Thanh Trà", a name, is no "Thanh tra"; "Bản ghi nhớ", "Số 5", "Đồi
# Chè" are no "Ban", "Sở", "Đội"), except a head that stands for several words on purpose ("bao":
# "Báo", "Bảo tàng").
_HEADS_OF_SEVERAL_WORDS = frozenset({"bao"})
_TONED_HEADS: dict[str, frozenset[str]] = {}
for _head, *_ in ORG_HEADS:
    if fold(_head).lower() not in _HEADS_OF_SEVERAL_WORDS:
        _TONED_HEADS[fold(_head).lower()] = _TONED_HEADS.get(fold(_head).lower(), frozenset()) | {match_form(_head).lower()}


def _toned_otherwise(raw: str, head: re.Match[str]) -> bool:
    """Whether the head `head` (matched in the folded text) is written, in text with tone marks,
    with marks that no spelling of that head has."""
    spellings = _TONED_HEADS.get(head.group(0))
    if spellings is None or not has_tone_marks(raw):
        return False
    return match_form(raw[head.start():head.end()]).lower() not in spellings


# What a name after it belongs to: a law ("Luật Mặt trận Tổ quốc Việt Nam"), not an organisation.
_LAW_BEFORE = re.compile(r"\b(?:bo luat|luat|phap lenh)\s+$")
# A document's number after a name ("… số 75/2015/QH13"): not part of it.
_DOCUMENT_NUMBER = re.compile(r"\s+so\s+\d+\s*/")


def organisation_end(text: str, start: int, end: int) -> int:
    """Where an organisation name that starts at `text[start]` ends, within `text[start:end]`."""
    raw = text[start:end]
    return start + _org_end(raw, fold_aligned(raw), min(len(raw), 2), 0)


def _org_end(raw: str, folded: str, pos: int, start: int) -> int:
    """Where an organisation name that starts at `start` (and runs past `pos`) ends: at
    punctuation, or at a lower-case function word or verb (an upper-case "Nam" in "Việt Nam" does
    not stop it). "và" joins the parts of a department's name ("Sở Giáo dục và Đào tạo") only
    before the name's place: after "tỉnh Vĩnh Phúc", "và Chi nhánh …" is another organisation."""
    end = _words_end(raw, folded, pos, start)
    for m in _LEVEL_AND_PLACE.finditer(raw, pos, end):
        after = m.end()
        if raw[after:after + 1] == " " and raw[after + 1:after + 2].islower():
            return after  # "Hội Nông dân huyện phát động …", "Sở Y tế tỉnh Lạc Sơn cho hay": the name ends at its place
    return end


# A level inside a name ("quận, huyện" as one) and the place it names (capitalised words, none for
# "huyện" alone, "ủy" of "tỉnh ủy"): a lower-case word after it goes on with the sentence, not with
# the name.
_LEVELS_WRITTEN = r"(?:tỉnh|thành phố|huyện|quận|thị xã|thị trấn|xã(?! hội)|phường)"  # "xã hội" is society
_LEVEL_AND_PLACE = re.compile(rf"(?<!\w)(?:{_LEVELS_WRITTEN}(?:,? {_LEVELS_WRITTEN})*(?: (?:ủy|uỷ))?|"
                              r"(?:thành|thị) (?:ủy|uỷ)|(?:Tỉnh|Thành|Huyện|Quận|Thị|Xã|Phường) (?:ủy|uỷ)|TP\.?)"
                              r"(?: [A-ZĐÀ-Ỹ][\w’'-]*)*(?!\w)")


def _words_end(raw: str, folded: str, pos: int, start: int) -> int:
    accented = raw != folded and any(not c.isascii() for c in raw)
    while True:
        stop = _ORG_STOP.search(folded, pos)
        if not stop:
            return len(folded)
        if stop.group(0)[:1].isalpha() and (raw[stop.start()].isupper() or (
                accented and raw[stop.start():stop.end()].lower() not in ORG_NAME_STOPS)
                or raw[max(0, stop.start() - 6):stop.end()].lower().endswith(_COMPOUNDS)
                or _HEAD_THEN_ORGANISING.search(folded, 0, stop.end())):
            pos = stop.end()  # "Việt Nam", "Cục Bảo vệ", "Thiết bị", "Vận tải": words of the name
            continue
        if _dash_inside_name(raw, folded, stop, start):
            pos = stop.end()  # "Sở Thông tin – Truyền thông": a dash between two words of one name
            continue
        joined = _JOINED_NAME.match(raw, stop.start())
        if joined and not _PLACE_WORD.search(folded, start, stop.start()) and not ORG_START.match(folded, stop.end() + 1) and not ORG_START.match(folded, joined.start(1)):
            pos = joined.end()  # "Sở Giáo dục và Đào tạo", "Sở Lao động, Thương binh và Xã hội"
            continue
        return stop.start()


# Provinces whose names are written with a dash inside ("Bà Rịa – Vũng Tàu", "Thừa Thiên - Huế"):
# folded, without it.
_DASHED_PLACES = tuple(" ".join(fold(name).lower().replace("–", " ").split())
                       for name in PROVINCES if "–" in name or name == "Thừa Thiên Huế")


def _dash_inside_name(raw: str, folded: str, stop: re.Match[str], start: int) -> bool:
    """Whether a dash joins two parts of one name that starts at `start` ("Sở Thông tin – Truyền
    thông", "Ban Lễ tân - Đối ngoại"): before the name's place, and a capitalised word after it
    that opens no other body, office, person or form of address ("Bộ Tài chính – Bộ Công an" are
    two bodies, "Công an tỉnh – Đơn vị …" is said of the body)."""
    if stop.group(0).strip() not in ("–", "-"):
        return False
    around = " ".join(folded[max(start, stop.start() - 30):stop.start()].split()[-2:]
                      + folded[stop.end():stop.end() + 30].split()[:2])
    if any(around.startswith(place) for place in _DASHED_PLACES):  # a province written with a dash: one place
        return True
    if _PLACE_WORD.search(folded, start, stop.start()):
        return False
    after = re.match(r"\s*(\w+)", raw[stop.end():])
    if not after or not after.group(1)[:1].isupper():
        return False
    at = stop.end() + after.start(1)
    return not (ORG_START.match(folded, at) or OFFICE.match(folded, at) or is_surname(after.group(1))
                or after.group(1).lower() in _ADDRESS)


_TITLE_AFTER = re.compile(
    r"\s*[–\-,]\s*([^,;()\n]{3,100}?)(?=[,;()\n]|\.(?:\s|$)| (?:tham du|tham gia|cung|da|chu tri|phat bieu|de nghi|cho biet|"
    r"nhan manh|khang dinh|bao cao|trinh bay|yeu cau|duoc|se|dang|la)\b|$)"
)


def _people(raw: str, folded: str) -> list[tuple[int, int, str]]:
    """(start, end, title) of person names: after a title word ("ông X", "Giám đốc X"), after an
    office and its body ("Bộ trưởng Bộ Nội vụ X", "Chủ tịch Quốc hội X"), or before "– Title"."""
    people: list[tuple[int, int, str]] = []
    # (index in `people`, where the title read after the name starts, the title written before it)
    after: list[tuple[int, int, str]] = []
    # the folded text with the article's capitals: a verb that ends a title is written in lower case
    # ("đang"), a word of the title may fold alike ("Bí thư Trung ương Đảng")
    cased = "".join(f.upper() if r.isupper() else f for r, f in zip(raw, folded))
    for m in _TITLE_BEFORE.finditer(folded):
        span = _name_at(raw, folded, m.end())
        office_and_body = span is None and bool(OFFICE.fullmatch(folded[m.start():m.end()].strip()))
        if office_and_body:  # the body between the office and the name
            span = _name_after_body(raw, folded, m.end())
        if span is None or any(span[0] == p[0] for p in people):
            continue  # a name found after an earlier office keeps it ("Chủ nhiệm Văn phòng Chủ tịch nước X")
        s, e = span
        title = ""
        # matched on the folded text (same offsets, the article's capitals kept), so the verbs that
        # end a title are found however the article spells them ("chủ trì", "đề nghị")
        t = _TITLE_AFTER.match(cased[e:e + 120])
        if t and raw[e + t.start(1)].isupper() and not _another_name(raw, folded, e + t.start(1)):
            title = _title_end(raw[e + t.start(1):e + t.end(1)].strip())
            before = raw[m.start():s].strip() if office_and_body else raw[m.start():m.end()].strip()
            after.append((len(people), e + t.start(1), before))
        elif office_and_body:
            title = raw[m.start():s].strip()
        else:
            title = raw[m.start():m.end()].strip()
        people.append((s, e, title))
    # "Bộ trưởng A, Bí thư Thành ủy Lạc Sơn B, …": the words after A are B's title, written before
    # B's name: A keeps the title written before A's own
    starts = [s for s, _, _ in people]
    for i, title_start, before in after:
        s, e, title = people[i]
        if any(title_start < p < title_start + len(title) for p in starts):
            people[i] = (s, e, before)
    return people


def _another_name(raw: str, folded: str, at: int) -> bool:
    """Whether the words at `at` after a name and its comma are the next person's name, not the
    first one's title ("đồng chí Lò Văn Khoa, Mai Thị Hạnh"): a surname-led name, no office."""
    first = raw[at:].split(maxsplit=1)[0] if raw[at:].strip() else ""
    return bool(first) and is_surname(first) and not OFFICE.match(folded, at) and _name_at(raw, folded, at) is not None


def _title_end(title: str) -> str:
    """A title ends at a dash followed by a lower-case word ("Phó Chủ tịch Tổng LĐLĐVN - trò chuyện");
    a dash between capitalised words belongs to it ("Trưởng Ban Lễ tân – Đối ngoại"). It also
    ends at its body's place when a lower-case word follows, as a body's name does ("Phó Chủ tịch
    UBND xã Lạc Sơn tiến hành …", `_LEVEL_AND_PLACE`)."""
    for m in re.finditer(r"\s[–\-]\s+(\S)", title):
        if m.group(1).islower():
            title = title[:m.start()].strip()
            break
    for m in _LEVEL_AND_PLACE.finditer(title):
        if title[m.end():m.end() + 1] == " " and title[m.end() + 1:m.end() + 2].islower():
            return title[:m.end()]
    return title


def _name_at(raw: str, folded: str, s: int) -> tuple[int, int] | None:
    """The person's name starting at `s`, or None."""
    name = re.match(_NAME, raw[s:])
    if not name:
        return None
    if _BODY_IN_NAME.search(folded[s:s + name.end() + 12]):
        return None  # "Chủ tịch Tổng Liên đoàn Lao động": "Tống" is a surname, this is a body
    words = raw[s:s + name.end()].split()
    # _NAME's letter range also holds lower-case letters: a name ends before the first word that
    # is not capitalised ("Nguyễn Thanh Tịnh đã", "Quân ủy Trung ương")
    cut = next((i for i, w in enumerate(words) if not w[:1].isupper()), len(words))
    words = words[:cut]
    e = s + len(" ".join(words))
    if not (2 <= len(words) <= 5):
        return None
    if any(len(w) > 1 and w.isupper() for w in words):
        return None  # "Chủ tịch UBND TP Lạc Sơn": abbreviations of bodies, not a name
    if ORG_START.match(folded, s):
        return None  # "ông Sở ..." is not a name
    name_words = folded[s:e].split()
    if match_form(words[0]) == "đảng":
        return None  # "… Trung ương Đảng Cộng sản": the Party, though "Đặng" folds alike
    if name_words[0] not in COMMON_SURNAMES_FOLDED and (len(words) < 3 or NOT_NAME_WORDS_FOLDED.intersection(name_words)):
        return None  # no known surname: "ban Thi đua", "Ủy viên Trung ương Đảng"
    if " ".join(name_words) in PROVINCE_NAMES_FOLDED:
        return None  # "Giám đốc Sở Y tế Thái Bình": the body's province, though "Thái" is a surname
    return s, e


_PLACE_BEFORE = re.compile(rf"\b(?:{_PLACE_LEVELS})\s*$")
_ABBREVIATION_IN_BRACKETS = re.compile(rf"\([{_UPPER}&.\s-]{{2,20}}\)")


# Family names left out of COMMON_SURNAMES_FOLDED because a common word folds like them ("Trương" /
# "trường", "Đào" / "đạo"), known as written: those marked with a diacritic that opens no place's
# name ("Hàn" opens "Hàn Quốc", "Phú" "Phú Thọ"), compared in their match form.
_PLACE_STARTS = frozenset(match_form(name.split()[0]) for name in CITIES + PROVINCES + tuple(COUNTRY_NAMES))
MARKED_SURNAMES = frozenset(
    match_form(name) for name in SURNAMES.split()
    if fold(name).lower() != name.lower() and fold(name).lower() not in COMMON_SURNAMES_FOLDED
    and match_form(name) not in _PLACE_STARTS)


def is_surname(word: str) -> bool:
    """Whether a word, as written, is a family name that may open a person's name."""
    return fold(word).lower() in COMMON_SURNAMES_FOLDED or match_form(word) in MARKED_SURNAMES


_PLACE_LEVEL_DOT = re.compile(r"(?<!\w)(?:TP|Tp|TX|Q|P)\.(?= [A-ZĐÀ-Ỹ])")  # "TP. Lạc Sơn": a level's abbreviation


def _name_after_body(raw: str, folded: str, s: int) -> tuple[int, int] | None:
    """"Bộ trưởng Bộ Nội vụ Lò Văn Khoa": the first surname-led name within the next 60
    characters, with no punctuation between the office and it (the body's name; its abbreviation
    in brackets may stand inside it)."""
    limit = min(len(raw), s + 60)
    # the body's abbreviation in brackets is part of it: "Hội Nông dân (HND) tỉnh Lạc Sơn X"
    # ... and so is a place's abbreviated level: "Chủ tịch UBND TP. Lạc Sơn X"
    body = _PLACE_LEVEL_DOT.sub(lambda m: " " * len(m.group(0)), raw[s:limit])
    # a form of address ends it: "Phó Chủ tịch UBND tỉnh đối với ông X" names an office for X, not X's
    stop = re.search(r"[,;:.()–\-\"“”\n]|\s(?:ông|bà|đồng chí)\s", _ABBREVIATION_IN_BRACKETS.sub(lambda m: " " * len(m.group(0)), body))
    limit = s + stop.start() if stop else limit
    for word in re.finditer(r"\S+", folded[s:limit]):
        at = s + word.start()
        if raw[at].isupper() and is_surname(raw[at:at + len(word.group(0))]) and at > s \
                and not _PLACE_BEFORE.search(folded, s, at):
            span = _name_at(raw, folded, at)
            if span and span[1] <= limit + 40 and len(raw[span[0]:span[1]].split()) <= 4:
                return span
    return None


def _list_items(raw: str, folded: str) -> list[tuple[int, int]]:
    """Items of an enumeration after "gồm", "gồm có" or ":" — split on commas, semicolons, "và"."""
    intro = _LIST_INTRO.search(folded)
    if not intro:
        return []
    body_start = intro.end()
    body_end = len(folded)
    items: list[tuple[int, int]] = []
    pos = body_start
    for sep in _ITEM_SPLIT.finditer(folded, body_start, body_end):
        items.append((pos, sep.start()))
        pos = sep.end()
    items.append((pos, body_end))
    cleaned: list[tuple[int, int]] = []
    for s, e in items:
        while s < e and not raw[s].isalnum():
            s += 1
        for prefix in ("dai dien ", "cac ", "va "):
            if folded.startswith(prefix, s):
                s += len(prefix)
        orgs = organisation_spans(raw[s:e], folded[s:e])
        if orgs and orgs[0][0] <= 2:
            e = s + orgs[0][1]
        while e > s and raw[e - 1] in " .…":
            e -= 1
        if e - s >= 2:
            cleaned.append((s, e))
    return cleaned if len(cleaned) >= 2 else []

"""English civic vocabulary in Vietnamese: the words an English question about Vietnamese civic news
can be matched on.

An English question shares almost no words with a Vietnamese article, so lexical search and
sentence scoring see nothing. `vietnamese_terms` turns it into tone-folded Vietnamese words: the
glossary's renderings of its civic terms ("procuracy" → "vien kiem sat", "emulation pact" →
"giao uoc thi dua") and of everyday words from the commonest words of civic news
(`data/civic_words.tsv`: "teachers" → "giao vien"), countries and their peoples (`data/countries.tsv`:
"Belarusian" → "belarus"), the Vietnamese names it spells without tone marks ("Vinh Phuc", "Le Thi Thu
Ha") and its numbers. Words it cannot render are left out rather than guessed.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from corpus.normalize import fold, has_tone_marks

from .language import VIETNAMESE_SYLLABLE

# English phrase (lower case, singular) → tone-folded Vietnamese. Longer phrases win over the words
# inside them; several renderings are separated by "|". A word whose senses differ in civic news
# ("capital": a city or money, "group") is left out: an off-topic question must not match.
GLOSSARY: dict[str, str] = {
    # agreements and documents
    "emulation pact": "giao uoc thi dua", "emulation agreement": "giao uoc thi dua",
    "pact": "giao uoc", "covenant": "giao uoc", "agreement": "giao uoc|thoa thuan",
    "coordination regulation": "quy che phoi hop", "coordination programme": "chuong trinh phoi hop",
    "coordination program": "chuong trinh phoi hop", "cooperation programme": "chuong trinh phoi hop|chuong trinh hop tac",
    "cooperation program": "chuong trinh phoi hop|chuong trinh hop tac", "regulation": "quy che", "programme": "chuong trinh",
    "program": "chuong trinh", "plan": "ke hoach", "directive": "chi thi", "resolution": "nghi quyet",
    "decision": "quyet dinh", "decree": "nghi dinh", "circular": "thong tu", "law": "luat",
    "document": "van kien|van ban", "chapter": "chuong", "article": "dieu", "clause": "khoan", "content": "noi dung", "task": "nhiem vu",
    "key task": "nhiem vu trong tam", "action": "hanh dong", "action plan": "ke hoach hanh dong", "target": "chi tieu", "criteria": "tieu chi", "criterion": "tieu chi",
    # events and acts
    "signing ceremony": "le ky ket", "ceremony": "le", "conference": "hoi nghi", "meeting": "hoi nghi",
    "review": "tong ket|so ket", "preliminary review": "so ket", "launch": "phat dong", "launched": "phat dong",
    "sign": "ky ket", "signed": "ky ket", "signing": "ky ket", "coordinate": "phoi hop",
    "coordination": "phoi hop", "cooperation": "hop tac|phoi hop", "pledge": "cam ket", "pledged": "cam ket",
    "commit": "cam ket", "committed": "cam ket", "handle": "giai quyet|thu ly", "handled": "giai quyet|thu ly",
    "settle": "giai quyet", "settled": "giai quyet", "award": "khen thuong|tang", "awarded": "khen thuong|tang",
    "represent": "dai dien|thay mat", "represented": "dai dien|thay mat", "representative": "dai dien", "attend": "du",
    "attended": "du", "host": "chu tri",
    "hosted": "chu tri", "hand over": "ban giao", "handed over": "ban giao", "implement": "thuc hien|trien khai",
    "propaganda": "tuyen truyen", "communication": "truyen thong", "dissemination": "pho bien",
    "legal education": "giao duc phap luat", "training": "tap huan", "inspection": "kiem tra|thanh tra",
    "appraise": "tham dinh", "appraised": "tham dinh", "appraisal": "tham dinh", "read": "doc", "born": "sinh",
    "draft document": "du thao van ban", "draft legal document": "du thao van ban quy pham phap luat",
    "draft law": "du thao luat|du an luat", "draft resolution": "du thao nghi quyet", "draft decree": "du thao nghi dinh",
    "judge": "tham phan", "prosecutor": "kiem sat vien", "exam": "ky thi", "examination": "ky thi",
    "quota": "dinh muc", "mansion": "biet thu", "prison": "trai giam|nha tu", "prisoner": "tu nhan|pham nhan",
    "bribe": "hoi lo", "bribery": "hoi lo", "pension": "luong huu", "drought": "han han", "statement": "tuyen bo",
    "joint statement": "tuyen bo chung", "consulate": "lanh su quan", "warehouse": "nha kho|kho bai",
    "political commissar": "chinh uy", "commissar": "chinh uy", "sentenced": "tuyen an|ket an",
    # emulation vocabulary
    "emulation bloc": "khoi thi dua", "emulation cluster": "cum thi dua", "bloc": "khoi", "cluster": "cum",
    "emulation": "thi dua", "commendation": "khen thuong", "emulation movement": "phong trao thi dua",
    "movement": "phong trao", "campaign": "phong trao|cuoc van dong", "theme": "chu de",
    "slogan": "khau hieu", "motto": "khau hieu|phuong cham", "message": "thong diep",
    "certificate of merit": "bang khen", "emulation flag": "co thi dua", "deputy head": "pho",
    "bloc head": "truong khoi", "cluster head": "truong cum",
    # bodies
    "internal affairs": "noi chinh", "police": "cong an", "public security": "cong an",
    "procuracy": "vien kiem sat", "people's procuracy": "vien kiem sat nhan dan", "court": "toa an",
    "people's court": "toa an nhan dan", "inspectorate": "thanh tra", "inspector": "thanh tra",
    "inspector general": "tong thanh tra", "department of justice": "so tu phap",
    "social security": "bao hiem xa hoi|an sinh xa hoi", "social insurance": "bao hiem xa hoi",
    "justice": "tu phap", "military command": "chi huy quan su", "border guard": "bien phong",
    "civil judgment enforcement": "thi hanh an dan su", "judgment enforcement": "thi hanh an",
    "fatherland front": "mat tran to quoc", "farmers' association": "hoi nong dan",
    "farmers association": "hoi nong dan", "farmer": "nong dan", "women's union": "hoi lien hiep phu nu",
    "women union": "hoi lien hiep phu nu", "women": "phu nu", "youth union": "doan thanh nien",
    "youth": "thanh nien", "veterans' association": "hoi cuu chien binh", "veteran": "cuu chien binh",
    "lawyers' association": "hoi luat gia", "jurists' association": "hoi luat gia",
    "bar association": "doan luat su", "labour federation": "lien doan lao dong",
    "labor federation": "lien doan lao dong", "trade union": "cong doan", "mass organisation": "doan the",
    "mass organization": "doan the", "association": "hoi", "union": "hoi|doan", "party committee": "dang uy",
    "party": "dang", "politburo": "bo chinh tri", "secretariat": "ban bi thu", "central committee": "trung uong",
    "people's committee": "uy ban nhan dan|ubnd", "people's council": "hoi dong nhan dan|hdnd",
    "national assembly": "quoc hoi", "government": "chinh phu", "ministry": "bo", "department": "so",
    "board": "ban", "committee": "uy ban", "emulation and commendation board": "ban thi dua khen thuong", "bank": "ngan hang",
    "social policy bank": "ngan hang chinh sach xa hoi", "tax": "thue", "tax department": "cuc thue",
    "customs": "hai quan", "treasury": "kho bac", "finance": "tai chinh", "planning and investment": "ke hoach va dau tu",
    "education": "giao duc", "health": "y te", "culture": "van hoa", "agriculture": "nong nghiep",
    "economic": "kinh te", "economy": "kinh te", "general economic": "kinh te tong hop",
    "agency": "co quan", "unit": "don vi", "member": "thanh vien", "organisation": "to chuc",
    "organization": "to chuc", "locality": "dia phuong", "official": "can bo", "officer": "can bo",
    "staff": "can bo", "collective": "tap the", "individual": "ca nhan", "delegate": "dai bieu",
    # places and levels
    "province": "tinh", "provincial": "tinh", "city": "thanh pho", "district": "huyen", "commune": "xa",
    "ward": "phuong", "town": "thi xa", "mountainous": "mien nui", "central": "trung uong", "national": "toan quoc",
    # titles
    "chairman": "chu tich", "chairwoman": "chu tich", "chairperson": "chu tich", "president": "chu tich",
    "vice chairman": "pho chu tich", "vice-chairman": "pho chu tich", "vice president": "pho chu tich",
    "vice chairwoman": "pho chu tich", "vice-chairwoman": "pho chu tich",
    "national assembly deputy": "dai bieu quoc hoi", "assembly deputy": "dai bieu quoc hoi",
    "director": "giam doc", "deputy director": "pho giam doc", "secretary": "bi thu",
    "deputy secretary": "pho bi thu", "standing": "thuong truc", "head": "truong", "deputy": "pho",
    "chief": "truong", "chief justice": "chanh an", "chief prosecutor": "vien truong", "colonel": "dai ta",
    "lieutenant colonel": "thuong ta", "major general": "thieu tuong", "general": "tong hop",
    # crime and law
    "crime": "toi pham", "crime report": "tin bao toi pham", "denunciation": "to giac",
    "report": "tin bao|bao cao", "case": "vu an|vu viec", "criminal": "hinh su", "corruption": "tham nhung",
    "negative": "tieu cuc", "judicial reform": "cai cach tu phap", "legal aid": "tro giup phap ly",
    "security": "an ninh", "order": "trat tu", "fatherland security": "an ninh to quoc",
    "drug": "ma tuy", "traffic": "giao thong", "safety": "an toan",
    # national bodies, offices and honours (news style)
    "vietnam": "viet nam", "vietnamese": "viet nam", "presidium": "doan chu tich",
    "standing committee": "ban thuong vu|thuong truc", "prime minister": "thu tuong",
    "deputy prime minister": "pho thu tuong", "minister": "bo truong", "deputy minister": "thu truong",
    "general secretary": "tong bi thu", "state president": "chu tich nuoc", "ministry of justice": "bo tu phap",
    "ministry of home affairs": "bo noi vu", "home affairs": "noi vu", "news agency": "thong tan xa",
    "newspaper": "bao", "press": "bao chi", "press agency": "co quan bao chi", "post": "buu chinh|buu dien",
    "medal": "huan chuong|ky niem chuong", "labour order": "huan chuong lao dong", "labor order": "huan chuong lao dong",
    "first class": "hang nhat", "second class": "hang nhi", "third class": "hang ba", "congress": "dai hoi",
    "patriotic emulation": "thi dua yeu nuoc", "patriotic": "yeu nuoc", "anti-corruption": "phong chong tham nhung",
    "whistleblower": "nguoi to giac", "reward": "thuong|khen thuong", "minimum wage": "luong toi thieu",
    "minimum salary": "luong toi thieu", "salary": "luong", "network": "mang luoi", "branch": "chi nhanh",
    "headquarters": "tru so", "overseas": "nuoc ngoai", "abroad": "nuoc ngoai",
    # other common civic words
    "poor": "ngheo", "poverty": "ngheo", "new rural": "nong thon moi", "digital transformation": "chuyen doi so",
    "administrative reform": "cai cach hanh chinh", "year": "nam", "term": "nhiem ky", "period": "giai doan",
    "month": "thang", "pair": "cap", "people": "nhan dan|nguoi", "household": "ho", "model": "mo hinh",
    "household business": "ho kinh doanh", "taxpayer": "nguoi nop thue", "skilful mass mobilisation": "dan van kheo",
    "mass mobilisation": "dan van", "mass mobilization": "dan van", "solidarity": "doan ket",
    "discipline": "ky cuong", "responsibility": "trach nhiem", "creativity": "sang tao", "innovation": "doi moi",
    "efficiency": "hieu qua", "effective": "hieu luc|hieu qua", "take effect": "hieu luc", "sustainable": "ben vung",
    "sand": "cat", "shipbuilding": "dong tau", "steel": "thep", "offshore": "xa bo", "vessel": "tau",
    "fishing vessel": "tau ca", "fishing boat": "tau ca", "upgrade": "nang cap", "draft": "du thao",
    "disadvantaged": "kho khan|thiet thoi", "multi level marketing": "ban hang da cap",
    "mass complaint": "khieu nai dong nguoi", "facility": "co so vat chat|co so",
    # the central government's ministries and bodies ("Ministry of X" renders "bo" + X)
    "transport": "giao thong van tai", "information": "thong tin", "communications": "truyen thong",
    "information and communications": "thong tin va truyen thong", "industry and trade": "cong thuong",
    "trade": "thuong mai", "industry": "cong nghiep", "national defence": "quoc phong", "national defense": "quoc phong",
    "defence": "quoc phong", "defense": "quoc phong", "foreign affairs": "ngoai giao", "natural resources": "tai nguyen",
    "environment": "moi truong", "construction": "xay dung", "science and technology": "khoa hoc va cong nghe",
    "science": "khoa hoc", "technology": "cong nghe", "labour": "lao dong", "labor": "lao dong",
    "invalids": "thuong binh", "social affairs": "xa hoi", "tourism": "du lich", "sport": "the thao",
    "rural development": "phat trien nong thon", "education and training": "giao duc va dao tao",
    "state bank": "ngan hang nha nuoc", "government office": "van phong chinh phu", "office": "van phong",
    "state audit": "kiem toan nha nuoc", "audit": "kiem toan", "general department": "tong cuc",
    "united nations": "lien hop quoc", "embassy": "dai su quan", "ambassador": "dai su",
    # organisations, money and projects
    "university": "dai hoc|truong", "school": "truong", "hospital": "benh vien", "company": "cong ty",
    "corporation": "tap doan|tong cong ty", "enterprise": "doanh nghiep", "business": "doanh nghiep",
    "investor": "nha dau tu", "investment": "dau tu", "project": "du an", "contract": "hop dong",
    "commitment": "cam ket", "memorandum of understanding": "ban ghi nho|bien ban ghi nho", "memorandum": "ghi nho",
    "budget": "kinh phi|ngan sach", "cost": "chi phi|kinh phi", "fund": "quy",
    "price": "gia", "money": "tien", "million": "trieu", "billion": "ty", "dong": "dong", "usd": "usd",
    "text message": "tin nhan", "mobile": "di dong", "telecommunications": "vien thong", "carrier": "nha mang",
    "expressway": "cao toc", "railway": "duong sat", "airport": "san bay", "seaport": "cang bien", "port": "cang",
    "electricity": "dien", "food safety": "an toan thuc pham", "forest": "rung", "fisheries": "thuy san",
    "pm": "thu tuong", "deputy pm": "pho thu tuong", "delegation": "doan", "visit": "tham", "official visit": "tham chinh thuc",
    "working visit": "tham lam viec", "official working visit": "tham lam viec chinh thuc", "state visit": "tham cap nha nuoc",
    "sector": "linh vuc|nganh", "leading": "hang dau|dan dau", "talks": "hoi dam", "summit": "hoi nghi thuong dinh",
    "session": "ky hop|phien hop", "plenary": "toan the", "inspect": "kiem tra|thanh tra",
    "supervision": "giam sat", "oversight": "giam sat", "deadline": "thoi han", "worker": "cong nhan|nguoi lao dong",
}

# Numbers and ordinals written in words. Countries and their peoples are a data file
# (`data/countries.tsv`), read like the common words.
NUMBERS: dict[str, str] = {
    "two": "2|hai", "three": "3|ba", "four": "4|bon", "five": "5|nam", "six": "6|sau", "seven": "7|bay",
    "eight": "8|tam", "nine": "9|chin", "ten": "10|muoi", "eleven": "11|muoi mot", "twelve": "12|muoi hai",
    "twenty": "20|hai muoi", "hundred": "tram", "thousand": "nghin|ngan", "first": "dau tien|thu nhat",
    "second": "thu hai", "third": "thu ba", "fourth": "thu tu", "fifth": "thu nam",
}
MONTHS = {m: n for n, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august",
                                      "september", "october", "november", "december"), 1)}
_ORDINAL_NUMBER = re.compile(r"(\d+)(?:st|nd|rd|th)")
_DAY = re.compile(r"[1-9]|[12]\d|3[01]")

_NUMBER = re.compile(r"\d+(?:[./-]\d+)*")
_NOT_NAMES = frozenset("a i the to do so no on in an as at be he me we go".split())


def _key(word: str) -> str:
    """A word as the glossary is keyed: lower case, no possessive, singular ("farmers'" → "farmer")."""
    word = re.sub(r"'s?$", "", word.lower())
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "xes", "ches", "shes")):  # "businesses", "taxes"
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us")):
        return word[:-1]
    return word


# The commonest words of civic news with their English (see the file's header): everyday words
# ("support", "reduce", "teacher") that the civic glossary above does not hold.
COMMON_WORDS = Path(__file__).parent / "data" / "civic_words.tsv"
COUNTRIES = Path(__file__).parent / "data" / "countries.tsv"


# "-ing" and "-ed" words that are prepositions in a question, not forms of a verb ("according to" is
# no "accord", a treaty).
_PREPOSITIONS = frozenset({"according", "including", "regarding", "concerning", "following", "during", "excepted"})


def _inflections(word: str) -> set[str]:
    """An English word's regular verb forms ("reduce" → "reduced", "reducing"; "apply" → "applied")."""
    stem = word[:-1] if word.endswith("e") else word
    forms = {word, stem + "ed", stem + "ing"} - _PREPOSITIONS
    if word.endswith("y") and len(word) > 3 and word[-2] not in "aeiou":
        forms.add(word[:-1] + "ied")
    return forms


def common_words(path: Path = COMMON_WORDS, verb_forms: bool = True) -> dict[str, list[str]]:
    """English (lower case) → tone-folded Vietnamese renderings, from a file of lines
    "Vietnamese <TAB> English, English …" ("#" starts a comment); with `verb_forms`, single English
    words also stand for their regular verb forms."""
    out: dict[str, list[str]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        vietnamese, sep, english = line.partition("\t")
        if not sep or not vietnamese.strip() or not english.strip():
            raise ValueError(f"{path}:{number}: expected 'Vietnamese<TAB>English, English …'")
        rendering = fold(vietnamese.strip()).lower()
        for phrase in english.split(","):
            phrase = phrase.strip().lower()
            for form in (_inflections(phrase) if verb_forms and phrase.isalpha() else {phrase}):
                out.setdefault(form, [])
                if rendering not in out[form]:
                    out[form].append(rendering)
    return out


@lru_cache(maxsize=1)
def _phrases() -> dict[tuple[str, ...], list[str]]:
    phrases: dict[tuple[str, ...], list[str]] = {}
    for english, renderings in common_words().items():
        merged = phrases.setdefault(tuple(_key(w) for w in english.split()), [])
        merged += [r for r in renderings if r not in merged]
    phrases.update({tuple(_key(w) for w in k.split()): v for k, v in common_words(COUNTRIES, verb_forms=False).items()})
    phrases.update({tuple(_key(w) for w in k.split()): v.split("|") for k, v in NUMBERS.items()})
    # the civic glossary's own renderings win
    phrases.update({tuple(_key(w) for w in k.split()): v.split("|") for k, v in GLOSSARY.items()})
    return phrases


@lru_cache(maxsize=1)
def _glossary_keys() -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(_key(w) for w in k.split()) for k in GLOSSARY)


def vietnamese_terms(question: str, alternatives: bool = False) -> list[str]:
    """Tone-folded Vietnamese words for an English `question`, in order, without repeats: glossary
    renderings of its phrases (longest first), the Vietnamese names it spells (runs of
    capitalised words that are all Vietnamese syllables: "Vinh Phuc", "Lo Thi Mai") and its
    numbers ("2021", "15/3/2022"). A phrase with several renderings gives its first one, or all
    of them with `alternatives` (for search, where any may match)."""
    out = [w for renderings in _renderings(question) for r in (renderings if alternatives else renderings[:1])
           for w in r.split()]
    return list(dict.fromkeys(out))


def rendering_alternatives(question: str) -> list[tuple[str, str]]:
    """(first rendering, other rendering) of each phrase of an English `question` that the glossary
    renders several ways ("budget": "kinh phi" / "ngan sach"): a sentence that writes the other
    rendering says what the first one does."""
    return [(renderings[0], other) for renderings in _renderings(question) for other in renderings[1:]
            if other != renderings[0]]


# Punctuation around a word; the trailing run is tried only where it starts (linear on ",,,,,a").
_EDGE_PUNCTUATION = re.compile(r"^[^\w']+|(?<![^\w'])[^\w']+$")


# a hyphen between two words of letters: "cooperative-law review", "high-level", "Ba Ria-Vung Tau"
_HYPHEN_JOINED = re.compile(r"(?<=[^\W\d_]{2})-(?=[^\W\d_]{2})")


def _raw_tokens(question: str) -> list[str]:
    """The question split at spaces, words joined by a hyphen apart (`_tokens` and
    `_vietnamese_words` index the same list)."""
    return _HYPHEN_JOINED.sub(" ", question.replace("’", "'")).split()


def _tokens(question: str) -> tuple[list[str], list[str]]:
    """The question's words without surrounding punctuation (words joined by a hyphen apart) nor the
    single quotes around a phrase ("the 'six tasks'"), and the same as names ("Tho's" → "Tho")."""
    words = [_EDGE_PUNCTUATION.sub("", t).strip("'") for t in _raw_tokens(question)]
    return words, [re.sub(r"'s?$", "", w) for w in words]


@lru_cache(maxsize=256)
def _renderings(question: str) -> tuple[tuple[str, ...], ...]:
    """The question as renderings, one tuple per glossary phrase, name word or number (the same
    question is rendered for its terms, phrases, synonyms and search: once)."""
    words, names = _tokens(question)
    keys = [_key(w) for w in words]
    spoken = _vietnamese_words(question, words)
    phrases = _phrases()
    civic = _glossary_keys()
    longest = max(len(p) for p in phrases)
    out: list[tuple[str, ...]] = []
    i = 0
    while i < len(words):
        if i in spoken:  # Vietnamese the question quotes or writes with its tone marks
            out.append((" ".join(re.findall(r"\w+", fold(words[i]).lower())),))
            i += 1
            continue
        role = _role_rendering(keys, i)
        if role:
            rendering, n = role
            out.append(tuple(rendering))
            i += n
            continue
        for n in range(min(longest, len(words) - i), 0, -1):
            renderings = phrases.get(tuple(keys[i:i + n])) if words[i] else None
            if renderings and tuple(keys[i:i + n]) not in civic and _name_run(names, i):
                renderings = None  # "Son" of "Lac Son" is a name, not the common word "son"
            if renderings:
                out.append(tuple(renderings))
                i += n
                break
        else:
            if keys[i] in PLACES:
                out.append((PLACES[keys[i]],))
            elif _NUMBER.fullmatch(words[i]):
                out.append((words[i],))
            elif ordinal := _ORDINAL_NUMBER.fullmatch(words[i]):  # "the 23rd conference": "lần thứ 23"
                out.append((ordinal.group(1),))
            elif keys[i] == "no" and i + 1 < len(words) and _NUMBER.fullmatch(words[i + 1]):
                out.append(("so",))  # "cluster No. 3": "Cụm số 3"
            elif _name_run(names, i) or _foreign_name(names, i):
                out.append((fold(names[i]).lower(),))
            i += 1
    return tuple(out)


def _foreign_name(words: list[str], i: int) -> bool:
    """Whether words[i] is a name that Vietnamese text writes as English does: an acronym ("APEC",
    "UNDP") or a capitalised word of three letters or more inside the question that is no English
    word the renderings know ("Minsk", "Yokohama", "Heineken"). Articles keep such names in Latin
    letters, so they are searched and matched as they are."""
    w = words[i]
    if not w.isascii() or not w.isalpha():
        return False
    if len(w) >= 2 and w.isupper():
        return True
    return (i > 0 and len(w) >= 3 and w[:1].isupper() and w[1:].islower() and w.lower() not in MONTHS
            and _key(w) not in _common_keys())


def foreign_names(question: str) -> set[str]:
    """The words an English question keeps as names written in Latin letters (`_foreign_name`),
    folded: an English word no article holds is among them too, which the reader leaves out
    (`assistant.reading.terms.question_terms`)."""
    words, names = _tokens(question)
    return {fold(names[i]).lower() for i in range(len(words)) if _foreign_name(names, i) and not _name_run(names, i)}


@lru_cache(maxsize=1)
def _common_keys() -> frozenset[str]:
    """The English words (as keyed) of the glossary and of the common words, one word each."""
    return frozenset(word for phrase in _phrases() for word in phrase)


def month_dates(question: str) -> list[str]:
    """The dates an English question writes with a month's name, as Vietnamese writes them:
    "February 10" / "10 February" → "10/2". Only a capitalised month name beside a day's number (a
    month alone, "in May", pins little and "May" opens questions). They are anchors and search
    terms, not content words: "tháng 6" is in every half-year report."""
    words, _ = _tokens(question)
    out = []
    for i, word in enumerate(words):
        month = MONTHS.get(word.lower()) if i > 0 and word[:1].isupper() else None
        if month is None:
            continue
        day = next((words[j] for j in (i + 1, i - 1) if 0 <= j < len(words) and _DAY.fullmatch(words[j])), None)
        if day:
            out.append(f"{day}/{month}")
    return out


_OPENING = "'\"“‘«"
_CLOSING = "'\"”’»"


def _vietnamese_words(question: str, words: list[str]) -> set[int]:
    """The indices of the words an English question writes in Vietnamese: words with Vietnamese
    letters ("Việt", "Đoàn"), and every word of a quotation that holds one ("'Xanh sạch đẹp'"):
    they are matched as they are, not translated."""
    raw = _raw_tokens(question)
    spoken = {i for i, w in enumerate(words) if has_tone_marks(w) and fold(w).isascii()}
    start = None
    for i, token in enumerate(raw):
        if start is None and token[:1] in _OPENING:
            start = i
        if start is not None and (token.rstrip("?.,;:!)")[-1:] in _CLOSING) and (i > start or len(token) > 1):
            quoted = range(start, i + 1)
            if any(j in spoken for j in quoted):
                spoken.update(quoted)
            start = None
    return spoken


# Place names English spells as one word; they are names (anchors) as well as terms.
PLACES = {"hanoi": "ha noi", "haiphong": "hai phong", "danang": "da nang", "saigon": "sai gon"}
_GROUPS = {"bloc": "khoi", "cluster": "cum"}
_BODIES = {"committee", "association", "front", "union", "council", "federation", "assembly", "party"}


def _role_rendering(keys: list[str], i: int) -> tuple[list[str], int] | None:
    """Roles in an emulation bloc or cluster, whose English splits them around the group's name:
    "head of the Lac Son Mountain Districts cluster" → "truong cum" (a deputy: "pho cum"; the name
    is rendered after it), "chaired cluster No. 3" → "truong cum". "Chaired" anything else is
    "chu tri" (chairing a meeting). Returns the renderings and how many words they consume."""
    ahead = next((_GROUPS[k] for k in keys[i + 1:i + 9] if k in _GROUPS), None)
    if keys[i] in ("chair", "chaired", "chairing"):
        # its object: "chaired (the) (emulation) cluster" heads it; "chaired the … Committee" is
        # its chairman; "chaired the conference (of the bloc)" presided over a meeting
        group, body = None, False
        for k in keys[i + 1:i + 7]:
            if k in ("of", "at", "in", "on", "for") or k in _GROUPS:
                group = _GROUPS.get(k)
                break
            body = body or k in _BODIES
        if group:
            return ["truong " + group], 1
        return (["chu tich", "chu tri"] if body else ["chu tri"]), 1
    deputy = keys[i] in ("deputy", "vice")
    at = i + 1 if deputy else i
    if ahead and keys[at:at + 2] == ["head", "of"]:
        n = at + 2 - i + (keys[at + 2:at + 3] == ["the"])
        return [("pho " if deputy else "truong ") + ahead], n
    return None


def vietnamese_names(question: str) -> list[str]:
    """The Vietnamese names an English question spells, folded: "Vinh Phuc", "Lo Thi Mai"."""
    _, names = _tokens(question)
    out: list[str] = []
    run: list[str] = []
    for i in range(len(names) + 1):
        if i < len(names) and _name_run(names, i):
            run.append(fold(names[i]).lower())
            continue
        if run:
            out.append(" ".join(run))
        run = []
        if i < len(names) and _key(names[i]) in PLACES and names[i][:1].isupper():
            out.append(PLACES[_key(names[i])])
    return out


def english_phrase_terms(phrase: str) -> list[str]:
    """The glossary's Vietnamese for one English phrase ("agencies" → ["co", "quan"]), or []."""
    renderings = _phrases().get(tuple(_key(w) for w in phrase.split()))
    return renderings[0].split() if renderings else []


def _name_run(words: list[str], i: int) -> bool:
    """Whether words[i] belongs to a run of two or more capitalised Vietnamese syllables (a lone
    capitalised word may be English: "Which", "Front")."""
    def vietnamese(j: int) -> bool:
        w = words[j] if 0 <= j < len(words) else ""
        folded = fold(w).lower()
        # a capitalised "An", "To" inside a sentence is Vietnamese ("Nghe An"); at its start, English
        return w[:1].isupper() and bool(VIETNAMESE_SYLLABLE.match(folded)) and (j > 0 or folded not in _NOT_NAMES)

    return vietnamese(i) and (vietnamese(i - 1) or vietnamese(i + 1))

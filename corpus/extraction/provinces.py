"""The 63 provinces and centrally-run cities (the list in force before the 2025 merger), with the
spellings found in news text, and the article's province from its title and text."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .text import Doc, Lexicon, Tok

CITIES = ("Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ")
PROVINCES = (
    "An Giang", "Bà Rịa – Vũng Tàu", "Bắc Giang", "Bắc Kạn", "Bạc Liêu", "Bắc Ninh", "Bến Tre",
    "Bình Định", "Bình Dương", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Đắk Lắk",
    "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Tĩnh",
    "Hải Dương", "Hậu Giang", "Hòa Bình", "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum",
    "Lai Châu", "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An", "Nam Định", "Nghệ An", "Ninh Bình",
    "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh",
    "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa",
    "Thừa Thiên Huế", "Tiền Giang", "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
)
assert len(CITIES) + len(PROVINCES) == 63

# Other spellings: (variant, canonical, needs an admin word before it)
_VARIANTS = (
    ("Bà Rịa Vũng Tàu", "Bà Rịa – Vũng Tàu", False),
    ("Bắc Cạn", "Bắc Kạn", False),
    ("Đắc Lắc", "Đắk Lắk", False), ("Đắk Lắc", "Đắk Lắk", False), ("Đăk Lăk", "Đắk Lắk", False),
    ("Daklak", "Đắk Lắk", False), ("Dak Lak", "Đắk Lắk", False),
    ("Đăk Nông", "Đắk Nông", False), ("Đắc Nông", "Đắk Nông", False),
    ("Kontum", "Kon Tum", False),
    ("Thừa Thiên", "Thừa Thiên Huế", False),
    ("Huế", "Thừa Thiên Huế", True),
    ("HCM", "Hồ Chí Minh", True), ("Hồ Chí Minh", "Hồ Chí Minh", True), ("Sài Gòn", "Hồ Chí Minh", True),
)


@dataclass(frozen=True)
class Province:
    name: str          # "Vĩnh Phúc", "Cần Thơ"
    kind: str          # "tỉnh" | "thành phố"
    needs_admin: bool = False

    @property
    def full(self) -> str:
        """"tỉnh Vĩnh Phúc", "thành phố Cần Thơ"."""
        return f"{self.kind} {self.name}"


BY_NAME: dict[str, Province] = {n: Province(n, "thành phố") for n in CITIES}
BY_NAME.update({n: Province(n, "tỉnh") for n in PROVINCES})

LEXICON = Lexicon()
for _name, _p in BY_NAME.items():
    LEXICON.add(_name, _p if _name != "Hồ Chí Minh" else Province(_name, "thành phố", True))
for _variant, _canonical, _needs in _VARIANTS:
    base = BY_NAME[_canonical]
    LEXICON.add(_variant, Province(base.name, base.kind, _needs))


_ADMIN_FIRST = frozenset({"tp", "tphcm", "thanh", "thi", "tinh", "huyen", "quan", "xa", "phuong"})


def admin_word(toks: list[Tok], i: int) -> tuple[int, str] | None:
    """An administrative-level word at token i: (index after it, canonical word).
    "tỉnh", "thành phố", "TP."/"Tp", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn"."""
    if i >= len(toks):
        return None
    t = toks[i]
    if t.kind != "w" or t.f not in _ADMIN_FIRST:
        return None
    if t.f == "tp" and t.text in ("TP", "Tp"):
        j = i + 1
        if j < len(toks) and toks[j].text == "." and toks[j].start == t.end:
            j += 1
        return j, "thành phố"
    if t.f == "tphcm" and t.text.upper() == "TPHCM":
        return None
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if t.is_("thành") and nxt is not None and nxt.is_("phố"):
        return i + 2, "thành phố"
    if t.is_("thị") and nxt is not None and nxt.is_("xã"):
        return i + 2, "thị xã"
    if t.is_("thị") and nxt is not None and nxt.is_("trấn"):
        return i + 2, "thị trấn"
    for w in ("tỉnh", "huyện", "quận", "xã", "phường"):
        if t.is_(w):
            return i + 1, w
    return None


def province_at(toks: list[Tok], i: int, after_admin: bool = False) -> tuple[int, Province] | None:
    """A province name starting at token i (capitalised), or None. Names that are also common
    words or people's names ("Huế", "Hồ Chí Minh") count only after an administrative word."""
    if i >= len(toks) or not toks[i].cap or toks[i].kind != "w":
        return None
    if toks[i].text.upper() == "HCM" and after_admin:
        return i + 1, BY_NAME["Hồ Chí Minh"]
    hit = LEXICON.match(toks, i)
    if hit is None:
        return None
    end, prov = hit
    if prov.needs_admin and not after_admin:
        return None
    # every word of a province name is capitalised
    if not all(t.cap for t in toks[i:end] if t.kind == "w"):
        return None
    return end, BY_NAME[prov.name]


def special_city(toks: list[Tok], i: int) -> tuple[int, Province] | None:
    """"TP.HCM", "TPHCM", "TP HCM" (one or more tokens) → Hồ Chí Minh."""
    t = toks[i]
    if t.kind == "w" and t.text.upper() == "TPHCM":
        return i + 1, BY_NAME["Hồ Chí Minh"]
    return None


def detect_province(doc: Doc) -> Province | None:
    """The article's province: title mentions weigh most, then "tỉnh X"/"TP. X" in the text,
    then bare capitalised mentions not glued to other capitalised words."""
    scores: Counter[str] = Counter()
    if doc.title:
        title_doc = Doc(doc.title)
        for name, _strong in _mentions(title_doc.toks):
            scores[name] += 6
    first_seen: dict[str, int] = {}
    for k, (_, name, strong) in enumerate(_all_mentions(doc)):
        scores[name] += 2 if strong else 1
        first_seen.setdefault(name, k)
    if not scores:
        return None
    best = max(scores, key=lambda n: (scores[n], -first_seen.get(n, 10**9)))
    return BY_NAME[best]


def explicit_mentions(doc: Doc) -> list[tuple[int, Province]]:
    """(offset, province) for every "tỉnh X" / "TP. X" / "thành phố X" in the text."""
    return [(doc.toks[i].start, BY_NAME[name]) for i, name, strong in _all_mentions(doc) if strong]


def _all_mentions(doc: Doc) -> list[tuple[int, str, bool]]:
    cached = getattr(doc, "_province_mentions", None)
    if cached is None:
        cached = list(_mentions(doc.toks, with_index=True))
        doc._province_mentions = cached
    return cached


def _mentions(toks: list[Tok], with_index: bool = False):
    i = 0
    n = len(toks)

    def out(start: int, name: str, strong: bool):
        return (start, name, strong) if with_index else (name, strong)

    while i < n:
        sc = special_city(toks, i)
        if sc:
            yield out(i, sc[1].name, True)
            i = sc[0]
            continue
        adm = admin_word(toks, i)
        if adm and adm[1] in ("tỉnh", "thành phố"):
            hit = province_at(toks, adm[0], after_admin=True)
            if hit:
                yield out(i, hit[1].name, True)
                i = hit[0]
                continue
            i = adm[0]
            continue
        hit = province_at(toks, i)
        if hit:
            end, prov = hit
            before = toks[i - 1] if i > 0 else None
            after = toks[end] if end < n else None
            glued = (before is not None and before.kind == "w" and before.cap) or (
                after is not None and after.kind == "w" and after.cap
            )
            if not glued:
                yield out(i, prov.name, False)
            i = end
            continue
        i += 1

"""Parsing one organisation mention at a token: the head from the gazetteer, the capitalised-run
rule for names not in it, administrative suffixes.

An organisation mention is parsed as

    [prefix org-head] HEAD [BODY] [ADMIN [PLACE] | PLACE | national marker]

- HEAD comes from the gazetteer ("Sở", "Cục", "Công an", "Tòa án nhân dân", "UBND", "Khối thi
  đua" …); its first word must be capitalised (a lower-case "sở" in "cơ sở" is not a head).
- BODY is the longest gazetteer name ("Tư pháp", "Thi hành án dân sự", "Thi đua – Khen thưởng")
  or, failing that, a run of capitalised words, each optionally followed by one lower-case
  syllable that is not a function word ("Trường Đại học Mây Xanh").
- ADMIN is "tỉnh", "thành phố"/"TP.", "huyện", "quận", "thị xã", "xã", "phường"; PLACE a province
  from the 63 or a capitalised run.

Collective references ("Công an các cấp", "Hội Nông dân 09 huyện", "Tòa án nhân dân hai cấp")
and generic ones ("Công an xã", a bare "Sở") are not organisations.
"""
from __future__ import annotations

from .gazetteer import (
    ABBREVIATED_HEADS,
    BODIES,
    COLLECTIVE_AFTER,
    COUNTRIES,
    FOREIGN_INTRO,
    HEADS,
    NATIONAL,
    NEEDS_PLACE,
    PLACE_AFTER,
    PLACE_NAMED,
    TITLES,
    UNIT_HEADS,
    Head,
)
from .names import is_stop, is_surname
from .org_names import OrgMention
from .provinces import admin_word, province_at, special_city
from .text import DASHES, Tok, WordSet, canon


def head_at(toks: list[Tok], i: int, allow_lower: bool = False) -> tuple[int, Head] | None:
    """The organisation head at token i: (index after it, head), or None."""
    if i >= len(toks):
        return None
    t = toks[i]
    if t.kind != "w":
        return None
    hit = HEADS.match(toks, i)
    if hit is None:
        return None
    end, head = hit
    if head.mode == "bloc":
        if not t.cap and not (end - i >= 2):  # "khối thi đua …" may be lower case, bare "khối" not
            return None
        return hit
    if not t.cap and not allow_lower:
        return None
    if end - i == 1 and t.f in ABBREVIATED_HEADS and not t.text.isupper():
        return None  # abbreviations count only in capitals ("UBND", not "Ubnd")
    return hit



def org_starts(toks: list[Tok], i: int) -> bool:
    """An organisation (not just a head word: "Khoa" in "Ủy ban Khoa học") starts at token i."""
    return head_at(toks, i) is not None and parse_org(toks, i) is not None


def is_person_start(toks: list[Tok], i: int) -> bool:
    """A family name followed by another capitalised word: the start of a person's name."""
    if i + 1 >= len(toks):
        return False
    return is_surname(toks[i]) and toks[i + 1].kind == "w" and toks[i + 1].cap and not toks[i + 1].upper


def _cap_run(toks: list[Tok], i: int, max_units: int = 8, stop_at_person: bool = True) -> int:
    """End of a capitalised-run name starting at i (i itself when there is none)."""
    j = i
    n = len(toks)
    units = 0
    while j < n and units < max_units:
        t = toks[j]
        if t.kind == "w" and (t.cap or t.upper):
            if units > 0 and (org_starts(toks, j) or province_at(toks, j) or _city_or_province_word(toks, j)
                              or (stop_at_person and is_person_start(toks, j)) or NATIONAL.match(toks, j)
                              or _foreign_at(toks, j) or t.start - toks[j - 1].end > 1):
                break
            if units == 0 and stop_at_person and is_person_start(toks, j) and j > i:
                break
            if len(t.text) == 1 and units == 0:
                break  # "Ủy ban T.Ư": a lone letter is not a name
            glued = (j > i and toks[j - 1].kind == "w" and toks[j - 1].cap and not toks[j - 1].upper) or t.upper
            j += 1
            units += 1
            # the lower-case second syllable of a word ("Tư pháp"), not after a proper name
            # of several capitalised words ("Công ty Cường Hưng đầu tư")
            if not glued and j < n and toks[j].kind == "w" and not toks[j].cap and not is_stop(toks[j]) \
                    and admin_word(toks, j) is None:
                j += 1
            continue
        if units > 0 and t.kind == "p" and (t.text in DASHES or t.text in ",&") and j + 1 < n:
            nxt = toks[j + 1]
            if nxt.kind == "w" and nxt.cap and len(nxt.text) > 1 and not head_at(toks, j + 1) \
                    and not province_at(toks, j + 1) and not is_person_start(toks, j + 1) \
                    and not _city_or_province_word(toks, j + 1) and not (t.text == "," and _title_at(toks, j + 1)):
                j += 1
                continue
            break
        if units > 0 and t.kind == "w" and t.is_("và") and j + 1 < n:
            nxt = toks[j + 1]
            if nxt.kind == "w" and nxt.cap and not org_starts(toks, j + 1) and not province_at(toks, j + 1) and not is_person_start(toks, j + 1):
                j += 1
                continue
        break
    return j


_VERBS = WordSet("cần phải nắm tăng đẩy nêu tiến giúp lên xây đã đang sẽ được bị nhằm trực tiếp báo công thông "
                 "kiểm triển trình hiện quyết vẫn luôn rất tập")


def _lower_run(toks: list[Tok], j: int, limit: int = 10, allow_cap: bool = True) -> int:
    """Descriptive words that continue a name ("thi hành án dân sự", "giống chè Shan tuyết Lạc Sơn")."""
    k = j
    n = len(toks)
    while k < n and k - j < limit:
        t = toks[k]
        if t.kind != "w" or (t.cap and not allow_cap) or is_stop(t) or t in _VERBS or admin_word(toks, k) \
                or province_at(toks, k) or NATIONAL.match(toks, k) \
                or is_person_start(toks, k) or (t.cap and org_starts(toks, k)):
            break
        k += 1
    return k


def _title_at(toks: list[Tok], j: int) -> bool:
    return TITLES.match(toks, j) is not None


def _city_or_province_word(toks: list[Tok], j: int) -> bool:
    """"TP.", "Thành phố", "tỉnh" (but not "Xã hội", "Huyện đoàn")."""
    adm = admin_word(toks, j)
    return adm is not None and adm[1] in ("thành phố", "tỉnh") and head_at(toks, j) is None


def place_run(toks: list[Tok], i: int) -> int:
    """A district/commune/city name after an admin word: 1–3 capitalised words (or an
    abbreviation like "HCM"); stops before a person's name after the first two words."""
    j = i
    n = len(toks)
    while j < n and j - i < 4:
        t = toks[j]
        if t.kind == "n" and j == i:
            return j  # "huyện 1"? not a name
        if t.kind != "w" or not (t.cap or t.upper):
            break
        if j - i >= 2 and (is_person_start(toks, j) or head_at(toks, j)):
            break
        if j > i and head_at(toks, j):
            break
        j += 1
    if j - i >= 2 and is_surname(toks[i]) and toks[i + 1] in _MIDDLE_NAMES:
        return i  # "Phó Chủ tịch UBND TP Lê Hồng Sơn": a person, not a place
    return j


_MIDDLE_NAMES = WordSet("Văn Thị Ngọc Hữu Đức Minh Quang Xuân Thanh Công Đình Hồng Quốc Tiến Trọng Thế Kim Mạnh Duy Anh Bá Viết Quý Đăng Trung Hoàng")


def _admin_suffix(toks: list[Tok], j: int, m: OrgMention) -> int:
    """Parse ADMIN [PLACE] | PLACE | national marker after token j; fill m; return the new end."""
    n = len(toks)
    if j >= n:
        return j
    sc = special_city(toks, j)
    if sc:
        m.admin, m.province = "thành phố", sc[1]
        return sc[0]
    adm = admin_word(toks, j) if head_at(toks, j) is None else None
    if adm is not None:
        k, word = adm
        if word in ("tỉnh", "thành phố"):
            hit = province_at(toks, k, after_admin=True)
            if hit and (word == "tỉnh" or hit[1].kind == "thành phố" or True):
                if word == "thành phố" and hit[1].kind == "tỉnh":
                    # "thành phố Thái Bình" is a city inside a province, not the province
                    m.admin, m.place = "thành phố", canon(" ".join(t.text for t in toks[k:hit[0]]))
                    return hit[0]
                m.admin, m.province = word, hit[1]
                return hit[0]
        e = place_run(toks, k)
        if e > k:
            m.admin, m.place = word, canon(" ".join(t.text for t in toks[k:e]))
            return e
        m.admin = word
        return k
    hit = province_at(toks, j)
    if hit:
        m.province = hit[1]
        return hit[0]
    foreign = _foreign_at(toks, j)
    if foreign is not None:
        m.national = foreign[1]
        return foreign[0]
    nat = NATIONAL.match(toks, j)
    if nat and (toks[j].cap or toks[j].f in ("toi", "cap", "trung")):
        m.national = nat[1]
        return nat[0]
    return j


def collective_after(toks: list[Tok], j: int) -> bool:
    if j >= len(toks):
        return False
    t = toks[j]
    if t.kind == "n":
        return True
    if t.kind == "w" and not t.cap:
        hit = COLLECTIVE_AFTER.match(toks, j)
        if hit:
            return True
    return False


def parse_org(toks: list[Tok], i: int, allow_lower: bool = False, _depth: int = 0) -> OrgMention | None:
    """The organisation mention starting at token i, or None."""
    h = head_at(toks, i, allow_lower)
    if h is None:
        return None
    j, head = h
    m = OrgMention(i=i, j=j, start=toks[i].start, end=toks[j - 1].end, head=head)
    n = len(toks)
    if head.mode == "bloc":
        return _parse_bloc(toks, i, j, m)
    if j < n and head.canonical == "Bộ" and toks[j].is_("luật"):
        return None  # "Bộ Luật Hình sự" is a code of law
    if j < n and head.org_type in ("party", "youth_union") and toks[j].is_("viên"):
        return None  # "Thành ủy viên" is a title
    if head.mode == "prefix":
        if _depth < 2 and j < n:
            inner = parse_org(toks, j, _depth=_depth + 1)
            if inner is not None and head.canonical == "Thường trực" and not (
                    inner.head.org_type == "council" or inner.head.canonical in PLACE_AFTER):
                inner = None  # "Thường trực HĐND tỉnh", "Thường trực Tỉnh ủy"; not "Thường trực Ban Bí thư" (a title)
            if inner is not None and not inner.is_bloc:
                m.inner = inner
                j = inner.j
                m.j, m.end = j, toks[j - 1].end
                return m
        if head.canonical == "Chi nhánh":
            k = _admin_suffix(toks, j, m)
            if k > j and (m.province or m.place or m.admin in ("tỉnh", "thành phố")):
                m.j, m.end = k, toks[k - 1].end
                return m
        if not head.fallback:
            return None
    if head.mode in ("body", "prefix"):
        b = BODIES.match(toks, j) if j < n and (toks[j].cap or toks[j].upper) else None
        if b is not None:
            (m.body, is_open), j = b[1], b[0]
            if is_open == "lower":
                e = _lower_run(toks, j)
                if e > j:
                    m.body = m.body + " " + rejoin(toks, j, e)
                    j = e
            elif is_open and j < n and toks[j].kind == "w" and (toks[j].cap or toks[j].upper) \
                    and not head_at(toks, j) and not province_at(toks, j):
                e = _cap_run(toks, j, max_units=4, stop_at_person=False)
                if e > j:
                    m.body = m.body + " " + rejoin(toks, j, e)
                    j = e
        elif head.fallback and j < n and toks[j].kind == "w" and (toks[j].cap or toks[j].upper) \
                and not is_person_start(toks, j) and not province_at(toks, j) and not org_starts(toks, j) \
                and not toks[j].is_("Phó"):
            e = _cap_run(toks, j)
            if e == j:
                return None
            if not toks[e - 1].cap and toks[e - 1].kind == "w":
                # "Cục Chống tham nhũng", "Chi cục Bảo vệ môi trường": more lower-case words
                e = _lower_run(toks, e, limit=4, allow_cap=False)
            m.body = rejoin(toks, j, e)
            j = e
        elif head.canonical in PLACE_NAMED and j < n and province_at(toks, j):
            # "Báo Lâm Đồng", "Đài Nghệ An": the province is the name
            e, prov = province_at(toks, j)
            m.body = rejoin(toks, j, e)
            m.j, m.end = e, toks[e - 1].end
            return m
        elif head.canonical in UNIT_HEADS and j < n and head_at(toks, j) and _depth < 2:
            # "Văn phòng UBND tỉnh", "Phòng Cảnh sát … Công an tỉnh": a unit of another organisation
            inner = parse_org(toks, j, _depth=_depth + 1)
            if inner is None or inner.is_bloc:
                return None
            m.inner = inner
            m.j, m.end = inner.j, inner.end
            return m
        else:
            return None
    elif head.mode == "admin" and j < n:
        b = BODIES.match(toks, j) if head.canonical == "Thanh tra" and toks[j].cap else None
        if b is not None:
            m.body = b[1][0]
            j = b[0]
    # distributed list: "UBND các huyện: Bảo Lâm, Di Linh …" is handled by the scanner
    k = _admin_suffix(toks, j, m)
    if k == j and head.canonical in PLACE_AFTER and j < n and toks[j].kind == "w" and toks[j].cap \
            and not head_at(toks, j) and not is_person_start(toks, j):
        # "Huyện ủy Tuy Phước", "Thành ủy Quy Nhơn"
        e = place_run(toks, j)
        if e > j:
            m.place = canon(" ".join(t.text for t in toks[j:e]))
            k = e
    if k == j and head.canonical in NEEDS_PLACE:
        return None  # a bare "Huyện ủy" does not say which district
    if k == j and head.mode == "admin" and m.body is None:
        return None  # "Công an", "Tòa án" alone are generic
    if head.mode == "admin" and m.province is None and m.place is None and m.national is None \
            and m.admin not in ("tỉnh", "thành phố") and m.body is None:
        return None  # "Công an xã", "UBND huyện" without a name
    j = k
    m.j, m.end = j, toks[j - 1].end
    # a unit that belongs to the organisation right after it: "Ban Tuyên giáo Tỉnh ủy"
    if _depth < 2 and m.admin is None and m.place is None and m.province is None and m.national is None \
            and head.mode in ("body", "prefix", "bare") and j < n and toks[j].start == toks[j - 1].end + 1 \
            and toks[j].kind == "w" and toks[j].cap:
        inner = parse_org(toks, j, _depth=_depth + 1)
        if inner is not None and head.mode == "bare" and inner.head.canonical != "Chi nhánh":
            inner = None
        if inner is not None and not inner.is_bloc and not collective_after(toks, inner.j):
            m.inner = inner
            m.j, m.end = inner.j, inner.end
    return m


def rejoin(toks: list[Tok], i: int, j: int) -> str:
    """The words of toks[i:j] as written, with normal spacing around punctuation."""
    out = ""
    for k in range(i, j):
        t = toks[k]
        if k > i:
            gap = t.start - toks[k - 1].end
            out += " " if gap > 0 else ""
        out += t.text
    return canon(out)


_BLOC_STOP = WordSet("gồm tổ ký đã là làm có được trong năm đề sẽ tiếp thống phấn cần với để đạt tại cho đều")


_BLOC_MEMBERS = WordSet("cơ quan đơn vị huyện quận địa phương sở ngành doanh nghiệp trường xã phường thị thành ban hội")


def _bloc_body_ends(toks: list[Tok], e: int) -> bool:
    """An admin word ends a lower-case bloc name when it is "tỉnh"/"thành phố" or names a place
    ("các huyện vùng cao tỉnh Lạc Sơn" ends before "tỉnh", not at "huyện")."""
    adm = admin_word(toks, e)
    if adm is None:
        return False
    if adm[1] in ("tỉnh", "thành phố"):
        return True
    return adm[0] < len(toks) and toks[adm[0]].kind == "w" and toks[adm[0]].cap


def _parse_bloc(toks: list[Tok], i: int, j: int, m: OrgMention) -> OrgMention | None:
    """"Khối thi đua Nội chính tỉnh", "Cụm thi đua số 7 – các huyện vùng cao tỉnh Lạc Sơn",
    "Khối thi đua các cơ quan kinh tế tổng hợp tỉnh Lạc Sơn", "Cụm thi đua số 2 của TP. Lạc Sơn"."""
    n = len(toks)
    # "Khối" alone must be followed by "thi đua" or a capitalised name ("Khối Nội chính")
    if j < n and toks[j].is_("số") and j + 1 < n and toks[j + 1].kind == "n":
        m.bloc_number = toks[j + 1].text
        j += 2
    if j < n and toks[j].text in DASHES:
        j += 1
    if j < n and toks[j].kind == "w" and toks[j].cap and not head_at(toks, j) and not province_at(toks, j):
        e = _cap_run(toks, j, max_units=5)
        if e > j:
            m.body = rejoin(toks, j, e)
            j = e
    elif j < n and toks[j].is_("các") and (j - i >= 3 or (j + 1 < n and toks[j + 1] in _BLOC_MEMBERS)):
        e = j + 1
        while e < n and e - j < 10 and toks[e].kind == "w" and not toks[e].is_("của") \
                and not (not toks[e].cap and toks[e] in _BLOC_STOP) and not _bloc_body_ends(toks, e):
            e += 1
        if e - j >= 2:
            m.body = rejoin(toks, j, e)
            j = e
    if m.body is None and m.bloc_number is None:
        # bare "Khối", "Cụm thi đua": a reference to the article's bloc, not a new name
        m.j, m.end = j if j > i else i + 1, toks[(j if j > i else i + 1) - 1].end
        m.body = None
        m.context = "reference"
        return m
    k = j
    if k < n and toks[k].is_("của"):
        k2 = _admin_suffix(toks, k + 1, m)
        k = k2 if k2 > k + 1 else k
    else:
        k = _admin_suffix(toks, k, m)
    m.j, m.end = k, toks[k - 1].end
    return m


def _foreign_at(toks: list[Tok], j: int) -> tuple[int, str] | None:
    """"Cuba", "Đảng Cộng sản Cuba", "nước Cộng hòa Liên bang Myanmar" after a head: a foreign body."""
    n = len(toks)
    k = j
    intro = FOREIGN_INTRO.match(toks, j) if j < n else None
    if intro is not None:
        k = intro[0]
    hit = COUNTRIES.match(toks, k) if k < n and toks[k].cap else None
    if hit is not None:
        return hit[0], rejoin(toks, j, hit[0])
    if k + 2 < n and toks[k].cap and toks[k].kind == "w" and toks[k + 1].text == "-" \
            and toks[k + 1].start == toks[k].end and toks[k + 2].kind == "w" and not toks[k + 2].cap:
        e = k + 1
        while e + 1 < n and toks[e].text == "-" and toks[e + 1].kind == "w" and toks[e].start == toks[e - 1].end:
            e += 2
        return e, rejoin(toks, j, e)  # "Pa-ki-xtan": a transliterated foreign name
    if intro is not None and intro[1] == "nước" and k < n and toks[k].cap:
        e = _cap_run(toks, k, max_units=6, stop_at_person=False)
        if e > k:
            return e, rejoin(toks, j, e)
    return None

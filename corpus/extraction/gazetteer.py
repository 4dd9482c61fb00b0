"""The token lexicons of the extraction rules, compiled from the word lists in `corpus.lexicon`
(organisation heads and bodies, titles, honorifics) plus the small gazetteers only these rules
use (national complements, countries, collective complements). Tables only: the rules that use
them are in `org_parser` and `people`."""
from __future__ import annotations

from dataclasses import dataclass

from ..lexicon import (
    BODY_ABBREVIATIONS,
    CORE_TITLES,
    OPEN_BODIES,
    OPEN_LOWER_BODIES,
    ORG_BODIES,
    ORG_HEADS,
)
from ..lexicon import HONORIFICS as _HONORIFIC_WORDS
from .text import Lexicon


@dataclass(frozen=True)
class Head:
    canonical: str
    mode: str          # admin | body | bare | prefix | bloc
    org_type: str
    fallback: bool = False      # may take a capitalised-run body not in the gazetteer
    provincial: bool = False    # a bare mention is the province's own agency (Sở …)


HEADS = Lexicon()
for _s, _c, _mode, _type, _fb in ORG_HEADS:
    HEADS.add(_s, Head(_c, _mode, _type, _fb, provincial=_c == "Sở"))

BODIES = Lexicon()
for _text, _open in ((OPEN_LOWER_BODIES, "lower"), (OPEN_BODIES, True), (ORG_BODIES, False)):
    for _line in _text.strip().splitlines():
        for _b in _line.split("|"):
            _b = _b.strip()
            if _b:
                BODIES.add(_b, (_b, _open))
                if " và " in _b:
                    BODIES.add(_b.replace(" và ", " & "), (_b, _open))
for _abbr, _full in BODY_ABBREVIATIONS.items():
    BODIES.add(_abbr, (_full, False))
# heads whose name can be another organisation ("Văn phòng UBND tỉnh", "Phòng … Công an tỉnh")
UNIT_HEADS = frozenset({"Văn phòng", "Phòng", "Trung tâm", "Chi nhánh"})
PLACE_NAMED = frozenset({"Báo", "Đài", "Tạp chí"})
PLACE_AFTER = frozenset({"Tỉnh ủy", "Thành ủy", "Huyện ủy", "Quận ủy", "Thị ủy", "Tỉnh đoàn", "Thành đoàn", "Huyện đoàn"})
NEEDS_PLACE = frozenset({"Huyện ủy", "Quận ủy", "Thị ủy", "Huyện đoàn"})

# Complements that make an "admin" head complete without a place ("Tòa án nhân dân tối cao").
NATIONAL = Lexicon([
    ("tối cao", "tối cao"), ("cấp cao", "cấp cao"), ("Việt Nam", "Việt Nam"),
    ("Trung ương", "Trung ương"), ("trung ương", "Trung ương"), ("Chính phủ", "Chính phủ"), ("quốc gia", "quốc gia"),
    ("Quốc gia", "Quốc gia"),
])

COUNTRY_NAMES = (
    "Lào", "Campuchia", "Trung Quốc", "Nhật Bản", "Hàn Quốc", "Triều Tiên", "Hoa Kỳ", "Mỹ", "Nga", "Liên bang Nga",
    "Pháp", "Đức", "Anh", "Italy", "Cuba", "Singapore", "Thái Lan", "Malaysia", "Indonesia", "Philippines",
    "Myanmar", "Ấn Độ", "Australia", "Úc", "Canada", "Belarus", "Ukraine", "Hungary", "Ba Lan", "Séc",
)
COUNTRIES = Lexicon([(c, c) for c in COUNTRY_NAMES])
FOREIGN_INTRO = Lexicon([("Đảng Cộng sản", "Đảng Cộng sản"), ("Đảng Nhân dân Cách mạng", "Đảng Nhân dân Cách mạng"),
                         ("nước", "nước"), ("Nhà nước", "Nhà nước"), ("Cộng hòa", "Cộng hòa"),
                         ("nước Cộng hòa", "nước"), ("Vương quốc", "Vương quốc"), ("Liên bang", "Liên bang")])

# Words after a head that make the mention collective or generic, not one organisation.
COLLECTIVE_AFTER = Lexicon([(w, True) for w in (
    "các cấp", "hai cấp", "ba cấp", "bốn cấp", "cấp huyện", "cấp tỉnh", "cấp xã", "cấp cơ sở",
    "cùng cấp", "cơ sở", "các tỉnh", "các huyện", "các quận", "các xã", "các phường", "các địa phương",
    "các đơn vị", "các thành phố", "địa phương", "cấp trên", "cấp dưới", "cấp", "hai nước", "các nước",
    "hai bên", "hai bộ", "các bộ", "hai ngành",
)])
# Abbreviated heads (folded): they count only written in capitals ("UBND", not "Ubnd").
ABBREVIATED_HEADS = frozenset({"ubnd", "hdnd", "mttq", "tand", "vksnd", "bchqs", "ldld", "kbnn", "bhxh", "nhcsxh"})

# Titles with the organisation heads they imply (people: "Phó Giám đốc Công an tỉnh").
TITLES = Lexicon()
for _core, _heads in CORE_TITLES.items():
    for _prefix in ("", "Phó ", "Quyền ", "Nguyên ", "Phó Bí thư ", ):
        if _prefix == "Phó Bí thư " and _core not in ("Bí thư",):
            continue
        TITLES.add(_prefix + _core, (_prefix + _core, _heads))
TITLES.add("Phó Bí thư", ("Phó Bí thư", CORE_TITLES["Bí thư"]))
HONORIFICS = Lexicon([(w, w) for w in _HONORIFIC_WORDS])

"""Organisations: a gazetteer of Vietnamese agency heads and names, the capitalised-run rule for
names not in it, administrative suffixes, and linking to the article's province.

An organisation mention is parsed as

    [prefix org-head] HEAD [BODY] [ADMIN [PLACE] | PLACE | national marker]

- HEAD comes from the gazetteer ("Sở", "Cục", "Công an", "Tòa án nhân dân", "UBND", "Khối thi
  đua" …); its first word must be capitalised (a lower-case "sở" in "cơ sở" is not a head).
- BODY is the longest gazetteer name ("Tư pháp", "Thi hành án dân sự", "Thi đua – Khen thưởng")
  or, failing that, a run of capitalised words, each optionally followed by one lower-case
  syllable that is not a function word ("Trường Đại học Đà Lạt").
- ADMIN is "tỉnh", "thành phố"/"TP.", "huyện", "quận", "thị xã", "xã", "phường"; PLACE a province
  from the 63 or a capitalised run.

The canonical name expands abbreviations (UBND → Ủy ban nhân dân, TP. → thành phố), uses modern
tone placement, and adds the article's province when the text leaves it implicit: "Công an tỉnh"
in a Lạc Sơn article is "Công an tỉnh Lạc Sơn", "Sở Tư pháp" is "Sở Tư pháp tỉnh Lạc Sơn".
Collective references ("Công an các cấp", "Hội Nông dân 09 huyện", "Tòa án nhân dân hai cấp")
and generic ones ("Công an xã", a bare "Sở") are not organisations.
"""
from __future__ import annotations

from dataclasses import dataclass

from .names import is_stop, is_surname
from .provinces import Province, admin_word, province_at, special_city
from .text import DASHES, Doc, Lexicon, Tok, WordSet, canon, key


@dataclass(frozen=True)
class Head:
    canonical: str
    mode: str          # admin | body | bare | prefix | bloc
    org_type: str
    fallback: bool = False      # may take a capitalised-run body not in the gazetteer
    provincial: bool = False    # a bare mention is the province's own agency (Sở …)


# (surface, canonical, mode, type, fallback)
_HEADS = [
    ("Công an", "Công an", "admin", "police", False),
    ("Tòa án nhân dân", "Tòa án nhân dân", "admin", "court", False),
    ("TAND", "Tòa án nhân dân", "admin", "court", False),
    ("Viện Kiểm sát nhân dân", "Viện Kiểm sát nhân dân", "admin", "procuracy", False),
    ("VKSND", "Viện Kiểm sát nhân dân", "admin", "procuracy", False),
    ("Bộ Chỉ huy Quân sự", "Bộ Chỉ huy Quân sự", "admin", "military", False),
    ("BCHQS", "Bộ Chỉ huy Quân sự", "admin", "military", False),
    ("Bộ Chỉ huy Bộ đội Biên phòng", "Bộ Chỉ huy Bộ đội Biên phòng", "admin", "military", False),
    ("Bộ đội Biên phòng", "Bộ đội Biên phòng", "admin", "military", False),
    ("Ban Chỉ huy Quân sự", "Ban Chỉ huy Quân sự", "admin", "military", False),
    ("Ủy ban nhân dân", "Ủy ban nhân dân", "admin", "government", False),
    ("UBND", "Ủy ban nhân dân", "admin", "government", False),
    ("Hội đồng nhân dân", "Hội đồng nhân dân", "admin", "council", False),
    ("HĐND", "Hội đồng nhân dân", "admin", "council", False),
    ("Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", "bare", "front", False),
    ("Ủy ban Trung ương MTTQ Việt Nam", "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", "bare", "front", False),
    ("Ủy ban Trung ương Mặt trận Tổ quốc", "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", "bare", "front", False),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam", "Ủy ban Mặt trận Tổ quốc Việt Nam", "bare", "front", False),
    ("Ủy ban MTTQ Việt Nam", "Ủy ban Mặt trận Tổ quốc Việt Nam", "bare", "front", False),
    ("Ủy ban Mặt trận Tổ quốc", "Ủy ban Mặt trận Tổ quốc", "admin", "front", False),
    ("Ủy ban MTTQ", "Ủy ban Mặt trận Tổ quốc", "admin", "front", False),
    ("Mặt trận Tổ quốc Việt Nam", "Mặt trận Tổ quốc Việt Nam", "bare", "front", False),
    ("MTTQ Việt Nam", "Mặt trận Tổ quốc Việt Nam", "bare", "front", False),
    ("Mặt trận Tổ quốc", "Mặt trận Tổ quốc", "admin", "front", False),
    ("MTTQ", "Mặt trận Tổ quốc", "admin", "front", False),
    ("Thanh tra", "Thanh tra", "admin", "inspectorate", False),
    ("Liên đoàn Lao động", "Liên đoàn Lao động", "admin", "union", False),
    ("LĐLĐ", "Liên đoàn Lao động", "admin", "union", False),
    ("Tổng Liên đoàn Lao động Việt Nam", "Tổng Liên đoàn Lao động Việt Nam", "bare", "union", False),
    ("Kho bạc Nhà nước", "Kho bạc Nhà nước", "bare", "treasury", False),
    ("KBNN", "Kho bạc Nhà nước", "bare", "treasury", False),
    ("Bảo hiểm xã hội", "Bảo hiểm xã hội", "admin", "social_insurance", False),
    ("BHXH", "Bảo hiểm xã hội", "admin", "social_insurance", False),
    ("Ngân hàng Nhà nước", "Ngân hàng Nhà nước", "bare", "bank", False),
    ("Ngân hàng Chính sách xã hội", "Ngân hàng Chính sách xã hội", "bare", "bank", False),
    ("NHCSXH", "Ngân hàng Chính sách xã hội", "bare", "bank", False),
    ("Ngân hàng Nông nghiệp và Phát triển nông thôn", "Ngân hàng Nông nghiệp và Phát triển nông thôn", "bare", "bank", False),
    ("Đài Phát thanh và Truyền hình", "Đài Phát thanh và Truyền hình", "bare", "media", False),
    ("Đài Phát thanh – Truyền hình", "Đài Phát thanh – Truyền hình", "bare", "media", False),
    ("Tỉnh đoàn", "Tỉnh đoàn", "bare", "youth_union", False),
    ("Thành đoàn", "Thành đoàn", "bare", "youth_union", False),
    ("Huyện đoàn", "Huyện đoàn", "bare", "youth_union", False),
    ("Đoàn Thanh niên Cộng sản Hồ Chí Minh", "Đoàn Thanh niên Cộng sản Hồ Chí Minh", "admin", "youth_union", False),
    ("Đoàn TNCS Hồ Chí Minh", "Đoàn Thanh niên Cộng sản Hồ Chí Minh", "admin", "youth_union", False),
    ("Đoàn Thanh niên", "Đoàn Thanh niên", "admin", "youth_union", False),
    ("Tỉnh ủy", "Tỉnh ủy", "bare", "party", False),
    ("Thành ủy", "Thành ủy", "bare", "party", False),
    ("Huyện ủy", "Huyện ủy", "bare", "party", False),
    ("Quận ủy", "Quận ủy", "bare", "party", False),
    ("Thị ủy", "Thị ủy", "bare", "party", False),
    ("Đảng ủy", "Đảng ủy", "admin", "party", False),
    ("Bộ Chính trị", "Bộ Chính trị", "bare", "party", False),
    ("Ban Bí thư", "Ban Bí thư", "bare", "party", False),
    ("Ban Chấp hành Trung ương", "Ban Chấp hành Trung ương", "bare", "party", False),
    ("Chính phủ", "Chính phủ", "bare", "government", False),
    ("Quốc hội", "Quốc hội", "bare", "legislature", False),
    ("Ủy ban Thường vụ Quốc hội", "Ủy ban Thường vụ Quốc hội", "bare", "legislature", False),
    ("Văn phòng Chính phủ", "Văn phòng Chính phủ", "bare", "government", False),
    ("Kiểm toán Nhà nước", "Kiểm toán Nhà nước", "bare", "audit", False),
    ("Trung ương Đoàn", "Trung ương Đoàn", "bare", "youth_union", False),
    ("Liên minh Hợp tác xã", "Liên minh Hợp tác xã", "admin", "association", False),
    # heads that need a name
    ("Sở", "Sở", "body", "department", True),
    ("Cục", "Cục", "body", "department", True),
    ("Chi cục", "Chi cục", "body", "department", True),
    ("Tổng cục", "Tổng cục", "body", "department", True),
    ("Ban", "Ban", "body", "committee", True),
    ("Hội", "Hội", "body", "association", True),
    ("Hiệp hội", "Hiệp hội", "body", "association", True),
    ("Liên đoàn", "Liên đoàn", "body", "association", True),
    ("Bộ", "Bộ", "body", "ministry", False),  # ministries are a closed list (no "Bộ Quy tắc …")
    ("Đội", "Đội", "body", "team", True),
    ("Trung tâm", "Trung tâm", "body", "centre", True),
    ("Trường", "Trường", "body", "school", False),
    ("Viện", "Viện", "body", "institute", True),
    ("Học viện", "Học viện", "body", "school", True),
    ("Bệnh viện", "Bệnh viện", "body", "hospital", True),
    ("Báo", "Báo", "body", "media", True),
    ("Tạp chí", "Tạp chí", "body", "media", True),
    ("Đài", "Đài", "body", "media", True),
    ("Công ty", "Công ty", "body", "company", True),
    ("Tổng công ty", "Tổng công ty", "body", "company", True),
    ("Tập đoàn", "Tập đoàn", "body", "company", True),
    ("Ngân hàng", "Ngân hàng", "body", "bank", True),
    ("Phòng", "Phòng", "body", "office", True),
    ("Văn phòng", "Văn phòng", "prefix", "office", True),
    ("Khoa", "Khoa", "body", "faculty", True),
    ("Ủy ban", "Ủy ban", "body", "committee", True),
    ("Hội đồng", "Hội đồng", "body", "council", True),
    # heads that take another organisation as their name
    ("Chi nhánh", "Chi nhánh", "prefix", "branch", False),
    ("Ban Thường vụ", "Ban Thường vụ", "prefix", "standing_committee", False),
    ("Ban Chấp hành", "Ban Chấp hành", "prefix", "executive_committee", False),
    ("Ban Giám đốc", "Ban Giám đốc", "prefix", "board", False),
    ("Thường trực", "Thường trực", "prefix", "standing_committee", False),
    # emulation blocs and clusters
    ("Khối thi đua", "Khối thi đua", "bloc", "bloc", False),
    ("Cụm thi đua", "Cụm thi đua", "bloc", "bloc", False),
    ("Khối", "Khối thi đua", "bloc", "bloc", False),
    ("Cụm", "Cụm thi đua", "bloc", "bloc", False),
]

HEADS = Lexicon()
for _s, _c, _mode, _type, _fb in _HEADS:
    HEADS.add(_s, Head(_c, _mode, _type, _fb, provincial=_c == "Sở"))

# Names that follow a head ("Sở" + "Tư pháp"). Value: canonical spelling.
_BODIES = """
Tư pháp | Kế hoạch và Đầu tư | Tài chính | Nội vụ | Ngoại vụ | Y tế | Giáo dục và Đào tạo
Lao động – Thương binh và Xã hội | Thông tin và Truyền thông | Văn hóa, Thể thao và Du lịch
Văn hóa và Thể thao | Du lịch | Tài nguyên và Môi trường | Nông nghiệp và Phát triển nông thôn
Nông nghiệp và Môi trường | Giao thông vận tải | Xây dựng | Công Thương | Khoa học và Công nghệ
Quốc phòng | Công an | Ngoại giao | Dân tộc và Tôn giáo | Quy hoạch – Kiến trúc | Lao động
Thuế | Hải quan | Thống kê | Thi hành án dân sự | Quản lý thị trường | Cảnh sát giao thông
Cảnh sát hình sự | Cảnh sát điều tra tội phạm về ma túy | Cảnh sát kinh tế | An ninh điều tra
Cảnh sát điều tra | Cảnh sát quản lý hành chính về trật tự xã hội | Quản lý xuất nhập cảnh
Kiểm lâm | Thủy sản | Trồng trọt | Chăn nuôi | Thú y | Bảo vệ thực vật | Đường bộ | Đường bộ Việt Nam
Chống tham nhũng | Đường thủy nội địa | Hàng hải | Hàng không | Đường sắt | Giao nhận | Bảo vệ môi trường
Quản lý lao động ngoài nước | Kiểm soát thủ tục hành chính | Phòng, chống tệ nạn xã hội | Trẻ em | Việc làm
Người có công | Bảo trợ xã hội | Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ | Cảnh sát cơ động
Cảnh sát môi trường | Quản lý xuất nhập cảnh | An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao
Thi đua – Khen thưởng | Dân vận | Tuyên giáo | Tuyên giáo và Dân vận | Tổ chức | Nội chính | Kiểm tra
Dân tộc | Tôn giáo | Pháp chế | Kinh tế – Ngân sách | Văn hóa – Xã hội | Kinh tế – Xã hội
Quản lý các khu công nghiệp | An toàn giao thông | Tiếp công dân | Quản lý dự án | Bảo vệ sức khỏe cán bộ
Nông dân | Liên hiệp Phụ nữ | Cựu chiến binh | Luật gia | Chữ thập đỏ | Người cao tuổi | Khuyến học
Nhà báo | Doanh nhân trẻ | Doanh nghiệp nhỏ và vừa | Cựu thanh niên xung phong | Người mù
Nạn nhân chất độc da cam/dioxin | Sinh vật cảnh | Làm vườn | Đông y | Liên hiệp Thanh niên
Liên hiệp Thanh niên Việt Nam | Văn học nghệ thuật | Liên hiệp các Hội Văn học nghệ thuật | Cựu giáo chức
Phục vụ hành chính công | Hành chính công | Trợ giúp pháp lý nhà nước | Tư vấn pháp luật
Văn hóa – Thể thao | Văn hóa, Thông tin và Thể thao | Kiểm soát bệnh tật | Dịch vụ việc làm
Công tác xã hội | Giáo dục nghề nghiệp – Giáo dục thường xuyên | Đại học | Chính trị
An toàn giao thông quốc gia | Thi đua – Khen thưởng Trung ương | Luật sư Việt Nam
Cán sự đảng | Chủ tịch nước | Kiểm tra Trung ương | Tổ chức Trung ương | Tuyên giáo Trung ương
Dân vận Trung ương | Nội chính Trung ương | Kinh tế Trung ương | Đối ngoại Trung ương
"""
# Bodies continued by lower-case words ("Ban Chỉ đạo thi hành án dân sự", "Cục Quản lý lao động
# ngoài nước", "Công ty Cổ phần giống bò sữa Mộc Châu").
_OPEN_LOWER_BODIES = """
Chỉ đạo | Chỉ huy | Quản lý | Điều hành | Cổ phần | TNHH | Trách nhiệm hữu hạn
"""
# Bodies after which a proper name follows ("Trường Đại học Đà Lạt", "Trường THPT Lê Lợi").
_OPEN_BODIES = """
Đại học | Cao đẳng | Trung cấp | Trung học phổ thông | Trung học cơ sở | Tiểu học | Mầm non | THPT | THCS
Chính trị | Sĩ quan | Quản lý dự án | Chỉ đạo | Nghiên cứu | Phổ thông Dân tộc nội trú | PTDTNT
"""
_BODY_ABBREVIATIONS = {
    "KH&ĐT": "Kế hoạch và Đầu tư", "KHĐT": "Kế hoạch và Đầu tư", "GD&ĐT": "Giáo dục và Đào tạo",
    "GDĐT": "Giáo dục và Đào tạo", "LĐ-TB&XH": "Lao động – Thương binh và Xã hội",
    "LĐTBXH": "Lao động – Thương binh và Xã hội", "TT&TT": "Thông tin và Truyền thông",
    "TTTT": "Thông tin và Truyền thông", "VH-TT&DL": "Văn hóa, Thể thao và Du lịch",
    "VHTTDL": "Văn hóa, Thể thao và Du lịch", "TN&MT": "Tài nguyên và Môi trường",
    "TNMT": "Tài nguyên và Môi trường", "NN&PTNT": "Nông nghiệp và Phát triển nông thôn",
    "NNPTNT": "Nông nghiệp và Phát triển nông thôn", "GTVT": "Giao thông vận tải",
    "KH&CN": "Khoa học và Công nghệ", "KHCN": "Khoa học và Công nghệ", "THADS": "Thi hành án dân sự",
    "LHPN": "Liên hiệp Phụ nữ", "CCB": "Cựu chiến binh", "TĐKT": "Thi đua – Khen thưởng",
    "Thi đua Khen thưởng": "Thi đua – Khen thưởng",
}
BODIES = Lexicon()
for _text, _open in ((_OPEN_LOWER_BODIES, "lower"), (_OPEN_BODIES, True), (_BODIES, False)):
    for _line in _text.strip().splitlines():
        for _b in _line.split("|"):
            _b = _b.strip()
            if _b:
                BODIES.add(_b, (_b, _open))
                if " và " in _b:
                    BODIES.add(_b.replace(" và ", " & "), (_b, _open))
for _abbr, _full in _BODY_ABBREVIATIONS.items():
    BODIES.add(_abbr, (_full, False))
# heads whose name can be another organisation ("Văn phòng UBND tỉnh", "Phòng … Công an tỉnh")
_UNIT_HEADS = frozenset({"Văn phòng", "Phòng", "Trung tâm", "Chi nhánh"})
_PLACE_NAMED = frozenset({"Báo", "Đài", "Tạp chí"})
_PLACE_AFTER = frozenset({"Tỉnh ủy", "Thành ủy", "Huyện ủy", "Quận ủy", "Thị ủy", "Tỉnh đoàn", "Thành đoàn", "Huyện đoàn"})
_NEEDS_PLACE = frozenset({"Huyện ủy", "Quận ủy", "Thị ủy", "Huyện đoàn"})

# Complements that make an "admin" head complete without a place ("Tòa án nhân dân tối cao").
NATIONAL = Lexicon([
    ("tối cao", "tối cao"), ("cấp cao", "cấp cao"), ("Việt Nam", "Việt Nam"),
    ("Trung ương", "Trung ương"), ("trung ương", "Trung ương"), ("Chính phủ", "Chính phủ"), ("quốc gia", "quốc gia"),
    ("Quốc gia", "Quốc gia"),
])

COUNTRIES = Lexicon([(c, c) for c in (
    "Lào", "Campuchia", "Trung Quốc", "Nhật Bản", "Hàn Quốc", "Triều Tiên", "Hoa Kỳ", "Mỹ", "Nga", "Liên bang Nga",
    "Pháp", "Đức", "Anh", "Italy", "Cuba", "Singapore", "Thái Lan", "Malaysia", "Indonesia", "Philippines",
    "Myanmar", "Ấn Độ", "Australia", "Úc", "Canada", "Belarus", "Ukraine", "Hungary", "Ba Lan", "Séc",
)])
_FOREIGN_INTRO = Lexicon([("Đảng Cộng sản", "Đảng Cộng sản"), ("Đảng Nhân dân Cách mạng", "Đảng Nhân dân Cách mạng"),
                          ("nước", "nước"), ("Nhà nước", "Nhà nước"), ("Cộng hòa", "Cộng hòa"),
                          ("nước Cộng hòa", "nước"), ("Vương quốc", "Vương quốc"), ("Liên bang", "Liên bang")])


def _foreign_at(toks: list[Tok], j: int) -> tuple[int, str] | None:
    """"Cuba", "Đảng Cộng sản Cuba", "nước Cộng hòa Liên bang Myanmar" after a head: a foreign body."""
    n = len(toks)
    k = j
    intro = _FOREIGN_INTRO.match(toks, j) if j < n else None
    if intro is not None:
        k = intro[0]
    hit = COUNTRIES.match(toks, k) if k < n and toks[k].cap else None
    if hit is not None:
        return hit[0], _rejoin(toks, j, hit[0])
    if k + 2 < n and toks[k].cap and toks[k].kind == "w" and toks[k + 1].text == "-" \
            and toks[k + 1].start == toks[k].end and toks[k + 2].kind == "w" and not toks[k + 2].cap:
        e = k + 1
        while e + 1 < n and toks[e].text == "-" and toks[e + 1].kind == "w" and toks[e].start == toks[e - 1].end:
            e += 2
        return e, _rejoin(toks, j, e)  # "Pa-ki-xtan": a transliterated foreign name
    if intro is not None and intro[1] == "nước" and k < n and toks[k].cap:
        e = _cap_run(toks, k, max_units=6, stop_at_person=False)
        if e > k:
            return e, _rejoin(toks, j, e)
    return None


# Words after a head that make the mention collective or generic, not one organisation.
_COLLECTIVE_AFTER = Lexicon([(w, True) for w in (
    "các cấp", "hai cấp", "ba cấp", "bốn cấp", "cấp huyện", "cấp tỉnh", "cấp xã", "cấp cơ sở",
    "cùng cấp", "cơ sở", "các tỉnh", "các huyện", "các quận", "các xã", "các phường", "các địa phương",
    "các đơn vị", "các thành phố", "địa phương", "cấp trên", "cấp dưới", "cấp", "hai nước", "các nước",
    "hai bên", "hai bộ", "các bộ", "hai ngành",
)])


@dataclass
class OrgMention:
    """One organisation written in the text (token range [i, j), characters [start, end))."""

    i: int
    j: int
    start: int
    end: int
    head: Head
    body: str | None = None
    admin: str | None = None          # tỉnh, thành phố, huyện …
    place: str | None = None          # canonical place name
    province: Province | None = None  # explicit province
    national: str | None = None       # Việt Nam, Trung ương, tối cao …
    inner: "OrgMention | None" = None  # the organisation a prefix head belongs to
    bloc_number: str | None = None
    written_name: str | None = None   # for distributed lists ("UBND các huyện: Bảo Lâm")
    lead_i: int | None = None         # first item of a distributed list: the head's token
    context: str | None = None        # venue | issuer | None
    canonical: str = ""
    resolved_province: Province | None = None

    @property
    def is_bloc(self) -> bool:
        return self.head.mode == "bloc"

    @property
    def core(self) -> str:
        """Head and body, canonical spelling ("Sở Tư pháp", "Ủy ban nhân dân")."""
        if self.inner is not None:
            base = self.head.canonical
            if self.body:
                base += " " + self.body
            return base + " " + self.inner.core_with_place()
        text = self.head.canonical
        if self.bloc_number:
            text += " số " + self.bloc_number
        if self.body:
            text += (" – " if self.bloc_number and self.body.startswith("các") else " ") + self.body
        return text

    def core_with_place(self) -> str:
        return _with_place(self, self.core, None)

    @property
    def qualified(self) -> bool:
        """Written with its own place or level (not a bare "Sở Tư pháp")."""
        if self.inner is not None:
            return self.inner.qualified or self.admin is not None or self.place is not None
        return self.admin is not None or self.place is not None or self.national is not None


def _with_place(m: OrgMention, core: str, article: Province | None) -> str:
    if m.inner is not None and m.admin is None and m.place is None and m.province is None:
        return core
    if m.province is not None:
        if m.admin is None and m.head.mode not in ("admin", "bloc") and m.head.canonical not in ("Sở",):
            return f"{core} {m.province.name}"
        if m.head.mode == "bare" and m.head.canonical.startswith(("Tỉnh", "Thành", "Huyện", "Quận", "Thị")):
            return f"{core} {m.province.name}"
        return f"{core} {m.province.full}"
    if m.place:
        return f"{core} {m.admin or ''} {m.place}".replace("  ", " ")
    if m.national:
        return f"{core} {m.national}"
    if m.admin in ("tỉnh", "thành phố"):
        if article is not None and article.kind == m.admin:
            return f"{core} {article.full}"
        return f"{core} {m.admin}"
    if m.admin:
        return f"{core} {m.admin}"
    if article is not None:
        if m.head.provincial or m.is_bloc:
            return f"{core} {article.full}"
        if m.head.mode == "bare" and m.head.canonical in ("Tỉnh đoàn", "Tỉnh ủy") and article.kind == "tỉnh":
            return f"{core} {article.name}"
        if m.head.mode == "bare" and m.head.canonical in ("Thành đoàn", "Thành ủy") and article.kind == "thành phố":
            return f"{core} {article.name}"
    return core


def canonical_name(m: OrgMention, article: Province | None) -> tuple[str, Province | None]:
    """Canonical name and province of a mention, given the article's province."""
    if m.inner is not None:
        inner_name, inner_prov = canonical_name(m.inner, article)
        base = m.head.canonical + (" " + m.body if m.body else "")
        if m.admin or m.place or m.province:
            return _with_place(m, base + " " + m.inner.core, article), _province_of(m, article)
        return base + " " + inner_name, inner_prov
    return _with_place(m, m.core, article), _province_of(m, article)


def _province_of(m: OrgMention, article: Province | None) -> Province | None:
    if m.province is not None:
        return m.province
    if m.national:
        return None
    if m.admin in ("tỉnh", "thành phố"):
        if m.place:
            return article  # a city inside the article's province ("thành phố Bảo Lộc")
        return article if article is not None and article.kind == m.admin else None
    if m.admin in ("huyện", "quận", "thị xã", "xã", "phường", "thị trấn") and m.place:
        return article
    if m.head.provincial or m.is_bloc:
        return article
    if m.head.canonical in ("Tỉnh đoàn", "Tỉnh ủy") and article is not None and article.kind == "tỉnh":
        return article
    if m.head.canonical in ("Thành đoàn", "Thành ủy") and article is not None and article.kind == "thành phố":
        return article
    return None


# --- parsing ----------------------------------------------------------------------------------


def head_at(toks: list[Tok], i: int, allow_lower: bool = False) -> tuple[int, Head] | None:
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
    if end - i == 1 and t.f in _ABBREVIATED_HEADS and not t.text.isupper():
        return None  # abbreviations count only in capitals ("UBND", not "Ubnd")
    return hit


_ABBREVIATED_HEADS = frozenset({"ubnd", "hdnd", "mttq", "tand", "vksnd", "bchqs", "ldld", "kbnn", "bhxh", "nhcsxh"})


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
    """Descriptive words that continue a name ("thi hành án dân sự", "giống bò sữa Mộc Châu")."""
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
    from .people import TITLES  # people imports this module

    return TITLES.match(toks, j) is not None


def _city_or_province_word(toks: list[Tok], j: int) -> bool:
    """"TP.", "Thành phố", "tỉnh" (but not "Xã hội", "Huyện đoàn")."""
    adm = admin_word(toks, j)
    return adm is not None and adm[1] in ("thành phố", "tỉnh") and head_at(toks, j) is None


def _place_run(toks: list[Tok], i: int) -> int:
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
        e = _place_run(toks, k)
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


def _collective_after(toks: list[Tok], j: int) -> bool:
    if j >= len(toks):
        return False
    t = toks[j]
    if t.kind == "n":
        return True
    if t.kind == "w" and not t.cap:
        hit = _COLLECTIVE_AFTER.match(toks, j)
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
                    inner.head.org_type == "council" or inner.head.canonical in _PLACE_AFTER):
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
                    m.body = m.body + " " + _rejoin(toks, j, e)
                    j = e
            elif is_open and j < n and toks[j].kind == "w" and (toks[j].cap or toks[j].upper) \
                    and not head_at(toks, j) and not province_at(toks, j):
                e = _cap_run(toks, j, max_units=4, stop_at_person=False)
                if e > j:
                    m.body = m.body + " " + _rejoin(toks, j, e)
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
            m.body = _rejoin(toks, j, e)
            j = e
        elif head.canonical in _PLACE_NAMED and j < n and province_at(toks, j):
            # "Báo Lâm Đồng", "Đài Nghệ An": the province is the name
            e, prov = province_at(toks, j)
            m.body = _rejoin(toks, j, e)
            m.j, m.end = e, toks[e - 1].end
            return m
        elif head.canonical in _UNIT_HEADS and j < n and head_at(toks, j) and _depth < 2:
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
    if k == j and head.canonical in _PLACE_AFTER and j < n and toks[j].kind == "w" and toks[j].cap \
            and not head_at(toks, j) and not is_person_start(toks, j):
        # "Huyện ủy Tuy Phước", "Thành ủy Quy Nhơn"
        e = _place_run(toks, j)
        if e > j:
            m.place = canon(" ".join(t.text for t in toks[j:e]))
            k = e
    if k == j and head.canonical in _NEEDS_PLACE:
        return None  # a bare "Huyện ủy" does not say which district
    if k == j and head.mode == "admin" and m.body is None:
        return None  # "Công an", "Tòa án" alone are generic
    if head.mode == "admin" and m.province is None and m.place is None and m.national is None \
            and m.admin not in ("tỉnh", "thành phố") and m.body is None:
        return None  # "Công an xã", "UBND huyện" without a name
    j = k
    m.j, m.end = j, toks[j - 1].end
    # a unit that belongs to the organisation right after it: "Ban Dân vận Tỉnh ủy"
    if _depth < 2 and m.admin is None and m.place is None and m.province is None and m.national is None \
            and head.mode in ("body", "prefix", "bare") and j < n and toks[j].start == toks[j - 1].end + 1 \
            and toks[j].kind == "w" and toks[j].cap:
        inner = parse_org(toks, j, _depth=_depth + 1)
        if inner is not None and head.mode == "bare" and inner.head.canonical != "Chi nhánh":
            inner = None
        if inner is not None and not inner.is_bloc and not _collective_after(toks, inner.j):
            m.inner = inner
            m.j, m.end = inner.j, inner.end
    return m


def _rejoin(toks: list[Tok], i: int, j: int) -> str:
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
    ("các huyện miền núi cao tỉnh Nghệ An" ends before "tỉnh", not at "huyện")."""
    adm = admin_word(toks, e)
    if adm is None:
        return False
    if adm[1] in ("tỉnh", "thành phố"):
        return True
    return adm[0] < len(toks) and toks[adm[0]].kind == "w" and toks[adm[0]].cap


def _parse_bloc(toks: list[Tok], i: int, j: int, m: OrgMention) -> OrgMention | None:
    """"Khối thi đua Nội chính tỉnh", "Cụm thi đua số 4 – các huyện miền núi cao tỉnh Nghệ An",
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
            m.body = _rejoin(toks, j, e)
            j = e
    elif j < n and toks[j].is_("các") and (j - i >= 3 or (j + 1 < n and toks[j + 1] in _BLOC_MEMBERS)):
        e = j + 1
        while e < n and e - j < 10 and toks[e].kind == "w" and not toks[e].is_("của") \
                and not (not toks[e].cap and toks[e] in _BLOC_STOP) and not _bloc_body_ends(toks, e):
            e += 1
        if e - j >= 2:
            m.body = _rejoin(toks, j, e)
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


# --- scanning ---------------------------------------------------------------------------------


def scan(doc: Doc) -> list[OrgMention]:
    """Every organisation mention in the article, left to right, not overlapping."""
    toks = doc.toks
    out: list[OrgMention] = []
    i = 0
    n = len(toks)
    while i < n:
        t = toks[i]
        if t.kind != "w":
            i += 1
            continue
        dist = _distributed(toks, i)
        if dist:
            out.extend(dist)
            i = dist[-1].j
            continue
        m = parse_org(toks, i)
        if m is None:
            i += 1
            continue
        if _collective_after(toks, m.j) and not m.is_bloc:
            i = m.j
            continue
        if m.admin == "tỉnh" and not m.place and not m.province and m.j + 2 < n and toks[m.j].text == "," \
                and (admin_word(toks, m.j + 1) or (0, ""))[1] == "thành phố" and head_at(toks, m.j + 1) is None:
            i = m.j  # "UBND tỉnh, thành phố trực thuộc Trung ương": every province
            continue
        if i > 0 and toks[i - 1].is_("các", "những", "hai", "ba", "nhiều", "mỗi") and not m.qualified:
            i = m.j
            continue
        if i > 0 and toks[i - 1] in _NOT_ORG_BEFORE:
            i = m.j  # "thôn Hội Phú", "tổ chức phi Chính phủ"
            continue
        out.append(m)
        i = m.j
    return out


_NOT_ORG_BEFORE = WordSet("thôn xóm làng ấp bản phi đường phố")


def _distributed(toks: list[Tok], i: int) -> list[OrgMention]:
    """"UBND các huyện: Bảo Lâm, Di Linh, Cát Tiên" → one mention per place, spanning its name."""
    h = head_at(toks, i)
    if h is None or h[1].mode != "admin":
        return []
    j, head = h
    n = len(toks)
    if not (j + 1 < n and toks[j].is_("các")):
        return []
    adm = admin_word(toks, j + 1)
    if adm is None or adm[1] not in ("huyện", "quận", "xã", "phường", "thị xã"):
        return []
    k = adm[0]
    if k < n and toks[k].text == ":":
        k += 1
    out = []
    while k < n:
        e = _place_run(toks, k)
        if e == k:
            break
        d = OrgMention(i=k, j=e, start=toks[k].start, end=toks[e - 1].end, head=head,
                       admin=adm[1], place=canon(" ".join(t.text for t in toks[k:e])))
        d.written_name = f"{_rejoin(toks, i, j)} {adm[1]} {d.place}"
        if not out:
            d.lead_i = i
        out.append(d)
        k = e
        if k < n and toks[k].text in ",;":
            k += 1
        elif k < n and toks[k].is_("và"):
            k += 1
        else:
            break
    return out if len(out) >= 2 else []


def org_key(name: str) -> str:
    """Key for comparing organisation names: abbreviations expanded, folded, punctuation dropped."""
    k = " " + key(name) + " "
    for short, full in _KEY_EXPANSIONS:
        k = k.replace(short, full)
    return " ".join(k.split())


_KEY_EXPANSIONS = [
    (" ubnd ", " uy ban nhan dan "), (" hdnd ", " hoi dong nhan dan "), (" mttq ", " mat tran to quoc "),
    (" tp ", " thanh pho "), (" vksnd ", " vien kiem sat nhan dan "), (" tand ", " toa an nhan dan "),
    (" bchqs ", " bo chi huy quan su "), (" ldld ", " lien doan lao dong "), (" bhxh ", " bao hiem xa hoi "),
    (" nhcsxh ", " ngan hang chinh sach xa hoi "), (" kbnn ", " kho bac nha nuoc "),
    (" lhpn ", " lien hiep phu nu "),
]

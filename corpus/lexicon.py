"""Word lists of Vietnamese civic text, as data: family names, titles and honorifics,
organisation heads and bodies, and the stop-word lists of the components that need one.

Data only, no matching rules. The extraction rules (`corpus.extraction`) compile these lists into
token lexicons; the answer-side candidate reader (`assistant.candidates`) into regular expressions
over folded text; BM25 (`index.tokenize`) and the answer check (`assistant.llm`) into sets. Lists
that look alike differ on purpose (each component was tuned on its own list), so each keeps its
own name here. Changing a list used by `corpus.extraction` changes extraction output: bump
`corpus.extraction.version.EXTRACTION_VERSION` with it.
"""
from __future__ import annotations

from .normalize import fold as _fold_word

# --- family names -----------------------------------------------------------------------------

# Family names (họ). "Phó", "Văn", "Quang" are left out on purpose: they start titles or are
# middle names far more often than they are family names.
SURNAMES = """
Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Lương Đinh Trương Đoàn
Đào Mai Cao Lâm Tạ Hà Vương Trịnh Phùng Kiều Chu Thái Lưu Tô Quách La Lã Lại Khúc Kim Tăng Từ
Hứa Triệu Thân Tôn Tống Âu Doãn Giang Khổng Khương Lạc Lục Mạc Mạnh Nghiêm Ông Phí Quan Tiêu
Ứng Vi Lò Lô Lang Sầm Nông Cù Diệp Đàm Đồng Đường Nhữ Ninh Thạch Thiều Tiết Trình Bế Hầu Mã Lù
Sùng Vàng Giàng Thào Mùa Cầm Bạch Bành Biện Cung Chế Châu Đới Hàn Hạ Hình Khuất Kha Lường Mẫn
Ngọ Ôn Phương Quản Tào Vưu Bạc Bồ Đèo Điêu Giáp Hoa Khưu Lỗ Ong Sái Thi Thịnh Viên Vy Xa Bàn
Chương Dư Đậu Đông Lư Mông Nhan Tất Thiệu Úc Ksor Siu Rơ Nay Kpă Rah Y H Ma Trà Lộc Văng Vì
Khiếu Lều Nghê Ngũ Phú Quang Thiệu Vương Yên Ân Kiểu Đàng Lý Liêu Hồng
"""
# The family names the answer-side candidate reader knows (folded): the common part of SURNAMES.
COMMON_SURNAMES_FOLDED = frozenset(
    """nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly phung chu thai luu dinh doan trinh
    mai cao ta lam ha quach to kieu trieu vuong luong dam nong lo hua than la khong giang tang lai au mac khuc
    bach dong tong ton nghiem doan kha tu vi hau lang dieu thach kim chau ong""".split()
)


# --- titles and honorifics ------------------------------------------------------------------

# core title → heads of the organisations it implies
CORE_TITLES: dict[str, tuple[str, ...]] = {
    "Giám đốc": ("Sở", "Công an", "Trung tâm", "Chi nhánh", "Ngân hàng", "Bệnh viện", "Công ty",
                 "Kho bạc Nhà nước", "Bảo hiểm xã hội", "Đài", "Học viện", "Ngân hàng Nhà nước"),
    "Tổng Giám đốc": ("Tổng công ty", "Tập đoàn", "Ngân hàng", "Công ty", "Bảo hiểm xã hội"),
    "Chủ tịch": ("Ủy ban nhân dân", "Hội đồng nhân dân", "Hội", "Ủy ban Mặt trận Tổ quốc",
                 "Ủy ban Mặt trận Tổ quốc Việt Nam", "Liên đoàn Lao động", "Ủy ban", "Hội đồng", "Mặt trận Tổ quốc"),
    "Chủ tịch Thường trực": ("Hội đồng nhân dân", "Ủy ban Mặt trận Tổ quốc"),
    "Chủ tịch nước": (), "Chủ nhiệm": ("Ủy ban",), "Chánh án": ("Tòa án nhân dân",),
    "Viện trưởng": ("Viện Kiểm sát nhân dân", "Viện"), "Cục trưởng": ("Cục",), "Chi cục trưởng": ("Chi cục",),
    "Tổng cục trưởng": ("Tổng cục",), "Vụ trưởng": (), "Trưởng ban": ("Ban",), "Trưởng phòng": ("Phòng",),
    "Trưởng khoa": ("Khoa",), "Trưởng Công an": ("Công an",), "Trưởng đoàn": (),
    "Bí thư": ("Tỉnh đoàn", "Thành đoàn", "Huyện đoàn", "Đoàn Thanh niên", "Tỉnh ủy", "Thành ủy",
               "Huyện ủy", "Quận ủy", "Đảng ủy", "Thị ủy"),
    "Bí thư Thường trực": ("Tỉnh đoàn", "Thành đoàn"),
    "Chỉ huy trưởng": ("Bộ Chỉ huy Quân sự", "Ban Chỉ huy Quân sự", "Bộ Chỉ huy Bộ đội Biên phòng"),
    "Chính ủy": ("Bộ Chỉ huy Quân sự", "Ban Chỉ huy Quân sự", "Bộ Chỉ huy Bộ đội Biên phòng"),
    "Tư lệnh": (), "Hiệu trưởng": ("Trường",), "Chánh Thanh tra": ("Thanh tra",),
    "Chánh Văn phòng": ("Văn phòng",), "Tổng Thanh tra": ("Thanh tra",), "Thủ tướng": (),
    "Bộ trưởng": ("Bộ",), "Thứ trưởng": ("Bộ",), "Tổng Bí thư": (),
    "Thường trực Ban Bí thư": (), "Ủy viên Trung ương Đảng": (), "Ủy viên": (),
    "Tỉnh ủy viên": (), "Thành ủy viên": (), "Huyện ủy viên": (), "Đội trưởng": (), "Tổng Biên tập": ("Báo", "Tạp chí"),
    "Thủ tướng Thường trực": (), "Thứ trưởng Thường trực": ("Bộ",), "Ủy viên Thường trực": (),
    "Thống đốc": ("Ngân hàng Nhà nước",), "Tổng Kiểm toán": (), "Trưởng": (),
    "Hiệu phó": ("Trường",), "Kiểm sát viên": (), "Thẩm phán": (), "Điều tra viên": (),
    "Cục phó": ("Cục",), "Chi cục phó": ("Chi cục",), "Viện phó": ("Viện",), "Vụ phó": (),
}
# The core titles folded and lower-case, each also as a deputy's, longest first ("pho chu tich" before
# "chu tich"): what a question that asks for the holder of a title names
CORE_TITLES_FOLDED = tuple(sorted({_fold_word(t).lower() for t in CORE_TITLES}
                                  | {"pho " + _fold_word(t).lower() for t in CORE_TITLES},
                                  key=lambda t: (-len(t.split()), t)))
# titles that are only titles when an organisation follows ("Trưởng Công an huyện …")
TITLES_NEEDING_ORG = frozenset({"Trưởng", "Phó Trưởng", "Ủy viên", "Quyền Trưởng", "Nguyên Trưởng", "Nguyên Ủy viên"})
# Honorifics, ranks and degrees written before a name.
HONORIFICS = (
    "ông", "bà", "anh", "chị", "đồng chí", "Đại tướng", "Thượng tướng", "Trung tướng", "Thiếu tướng",
    "Đô đốc", "Phó Đô đốc", "Chuẩn Đô đốc", "Đại tá", "Thượng tá", "Trung tá", "Thiếu tá", "Đại úy",
    "Thượng úy", "Trung úy", "Thiếu úy", "Luật sư", "Nhà báo", "bác sĩ", "nhà giáo", "nghệ sĩ",
    "GS", "PGS", "TS", "ThS", "BS", "TSKH", "KS", "NGƯT", "NGND", "CN", "Th.S",
)
# Academic degrees among HONORIFICS: they count only written as such ("TS.", "PGS.TS.").
DEGREES = ("GS", "PGS", "TS", "ThS", "BS", "TSKH", "KS", "CN", "Th.S")
# Offices a person holds (folded; an alternation for a regular expression), most specific first.
OFFICES = (
    "pho thu tuong|thu tuong|pho chu tich nuoc|chu tich nuoc|pho tong giam doc|tong giam doc|pho chu nhiem|chu nhiem|"
    "pho chu tich|chu tich|pho giam doc|giam doc|pho chanh an|chanh an|pho vien truong|vien truong|"
    "pho truong ban|truong ban|pho bi thu|bi thu|pho cuc truong|cuc truong|chanh thanh tra|pho chanh thanh tra|"
    "chi huy truong|chinh uy|tong bi thu|thu truong|bo truong|truong phong|pho truong phong|hieu truong|"
    "pho hieu truong|chanh van phong|pho chanh van phong|tinh doan truong|bi thu tinh doan|uy vien|truong khoi|"
    "pho khoi|dai su|tong lanh su"
)
# Ranks, degrees and forms of address before a name (folded alternation), after OFFICES in
# the candidate reader's title pattern.
RANKS_AND_ADDRESS_FOLDED = (
    "dai tuong|thuong tuong|trung tuong|thieu tuong|dai ta|thuong ta|trung ta|thieu ta|dai uy|pgs\\.\\s?ts\\.?|gs\\.\\s?ts\\.?|"
    "ts\\.|ths\\.|dong chi|ong|ba"
)


# --- organisation heads and bodies ------------------------------------------------------------

# Heads of organisation names for the extraction rules (see corpus.extraction.org_parser):
# (surface, canonical, mode, type, fallback)
ORG_HEADS = [
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
    ("Bộ Tư lệnh", "Bộ Tư lệnh", "body", "military", True),  # a command: "Bộ Tư lệnh Thủ đô", "… Cảnh sát biển"
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
    ("Tổng LĐLĐ Việt Nam", "Tổng Liên đoàn Lao động Việt Nam", "bare", "union", False),
    ("Tổng LĐLĐVN", "Tổng Liên đoàn Lao động Việt Nam", "bare", "union", False),
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
    ("Thông tấn xã Việt Nam", "Thông tấn xã Việt Nam", "bare", "media", False),
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
# Names that follow a head ("Sở" + "Tư pháp"). Value: canonical spelling.
ORG_BODIES = """
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
OPEN_LOWER_BODIES = """
Chỉ đạo | Chỉ huy | Quản lý | Điều hành | Cổ phần | TNHH | Trách nhiệm hữu hạn
"""
# Bodies after which a proper name follows ("Trường Đại học Đà Lạt", "Trường THPT Lê Lợi").
OPEN_BODIES = """
Đại học | Cao đẳng | Trung cấp | Trung học phổ thông | Trung học cơ sở | Tiểu học | Mầm non | THPT | THCS
Chính trị | Sĩ quan | Quản lý dự án | Chỉ đạo | Nghiên cứu | Phổ thông Dân tộc nội trú | PTDTNT
"""
BODY_ABBREVIATIONS = {
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
# Heads of organisation names for the candidate reader (folded alternation).
ORG_HEADS_FOLDED = (
    "doan chu tich|uy ban mat tran to quoc|mat tran to quoc|uy ban nhan dan|ubnd|hdnd|hoi dong nhan dan|hoi dong|"
    "bo chi huy quan su|bo chi huy bo doi bien phong|bo chi huy|cong an|toa an|vien kiem sat|vien|so|ban|cuc|chi cuc|"
    "thanh tra|khoi thi dua|khoi|cum thi dua|cum|hoi lien hiep|hoi|lien doan|cong doan|lien minh|tinh doan|thanh doan|"
    "doan thanh nien|ngan hang|chi nhanh|truong (?:dai hoc|cao dang|trung cap|trung hoc|tieu hoc|mam non|thpt|thcs|chinh tri|quan su|si quan)|dang uy|tinh uy|thanh uy|huyen uy|bo|kho bac|bao hiem xa hoi|trung tam|"
    "cong ty|tong cong ty|benh vien|dai hoc|hoc vien|van phong|phong|quan khu|bo tu lenh|vien phuc loi|"
    "tong cuc|tong lien doan|tap doan|hiep hoi|thong tan xa|bao|dai truyen hinh|dai tieng noi|dai phat thanh|"
    "quoc hoi|chinh phu|uy ban|kiem toan nha nuoc|canh sat bien|canh sat|hai quan|"  # "Quốc hội", "Chính phủ",
    # "Ủy ban Kiểm tra Trung ương", "Kiểm toán Nhà nước", "Cảnh sát biển", "Hải quân": national bodies;
    # "Cảnh sát Phòng cháy và Chữa cháy …": a police force; "Trung ương Hội …", "Trung ương Đoàn …": the
    # central body of an association or of the Youth Union
    "trung uong hoi|trung uong doan"
)
# Words of bodies and places, never of a person's name (checked when the first word is no surname).
NOT_NAME_WORDS_FOLDED = frozenset("dang uong quoc hoi chinh phu nuoc tinh thanh huyen ban bo so cuc doan khoi cum".split())
# Capitalised words of bodies, offices, places and honours: a run of capitalised words holding one
# is no one's name ("Ủy ban Nhân dân", "Phó Trưởng", "Việt Nam", "Huân chương Lao động").
NOT_IN_NAMES_FOLDED = frozenset(
    """uy ban bo so cuc hoi dang doan khoi cum nha nuoc quoc chinh phu trung uong tinh thanh pho huyen xa
    phuong quan thi tran viet nam ha noi pho truong thu tuong chu tich giam doc bi thu dai toa vien kiem sat
    cong an mat tran to lien hiep huan huy chuong bang khen co thi dua nghi quyet chi thi luat dieu
    khoan chuong le hoi nghi dai hoi ky hop ngay thang nam""".split())


# --- stop words -----------------------------------------------------------------------------

# Lower-case words that end a capitalised name run (they are not the second syllable of a
# name word): function words, frequent verbs and administrative words.
NAME_RUN_STOPWORDS = """
và với của cho tại trong ngoài trên dưới từ đến về để là được bị có không đã đang sẽ vẫn cũng đều
thì mà nhưng nếu khi này đó kia các những mọi mỗi một hai ba bốn năm sáu bảy tám chín mười cùng
theo qua vào ra lên xuống nhằm do bởi vì nên hay hoặc như gồm thuộc vừa mới rồi lại nữa thêm còn
hơn tổ ký tham dự phát cho đề nhấn thực phối tiếp giải hoàn đạt thẩm khẳng đánh yêu ghi tặng nhận
làm bàn cam thống chỉ bảo góp tích hưởng sau trước gần tỉnh thành huyện quận xã phường thị trấn
cấp tháng ngày sáng chiều tối hôm nay thay đại lãnh cán trực quy chương kế giao biên thỏa ông bà
anh chị lần khóa nhiệm giai tại trụ
"""
# Words that end a person's name run even when capitalised ("Nguyễn Văn Thiện  Ngày 25.5").
PERSON_NAME_STOPWORDS = (
    "ngày sáng chiều tối trưa đêm hôm theo tại trong khi sau với về cho của và là được "
    "đã đang sẽ thì mà nhưng nếu từ đến này đó các những mọi mỗi tháng ảnh nguồn")
# Words that end an organisation name in the candidate reader, as written with tone marks: in text
# that has them, a folded match ("ve", "bi", "tai") stops a name only when it is the stop word itself
# ("về", "bị", "tại"). Ordered: the folded alternation below is derived from them in this order.
ORG_NAME_STOP_WORDS = (
    "và", "với", "cùng", "cũng", "có", "đã", "đang", "sẽ", "là", "làm", "được", "bị", "tham dự",
    "tham gia", "tổ chức", "ký", "ký kết", "chủ trì", "tại", "trong", "theo", "nhằm", "đề", "để", "do",
    "về", "thuộc", "gồm", "phối hợp", "thống nhất", "báo cáo", "triển khai", "đạt", "giữ", "thay mặt",
    "phát biểu", "cho biết", "đề nghị", "đồng thời", "ngày", "năm", "sáng", "chiều", "khi", "sau", "trước",
    "vừa", "đều", "phải", "luôn", "không", "tiếp tục", "yêu cầu", "đưa ra", "đưa tin", "đặt ra", "công bố",
    "ban hành", "đề xuất", "kiến nghị", "thông báo", "trao", "chuẩn bị", "nhận định", "đánh giá",
    "xem xét", "tín nhiệm", "giai đoạn", "thực hiện", "tiến hành", "khẳng định", "nhấn mạnh", "cho rằng",
    "ghi nhận", "biểu dương", "chúc mừng", "tiếp nhận", "phê duyệt", "rà soát", "tập trung", "tổng hợp",
    "hướng dẫn",
)
ORG_NAME_STOPS = frozenset(ORG_NAME_STOP_WORDS)
# … and the same words folded, as one alternation for a regular expression ("cùng" and "cũng" are
# one "cung").
ORG_NAME_STOPS_FOLDED = "|".join(dict.fromkeys(_fold_word(word).lower() for word in ORG_NAME_STOP_WORDS))
# Search (BM25, index.tokenize): function words and question words that carry no topic (their
# folded forms are derived there).
SEARCH_STOPWORDS = frozenset(
    """và của các là có được trong cho với đã những này một để tại về khi từ như thì mà nên
    cũng đó đến theo ra vào trên dưới sau trước rất nhiều hơn lại đang sẽ bị do nào gì ai đâu
    bao nhiêu sao không hay hoặc hãy ở vậy thế nào là gồm the of and a an in on to is are was
    were what which who whom when where how many much did does do for by with""".split()
)
# Words left out when an answer is checked against its sources and the question (folded).
ANSWER_CHECK_STOPWORDS = frozenset(
    """la va cua cac nhung co duoc trong voi cho theo tai da se nay do mot o thi ma de tu den ve ra vao khi nhu
    cung bai viet nguon gom rang nay ay ong ba dong chi cu the sau truoc tren duoi len xuong nen nhung con hon
    rat lai bi hay hoac vi nam ngay thang
    the a an of in on at to for from by with and or is are was were be been as that this these those it its
    their they them has have had which who whom what when where how according article articles source""".split()
)

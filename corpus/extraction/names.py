"""Word lists shared by the organisation and person rules: Vietnamese family names and the
function words / common verbs that end a capitalised name run."""
from __future__ import annotations

from .text import Tok, WordSet, word_fold, word_form

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

_SUR = SURNAMES.split()
SURNAME_FORMS = frozenset(word_form(s) for s in _SUR)
SURNAME_FOLDS = frozenset(word_fold(s) for s in _SUR)


def is_surname(t: Tok) -> bool:
    if t.kind != "w" or not t.cap:
        return False
    if "’" in t.text or "'" in t.text:  # K’Brơi, H’Hen Niê
        return True
    return (t.m in SURNAME_FORMS) if t.exact else (t.f in SURNAME_FOLDS)


# Lower-case words that end a capitalised name run (they are not the second syllable of a
# name word): function words, frequent verbs and administrative words.
STOPWORDS = WordSet("""
và với của cho tại trong ngoài trên dưới từ đến về để là được bị có không đã đang sẽ vẫn cũng đều
thì mà nhưng nếu khi này đó kia các những mọi mỗi một hai ba bốn năm sáu bảy tám chín mười cùng
theo qua vào ra lên xuống nhằm do bởi vì nên hay hoặc như gồm thuộc vừa mới rồi lại nữa thêm còn
hơn tổ ký tham dự phát cho đề nhấn thực phối tiếp giải hoàn đạt thẩm khẳng đánh yêu ghi tặng nhận
làm bàn cam thống chỉ bảo góp tích hưởng sau trước gần tỉnh thành huyện quận xã phường thị trấn
cấp tháng ngày sáng chiều tối hôm nay thay đại lãnh cán trực quy chương kế giao biên thỏa ông bà
anh chị lần khóa nhiệm giai tại trụ
""")


def is_stop(t: Tok) -> bool:
    return t.kind != "w" or t in STOPWORDS

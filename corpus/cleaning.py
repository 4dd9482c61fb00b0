"""Removal of site boilerplate lines and of a title repeated at the top of an article body."""
from __future__ import annotations

import re

from .normalize import fold, match_form

# Whole lines that are site furniture, not article text (compared tone-folded, case-insensitive).
_BOILERPLATE_LINES = {
    fold(s)
    for s in (
        "Cùng chuyên mục", "Tin cùng chuyên mục", "Đọc thêm", "Xem thêm", "Xem tiếp", "Tin liên quan",
        "Bài liên quan", "Bài viết liên quan", "Tin khác", "Tin mới", "Tin mới nhất", "Tin nổi bật",
        "Chia sẻ", "Chia sẻ bài viết", "Chia sẻ bài", "In bài", "In bài viết", "Bản in", "Gửi bài viết",
        "Gửi email", "Bình luận", "Ý kiến bạn đọc", "Gửi ý kiến", "Lên đầu trang", "Về đầu trang",
        "Quay lại", "Trở lại", "Facebook", "Twitter", "Zalo", "Email", "Share", "Tweet", "Print",
        "Like", "Lưu", "Theo dõi", "Từ khóa", "Tags", "Tag",
    )
}
# Lines that start with a "read more" marker followed by a linked headline.
_READ_MORE_PREFIX = re.compile(r"^\s*(?:>>|»|(?:xem them|doc them|tin lien quan)\s*[:>»])", re.IGNORECASE)
_TRAILING_PUNCT = " \t:>»|·•-–"
_LONGEST_BOILERPLATE = max(len(s) for s in _BOILERPLATE_LINES)
_READ_MORE_HEAD = 40  # characters of a line that can hold a "read more" marker
# A "read more" line is one linked headline. A longer line after the marker is article text that a
# site (or a scraper joining paragraphs) ran on after the headline: it is kept, never dropped.
_READ_MORE_MAX = 200


def is_boilerplate_line(line: str) -> bool:
    """Whether a whole line is site navigation, sharing or 'read more' furniture."""
    stripped = line.strip().strip(_TRAILING_PUNCT).strip()
    if not stripped:
        return False
    # Long lines are only checked for a "read more" marker at their start: folding a whole
    # paragraph (or a 10 MB single-line file) for a set lookup that cannot match is wasted work.
    if len(stripped) <= 2 * _LONGEST_BOILERPLATE and fold(stripped) in _BOILERPLATE_LINES:
        return True
    return len(stripped) <= _READ_MORE_MAX and bool(_READ_MORE_PREFIX.match(fold(line.lstrip()[:_READ_MORE_HEAD])))


_LETTER_OR_DIGIT = re.compile(r"[^\W_]")
NO_CONTENT = "has no letters or digits (only white space, punctuation, symbols, zero-width characters or combining marks)"


def has_content(text: str) -> bool:
    """Whether `text` holds a letter or a digit: text made only of white space, punctuation,
    symbols, zero-width or other format characters, or combining marks is no article."""
    return _LETTER_OR_DIGIT.search(text) is not None


def clean_body(text: str, title: str | None = None) -> str:
    """The body with boilerplate lines removed and a title line repeated within its first three
    paragraphs dropped. Other text is kept as it is; blank lines left behind are collapsed."""
    lines = text.split("\n")
    title_form = match_form(title).strip() if title else None
    kept: list[str] = []
    paragraphs_seen = 0
    removed_any = False
    for line in lines:
        if line.strip():
            paragraphs_seen += 1
            if is_boilerplate_line(line) or (
                title_form and paragraphs_seen <= 3 and len(line.strip()) <= 2 * len(title_form) + 8
                and match_form(line).strip() == title_form
            ):
                removed_any = True
                continue
        kept.append(line)
    body = "\n".join(kept)
    if removed_any:
        body = re.sub(r"\n[ \t]*\n(?:[ \t]*\n)+", "\n\n", body)
    return body.strip()

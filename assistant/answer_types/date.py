"""Dates: "khi nào", "ngày nào", "giai đoạn nào", "when", "in what year" ("chủ đề năm nào", the theme of
the year, asks for a theme)."""
from . import AnswerType

ANSWER_TYPE = AnswerType(
    name="date", order=10, kinds=("date",),
    pattern=r"\b(khi nao|bao gio|luc nao|hom nao|thoi diem nao|(?<!chu de )(?<!khau hieu )(ngay|thang|nam|thoi gian|giai doan|nhiem ky|thoi ky|dip) (?:cu the |chinh xac )?(nao|may|bao nhieu)|(?:^|, )when|what (period|date|day|year|time|month)|which (period|date|day|year|month)|in what year)\b",
)

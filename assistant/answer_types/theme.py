"""Themes and slogans: "chủ đề", "khẩu hiệu", "thông điệp", "theme", "slogan" — a quoted phrase."""
from . import AnswerType

ANSWER_TYPE = AnswerType(
    name="theme", order=90, kinds=("quote",),
    pattern=r"\b(chu de|khau hieu|thong diep|phuong cham|slogan|theme|motto)\b",
)

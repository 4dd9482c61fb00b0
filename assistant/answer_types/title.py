"""Titles and positions: "chức vụ", "chức danh", "what title / position"."""
from . import AnswerType

ANSWER_TYPE = AnswerType(
    name="title", order=40, kinds=("title",),
    pattern=r"\b(chuc vu|chuc danh|giu chuc|cuong vi|what (title|position)|which (title|position))\b",
)

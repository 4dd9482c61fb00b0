"""Titles and positions: "chức vụ", "chức danh", "what title / position"."""
from . import AnswerType

ANSWER_TYPE = AnswerType(
    name="title", order=40, kinds=("title",),
    # English also asks "What is X's position?", "the post held by X"
    pattern=r"\b(chuc vu|chuc danh|giu chuc|cuong vi|what (title|position)|which (title|position))\b"
            r"|'s (title|position|post)\b|\b(title|position|post) held by\b",
)

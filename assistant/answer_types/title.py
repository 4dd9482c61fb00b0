"""Titles and positions: "chức vụ", "chức danh", "what title / position" — not when "ai / who" asks
for the person who holds one."""
from . import AnswerType

ANSWER_TYPE = AnswerType(
    name="title", order=40, kinds=("title",),
    # English also asks "What is X's position?", "the post held by X"
    # … unless "ai / who" asks for the person who holds one ("Ai giữ chức Chủ tịch …?")
    pattern=r"^(?!.*\b(?:ai|who|whom)\b)(?:.*?)(?:\b(chuc vu|chuc danh|giu chuc|cuong vi (?:gi|nao)|what (title|position)|"
            r"which (title|position))\b|'s (title|position|post)\b|\b(title|position|post) held by\b)",
)

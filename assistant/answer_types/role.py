"""Roles in an event: "vai trò gì", "giữ vai trò", "what role"."""
from . import AnswerType

ANSWER_TYPE = AnswerType(
    name="role", order=50, kinds=("role",),
    pattern=r"\b(vai tro (gi|nao)|giu vai tro|dam nhan vai tro|dam nhiem vai tro|lam gi trong|what role|which role|what was the role)\b",
)

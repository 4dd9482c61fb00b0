"""Durations: "bao lâu", "how long", "how often" — a number of days, weeks, months or years."""
from . import AnswerType

ANSWER_TYPE = AnswerType(
    name="duration", order=25, kinds=("number",),
    pattern=r"\b(bao lau|how long|how often)\b",
)

"""Campaigns and movements: "phong trào", "cuộc vận động", "campaign"."""
from . import AnswerType

ANSWER_TYPE = AnswerType(
    name="campaign", order=100, kinds=("campaign", "quote"),
    pattern=r"\b(phong trao|cuoc van dong|campaigns?|movements?)\b",
)

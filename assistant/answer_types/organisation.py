"""Organisations: "đơn vị nào", "cơ quan nào", "which unit / agency / bloc"."""
from . import AnswerType

ANSWER_TYPE = AnswerType(
    name="organisation", order=80, kinds=("organisation",),
    pattern=r"\b(don vi|co quan|to chuc|ben|khoi|cum|so|hoi|bo|doi|doanh nghiep|cong ty|truong|nganh|ban) nao\b|\bwhich (unit|agency|body|organi[sz]ation|party|bloc|cluster|department|ministry|association|company|team)\b",
)

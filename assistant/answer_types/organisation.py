"""Organisations: "đơn vị nào", "cơ quan nào", "which unit / agency / bloc"."""
from . import AnswerType

ANSWER_TYPE = AnswerType(
    name="organisation", order=80, kinds=("organisation",),
    # "văn bản / biên bản nào" (folded "ban nao") asks for a document, not a board
    pattern=r"\b(don vi|co quan|to chuc|ben|khoi|cum|so|hoi|bo|doi|doanh nghiep|cong ty|truong|nganh|(?<!van )(?<!bien )ban) nao\b|\bwhich (unit|agency|body|organi[sz]ation|party|bloc|cluster|department|ministry|association|company|team)\b",
)

"""Numbers and counts: "bao nhiêu", "mấy đơn vị", "how many", "what percentage"."""
from . import AnswerType

ANSWER_TYPE = AnswerType(
    name="number", order=20, kinds=("number",),
    pattern=r"\b(bao nhieu|may (don vi|co quan|nguoi|tap the|ca nhan|huyen|xa|dia phuong|chuong|dieu|nhiem vu|noi dung|lan|nam|thang|ngay|ty|trieu)|how many|how much|what (?:percentage|share|proportion))\b",
)

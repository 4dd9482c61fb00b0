"""Localities: "tỉnh nào", "huyện nào", "which province / district"."""
from . import AnswerType

ANSWER_TYPE = AnswerType(
    name="locality", order=70, kinds=("locality",),
    pattern=r"(?<!co )\b(tinh|huyen|xa|phuong|thanh pho|quan|thi xa|dia phuong|(?<!nha )nuoc|quoc gia) nao\b|\b(which|what) (province|district|commune|city|ward|town|locality|country)\b",
)

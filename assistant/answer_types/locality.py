"""Localities: "tỉnh nào", "huyện nào", "which province / district"."""
from . import AnswerType

# The (folded) nouns that ask for a place when "nào" follows them; "nhà nước" is the state, no country.
PLACE_NOUNS = r"tinh|huyen|xa|phuong|thanh pho|quan|thi xa|dia phuong|(?<!nha )nuoc|quoc gia"

ANSWER_TYPE = AnswerType(
    name="locality", order=70, kinds=("locality", "named_place"),
    pattern=rf"(?<!co )\b({PLACE_NOUNS}) nao\b|\b(which|what) (province|district|commune|city|ward|town|locality|country)\b",
)

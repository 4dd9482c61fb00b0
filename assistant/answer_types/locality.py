"""Localities: "tỉnh nào", "huyện nào", "which province / district"."""
from . import AnswerType

# "quốc gia" is a country where it heads its phrase: first, or after a quantifier or a preposition
# ("những quốc gia nào", "với quốc gia nào"); after another noun it says "national" ("chính sách
# quốc gia nào" asks for a policy).
_BEFORE_COUNTRY = ("nhung", "cac", "moi", "mot", "hai", "ba", "bon", "nam", "sau", "bay", "tam", "chin", "muoi",
                   "may", "nhieu", "voi", "tai", "o", "cua", "den", "tu", "va", "giua", "sang", "la", "thuoc", "nhu")
_COUNTRY = "(?:(?<!\\w )|(?<=\\d )|" + "|".join(f"(?<=\\b{w} )" for w in _BEFORE_COUNTRY) + ")quoc gia"
# The (folded) nouns that ask for a place when "nào" follows them; "nhà nước" is the state, no country.
PLACE_NOUNS = rf"tinh|huyen|xa|phuong|thanh pho|quan|thi xa|dia phuong|(?<!nha )nuoc|{_COUNTRY}"

ANSWER_TYPE = AnswerType(
    name="locality", order=70, kinds=("locality", "named_place"),
    pattern=rf"(?<!co )\b({PLACE_NOUNS}) nao\b|\b(which|what) (province|district|commune|city|ward|town|locality|country)\b",
)

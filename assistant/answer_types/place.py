"""Places: "ở đâu", "tại đâu", "địa điểm nào", "where"."""
from . import AnswerType

ANSWER_TYPE = AnswerType(
    name="place", order=30, kinds=("place", "locality"),
    # (not "tại đầu cầu", "ở đầu mối", "đầu tư", which fold alike: written without tone marks, "dau"
    # before one of those nouns is "đầu")
    pattern=r"\b((?:o|tai) dau(?! (?:cau|moi|tu)\b)|dia diem nao|noi nao|(?:^|, )where|what place|which venue)\b",
)

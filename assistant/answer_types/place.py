"""Places: "ở đâu", "tại đâu", "địa điểm nào", "where"."""
from . import AnswerType

ANSWER_TYPE = AnswerType(
    name="place", order=30, kinds=("place", "locality"),
    pattern=r"\b(o dau|tai dau|dia diem nao|noi nao|(?:^|, )where|what place|which venue)\b",
)

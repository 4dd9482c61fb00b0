"""Lists: "những … nào", "gồm những …", "liệt kê", "which units", "who signed" — answered by sentences
(and their enumerations), not by one typed span. "Kể tên một …" asks for one item: not a list
(but "một số …", some, asks for several)."""
from . import ENGLISH_AUXILIARIES, AnswerType, later_on_line

ANSWER_TYPE = AnswerType(
    name="list", order=120, kinds=("item",), typed=False,
    pattern=r"\b(nhung|cac) ([\w,]+ ){1,5}nao\b|" + later_on_line(r"\bgom (nhung|co nhung|cac)?\b", r"\b(nao|gi)\b")
    + r"|\bliet ke\b(?! (?:mot|1)\b(?! so\b))|\bke ten\b(?! (?:mot|1)\b(?! so\b))|\bwhich ((?!" + ENGLISH_AUXILIARIES + r")[\w-]+ ){0,3}?(units|agencies|bodies|organi[sz]ations|parties|members|provinces|districts|localities|countries|cities|campaigns|movements|people|officials|leaders|departments|ministries|companies|newspapers|documents|agreements|resolutions|generals|experts)\b|\blist\b|\bwho (signed|took part|participated|were)\b",
)

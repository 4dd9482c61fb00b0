"""Document numbers: "tờ trình số mấy", "quyết định số bao nhiêu" — the number and sign of a document,
asked before any count ("bao nhiêu") is: the answer is a code such as "12/2023/QĐ-UBND"."""
from . import AnswerType

ANSWER_TYPE = AnswerType(
    name="document_number", order=15, kinds=("directive",),
    pattern=r"\b(chi thi|nghi quyet|quyet dinh|nghi dinh|ket luan|thong tu|ke hoach|cong van|thong bao|cong dien|"
            r"to trinh|van ban|huong dan)\b(?: \w+){0,6}? so (?:may|bao nhieu|nao|hieu)\b",
)

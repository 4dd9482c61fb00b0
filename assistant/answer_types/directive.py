"""Documents: which directive, resolution, decision, decree or plan ("chỉ thị nào", "nghị quyết số mấy")."""
from . import AnswerType, later_on_line

ANSWER_TYPE = AnswerType(
    name="directive", order=110, kinds=("directive", "quote"),
    pattern=later_on_line(r"\b(chi thi|nghi quyet|quyet dinh|nghi dinh|ke hoach|thong tu|directives?|resolutions?|decisions?|decrees?)\b",
                          r"\b(nao|gi|so may|so bao nhieu|which|what)\b")
    + r"|\b(which|what) (\w+ ){0,2}(directives?|resolutions?|decisions?|decrees?)\b"
    + r"|\bvan ban nao\b",  # "theo văn bản nào"; a "văn bản" that is only talked about asks no document
)

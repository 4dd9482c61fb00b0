"""Documents: which directive, resolution, decision, decree or plan ("chỉ thị nào", "nghị quyết số mấy")."""
from . import AnswerType

ANSWER_TYPE = AnswerType(
    name="directive", order=110, kinds=("directive", "quote"),
    # the question word asks for the document itself: it follows the document's noun within a few words
    # ("chỉ thị nào", "nghị quyết số mấy", "quyết định thanh tra nào"), not the noun of another thing
    # the question asks about ("sau Chỉ thị 07, huyện chọn những giải pháp nào")
    pattern=r"\b(chi thi|nghi quyet|quyet dinh|nghi dinh|ke hoach|thong tu)( \w+){0,3}? (nao|gi|so may|so bao nhieu)\b"
    + r"|\b(which|what) (\w+ ){0,2}(directives?|resolutions?|decisions?|decrees?)\b"
    + r"|\bvan ban nao\b",  # "theo văn bản nào"; a "văn bản" that is only talked about asks no document
)

"""People: "ai", "người nào", "đồng chí nào", "who", a post's "… tên là gì"; a person is shown with the title
beside the name."""
from corpus.lexicon import OFFICES
from corpus.normalize import fold

from . import AnswerType, Span

_FORMS_OF_ADDRESS = ("ong", "ba", "dong chi")


def show_person(span: Span) -> str:
    """"Nguyễn Văn A – Chủ tịch UBND tỉnh", or "Bí thư Nguyễn Văn A" when the title is lower-case."""
    if span.extra and fold(span.extra) not in _FORMS_OF_ADDRESS:
        return f"{span.text} – {span.extra}" if not span.extra.islower() else f"{span.extra} {span.text}"
    return span.text


ANSWER_TYPE = AnswerType(
    name="person", order=60, kinds=("person", "name"), display=show_person,
    # "… tên là gì" of a post or a person ("Giám đốc Sở X tên là gì?"), not of a programme
    # English also asks "which" of an office: "Which Deputy Director of …", "which provincial leader"
    # one office before "nào" asks for its holder ("vị Phó Chủ tịch nào", "Bí thư nào"; "những Phó Chủ tịch
    # nào" is a list's)
    pattern=r"\b(ai|nguoi nao|dong chi nao|ong nao|ba nao|(?<!don )vi nao|who|whom)\b"
            # one person by their calling: "đại biểu (Quốc hội) nào", "lãnh đạo nào", "vị lãnh đạo nào" (not a
            # list's "những lãnh đạo nào")
            r"|(?<!nhung )(?<!cac )\b(?:vi )?(?:dai bieu(?: quoc hoi| hdnd)?|lanh dao|can bo|nguoi dai dien|chuyen gia) nao\b"
            rf"|(?<!nhung )(?<!cac )(?<!pho )\b(?:{OFFICES}) nao\b"
            r"|\b(?:which|what) (?:(?:vice|deputy|first|standing|permanent|acting|former|provincial|national|assembly|"
            r"party|general)[ -])*(?:chairman|chairwoman|chairperson|director|minister|secretary|official|leader|"
            r"inspector general|governor|mayor|chief|prosecutor|judge|ambassador|deputy|delegate|lawmaker|"
            r"spokesman|spokeswoman|spokesperson|commander)\b"
            rf"|^(?:{OFFICES}|ong|ba|nguoi)\b[^?]*\b(?:ho )?ten (?:day du )?(?:la )?gi\b",
)

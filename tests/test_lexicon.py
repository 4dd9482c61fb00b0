"""The shared word lists (corpus/lexicon.py) and the one offset-preserving fold."""
from __future__ import annotations

from corpus.extraction.names import SURNAME_FOLDS
from corpus.extraction.text import Doc
from corpus.lexicon import COMMON_SURNAMES_FOLDED, ORG_NAME_STOPS, ORG_NAME_STOPS_FOLDED
from corpus.normalize import fold, fold_aligned


def test_the_candidate_readers_surnames_are_among_the_extraction_surnames():
    assert COMMON_SURNAMES_FOLDED <= SURNAME_FOLDS


def test_every_folded_org_name_stop_has_its_accented_form():
    folded = set(ORG_NAME_STOPS_FOLDED.split("|"))
    assert folded <= {fold(w) for w in ORG_NAME_STOPS}


def test_extraction_folds_with_the_one_fold_aligned():
    text = "Ðảng ủy Khối ≠ Đảng ủy; Sở Tư pháp tỉnh Lạc Sơn"
    folded = Doc(text).folded
    assert folded == fold_aligned(text, letters_only=True)
    assert len(folded) == len(text)
    assert folded.startswith("dang uy khoi ≠ dang uy")            # ð → d, "≠" kept
    assert fold_aligned(text).startswith("ðang uy khoi = dang uy")  # the default folds every character


def test_lexicon_matches_left_to_right_without_overlap():
    from corpus.extraction.text import Doc, Lexicon

    lexicon = Lexicon([("quy chế", "regulation"), ("quy chế phối hợp", "coordination"), ("phối hợp", "joint")])
    doc = Doc("Hai bên ký quy chế phối hợp; sau đó bàn việc phối hợp tuần tra và sửa quy chế.")
    found = [(" ".join(t.text for t in doc.toks[i:j]), value) for i, j, value in lexicon.matches(doc.toks)]
    # the longest entry at a start wins, and the scan goes on after it ("phối hợp" inside it is not found)
    assert found == [("quy chế phối hợp", "coordination"), ("phối hợp", "joint"), ("quy chế", "regulation")]

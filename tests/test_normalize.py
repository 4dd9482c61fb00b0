import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from corpus.normalize import fold, has_tone_marks, match_form, nfc, normalize_tones


def test_nfc_composes_decomposed_vietnamese():
    decomposed = unicodedata.normalize("NFD", "Khối thi đua Nội chính")
    assert decomposed != "Khối thi đua Nội chính"
    assert nfc(decomposed) == "Khối thi đua Nội chính"


def test_fold_removes_all_marks_and_d_stroke():
    assert fold("Khối thi đua Nội chính") == "khoi thi dua noi chinh"
    assert fold("ĐẢNG ỦY Đồng Tháp") == "dang uy dong thap"


def test_old_and_new_tone_placement_match():
    for old, new in [("hoà", "hòa"), ("Uỷ ban", "Ủy ban"), ("thuý", "thúy"), ("khoẻ", "khỏe"), ("Toà án", "Tòa án")]:
        assert match_form(old) == match_form(new), (old, new)


def test_tone_placement_leaves_other_syllables_alone():
    for word in ["quý", "hoài", "thuế", "khuya", "hoàng", "thuyết"]:
        assert normalize_tones(word) == word


def test_has_tone_marks():
    assert has_tone_marks("Công an tỉnh")
    assert has_tone_marks("đi")
    assert not has_tone_marks("Cong an tinh")


@given(st.text())
def test_normalisation_never_fails_and_keeps_fold_idempotent(text):
    assert fold(fold(text)) == fold(text)
    assert fold(normalize_tones(nfc(text))) == fold(nfc(text))
    assert match_form(match_form(text)) == match_form(text)


def test_abbreviations_and_their_spelled_out_forms_match():
    from corpus.normalize import spell_out, with_abbreviations

    assert spell_out(fold("Chủ tịch UBMTTQ tỉnh và UBND TP Hà Nội")) == \
        "chu tich uy ban mat tran to quoc tinh va uy ban nhan dan thanh pho ha noi"
    assert {"mat", "tran", "to", "quoc"} <= with_abbreviations({"mttq"})
    assert "ubnd" in with_abbreviations({"uy", "ban", "nhan", "dan", "tinh"})
    assert with_abbreviations({"tu", "phap"}) == {"tu", "phap"}  # "tư" is no abbreviation

"""Roman numerals both ways (`assistant.reading.numerals`)."""
import pytest

from assistant.reading.numerals import from_roman, roman


@pytest.mark.parametrize(("n", "letters"), [(1, "i"), (4, "iv"), (9, "ix"), (14, "xiv"), (16, "xvi"),
                                            (40, "xl"), (89, "lxxxix"), (1994, "mcmxciv")])
def test_numbers_and_their_numerals(n, letters):
    assert roman(n) == letters
    assert from_roman(letters) == n


def test_every_numeral_reads_back_and_other_words_are_none():
    assert all(from_roman(roman(n)) == n for n in range(1, 400))
    assert from_roman("") is None and from_roman("khoa") is None and from_roman("XIV") is None
    with pytest.raises(ValueError):
        roman(0)

"""The reading step: from retrieved chunks to a cited answer, by ranking evidence sentences.

Every sentence of the retrieved chunks is a candidate (`sentences`); each gets general features of
how well it answers the question (`terms`, `features`); one learned model (`model`, fitted by
`python -m eval.fit_reader` on training questions only) turns them into the probability that the
sentence answers the question. The best sentence, with a short typed span when one is found
(`spans`), becomes the answer; a calibrated answerability score decides abstention (`reader`).
"""
from .model import ReaderModel, ReaderModelError, load_reader_model
from .reader import Reader, ScoredSentence

__all__ = ["Reader", "ReaderModel", "ReaderModelError", "ScoredSentence", "load_reader_model"]
